import { readdirSync } from "node:fs";
import path from "node:path";
import type { DataSource } from "typeorm";
import { tenantTransaction } from "../db/tenant-transaction";
import { createFileMailer } from "../modules/notifications/mailer";
import {
  addOutboxRow,
  buildRequestScene,
  eventually,
  outboxState,
  type RequestScene,
} from "../modules/notifications/notifications.fixtures";
import { OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import { EventBus } from "../modules/notifications/pubsub";
import { useFreshDatabase } from "../test/database";
import { makeJobsDue, OutcomeRecorder, queuedJobs, runDueJobs } from "../test/jobs";
import { OutboxJob } from "./outbox-job";
import { mailFolder, PUBLIC_URL, readEml, record, removeMailFolders, settings, silent } from "./outbox-worker.fixtures";
import { outboxTask, TASK } from "./tasks";

const db = useFreshDatabase("notification_prefs", 6);
afterAll(removeMailFolders);

/** A worker whose clock the test sets (quiet hours are judged by it). */
function worker(folder: string, clock: { now: Date }, bus = new EventBus()) {
  const deliverer = new OutboxDeliverer({
    dataSource: db(),
    mailer: createFileMailer(folder),
    bus,
    publicUrl: PUBLIC_URL,
    now: () => clock.now,
  });
  const job = new OutboxJob({ dataSource: db(), deliverer, settings: settings(), logger: silent });
  const outcomes = new OutcomeRecorder();
  const tasks = { [TASK.outbox]: outboxTask({ outbox: job, logger: silent, onOutcome: outcomes.onOutcome }) };
  return {
    outcomes,
    drain: async (institutionId: string) => {
      const from = outcomes.events.length;
      await runDueJobs(db(), tasks);
      return outcomes.count(institutionId, from);
    },
  };
}

async function choose(ds: DataSource, scene: RequestScene, who: "student" | "alumnus", kind: string, email: string, inApp = true) {
  await tenantTransaction(ds, { institutionId: scene.institution.id }, (m) =>
    m.query(`INSERT INTO notification_preferences (institution_id, identity_id, kind, email, in_app) VALUES ($1, $2, $3, $4, $5)`, [
      scene.institution.id,
      scene[who].identityId,
      kind,
      email,
      inApp,
    ]),
  );
}

async function quietHours(ds: DataSource, scene: RequestScene, who: "student" | "alumnus", start: number, end: number, zone: string) {
  await tenantTransaction(ds, { institutionId: scene.institution.id }, (m) =>
    m.query(
      `INSERT INTO notification_settings (institution_id, identity_id, time_zone, quiet_start, quiet_end) VALUES ($1, $2, $3, $4, $5)`,
      [scene.institution.id, scene[who].identityId, zone, start, end],
    ),
  );
}

const sides = (folder: string) =>
  readdirSync(folder)
    .map((f) => /-(student|alumnus)-/.exec(f)?.[1])
    .sort();

describe("the outbox follows notification preferences", () => {
  it("sends no email for a kind set to off or to a digest, and marks the in-app notice muted for who turned it off", async () => {
    const scene = await buildRequestScene(db());
    await choose(db(), scene, "alumnus", "NEW_REQUEST", "OFF", false);
    await addOutboxRow(db(), scene, "request.created");
    const folder = mailFolder();
    const bus = new EventBus();
    const events = record(bus, scene.institution.id);
    await eventually(() => bus.subscriberCount(scene.institution.id) > 0, 5000, "the recorder");

    expect(await worker(folder, { now: new Date() }, bus).drain(scene.institution.id)).toEqual({ delivered: 1 });
    expect(readdirSync(folder)).toEqual([]);
    expect(events).toEqual([expect.objectContaining({ kind: "CREATED", muted: [scene.alumnus.membershipId] })]);

    const digest = await buildRequestScene(db());
    await choose(db(), digest, "alumnus", "NEW_REQUEST", "WEEKLY_DIGEST");
    await addOutboxRow(db(), digest, "request.created");
    const folder2 = mailFolder();
    expect(await worker(folder2, { now: new Date() }).drain(digest.institution.id)).toEqual({ delivered: 1 });
    expect(readdirSync(folder2)).toEqual([]);
  });

  it("turns reminders and nudges off for one person only; the other still gets theirs", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED", meetingStartsAt: new Date(Date.now() + 20 * 3_600_000) });
    await choose(db(), scene, "student", "MEETING_REMINDERS", "OFF");
    await choose(db(), scene, "alumnus", "MEETING_CHECKS", "OFF");
    await addOutboxRow(db(), scene, "request.meeting_reminder", { sequence: 0, reminder: "BEFORE_24H" });
    const folder = mailFolder();
    await worker(folder, { now: new Date() }).drain(scene.institution.id);
    expect(sides(folder)).toEqual(["alumnus"]);
  });

  it("follows the institution's default when the person chose nothing, and the person's own choice over it", async () => {
    const scene = await buildRequestScene(db());
    await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`INSERT INTO notification_defaults (institution_id, kind, email, in_app) VALUES ($1, 'EXPIRY_REMINDERS', 'OFF', false)`, [
        scene.institution.id,
      ]),
    );
    await addOutboxRow(db(), scene, "request.expiry_reminder");
    const folder = mailFolder();
    await worker(folder, { now: new Date() }).drain(scene.institution.id);
    expect(readdirSync(folder)).toEqual([]);

    const second = await buildRequestScene(db(), { institution: scene.institution });
    await choose(db(), second, "alumnus", "EXPIRY_REMINDERS", "IMMEDIATE");
    await addOutboxRow(db(), second, "request.expiry_reminder");
    const folder2 = mailFolder();
    await worker(folder2, { now: new Date() }).drain(scene.institution.id);
    expect(sides(folder2)).toEqual(["alumnus"]);
  });

  it("always sends a cancelled meeting, whatever is stored (a locked kind)", async () => {
    const scene = await buildRequestScene(db(), { state: "CANCELLED", calendarSequence: 1 });
    await choose(db(), scene, "student", "MEETING_CHANGES", "OFF", false);
    await addOutboxRow(db(), scene, "request.cancelled", { actor: "ALUMNUS", sequence: 1 });
    const folder = mailFolder();
    await worker(folder, { now: new Date() }).drain(scene.institution.id);
    expect(sides(folder)).toEqual(["alumnus", "student"]);
  });
});

