import "reflect-metadata";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { TaskList } from "graphile-worker";
import { tenantTransaction } from "../db/tenant-transaction";
import { DigestBuilder } from "../modules/notifications/digests";
import { createFileMailer } from "../modules/notifications/mailer";
import { buildRequestScene, type RequestScene } from "../modules/notifications/notifications.fixtures";
import { OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import { EventBus } from "../modules/notifications/pubsub";
import { digestActionUrl } from "../modules/requests/digest-actions";
import { useFreshDatabase } from "../test/database";
import { addJob, OutcomeRecorder, runDueJobs } from "../test/jobs";
import { buildAdvisor, buildConsent } from "../test/factories";
import { errorCode, startTestServer, type TestServer } from "../test/test-server";
import { OutboxJob } from "./outbox-job";
import { mailFolder, PUBLIC_URL, readEml, removeMailFolders, settings, silent } from "./outbox-worker.fixtures";
import type { Scheduler } from "./scheduler";
import { digestsTask, outboxTask, TASK } from "./tasks";

const db = useFreshDatabase("digests", 6);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(async () => {
  removeMailFolders();
  await server.close();
});

const DAY = 86_400_000;

/** A runner's digests task, as one server process has it. */
function digestRunner(institutionIds: string[]): { tasks: TaskList; outcomes: OutcomeRecorder } {
  const outcomes = new OutcomeRecorder();
  const scheduler = { institutionIds: async () => institutionIds } as unknown as Scheduler;
  return {
    outcomes,
    tasks: {
      [TASK.digests]: digestsTask({
        scheduler,
        digests: new DigestBuilder({
          dataSource: db(),
          advisorLists: (m, i, advisor) => server.services.reports.needsActionIn(m, i, advisor),
        }),
        logger: silent,
        onOutcome: outcomes.onOutcome,
      }),
    },
  };
}

/** The alum wants a weekly digest whose day and hour are already past this week (so one is due now). */
async function weeklyDigest(scene: RequestScene, who: "alumnus" | "student", kind: string) {
  await tenantTransaction(db(), { institutionId: scene.institution.id }, async (m) => {
    await m.query(
      `INSERT INTO notification_preferences (institution_id, identity_id, kind, email, in_app) VALUES ($1, $2, $3, 'WEEKLY_DIGEST', true)`,
      [scene.institution.id, scene[who].identityId, kind],
    );
  });
}

/** The request's proposed times moved into the future (the fixture's are in March 2026). */
async function futureTimes(scene: RequestScene) {
  await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
    m.query(
      `UPDATE proposed_times SET starts_at = date_trunc('hour', now()) + interval '3 days' + (row_number * interval '1 day'),
                                 ends_at = date_trunc('hour', now()) + interval '3 days' + (row_number * interval '1 day') + interval '30 minutes'
         FROM (SELECT id AS pid, row_number() OVER (ORDER BY starts_at) AS row_number FROM proposed_times WHERE request_id = $1) n
        WHERE id = n.pid`,
      [scene.requestId],
    ),
  );
}

const digestRows = (institutionId: string) =>
  tenantTransaction(db(), { institutionId }, (m) =>
    Promise.all([
      m.query(`SELECT identity_id, digest, period, items FROM digest_runs ORDER BY identity_id`),
      m.query(`SELECT topic, payload FROM outbox WHERE topic LIKE 'digest.%' ORDER BY id`),
    ]),
  );

async function deliverDigests(folder: string) {
  const deliverer = new OutboxDeliverer({
    dataSource: db(),
    mailer: createFileMailer(folder),
    bus: new EventBus(),
    publicUrl: PUBLIC_URL,
    digestActionLink: (c) => digestActionUrl(server.services.digestActions.signer, PUBLIC_URL, c),
  });
  const job = new OutboxJob({ dataSource: db(), deliverer, settings: settings(), logger: silent });
  await runDueJobs(db(), { [TASK.outbox]: outboxTask({ outbox: job, logger: silent }) });
}

/** The emails in a folder to one address (the runner delivers every due row in the database, other tests' too). */
const mailTo = (folder: string, email: string) =>
  readdirSync(folder)
    .map((f) => readEml(path.join(folder, f)))
    .filter((e) => e.header("To") === email);

const DESCRIBE = `query($t: String!) { digestAction(token: $t) { action requestId studentName startsAt state done } }`;
const CONFIRM = `mutation($t: String!, $link: String) { confirmDigestAction(token: $t, meetingLink: $link) { action requestId state done startsAt } }`;

