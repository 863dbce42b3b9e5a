import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { EntityManager } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import { leasesOf } from "../../jobs";
import { loadJobsConfig } from "../../jobs/jobs.config";
import { CRONTAB } from "../../jobs/runner";
import { retentionTask, TASK } from "../../jobs/tasks";
import { asOwnerIn } from "../../test/request-kit";
import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAlumnus, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { buildRequest } from "../conversations/conversations.fixtures";
import { applyRetentionRules, type RetentionRules } from "./retention-rules";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db(), { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "infoview-retention-")) });
});
afterAll(() => server.close());

const SETTINGS = `{ retentionSettings { deactivatedMonths messagesYears deliveredDays auditYears } }`;
const UPDATE = `mutation($input: RetentionSettingsInput!) { updateRetentionSettings(input: $input) { deactivatedMonths messagesYears deliveredDays auditYears } }`;
const PREVIEW = `query($settings: RetentionSettingsInput) { retentionPreview(settings: $settings) {
  settings { deactivatedMonths messagesYears deliveredDays auditYears } counts { kind count oldest } } }`;
const LOG = `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 50) { edges { node { action before after actorKind } } } }`;

const RULES: RetentionRules = { deactivatedMonths: 6, messagesYears: 2, deliveredDays: 30, auditYears: 7 };

