import { RemindersInApp1795305605600 } from "../../db/migrations/1795305605600-RemindersInApp";
import { OutboxJob } from "../../jobs/outbox-job";
import { outboxTask, TASK } from "../../jobs/tasks";
import { createLogger } from "../../logger";
import { useFreshDatabase } from "../../test/database";
import { addJob, runDueJobs } from "../../test/jobs";
import { asInstitution } from "../../test/request-kit";
import type { BuiltMember } from "../../test/factories";
import { startTestServer, type TestServer } from "../../test/test-server";
import { addOutboxRow, buildRequestScene } from "./notifications.fixtures";

// Reminders and nudges in the notification centre (ADR 0028, issue 14). A database of this file's own: running the due
// jobs runs every one in the database.
const db = useFreshDatabase("in_app_nudges", 5);
let server: TestServer;
let deliverOutbox: () => Promise<void>;
beforeAll(async () => {
  server = await startTestServer(db());
  const silent = createLogger("silent");
  const outbox = new OutboxJob({
    dataSource: db(),
    deliverer: server.services.notifications.deliverer,
    settings: { leaseMs: 60_000, maxAttempts: 3 },
    logger: silent,
  });
  deliverOutbox = () => runDueJobs(db(), { [TASK.outbox]: outboxTask({ outbox, logger: silent }) });
});
afterAll(async () => {
  await server.close();
});

const LIST = `{ myNotifications(first: 20) { edges { node { kind event side requestId otherName link readAt } } } }`;
const COUNT = `{ unreadNotificationCount }`;
const UPDATE_PREFS = `mutation($input: UpdateNotificationPreferencesInput!) { updateMyNotificationPreferences(input: $input) { digestHour } }`;

async function ok(member: BuiltMember, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const { data, errors } = await server.gql<Record<string, any>>(query, variables, await server.signIn(member));
  expect(errors).toBeUndefined();
  return data!;
}
const items = async (member: BuiltMember) => ((await ok(member, LIST)).myNotifications.edges as Array<{ node: any }>).map((e) => e.node);
const unread = async (member: BuiltMember) => (await ok(member, COUNT)).unreadNotificationCount as number;

describe("reminders and nudges in the notification centre", () => {
  it("tells both people of a meeting reminder, once even when its delivery is retried, with a link to each side", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED" });
    const outboxId = await addOutboxRow(db(), scene, "request.meeting_reminder", { reminder: "BEFORE_24H" });
    await deliverOutbox();
    // Delivered again (its job run a second time): the real-time ledger keeps it to one item each.
    await asInstitution(db(), scene.institution.id, `UPDATE outbox SET delivered_at = NULL WHERE id = $1`, [outboxId]);
    await addJob(db(), TASK.outbox, { institutionId: scene.institution.id, outboxId }, `outbox:${outboxId}`);
    await deliverOutbox();

    expect(await items(scene.student)).toEqual([
      {
        kind: "MEETING_REMINDERS",
        event: "MEETING_REMINDER",
        side: "STUDENT",
        requestId: scene.requestId,
        otherName: "Alex Alum",
        link: `/student/conversations/${scene.requestId}`,
        readAt: null,
      },
    ]);
    expect(await items(scene.alumnus)).toEqual([
      expect.objectContaining({
        kind: "MEETING_REMINDERS",
        event: "MEETING_REMINDER",
        side: "ALUMNUS",
        otherName: "Sam Student",
        link: `/alumni/requests/${scene.requestId}`,
      }),
    ]);
    expect(await unread(scene.student)).toBe(1);
    expect(await unread(scene.alumnus)).toBe(1);
    // The emails went too, one each, also only once.
    const reminders = (to: string) =>
      server.mailer.sent.filter((m) => m.to === to && m.key?.startsWith(`outbox-${outboxId.padStart(12, "0")}`));
    expect(reminders(scene.student.email)).toHaveLength(1);
    expect(reminders(scene.alumnus.email)).toHaveLength(1);
  });

  it("writes nothing for a person who turned the kind's in-app side off, while their email still goes", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED" });
    for (const member of [scene.student, scene.alumnus])
      await ok(member, UPDATE_PREFS, { input: { preferences: [{ kind: "MEETING_REMINDERS", email: "IMMEDIATE", inApp: false }] } });
    await ok(scene.student, UPDATE_PREFS, { input: { preferences: [{ kind: "MEETING_CHECKS", email: "IMMEDIATE", inApp: false }] } });
    await addOutboxRow(db(), scene, "request.meeting_reminder", { reminder: "BEFORE_1H" });
    await addOutboxRow(db(), scene, "request.meeting_check", { reminder: "CHECK_1" });
    await deliverOutbox();

    expect(await items(scene.student)).toEqual([]);
    // The alum turned off reminders only: the "did it happen?" nudge reaches their centre.
    expect((await items(scene.alumnus)).map((n) => [n.kind, n.event])).toEqual([["MEETING_CHECKS", "MEETING_CHECK"]]);
    expect(server.mailer.sent.filter((m) => m.to === scene.student.email)).toHaveLength(2);
  });

  it("words follow-ups and expiry reminders to the one person they are for, and nothing once the meeting is gone", async () => {
    const held = await buildRequestScene(db(), { state: "COMPLETED" });
    await addOutboxRow(db(), held, "followup.thank_you_due");
    await addOutboxRow(db(), held, "followup.update_due");
    const waiting = await buildRequestScene(db());
    await addOutboxRow(db(), waiting, "request.expiry_reminder");
    // A reminder for a meeting that was cancelled before it went out: no email, so no item either.
    const cancelled = await buildRequestScene(db(), { state: "CANCELLED" });
    await addOutboxRow(db(), cancelled, "request.meeting_reminder", { reminder: "BEFORE_24H" });
    await deliverOutbox();

    expect((await items(held.student)).map((n) => [n.kind, n.event, n.side]).sort()).toEqual([
      ["FOLLOW_UPS", "THANK_YOU_DUE", "STUDENT"],
      ["FOLLOW_UPS", "UPDATE_DUE", "STUDENT"],
    ]);
    expect(await items(held.alumnus)).toEqual([]);
    expect((await items(waiting.alumnus)).map((n) => [n.kind, n.event, n.side])).toEqual([
      ["EXPIRY_REMINDERS", "EXPIRY_REMINDER", "ALUMNUS"],
    ]);
    expect(await items(waiting.student)).toEqual([]);
    expect(await items(cancelled.student)).toEqual([]);
    expect(await items(cancelled.alumnus)).toEqual([]);
  });

  it("keeps another institution's reminders out of sight", async () => {
    const mine = await buildRequestScene(db(), { state: "ACCEPTED" });
    const theirs = await buildRequestScene(db(), { state: "ACCEPTED" });
    await addOutboxRow(db(), theirs, "request.meeting_reminder", { reminder: "BEFORE_24H" });
    await deliverOutbox();
    expect(await items(theirs.student)).toHaveLength(1);
    expect(await items(mine.student)).toEqual([]);
    expect(await unread(mine.alumnus)).toBe(0);
    const seen = await asInstitution(db(), mine.institution.id, `SELECT institution_id FROM in_app_notifications`);
    expect(seen).toEqual([]);
  });
});