describe("quiet hours", () => {
  it("holds an email that falls in quiet hours crossing midnight until they end, and sends it then; the other person's goes at once", async () => {
    // The alum's quiet hours, 22:00–07:00 in Chicago; a change at 23:30 CST (05:30 UTC).
    const scene = await buildRequestScene(db(), { state: "ACCEPTED" });
    await quietHours(db(), scene, "alumnus", 22 * 60, 7 * 60, "America/Chicago");
    await addOutboxRow(db(), scene, "request.completed", { actor: "STUDENT" });
    const folder = mailFolder();
    const clock = { now: new Date("2026-12-10T05:30:00Z") };
    const w = worker(folder, clock);

    expect(await w.drain(scene.institution.id)).toEqual({ held: 1 });
    expect(sides(folder)).toEqual(["student"]);
    const [row] = await outboxState(db(), scene.institution.id);
    expect(row.delivered).toBe(false);
    const [{ available_at }] = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`SELECT available_at FROM outbox WHERE id = $1`, [row.id]),
    );
    // 07:00 CST on the 10th.
    expect(new Date(available_at).toISOString()).toBe("2026-12-10T13:00:00.000Z");
    const held = (await queuedJobs(db(), TASK.outbox)).filter((j) => j.key === `outbox-held:${row.id}`);
    expect(held).toHaveLength(1);
    expect(held[0].payload).toEqual({ institutionId: scene.institution.id, outboxId: row.id });

    // Quiet hours end: the held job runs (brought forward here), the alum's email goes, the student's is not sent twice.
    clock.now = new Date("2026-12-10T13:00:00Z");
    await makeJobsDue(db(), TASK.outbox);
    expect(await w.drain(scene.institution.id)).toEqual({ delivered: 1 });
    expect(sides(folder)).toEqual(["alumnus", "student"]);
    expect(
      readEml(
        path.join(
          folder,
          readdirSync(folder).find((f) => f.includes("-alumnus-"))!,
        ),
      ).header("Subject"),
    ).toMatch(/^Thank you/);
    expect((await outboxState(db(), scene.institution.id))[0].delivered).toBe(true);
  });

  it("does not hold what cannot wait: a meeting moved or cancelled, and reminders before a meeting", async () => {
    const scene = await buildRequestScene(db(), { state: "CANCELLED", calendarSequence: 1 });
    await quietHours(db(), scene, "alumnus", 22 * 60, 7 * 60, "America/Chicago");
    await quietHours(db(), scene, "student", 22 * 60, 7 * 60, "America/New_York");
    await addOutboxRow(db(), scene, "request.cancelled", { actor: "SYSTEM", sequence: 1 });
    const folder = mailFolder();
    expect(await worker(folder, { now: new Date("2026-12-10T05:30:00Z") }).drain(scene.institution.id)).toEqual({ delivered: 1 });
    expect(sides(folder)).toEqual(["alumnus", "student"]);
  });
});