describe("digests", () => {
  it("builds one digest per person and period with two runners at once (alumni, students, advisors), and none for people with nothing waiting or no digest", async () => {
    const scene = await buildRequestScene(db());
    await weeklyDigest(scene, "alumnus", "NEW_REQUEST");
    // A student whose meeting nobody said happened, sharing with advisors (so it is on the advisor's list too), with a
    // weekly follow-ups digest; an advisor (weekly by default).
    const met = await buildRequestScene(db(), { institution: scene.institution, state: "ACCEPTED" });
    await buildConsent(db(), met.student, "STUDENT_SHARE_WITH_ADVISORS");
    await weeklyDigest(met, "student", "FOLLOW_UPS");
    const advisor = await buildAdvisor(db(), { institution: scene.institution });
    // A second request for the same alum: one digest with both.
    await buildRequestScene(db(), { institution: scene.institution, alumnus: scene.alumnus });
    // An alum with a digest preference and nothing waiting; an alum with requests and emails at once.
    const idle = await buildRequestScene(db(), { institution: scene.institution, state: "DECLINED" });
    await weeklyDigest(idle, "alumnus", "NEW_REQUEST");
    await buildRequestScene(db(), { institution: scene.institution });

    // Two server processes, each with its own runner and pool, run their digests job at the same moment.
    const a = digestRunner([scene.institution.id]);
    const b = digestRunner([scene.institution.id]);
    await addJob(db(), TASK.digests, {});
    await addJob(db(), TASK.digests, {});
    await Promise.all([runDueJobs(db(), a.tasks), runDueJobs(db(), b.tasks)]);
    const ran = [...a.outcomes.events, ...b.outcomes.events];
    expect(ran).toHaveLength(2);
    // Three digests, each queued by exactly one of the runners (which one varies: they may interleave).
    expect(ran.reduce((n, e) => n + e.detail!.queued!, 0)).toBe(3);

    const [runs, outbox] = await digestRows(scene.institution.id);
    const expected = [
      { who: scene.alumnus, digest: "REQUESTS", topic: "digest.requests", items: 2 },
      { who: met.student, digest: "FOLLOW_UPS", topic: "digest.follow_ups", items: 1 },
      { who: advisor, digest: "ADVISOR_LISTS", topic: "digest.advisor_lists", items: 1 },
    ];
    expect(runs).toHaveLength(3);
    for (const e of expected) {
      const run = runs.find((r: { identity_id: string }) => r.identity_id === e.who.identityId);
      expect(run).toEqual(expect.objectContaining({ digest: e.digest, items: e.items }));
      expect(run.period).toMatch(/^W\d{4}-\d{2}-\d{2}$/);
      expect(outbox.filter((o: { payload: { identityId: string } }) => o.payload.identityId === e.who.identityId)).toEqual([
        {
          topic: e.topic,
          payload: { digest: e.digest, identityId: e.who.identityId, membershipId: e.who.membershipId, period: run.period },
        },
      ]);
    }

    // Run again in the same period: nothing more.
    const again = digestRunner([scene.institution.id]);
    await addJob(db(), TASK.digests, {});
    await runDueJobs(db(), again.tasks);
    expect(again.outcomes.events.map((e) => e.detail!.queued)).toEqual([0]);
    expect((await digestRows(scene.institution.id))[1]).toHaveLength(3);
  });

  it("emails the requests with their open times and single-use links that accept a time or decline after a confirmation", async () => {
    const scene = await buildRequestScene(db());
    await futureTimes(scene);
    await weeklyDigest(scene, "alumnus", "NEW_REQUEST");
    await new DigestBuilder({ dataSource: db() }).run(scene.institution.id);
    const folder = mailFolder();
    await deliverDigests(folder);
    const [eml, ...more] = mailTo(folder, scene.alumnus.email);
    expect(more).toHaveLength(0);
    expect(eml.header("Subject")).toBe("1 request is waiting for your answer");
    expect(eml.body).toContain("Sam Student — expires");
    const accepts = [...eml.body.matchAll(/: accept this time (http\S+)/g)].map((m) => m[1]);
    expect(accepts).toHaveLength(2);
    const decline = /Decline: (http\S+)/.exec(eml.body)![1];
    const token = (url: string) => new URL(url).pathname.replace("/digest/", "");
    expect(new URL(accepts[0]).origin).toBe(PUBLIC_URL);

    // The page first shows what the link does; nothing is done yet.
    const described = await server.gql(DESCRIBE, { t: token(accepts[1]) });
    expect(described.errors).toBeUndefined();
    expect(described.data!.digestAction).toEqual(
      expect.objectContaining({
        action: "ACCEPT",
        requestId: scene.requestId,
        studentName: "Sam Student",
        state: "REQUESTED",
        done: false,
      }),
    );
    const [, second] = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`SELECT starts_at FROM proposed_times WHERE request_id = $1 ORDER BY starts_at`, [scene.requestId]),
    );
    expect(new Date(described.data!.digestAction.startsAt).getTime()).toBe(new Date(second.starts_at).getTime());

    // A video call needs a link here (the institution pastes links): refused, and the link is not used up by it.
    expect(errorCode(await server.gql(CONFIRM, { t: token(accepts[1]) }))).toBe("BAD_USER_INPUT");
    // Confirming accepts that time, as the alum, without any sign-in.
    const confirmed = await server.gql(CONFIRM, { t: token(accepts[1]), link: "https://meet.example/digest" });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmDigestAction).toEqual(expect.objectContaining({ action: "ACCEPT", state: "ACCEPTED", done: true }));
    const [request] = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`SELECT state, meeting_starts_at FROM interview_requests WHERE id = $1`, [scene.requestId]),
    );
    expect(new Date(request.meeting_starts_at).getTime()).toBe(new Date(second.starts_at).getTime());

    // Used once: refused after; the other links can no longer do their thing (the request's own rules).
    expect(errorCode(await server.gql(CONFIRM, { t: token(accepts[1]) }))).toBe("LINK_USED");
    expect(errorCode(await server.gql(DESCRIBE, { t: token(accepts[1]) }))).toBe("LINK_USED");
    expect(errorCode(await server.gql(CONFIRM, { t: token(decline) }))).toBe("INVALID_TRANSITION");
    // Altered or expired links are refused.
    // The signature's FIRST character is changed: its last one may carry only padding bits in base64url, and changing
    // those leaves the same signature bytes (this test once passed an "altered" link that way).
    const original = token(decline);
    const cut = original.lastIndexOf(".") + 1;
    const altered = original.slice(0, cut) + (original[cut] === "A" ? "B" : "A") + original.slice(cut + 1);
    expect(errorCode(await server.gql(DESCRIBE, { t: altered }))).toBe("LINK_INVALID");
    const expired = server.services.digestActions.signer.sign({
      i: scene.institution.id,
      r: scene.requestId,
      m: scene.alumnus.membershipId,
      a: "DECLINE",
      t: "",
      e: Math.floor((Date.now() - DAY) / 1000),
    });
    expect(errorCode(await server.gql(DESCRIBE, { t: expired }))).toBe("LINK_EXPIRED");
  });

  it("sends students a digest of follow-ups due, and skips a digest whose items were dealt with before it went out", async () => {
    const scene = await buildRequestScene(db(), { state: "COMPLETED" });
    await weeklyDigest(scene, "student", "FOLLOW_UPS");
    await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(
        `INSERT INTO follow_ups (institution_id, request_id, student_id, completed_at, thank_you_due_at, update_due_at)
         VALUES ($1, $2, $3, now() - interval '3 days', now() - interval '1 day', now() + interval '40 days')`,
        [scene.institution.id, scene.requestId, scene.student.membershipId],
      ),
    );
    expect(await new DigestBuilder({ dataSource: db() }).run(scene.institution.id)).toBe(1);
    const folder = mailFolder();
    await deliverDigests(folder);
    const [eml] = mailTo(folder, scene.student.email);
    expect(eml.header("Subject")).toBe("Follow-ups due: 1");
    expect(eml.body).toContain("A thank-you to Alex Alum, by");
    expect(eml.body).not.toContain("An update to");

    // Another student: the thank-you is recorded between building and delivering: no email.
    const other = await buildRequestScene(db(), { institution: scene.institution, state: "COMPLETED" });
    await weeklyDigest(other, "student", "FOLLOW_UPS");
    await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(
        `INSERT INTO follow_ups (institution_id, request_id, student_id, completed_at, thank_you_due_at, update_due_at)
         VALUES ($1, $2, $3, now() - interval '3 days', now() - interval '1 day', now() + interval '40 days')`,
        [scene.institution.id, other.requestId, other.student.membershipId],
      ),
    );
    expect(await new DigestBuilder({ dataSource: db() }).run(scene.institution.id)).toBe(1);
    await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`UPDATE follow_ups SET thank_you_sent_at = now() WHERE request_id = $1`, [other.requestId]),
    );
    const folder2 = mailFolder();
    await deliverDigests(folder2);
    expect(mailTo(folder2, other.student.email)).toEqual([]);
  });

  it("serves the confirmation page the links open: GET only shows it, POST declines, once", async () => {
    const scene = await buildRequestScene(db());
    await futureTimes(scene);
    await weeklyDigest(scene, "alumnus", "NEW_REQUEST");
    await new DigestBuilder({ dataSource: db() }).run(scene.institution.id);
    const folder = mailFolder();
    await deliverDigests(folder);
    const [eml] = mailTo(folder, scene.alumnus.email);
    const decline = /Decline: (http\S+)/.exec(eml.body)![1];
    const local = `${server.url}${new URL(decline).pathname}`;

    const shown = await fetch(local);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain("Decline Sam Student&#39;s request?");
    expect(html).toMatch(/<form method="post"/);
    const state = async () =>
      (
        await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
          m.query(`SELECT state FROM interview_requests WHERE id = $1`, [scene.requestId]),
        )
      )[0].state;
    expect(await state()).toBe("REQUESTED");

    const done = await fetch(local, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Declined");
    expect(await state()).toBe("DECLINED");
    const again = await fetch(local, { method: "POST" });
    expect({ status: again.status, code: again.headers.get("x-error-code") }).toEqual({ status: 400, code: "LINK_USED" });
  });
});
