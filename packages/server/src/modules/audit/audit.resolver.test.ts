import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import {
  buildAdmin,
  buildAdvisor,
  buildAlumnus,
  buildConsent,
  buildInstitution,
  buildStudent,
  type BuiltInstitution,
  type BuiltMember,
} from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { buildRequest } from "../conversations/conversations.fixtures";
import { buildApiKey } from "../integrations/integrations.fixtures";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const ENTRY = `id occurredAt action actorKind actorMembershipId actorName actorApiKeyId targetType targetId subjectMembershipId subjectName before after requestId ip`;
const LOG = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { edges { cursor node { ${ENTRY} } } pageInfo { hasNextPage endCursor } }
}`;
const CSV = `query($filter: AuditLogFilter) { auditLogCsv(filter: $filter) }`;
const SETTINGS = `mutation($input: UpdateInstitutionSettingsInput!) { updateInstitutionSettings(input: $input) { auditRetentionYears consentReviewPolicy meetingMinutes } }`;
const DEACTIVATE = `mutation($input: PeopleSelectionInput!) { deactivatePeople(input: $input) { changed } }`;
const REACTIVATE = `mutation($input: PeopleSelectionInput!) { reactivatePeople(input: $input) { changed } }`;
const TIMELINE = `query($student: ID!) { studentTimeline(studentMembershipId: $student) { kind } }`;

type Entry = Record<string, any>;

async function entries(token: string, filter: Record<string, unknown> = {}, first = 200): Promise<Entry[]> {
  const result = await server.gql(LOG, { filter, first }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.auditLog.edges.map((e: { node: Entry }) => e.node);
}

/** A GraphQL call with headers of our own (a request id), as a proxy or client would send them. */
async function gqlWithHeaders(query: string, variables: Record<string, unknown>, token: string, headers: Record<string, string>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: Array<{ extensions?: { code?: string } }> };
}

async function school(): Promise<{ institution: BuiltInstitution; admin: BuiltMember; adminToken: string }> {
  const institution = await buildInstitution(db());
  const admin = await buildAdmin(db(), { institution });
  return { institution, admin, adminToken: await server.signIn(admin) };
}

describe("the audit_log table", () => {
  it("is append-only: the app role can add and read rows, and UPDATE, DELETE and TRUNCATE fail", async () => {
    const { institution, adminToken } = await school();
    expect((await server.gql(SETTINGS, { input: { meetingMinutes: 45 } }, adminToken)).errors).toBeUndefined();
    const asApp = (sql: string) => tenantTransaction(db(), { institutionId: institution.id }, (m) => m.query(sql, [institution.id]));
    expect(await asApp(`SELECT count(*)::int AS n FROM audit_log WHERE institution_id = $1`)).toEqual([{ n: 1 }]);
    await expect(asApp(`UPDATE audit_log SET action = 'membership.joined' WHERE institution_id = $1`)).rejects.toThrow(/permission denied/);
    await expect(asApp(`DELETE FROM audit_log WHERE institution_id = $1`)).rejects.toThrow(/permission denied/);
    await expect(tenantTransaction(db(), { institutionId: institution.id }, (m) => m.query(`TRUNCATE audit_log`))).rejects.toThrow(
      /permission denied|append-only/,
    );
    // The owner login fares no better: no policy lets a row change, and a login past row-level security meets the trigger.
    const byOwner = await db()
      .query(`UPDATE audit_log SET action = 'membership.joined' WHERE institution_id = $1 RETURNING id`, [institution.id])
      .then(
        // TypeORM answers an UPDATE with [rows, affected count].
        ([, affected]: [unknown[], number]) => `changed ${affected}`,
        (e: Error) => e.message,
      );
    expect(byOwner).toMatch(/append-only|changed 0/);
    expect(await asApp(`SELECT action FROM audit_log WHERE institution_id = $1`)).toEqual([{ action: "institution.settings_changed" }]);
  });

  it("takes the time from the database clock, not from the app", async () => {
    const { institution, admin } = await school();
    const rows = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(
        `INSERT INTO audit_log (institution_id, occurred_at, actor_kind, actor_identity_id, action, target_type)
         VALUES ($1, '2001-01-01', 'PERSON', $2, 'membership.joined', 'membership') RETURNING occurred_at > now() - interval '1 minute' AS fresh`,
        [institution.id, admin.identityId],
      ),
    );
    expect(rows).toEqual([{ fresh: true }]);
  });

  it("keeps entries within the retention period and purges older ones, in one institution only", async () => {
    const { institution, admin, adminToken } = await school();
    const other = await school();
    // Back-dated entries, as only the owner login can write them (the app's are stamped with the clock).
    const backdate = (institutionId: string, identityId: string, years: number) =>
      db().transaction(async (m) => {
        await m.query(`SELECT set_config('app.institution_id', $1, true)`, [institutionId]);
        await m.query(
          `INSERT INTO audit_log (institution_id, occurred_at, actor_kind, actor_identity_id, action, target_type)
           VALUES ($1, now() - make_interval(years => $3) - interval '1 day', 'PERSON', $2, 'membership.joined', 'membership')`,
          [institutionId, identityId, years],
        );
      });
    await backdate(institution.id, admin.identityId, 8);
    await backdate(institution.id, admin.identityId, 3);
    await backdate(other.institution.id, other.admin.identityId, 8);
    expect(await server.services.audit.purgeExpired(institution.id)).toBe(1);
    expect(await entries(adminToken)).toHaveLength(1);
    expect(await entries(other.adminToken)).toHaveLength(1);

    // A shorter retention, set by an admin (and recorded), purges more.
    const set = await server.gql(SETTINGS, { input: { auditRetentionYears: 2 } }, adminToken);
    expect(set.data!.updateInstitutionSettings.auditRetentionYears).toBe(2);
    expect(await server.services.audit.purgeExpired(institution.id)).toBe(1);
    expect((await entries(adminToken)).map((e) => e.action)).toEqual(["institution.settings_changed"]);
  });

  it("is purged only by purge_audit_log: a DELETE by the owner inside the app's scope removes nothing recent", async () => {
    const { institution, adminToken } = await school();
    await server.gql(SETTINGS, { input: { meetingMinutes: 30 } }, adminToken);
    const deleted = await db()
      .transaction(async (m) => {
        await m.query(`SELECT set_config('app.institution_id', $1, true), set_config('infoview.audit_purge', 'on', true)`, [
          institution.id,
        ]);
        return m.query(`DELETE FROM audit_log WHERE institution_id = $1 RETURNING id`, [institution.id]);
      })
      // TypeORM answers a DELETE with [rows, affected count].
      .then(([, affected]: [unknown[], number]) => affected);
    // A superuser (the embedded test server's login) passes row-level security: there the policy cannot speak.
    const superuser = (await db().query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`))[0].rolsuper;
    if (!superuser) expect(deleted).toBe(0);
    expect(await server.services.audit.purgeExpired(institution.id)).toBe(0);
  });

  it("lets purge_audit_log act only for the institution of the transaction", async () => {
    const { institution } = await school();
    const other = await school();
    await expect(
      tenantTransaction(db(), { institutionId: institution.id }, (m) => m.query(`SELECT purge_audit_log($1)`, [other.institution.id])),
    ).rejects.toThrow(/not the current institution/);
  });
});