async function gql(token: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await server.gql(query, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** An institution with, for every rule, one row just past its age and one just short of it (a day either side). */
async function campus() {
  const institution = await buildInstitution(db());
  const admin = await buildAdmin(db(), { institution });
  const alum = await buildAlumnus(db(), { institution });
  const student = await buildStudent(db(), { institution });
  const goneLong = await buildStudent(db(), { institution });
  const goneRecently = await buildStudent(db(), { institution });
  const oldRequest = await buildRequest(db(), student, alum, { state: "DECLINED" });
  const newRequest = await buildRequest(db(), student, alum, { state: "DECLINED" });
  const ids = await asOwnerIn(db(), { institutionId: institution.id }, async (m) => {
    const q = (sql: string, params: unknown[] = []) => m.query(sql, [institution.id, ...params]);
    await q(
      `UPDATE institutions SET retention_deactivated_months = 6, retention_messages_years = 2, retention_delivered_days = 30 WHERE id = $1`,
    );
    await q(`UPDATE memberships SET deactivated_at = now() - interval '6 months 1 day' WHERE institution_id = $1 AND id = $2`, [
      goneLong.membershipId,
    ]);
    await q(
      `UPDATE memberships SET deactivated_at = now() - interval '6 months' + interval '1 day' WHERE institution_id = $1 AND id = $2`,
      [goneRecently.membershipId],
    );
    for (const [request, age] of [
      [oldRequest, `interval '2 years 1 day'`],
      [newRequest, `interval '2 years' - interval '1 day'`],
    ] as const) {
      await q(
        `UPDATE interview_requests SET created_at = now() - (${age}), decline_reason = 'Busy this term', close_reason = 'Something came up'
          WHERE institution_id = $1 AND id = $2`,
        [request.id],
      );
      // Words in the request's (append-only) history, the thank-you's text, a need said in the student's own words.
      await q(
        `INSERT INTO request_events (institution_id, request_id, actor_id, from_state, to_state, reason, at)
         VALUES ($1, $2, $3, 'REQUESTED', 'DECLINED', 'Swamped until May', now() - (${age}))`,
        [request.id, alum.membershipId],
      );
      await q(
        `INSERT INTO follow_ups (institution_id, request_id, student_id, completed_at, thank_you_due_at, update_due_at, thank_you_channel, thank_you_text)
         VALUES ($1, $2, $3, now() - (${age}), now() - (${age}) + interval '3 days', now() - (${age}) + interval '30 days', 'PLATFORM', 'Thank you for the advice on portfolios')`,
        [request.id, student.membershipId],
      );
      await q(
        `INSERT INTO request_accommodations (institution_id, request_id, side, needs, other_text) VALUES ($1, $2, 'STUDENT', '{OTHER}', 'A quiet room')`,
        [request.id],
      );
      await q(`INSERT INTO request_questions (institution_id, request_id, position, text) VALUES ($1, $2, 0, 'What surprised you most?')`, [
        request.id,
      ]);
      await q(
        `INSERT INTO conversation_notes (institution_id, request_id, student_id, advice, takeaways, new_questions, created_at, updated_at)
         VALUES ($1, $2, $3, 'Network early', 'Read more', '{"Who else?"}', now() - (${age}), now() - (${age}))`,
        [request.id, student.membershipId],
      );
    }
    const outbox = async (delivered: string | null, created = "now()") =>
      (
        await q(
          `INSERT INTO outbox (institution_id, topic, payload, created_at, delivered_at) VALUES ($1, 'request.created', '{}', ${created}, ${delivered ?? "NULL"}) RETURNING id`,
        )
      )[0].id as string;
    const [endpoint] = await q(
      `INSERT INTO webhook_endpoints (institution_id, url, secret, events) VALUES ($1, 'https://hooks.example.test/x', 's3cret', ARRAY['request.created']) RETURNING id`,
    );
    const delivery = async (state: string, at: string) =>
      (
        await q(
          `INSERT INTO webhook_deliveries (institution_id, endpoint_id, event_id, event, payload, state, created_at, last_attempt_at, delivered_at)
           VALUES ($1, $2, gen_random_uuid()::text, 'request.created', '{}', $3, ${at}, ${at}, CASE WHEN $3 = 'DELIVERED' THEN ${at} END) RETURNING id`,
          [endpoint.id, state],
        )
      )[0].id as string;
    const audit = (age: string) =>
      q(
        `INSERT INTO audit_log (institution_id, occurred_at, actor_kind, actor_identity_id, action, target_type)
         VALUES ($1, now() - (${age}), 'PERSON', $2, 'membership.joined', 'membership')`,
        [admin.identityId],
      );
    await audit(`interval '7 years 1 day'`);
    await audit(`interval '7 years' - interval '1 day'`);
    return {
      outboxOld: await outbox(`now() - interval '31 days'`),
      outboxNew: await outbox(`now() - interval '29 days'`),
      outboxWaiting: await outbox(null, `now() - interval '100 days'`),
      deliveredOld: await delivery("DELIVERED", `now() - interval '31 days'`),
      failedOld: await delivery("FAILED", `now() - interval '31 days'`),
      deliveredNew: await delivery("DELIVERED", `now() - interval '29 days'`),
      pendingOld: await delivery("PENDING", `now() - interval '100 days'`),
    };
  });
  return { institution, admin, adminToken: await server.signIn(admin), student, goneLong, goneRecently, oldRequest, newRequest, ids };
}
type Campus = Awaited<ReturnType<typeof campus>>;

/** What is left of a campus's rows, read as the owner in its tenant settings. */
function state(c: Campus) {
  return asOwnerIn(db(), { institutionId: c.institution.id }, async (m: EntityManager) => {
    const one = async (sql: string, params: unknown[]) => (await m.query(sql, [c.institution.id, ...params]))[0];
    const request = (id: string) =>
      one(
        `SELECT r.message, r.decline_reason AS "declineReason", r.close_reason AS "closeReason", r.state, q.text AS question,
                n.advice, n.takeaways, n.new_questions AS "newQuestions", e.reason AS "eventReason", f.thank_you_text AS "thankYou",
                a.needs AS "needs", a.other_text AS "otherNeed"
           FROM interview_requests r JOIN request_questions q ON q.institution_id = r.institution_id AND q.request_id = r.id
           JOIN conversation_notes n ON n.institution_id = r.institution_id AND n.request_id = r.id
           JOIN request_events e ON e.institution_id = r.institution_id AND e.request_id = r.id AND e.to_state = 'DECLINED' AND e.actor_id IS NOT NULL
           JOIN follow_ups f ON f.institution_id = r.institution_id AND f.request_id = r.id
           JOIN request_accommodations a ON a.institution_id = r.institution_id AND a.request_id = r.id
          WHERE r.institution_id = $1 AND r.id = $2
          ORDER BY e.at LIMIT 1`,
        [id],
      );
    const erased = async (id: string) =>
      (await one(`SELECT erased_at FROM memberships WHERE institution_id = $1 AND id = $2`, [id])).erased_at !== null;
    const outbox = (
      await m.query(`SELECT id::text FROM outbox WHERE institution_id = $1 AND topic = 'request.created'`, [c.institution.id])
    ).map((r: { id: string }) => r.id);
    const deliveries = (await m.query(`SELECT id::text FROM webhook_deliveries WHERE institution_id = $1`, [c.institution.id])).map(
      (r: { id: string }) => r.id,
    );
    const audit = await one(`SELECT count(*)::int AS n FROM audit_log WHERE institution_id = $1 AND action = 'membership.joined'`, []);
    return {
      oldRequest: await request(c.oldRequest.id),
      newRequest: await request(c.newRequest.id),
      goneLongErased: await erased(c.goneLong.membershipId),
      goneRecentlyErased: await erased(c.goneRecently.membershipId),
      studentErased: await erased(c.student.membershipId),
      outbox: outbox.sort(),
      deliveries: deliveries.sort(),
      oldAuditEntries: audit.n,
    };
  });
}

const untouchedRequest = {
  message: "I would love to learn how you got into your field.",
  declineReason: "Busy this term",
  closeReason: "Something came up",
  state: "DECLINED",
  question: "What surprised you most?",
  advice: "Network early",
  takeaways: "Read more",
  newQuestions: ["Who else?"],
  eventReason: "Swamped until May",
  thankYou: "Thank you for the advice on portfolios",
  needs: ["OTHER"],
  otherNeed: "A quiet room",
};

function untouched(c: Campus) {
  const { ids } = c;
  return {
    oldRequest: untouchedRequest,
    newRequest: untouchedRequest,
    goneLongErased: false,
    goneRecentlyErased: false,
    studentErased: false,
    outbox: [ids.outboxOld, ids.outboxNew, ids.outboxWaiting].sort(),
    deliveries: [ids.deliveredOld, ids.failedOld, ids.deliveredNew, ids.pendingOld].sort(),
    oldAuditEntries: 2,
  };
}

const countsOf = (counts: Array<{ kind: string; count: number }>) => Object.fromEntries(counts.map((c) => [c.kind, c.count]));

describe("retention settings", () => {
  it("are read and set by admins, recorded with before and after; 0 or null keeps forever", async () => {
    const { adminToken } = await campus();
    expect((await gql(adminToken, SETTINGS)).retentionSettings).toEqual({
      deactivatedMonths: 6,
      messagesYears: 2,
      deliveredDays: 30,
      auditYears: 7,
    });
    const set = await gql(adminToken, UPDATE, { input: { deactivatedMonths: 0, messagesYears: null, auditYears: 5 } });
    expect(set.updateRetentionSettings).toEqual({ deactivatedMonths: null, messagesYears: null, deliveredDays: 30, auditYears: 5 });
    const log = await gql(adminToken, LOG, { filter: { action: "institution.retention_changed" } });
    const parsed = (e: { node: { before: string | null; after: string | null } }) => ({
      ...e.node,
      before: e.node.before && JSON.parse(e.node.before),
      after: e.node.after && JSON.parse(e.node.after),
    });
    expect(log.auditLog.edges.map(parsed)).toEqual([
      {
        action: "institution.retention_changed",
        actorKind: "PERSON",
        before: { deactivatedMonths: 6, messagesYears: 2, auditYears: 7 },
        after: { deactivatedMonths: null, messagesYears: null, auditYears: 5 },
      },
    ]);
    // Nothing changed, nothing recorded.
    await gql(adminToken, UPDATE, { input: { deliveredDays: 30 } });
    expect((await gql(adminToken, LOG, { filter: { action: "institution.retention_changed" } })).auditLog.edges).toHaveLength(1);
  });

  it.each([
    [{ deactivatedMonths: 241 }],
    [{ messagesYears: 31 }],
    [{ deliveredDays: -1 }],
    [{ auditYears: 0 }],
    [{ auditYears: null }],
    [{ auditYears: 31 }],
  ])("refuses %j with RETENTION_INVALID and changes nothing", async (input) => {
    const { adminToken } = await campus();
    const result = await server.gql(UPDATE, { input }, adminToken);
    expect(errorCode(result)).toBe("RETENTION_INVALID");
    expect((await gql(adminToken, SETTINGS)).retentionSettings).toEqual({
      deactivatedMonths: 6,
      messagesYears: 2,
      deliveredDays: 30,
      auditYears: 7,
    });
  });

  it("are for admins only", async () => {
    const { student } = await campus();
    const token = await server.signIn(student as BuiltMember);
    expect(errorCode(await server.gql(SETTINGS, {}, token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(PREVIEW, {}, token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(UPDATE, { input: { deliveredDays: 1 } }, token))).toBe("FORBIDDEN");
  });
});

describe("the retention job", () => {
  it("removes exactly what is past each rule, in its institution only; the dry run is what it then does; a rerun does nothing", async () => {
    const a = await campus();
    const b = await campus();
    const before = untouched(a);
    expect(await state(a)).toEqual(before);

    const preview = (await gql(a.adminToken, PREVIEW)).retentionPreview;
    expect(countsOf(preview.counts)).toEqual({
      DEACTIVATED_PEOPLE: 1,
      REQUEST_MESSAGES: 1,
      NOTES: 1,
      OUTBOX_ROWS: 1,
      WEBHOOK_DELIVERIES: 2,
      AUDIT_ENTRIES: 1,
    });
    const oldest = Object.fromEntries(preview.counts.map((c: { kind: string; oldest: string }) => [c.kind, new Date(c.oldest).getTime()]));
    const yearsAgo = (years: number, days: number) => Date.now() - years * 365.25 * 86_400_000 - days * 86_400_000;
    expect(Math.abs(oldest.REQUEST_MESSAGES - yearsAgo(2, 1))).toBeLessThan(3 * 86_400_000);
    expect(Math.abs(oldest.OUTBOX_ROWS - yearsAgo(0, 31))).toBeLessThan(120_000);
    expect(Math.abs(oldest.AUDIT_ENTRIES - yearsAgo(7, 1))).toBeLessThan(3 * 86_400_000);
    // The dry run changed nothing.
    expect(await state(a)).toEqual(before);

    const done = await server.services.privacy.retention.run(a.institution.id, { dryRun: false });
    expect(done.counts.map((c) => ({ ...c, oldest: c.oldest?.toISOString() ?? null }))).toEqual(preview.counts);

    const erasedRequest = {
      ...untouchedRequest,
      message: "[erased]",
      declineReason: null,
      closeReason: null,
      eventReason: null,
      thankYou: null,
      otherNeed: "[erased]",
      question: "[erased]",
      advice: "",
      takeaways: "",
      newQuestions: [],
    };
    expect(await state(a)).toEqual({
      ...before,
      oldRequest: erasedRequest,
      goneLongErased: true,
      outbox: [a.ids.outboxNew, a.ids.outboxWaiting].sort(),
      deliveries: [a.ids.deliveredNew, a.ids.pendingOld].sort(),
      oldAuditEntries: 1,
    });
    expect(await state(b)).toEqual(untouched(b));

    const applied = (await gql(a.adminToken, LOG, { filter: { action: "retention.applied" } })).auditLog.edges;
    expect(applied.map((e: { node: { after: string } }) => ({ ...e.node, after: JSON.parse(e.node.after) }))).toEqual([
      { action: "retention.applied", actorKind: "SYSTEM", before: null, after: countsOf(preview.counts) },
    ]);

    // Idempotent: nothing left to do, nothing recorded again.
    const again = await server.services.privacy.retention.run(a.institution.id, { dryRun: false });
    expect(again.counts.every((c) => c.count === 0 && c.oldest === null)).toBe(true);
    expect((await gql(a.adminToken, LOG, { filter: { action: "retention.applied" } })).auditLog.edges).toHaveLength(1);
    expect(await state(b)).toEqual(untouched(b));
  });

  it("previews the rules being edited, over the saved ones, without saving them", async () => {
    const a = await campus();
    const preview = (await gql(a.adminToken, PREVIEW, { settings: { messagesYears: 0, deliveredDays: 101 } })).retentionPreview;
    expect(preview.settings).toEqual({ deactivatedMonths: 6, messagesYears: null, deliveredDays: 101, auditYears: 7 });
    expect(countsOf(preview.counts)).toMatchObject({ REQUEST_MESSAGES: 0, NOTES: 0, OUTBOX_ROWS: 0, WEBHOOK_DELIVERIES: 0 });
    expect(errorCode(await server.gql(PREVIEW, { settings: { deliveredDays: 4000 } }, a.adminToken))).toBe("RETENTION_INVALID");
    expect((await gql(a.adminToken, SETTINGS)).retentionSettings.messagesYears).toBe(2);
  });

  it("cannot reach another institution's rows from an institution's transaction (row-level security)", async () => {
    const a = await campus();
    const b = await campus();
    // B's rules and id, but A's tenant transaction: every rule finds nothing, and B keeps everything.
    const pass = await tenantTransaction(db(), { institutionId: a.institution.id }, (m) =>
      applyRetentionRules(m, b.institution.id, RULES, false),
    );
    expect(pass.peopleToErase).toEqual([]);
    expect(pass.counts.every((c) => c.count === 0)).toBe(true);
    expect(await state(b)).toEqual(untouched(b));
  });

  it("runs daily for every institution as the crontab's retention task, reporting counts per institution", async () => {
    const a = await campus();
    const outcomes: Array<{ institutionId: string | null; outcome: string; detail?: Record<string, number | null> }> = [];
    const task = retentionTask({
      scheduler: { institutionIds: async () => [a.institution.id] } as never,
      retention: server.services.privacy.retention,
      logger: { warn: jest.fn(), error: jest.fn() } as never,
      onOutcome: (event) => outcomes.push(event),
    });
    await task({}, {} as never);
    expect(outcomes).toEqual([
      expect.objectContaining({
        institutionId: a.institution.id,
        outcome: "done",
        detail: expect.objectContaining({ DEACTIVATED_PEOPLE: 1, OUTBOX_ROWS: 1 }),
      }),
    ]);
    expect((await state(a)).goneLongErased).toBe(true);
  });

  it("is on the crontab once a day, one job at a time across replicas (a job key, no backfill), with a lease", () => {
    expect(CRONTAB.filter((item) => item.task === TASK.retention)).toEqual([
      expect.objectContaining({ match: "29 4 * * *", options: { backfillPeriod: 0, maxAttempts: 1, jobKey: TASK.retention } }),
    ]);
    expect(leasesOf(loadJobsConfig({}))[TASK.retention]).toBeGreaterThan(0);
  });
});