describe("migration 1795305605600 (RemindersInApp)", () => {
  it("turns the in-app side of the four kinds on where a saved choice stored the old forced false, and nothing else", async () => {
    const scene = await buildRequestScene(db());
    const row = `INSERT INTO notification_preferences (institution_id, identity_id, kind, email, in_app) VALUES ($1, $2, $3, $4, false)`;
    for (const [kind, email] of [
      ["MEETING_CHECKS", "OFF"],
      ["FOLLOW_UPS", "DAILY_DIGEST"],
      ["NEW_REQUEST", "IMMEDIATE"],
      ["ADVISOR_LISTS", "OFF"],
    ])
      await asInstitution(db(), scene.institution.id, row, [scene.institution.id, scene.student.identityId, kind, email]);
    await asInstitution(
      db(),
      scene.institution.id,
      `INSERT INTO notification_defaults (institution_id, kind, email, in_app) VALUES ($1, 'MEETING_REMINDERS', 'OFF', false)`,
      [scene.institution.id],
    );

    const runner = db().createQueryRunner();
    try {
      await runner.startTransaction();
      await new RemindersInApp1795305605600().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }

    const stored = await asInstitution(
      db(),
      scene.institution.id,
      `SELECT kind, email, in_app FROM notification_preferences WHERE identity_id = $1 ORDER BY kind`,
      [scene.student.identityId],
    );
    expect(stored).toEqual([
      { kind: "ADVISOR_LISTS", email: "OFF", in_app: false },
      { kind: "FOLLOW_UPS", email: "DAILY_DIGEST", in_app: true },
      { kind: "MEETING_CHECKS", email: "OFF", in_app: true },
      { kind: "NEW_REQUEST", email: "IMMEDIATE", in_app: false },
    ]);
    expect(await asInstitution(db(), scene.institution.id, `SELECT kind, in_app FROM notification_defaults`)).toEqual([
      { kind: "MEETING_REMINDERS", in_app: true },
    ]);
    // Row-level security is forced again afterwards.
    const forced = await asInstitution(
      db(),
      scene.institution.id,
      `SELECT relname FROM pg_class WHERE relname IN ('notification_preferences', 'notification_defaults') AND relforcerowsecurity ORDER BY relname`,
    );
    expect(forced).toEqual([{ relname: "notification_defaults" }, { relname: "notification_preferences" }]);
  });
});