describe("what is recorded", () => {
  it("records a settings change with the changed values before and after, the request id and the address", async () => {
    const { admin, adminToken } = await school();
    const result = await gqlWithHeaders(
      SETTINGS,
      { input: { meetingMinutes: 45, consentReviewPolicy: "PAUSE", thankYouDays: 3 } },
      adminToken,
      { "x-request-id": "audit-test-request-1" },
    );
    expect(result.errors).toBeUndefined();
    const [entry] = await entries(adminToken);
    expect(entry).toMatchObject({
      action: "institution.settings_changed",
      actorKind: "PERSON",
      actorMembershipId: admin.membershipId,
      actorName: expect.stringContaining(admin.email),
      targetType: "institution",
      targetId: admin.institutionId,
      requestId: "audit-test-request-1",
      ip: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
    expect(JSON.parse(entry.before)).toEqual({ meetingMinutes: 30, consentReviewPolicy: "KEEP", thankYouDays: 2 });
    expect(JSON.parse(entry.after)).toEqual({ meetingMinutes: 45, consentReviewPolicy: "PAUSE", thankYouDays: 3 });
  });

  it("records nothing for a change that changes nothing, and nothing for a change that fails", async () => {
    const { adminToken } = await school();
    await server.gql(SETTINGS, { input: { meetingMinutes: 30 } }, adminToken);
    expect(errorCode(await server.gql(SETTINGS, { input: { auditRetentionYears: 31 } }, adminToken))).toBe("BAD_USER_INPUT");
    expect(await entries(adminToken)).toEqual([]);
  });

  it("records deactivation and reactivation per person, with an API key as the actor", async () => {
    const fixture = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const institution = { id: fixture.institutionId } as BuiltInstitution;
    const student = await buildStudent(db(), { institution });
    const alumnus = await buildAlumnus(db(), { institution });
    const input = { membershipIds: [student.membershipId, alumnus.membershipId] };
    expect((await server.gql(DEACTIVATE, { input }, fixture.key)).data!.deactivatePeople.changed).toBe(2);
    expect((await server.gql(REACTIVATE, { input: { membershipIds: [student.membershipId] } }, fixture.adminToken)).errors).toBeUndefined();
    const log = await entries(fixture.adminToken, { action: "membership." });
    expect(log.map((e) => [e.action, e.subjectMembershipId, e.actorKind])).toEqual(
      expect.arrayContaining([
        ["membership.deactivated", student.membershipId, "API_KEY"],
        ["membership.deactivated", alumnus.membershipId, "API_KEY"],
        ["membership.reactivated", student.membershipId, "PERSON"],
      ]),
    );
    expect(log).toHaveLength(3);
    const byKey = log.find((e) => e.actorKind === "API_KEY")!;
    expect(byKey).toMatchObject({ actorApiKeyId: fixture.keyId, actorName: "API key Test integration", actorMembershipId: null });
    expect(log[0]).toMatchObject({ action: "membership.reactivated", subjectName: expect.stringContaining(student.email) });
  });

  it("records upserts, API keys, webhooks, invitations and consent texts", async () => {
    const fixture = await buildApiKey(server, db(), ["PEOPLE_WRITE", "WEBHOOKS_MANAGE"]);
    const upsert = await server.gql(
      `mutation($rows: [StudentUpsertInput!]!) { upsertStudents(rows: $rows) { created } }`,
      { rows: [{ externalId: "S-1", email: "s1@example.edu", displayName: "Sam One" }] },
      fixture.key,
    );
    expect(upsert.errors).toBeUndefined();
    const webhook = await server.gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
      { input: { url: "https://example.com/hook", events: ["CONSENT_GIVEN"] } },
      fixture.key,
    );
    expect(webhook.errors).toBeUndefined();
    const endpointId = webhook.data!.createWebhookEndpoint.endpoint.id;
    await server.gql(
      `mutation($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id } }`,
      { id: endpointId, input: { active: false } },
      fixture.key,
    );
    await server.gql(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`,
      { input: { email: "new.advisor@example.edu", role: "ADVISOR" } },
      fixture.adminToken,
    );
    await server.gql(`mutation { publishConsentText(kind: ALUMNUS_LISTED, body: "List me.") { id } }`, {}, fixture.adminToken);
    await server.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: fixture.keyId }, fixture.adminToken);

    const log = await entries(fixture.adminToken);
    expect(log.map((e) => e.action)).toEqual([
      "api_key.revoked",
      "consent_text.published",
      "membership.invited",
      "webhook.updated",
      "webhook.created",
      "people.upserted",
      "api_key.created",
    ]);
    const byAction = Object.fromEntries(log.map((e) => [e.action, e]));
    expect(JSON.parse(byAction["people.upserted"].after)).toMatchObject({ rows: 1, created: 1 });
    expect(JSON.parse(byAction["webhook.updated"].before)).toEqual({ active: true });
    expect(JSON.parse(byAction["webhook.updated"].after)).toEqual({ active: false });
    expect(JSON.parse(byAction["api_key.created"].after)).toEqual({
      name: "Test integration",
      scopes: ["people:write", "webhooks:manage"],
    });
    expect(JSON.parse(byAction["membership.invited"].after)).toEqual({ email: "new.advisor@example.edu", role: "ADVISOR" });
    expect(JSON.parse(byAction["consent_text.published"].after)).toEqual({ kind: "ALUMNUS_LISTED", version: 1 });
    // A webhook's secret never reaches the log.
    expect(JSON.stringify(log)).not.toMatch(/whsec|secret/i);
  });

  it("records every time an advisor or admin opens a student's timeline or notes, and not a student's own reads", async () => {
    const { institution, adminToken } = await school();
    const advisor = await buildAdvisor(db(), { institution });
    const student = await buildStudent(db(), { institution });
    const alumnus = await buildAlumnus(db(), { institution });
    await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
    const request = await buildRequest(db(), student, alumnus);
    const studentToken = await server.signIn(student);
    await server.gql(
      `mutation($id: ID!, $input: SaveNotesInput!) { saveNotes(requestId: $id, input: $input) { requestId } }`,
      { id: request.id, input: { advice: "Ask about internships.", sharedWithAdvisor: true } },
      studentToken,
    );
    const advisorToken = await server.signIn(advisor);
    expect((await server.gql(TIMELINE, { student: student.membershipId }, advisorToken)).errors).toBeUndefined();
    expect((await server.gql(TIMELINE, { student: student.membershipId }, adminToken)).errors).toBeUndefined();
    const notes = await server.gql(`query($id: ID!) { notes(requestId: $id) { advice } }`, { id: request.id }, advisorToken);
    expect(notes.data!.notes.advice).toBe("Ask about internships.");
    await server.gql(`query($id: ID!) { notes(requestId: $id) { advice } }`, { id: request.id }, studentToken);

    const log = await entries(adminToken, { person: student.membershipId });
    expect(log.map((e) => [e.action, e.actorMembershipId])).toEqual([
      ["student.notes_viewed", advisor.membershipId],
      ["student.timeline_viewed", expect.any(String)],
      ["student.timeline_viewed", advisor.membershipId],
    ]);
    expect(log[0]).toMatchObject({ targetType: "interview_request", targetId: request.id, subjectMembershipId: student.membershipId });

    // A refused read (the student stops sharing) is not a read of their records.
    await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(
        `INSERT INTO consent_withdrawals (institution_id, consent_id, membership_id, kind, reason)
         SELECT institution_id, id, membership_id, kind, 'WITHDRAWN' FROM consents WHERE membership_id = $1 AND withdrawn_at IS NULL`,
        [student.membershipId],
      ),
    );
    expect(errorCode(await server.gql(TIMELINE, { student: student.membershipId }, advisorToken))).toBe("ACTIVITY_NOT_SHARED");
    expect(await entries(adminToken, { person: student.membershipId })).toHaveLength(3);
  });
});

describe("auditLog", () => {
  it("is refused without signing in, to students, alumni and advisors, and to keys without audit:read", async () => {
    const { institution } = await school();
    expect(errorCode(await server.gql(LOG, {}))).toBe("UNAUTHENTICATED");
    for (const build of [buildStudent, buildAlumnus, buildAdvisor]) {
      const token = await server.signIn(await build(db(), { institution }));
      expect(errorCode(await server.gql(LOG, {}, token))).toBe("FORBIDDEN");
      expect(errorCode(await server.gql(CSV, {}, token))).toBe("FORBIDDEN");
    }
    const key = await buildApiKey(server, db(), ["PEOPLE_READ"]);
    expect(errorCode(await server.gql(LOG, {}, key.key))).toBe("SCOPE_MISSING");
  });

  it("answers keys with audit:read, in their own institution only", async () => {
    const key = await buildApiKey(server, db(), ["AUDIT_READ"]);
    const other = await buildApiKey(server, db(), ["AUDIT_READ"]);
    const log = (await server.gql(LOG, {}, key.key)).data!.auditLog.edges.map((e: { node: Entry }) => e.node);
    expect(log).toEqual([expect.objectContaining({ action: "api_key.created", targetId: key.keyId })]);
    expect(JSON.stringify(log)).not.toContain(other.keyId);
  });

  it("filters by person (id or email), actor, action and dates, and pages with a cursor", async () => {
    const { institution, admin, adminToken } = await school();
    const secondAdmin = await buildAdmin(db(), { institution });
    const secondToken = await server.signIn(secondAdmin);
    const students = await Promise.all([1, 2, 3].map(() => buildStudent(db(), { institution })));
    for (const s of students) await server.gql(DEACTIVATE, { input: { membershipIds: [s.membershipId] } }, adminToken);
    await server.gql(REACTIVATE, { input: { membershipIds: [students[0].membershipId] } }, secondToken);
    await server.gql(SETTINGS, { input: { followUpDays: 20 } }, secondToken);

    expect((await entries(adminToken, { person: students[0].membershipId })).map((e) => e.action)).toEqual([
      "membership.reactivated",
      "membership.deactivated",
    ]);
    expect(await entries(adminToken, { person: students[1].email.toUpperCase() })).toHaveLength(1);
    expect((await entries(adminToken, { actor: secondAdmin.email })).map((e) => e.action)).toEqual([
      "institution.settings_changed",
      "membership.reactivated",
    ]);
    expect(await entries(adminToken, { actor: admin.membershipId })).toHaveLength(3);
    expect(await entries(adminToken, { action: "membership.deactivated" })).toHaveLength(3);
    expect(await entries(adminToken, { action: "membership." })).toHaveLength(4);
    expect(await entries(adminToken, { action: "membership" })).toHaveLength(0);
    expect(await entries(adminToken, { from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await entries(adminToken, { to: new Date(Date.now() - 3_600_000).toISOString() })).toEqual([]);
    expect(await entries(adminToken, { from: new Date(Date.now() - 3_600_000).toISOString() })).toHaveLength(5);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await server.gql(LOG, { first: 2, after }, adminToken)).data!.auditLog;
      seen.push(...page.edges.map((e: { node: Entry }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toEqual((await entries(adminToken)).map((e) => e.id));
  });

  it.each([
    ["a bad action name", { action: "Membership Deactivated" }, "action"],
    ["a range that ends before it starts", { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }, "to"],
  ])("refuses %s with BAD_USER_INPUT naming the field", async (_case, filter, field) => {
    const { adminToken } = await school();
    const result = await server.gql(LOG, { filter }, adminToken);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(result.errors![0].extensions)).toContain(field);
  });

  it("refuses a page size over the maximum and a forged cursor", async () => {
    const { adminToken } = await school();
    expect(errorCode(await server.gql(LOG, { first: 201 }, adminToken))).toBe("BAD_USER_INPUT");
    expect(errorCode(await server.gql(LOG, { after: "not-a-cursor" }, adminToken))).toBe("BAD_USER_INPUT");
  });
});

describe("auditLogCsv", () => {
  it("downloads the filtered entries as CSV and records the download", async () => {
    const { institution, adminToken } = await school();
    const student = await buildStudent(db(), { institution });
    await server.gql(DEACTIVATE, { input: { membershipIds: [student.membershipId] } }, adminToken);
    await server.gql(SETTINGS, { input: { meetingMinutes: 50 } }, adminToken);
    const csv: string = (await server.gql(CSV, { filter: { action: "membership." } }, adminToken)).data!.auditLogCsv;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "occurred_at,action,actor_kind,actor,actor_membership_id,actor_api_key_id,target_type,target_id,subject_membership_id,subject,before,after,request_id,ip",
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("membership.deactivated");
    expect(lines[1]).toContain(student.membershipId);
    const log = await entries(adminToken);
    expect(log[0]).toMatchObject({ action: "audit_log.exported", targetType: "audit_log" });
    expect(JSON.parse(log[0].after)).toEqual({ filter: { action: "membership." }, rows: 1 });
  });
});
