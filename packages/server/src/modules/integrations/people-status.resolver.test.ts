import { tenantTransaction } from "../../db/tenant-transaction";
import { useFreshDatabase } from "../../test/database";
import { runDueJobs } from "../../test/jobs";
import { buildAdvisor, buildStudent, TEST_PASSWORD, type BuiltMember } from "../../test/factories";
import { acceptedRequest, buildContactableAlumnus, buildSharingStudent, institutionOf, sendRequest } from "../../test/request-kit";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { eventually } from "../notifications/notifications.fixtures";
import { CLOSE_UNAUTHORIZED } from "../notifications/socket-sessions";
import { OutboxJob } from "../../jobs/outbox-job";
import { outboxTask, TASK } from "../../jobs/tasks";
import { createLogger } from "../../logger";
import { buildApiKey } from "./integrations.fixtures";
import { DEACTIVATION_REASON } from "./people-status.service";

// A database of this file's own: running the due jobs runs every one in the database, not only this file's.
const db = useFreshDatabase("people_status", 5);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const DEACTIVATE = `mutation($input: PeopleSelectionInput!) {
  deactivatePeople(input: $input) { changed unchanged requestsClosed errors { row externalId field code message } }
}`;
const REACTIVATE = `mutation($input: PeopleSelectionInput!) {
  reactivatePeople(input: $input) { changed unchanged requestsClosed errors { row externalId field code message } }
}`;
const PEOPLE = `query($after: String) {
  people(first: 1000, after: $after) { edges { node { membershipId externalId active deactivatedAt } } pageInfo { endCursor } }
}`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`;
const ME = `{ me { roles } }`;
const DIRECTORY = `{ alumniDirectory(first: 50) { edges { node { membershipId } } } }`;
const MATCHES = `{ alumniMatches(first: 50) { edges { node { alumnus { membershipId } } } } }`;

const sql = <T = Record<string, any>>(institutionId: string, query: string, params: unknown[] = []) =>
  tenantTransaction(db(), { institutionId }, (m) => m.query(query, params)) as Promise<T[]>;

const signIn = (member: BuiltMember) =>
  server.gql(SIGN_IN, { input: { email: member.email, password: TEST_PASSWORD, institutionId: member.institutionId } });

async function withExternalId(member: BuiltMember, externalId: string): Promise<BuiltMember> {
  await sql(member.institutionId, `UPDATE memberships SET external_id = $2 WHERE id = $1`, [member.membershipId, externalId]);
  return member;
}

describe("deactivatePeople", () => {
  it("stops sign-in, refresh and live sessions at once, and is idempotent", async () => {
    const { key, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const institution = { id: institutionId, slug: "", name: "" };
    const student = await withExternalId(await buildStudent(db(), { institution }), "S-1");
    const session = await signIn(student);
    const { accessToken, refreshToken } = session.data!.signIn;
    expect((await server.gql(ME, {}, accessToken)).data!.me.roles).toEqual(["STUDENT"]);

    const first = await server.gql(DEACTIVATE, { input: { kind: "STUDENT", externalIds: ["S-1"] } }, key);
    expect(first.errors).toBeUndefined();
    expect(first.data!.deactivatePeople).toEqual({ changed: 1, unchanged: 0, requestsClosed: 0, errors: [] });

    expect(errorCode(await server.gql(ME, {}, accessToken))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.gql(REFRESH, { t: refreshToken }))).toBe("SESSION_REVOKED");
    expect(errorCode(await signIn(student))).toBe("MEMBERSHIP_DEACTIVATED");

    const again = await server.gql(DEACTIVATE, { input: { kind: "STUDENT", externalIds: ["S-1"] } }, key);
    expect(again.data!.deactivatePeople).toEqual({ changed: 0, unchanged: 1, requestsClosed: 0, errors: [] });
    const [row] = await sql(institutionId, `SELECT deactivated_at FROM memberships WHERE id = $1`, [student.membershipId]);
    expect(row.deactivated_at).toBeInstanceOf(Date);
    // Upserting the person again (a nightly full-roster push) does not bring them back.
    const upsert = await server.gql(
      `mutation($rows: [StudentUpsertInput!]!) { upsertStudents(rows: $rows) { created updated unchanged errors { code } } }`,
      { rows: [{ externalId: "S-1", email: student.email, displayName: "Student One", classYear: 2030 }] },
      key,
    );
    expect(upsert.data!.upsertStudents).toEqual({ created: 0, updated: 1, unchanged: 0, errors: [] });
    expect(errorCode(await signIn(student))).toBe("MEMBERSHIP_DEACTIVATED");

    // Reactivation undoes it (explicitly: an upsert does not), and is idempotent too.
    const back = await server.gql(REACTIVATE, { input: { membershipIds: [student.membershipId] } }, key);
    expect(back.data!.reactivatePeople).toEqual({ changed: 1, unchanged: 0, requestsClosed: 0, errors: [] });
    expect((await server.gql(REACTIVATE, { input: { membershipIds: [student.membershipId] } }, key)).data!.reactivatePeople).toMatchObject({
      changed: 0,
      unchanged: 1,
    });
    expect((await signIn(student)).data!.signIn.accessToken).toEqual(expect.any(String));
  });

  it("closes the person's open WebSockets (4401)", async () => {
    server.services.notifications.sockets.start(200);
    const student = await buildStudent(db());
    const { key } = await buildApiKey(server, db(), ["PEOPLE_WRITE"], institutionOf(student));
    const closeCodes: number[] = [];
    const client = createClient({
      url: `${server.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${(await signIn(student)).data!.signIn.accessToken}` },
      retryAttempts: 0,
      on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    });
    try {
      client.subscribe({ query: `subscription { requestUpdates { id } }` }, { next: () => {}, error: () => {}, complete: () => {} });
      await eventually(() => server.services.notifications.bus.subscriberCount(student.institutionId) === 1, 20_000, "the subscription");
      await server.gql(DEACTIVATE, { input: { membershipIds: [student.membershipId] } }, key);
      await eventually(() => closeCodes.includes(CLOSE_UNAUTHORIZED), 20_000, "the socket to close");
    } finally {
      await client.dispose();
      server.services.notifications.sockets.start();
    }
  });

  it("refuses an access token that names a deactivated membership, even if its session escaped revocation", async () => {
    const student = await buildStudent(db());
    const token = (await signIn(student)).data!.signIn.accessToken;
    expect((await server.gql(ME, {}, token)).data!.me.roles).toEqual(["STUDENT"]);
    // As if a sign-in had raced with the deactivation: the membership is deactivated, the session left alive.
    await sql(student.institutionId, `UPDATE memberships SET deactivated_at = now() WHERE id = $1`, [student.membershipId]);
    expect(errorCode(await server.gql(ME, {}, token))).toBe("UNAUTHENTICATED");
  });

  it("keeps a person's other roles: an alum who is also an advisor still signs in as the advisor", async () => {
    const alum = await buildContactableAlumnus(db());
    const advisor = await buildAdvisor(db(), { institution: institutionOf(alum), identityId: alum.identityId, email: alum.email });
    const { key } = await buildApiKey(server, db(), ["PEOPLE_WRITE"], institutionOf(alum));
    const result = await server.gql(DEACTIVATE, { input: { membershipIds: [alum.membershipId] } }, key);
    expect(result.data!.deactivatePeople.changed).toBe(1);
    const token = (await signIn(advisor)).data!.signIn.accessToken;
    expect((await server.gql(ME, {}, token)).data!.me.roles).toEqual(["ADVISOR"]);
  });

  it("reports unknown, malformed and repeated ids row by row, and deactivates the rest", async () => {
    const { key, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const institution = { id: institutionId, slug: "", name: "" };
    const a = await withExternalId(await buildStudent(db(), { institution }), "S-A");
    const b = await buildStudent(db(), { institution });
    const advisor = await buildAdvisor(db(), { institution });
    const result = await server.gql(
      DEACTIVATE,
      {
        input: {
          kind: "STUDENT",
          externalIds: ["S-A", "S-MISSING", "S-A", "has space", ""],
          membershipIds: [b.membershipId, "not-a-uuid", advisor.membershipId, a.membershipId],
        },
      },
      key,
    );
    expect(result.errors).toBeUndefined();
    const { errors, ...counts } = result.data!.deactivatePeople;
    // S-A given twice (by external id and by membership id) is one person.
    expect(counts).toEqual({ changed: 2, unchanged: 0, requestsClosed: 0 });
    expect(errors.map((e: Record<string, unknown>) => [e.field, e.row, e.externalId, e.code])).toEqual([
      ["externalIds", 1, "S-MISSING", "NOT_FOUND"],
      ["externalIds", 2, "S-A", "DUPLICATE_IN_BATCH"],
      ["externalIds", 3, "has space", "INVALID"],
      ["externalIds", 4, null, "REQUIRED"],
      ["membershipIds", 1, null, "INVALID"],
      ["membershipIds", 2, null, "NOT_FOUND"],
    ]);
    const rows = await sql(institutionId, `SELECT id FROM memberships WHERE deactivated_at IS NOT NULL ORDER BY id`);
    expect(rows.map((r) => r.id).sort()).toEqual([a.membershipId, b.membershipId].sort());
  });

  it("asks for the roster of external ids, and for at least one id", async () => {
    const { key } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    expect(errorCode(await server.gql(DEACTIVATE, { input: { externalIds: ["S-1"] } }, key))).toBe("BAD_USER_INPUT");
    expect(errorCode(await server.gql(DEACTIVATE, { input: {} }, key))).toBe("BAD_USER_INPUT");
  });

  it("takes an alum out of the directory, matching and new requests", async () => {
    const alum = await buildContactableAlumnus(db());
    const other = await buildContactableAlumnus(db(), { institution: institutionOf(alum) });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const { adminToken } = await buildApiKey(server, db(), ["PEOPLE_READ"], institutionOf(alum));
    const token = await server.signIn(student);
    const listed = async () =>
      (await server.gql(DIRECTORY, {}, token)).data!.alumniDirectory.edges.map(
        (e: { node: { membershipId: string } }) => e.node.membershipId,
      );
    const matched = async () =>
      (await server.gql(MATCHES, {}, token)).data!.alumniMatches.edges.map(
        (e: { node: { alumnus: { membershipId: string } } }) => e.node.alumnus.membershipId,
      );
    expect((await listed()).sort()).toEqual([alum.membershipId, other.membershipId].sort());
    expect((await matched()).sort()).toEqual([alum.membershipId, other.membershipId].sort());

    const result = await server.gql(DEACTIVATE, { input: { membershipIds: [alum.membershipId] } }, adminToken);
    expect(result.data!.deactivatePeople.changed).toBe(1);
    expect(await listed()).toEqual([other.membershipId]);
    expect(await matched()).toEqual([other.membershipId]);
    const profile = await server.gql(
      `query($id: ID!) { alumnusProfile(membershipId: $id) { membershipId } }`,
      { id: alum.membershipId },
      token,
    );
    expect(errorCode(profile)).toBe("NOT_FOUND");
    await expect(sendRequest(server.services, student, alum)).rejects.toMatchObject({ extensions: { code: "NOT_FOUND" } });
  });

  it("drops a deactivated alum from a student's suggestions, and staff cannot suggest them or a deactivated student", async () => {
    const alum = await buildContactableAlumnus(db());
    const institution = institutionOf(alum);
    const student = await buildSharingStudent(db(), institution);
    const advisorToken = await server.signIn(await buildAdvisor(db(), { institution }));
    const { adminToken } = await buildApiKey(server, db(), ["PEOPLE_READ"], institution);
    const suggest = (studentId: string, alumnusId: string) =>
      server.gql(
        `mutation($s: ID!, $a: ID!) { suggestAlumnus(studentMembershipId: $s, alumnusMembershipId: $a) { id } }`,
        { s: studentId, a: alumnusId },
        advisorToken,
      );
    const mine = async () =>
      (await server.gql(`{ mySuggestions { alumnus { membershipId } } }`, {}, await server.signIn(student))).data!.mySuggestions;
    expect((await suggest(student.membershipId, alum.membershipId)).errors).toBeUndefined();
    expect(await mine()).toEqual([{ alumnus: { membershipId: alum.membershipId } }]);

    await server.gql(DEACTIVATE, { input: { membershipIds: [alum.membershipId] } }, adminToken);
    expect(await mine()).toEqual([]);
    expect(errorCode(await suggest(student.membershipId, alum.membershipId))).toBe("NOT_FOUND");

    const other = await buildContactableAlumnus(db(), { institution });
    const leaving = await buildSharingStudent(db(), institution);
    await server.gql(DEACTIVATE, { input: { membershipIds: [leaving.membershipId] } }, adminToken);
    expect(errorCode(await suggest(leaving.membershipId, other.membershipId))).toBe("NOT_FOUND");
  });

  it("refuses more than 50,000 ids with BULK_TOO_LARGE", async () => {
    const { key } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const externalIds = Array.from({ length: 50_001 }, (_, n) => `X${n}`);
    const result = await server.gql(DEACTIVATE, { input: { kind: "STUDENT", externalIds } }, key);
    expect(errorCode(result)).toBe("BULK_TOO_LARGE");
  }, 60_000);

  it("closes open requests and tells the other side through the outbox, not the deactivated person", async () => {
    const alum = await buildContactableAlumnus(db());
    const institution = institutionOf(alum);
    const pending = await buildSharingStudent(db(), institution);
    const booked = await buildSharingStudent(db(), institution);
    const leaving = await buildContactableAlumnus(db(), { institution });
    const { adminToken, key } = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"], institution);
    const endpoint = await server.gql(
      `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hooks", events: [REQUEST_WITHDRAWN, REQUEST_CANCELLED] }) { secret } }`,
      {},
      key,
    );
    expect(endpoint.errors).toBeUndefined();
    const r1 = await sendRequest(server.services, pending, alum);
    const r2 = await acceptedRequest(server.services, booked, alum);
    const r3 = await sendRequest(server.services, pending, leaving);

    const students = await server.gql(DEACTIVATE, { input: { membershipIds: [pending.membershipId, booked.membershipId] } }, adminToken);
    expect(students.data!.deactivatePeople).toMatchObject({ changed: 2, requestsClosed: 3 });
    const states = await sql(
      institution.id,
      `SELECT id, state, close_reason, decline_reason FROM interview_requests WHERE id = ANY($1::uuid[])`,
      [[r1.id, r2.id, r3.id]],
    );
    const byId = new Map(states.map((s) => [s.id, s]));
    expect(byId.get(r1.id)).toMatchObject({ state: "WITHDRAWN", close_reason: DEACTIVATION_REASON });
    expect(byId.get(r2.id)).toMatchObject({ state: "CANCELLED", close_reason: DEACTIVATION_REASON });
    expect(byId.get(r3.id)).toMatchObject({ state: "WITHDRAWN" });
    const outbox = await sql(
      institution.id,
      `SELECT topic, payload FROM outbox WHERE payload->>'requestId' = ANY($1::text[]) AND payload ? 'deactivated' ORDER BY topic`,
      [[r1.id, r2.id, r3.id]],
    );
    expect(outbox.map((o) => [o.topic, o.payload.requestId, o.payload.actor, o.payload.deactivated])).toEqual(
      expect.arrayContaining([
        ["request.cancelled", r2.id, "SYSTEM", "STUDENT"],
        ["request.withdrawn", r1.id, "SYSTEM", "STUDENT"],
        ["request.withdrawn", r3.id, "SYSTEM", "STUDENT"],
      ]),
    );
    expect(outbox).toHaveLength(3);
    // Delivered: the alum hears of the cancelled meeting and the withdrawn request; the deactivated students get nothing.
    const deliverer = server.services.notifications.deliverer;
    const silent = createLogger("silent");
    const job = new OutboxJob({ dataSource: db(), deliverer, settings: { leaseMs: 60_000, maxAttempts: 3 }, logger: silent });
    await runDueJobs(db(), { [TASK.outbox]: outboxTask({ outbox: job, logger: silent }) });
    const mine = new Set([alum.email, leaving.email, pending.email, booked.email]);
    const closing = server.mailer.sent.filter((mail) => mine.has(mail.to) && /^Cancelled|withdrew/.test(mail.subject));
    expect(closing.map((mail) => `${mail.to} ${/^Cancelled/.test(mail.subject) ? "cancelled" : "withdrawn"}`).sort()).toEqual(
      [`${alum.email} cancelled`, `${alum.email} withdrawn`, `${leaving.email} withdrawn`].sort(),
    );
    // Webhooks say why the request closed.
    const hooks = await sql(institution.id, `SELECT event, payload FROM webhook_deliveries ORDER BY event`);
    expect(hooks.map((h) => [h.event, h.payload.data.requestId, h.payload.data.actor, h.payload.data.deactivated]).sort()).toEqual(
      [
        ["request.cancelled", r2.id, "SYSTEM", "STUDENT"],
        ["request.withdrawn", r1.id, "SYSTEM", "STUDENT"],
        ["request.withdrawn", r3.id, "SYSTEM", "STUDENT"],
      ].sort(),
    );

    // A pending request to an alum who leaves is declined for them.
    const stays = await buildSharingStudent(db(), institution);
    const r4 = await sendRequest(server.services, stays, leaving);
    const alumni = await server.gql(DEACTIVATE, { input: { membershipIds: [leaving.membershipId] } }, adminToken);
    expect(alumni.data!.deactivatePeople).toMatchObject({ changed: 1, requestsClosed: 1 });
    const [declined] = await sql(institution.id, `SELECT state, decline_reason FROM interview_requests WHERE id = $1`, [r4.id]);
    expect(declined).toEqual({ state: "DECLINED", decline_reason: DEACTIVATION_REASON });
  });

  it("shows deactivation and reactivation in the people feed after the saved cursor", async () => {
    const { key, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE", "PEOPLE_READ"]);
    const institution = { id: institutionId, slug: "", name: "" };
    const student = await withExternalId(await buildStudent(db(), { institution }), "S-FEED");
    const start = await server.gql(PEOPLE, {}, key);
    const cursor = start.data!.people.pageInfo.endCursor;
    expect(start.data!.people.edges.map((e: { node: { externalId: string } }) => e.node)).toContainEqual(
      expect.objectContaining({ membershipId: student.membershipId, active: true, deactivatedAt: null }),
    );

    await server.gql(DEACTIVATE, { input: { kind: "STUDENT", externalIds: ["S-FEED"] } }, key);
    const after = await server.gql(PEOPLE, { after: cursor }, key);
    expect(after.data!.people.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { membershipId: student.membershipId, externalId: "S-FEED", active: false, deactivatedAt: expect.any(String) },
    ]);

    await server.gql(REACTIVATE, { input: { kind: "STUDENT", externalIds: ["S-FEED"] } }, key);
    const later = await server.gql(PEOPLE, { after: after.data!.people.pageInfo.endCursor }, key);
    expect(later.data!.people.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { membershipId: student.membershipId, externalId: "S-FEED", active: true, deactivatedAt: null },
    ]);
  });

  describe("access", () => {
    it("requires credentials", async () => {
      expect(errorCode(await server.gql(DEACTIVATE, { input: { kind: "STUDENT", externalIds: ["S-1"] } }))).toBe("UNAUTHENTICATED");
      expect(errorCode(await server.gql(REACTIVATE, { input: { kind: "STUDENT", externalIds: ["S-1"] } }))).toBe("UNAUTHENTICATED");
    });

    it("is for admins and keys with people:write only", async () => {
      const advisor = await buildAdvisor(db());
      const input = { kind: "STUDENT", externalIds: ["S-1"] };
      expect(errorCode(await server.gql(DEACTIVATE, { input }, await server.signIn(advisor)))).toBe("FORBIDDEN");
      const student = await buildStudent(db());
      expect(errorCode(await server.gql(REACTIVATE, { input }, await server.signIn(student)))).toBe("FORBIDDEN");
      const { key } = await buildApiKey(server, db(), ["PEOPLE_READ", "REQUESTS_READ"]);
      const result = await server.gql(DEACTIVATE, { input }, key);
      expect(errorCode(result)).toBe("SCOPE_MISSING");
      expect(result.errors![0].extensions!.requiredScopes).toEqual(["people:write"]);
      expect(errorCode(await server.gql(REACTIVATE, { input }, key))).toBe("SCOPE_MISSING");
    });

    it("never touches another institution's people", async () => {
      const mine = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
      const theirs = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
      const theirStudent = await withExternalId(
        await buildStudent(db(), { institution: { id: theirs.institutionId, slug: "", name: "" } }),
        "S-THEIRS",
      );
      const result = await server.gql(
        DEACTIVATE,
        { input: { kind: "STUDENT", externalIds: ["S-THEIRS"], membershipIds: [theirStudent.membershipId] } },
        mine.key,
      );
      expect(result.data!.deactivatePeople).toMatchObject({ changed: 0, unchanged: 0 });
      expect(result.data!.deactivatePeople.errors.map((e: { code: string }) => e.code)).toEqual(["NOT_FOUND", "NOT_FOUND"]);
      const [row] = await sql(theirs.institutionId, `SELECT deactivated_at FROM memberships WHERE id = $1`, [theirStudent.membershipId]);
      expect(row.deactivated_at).toBeNull();
      expect((await signIn(theirStudent)).data!.signIn.accessToken).toEqual(expect.any(String));
    });

    it("lets a signed-in admin deactivate and reactivate", async () => {
      const { adminToken, institutionId } = await buildApiKey(server, db(), ["PEOPLE_READ"]);
      const student = await buildStudent(db(), { institution: { id: institutionId, slug: "", name: "" } });
      const off = await server.gql(DEACTIVATE, { input: { membershipIds: [student.membershipId] } }, adminToken);
      expect(off.data!.deactivatePeople).toEqual({ changed: 1, unchanged: 0, requestsClosed: 0, errors: [] });
      const on = await server.gql(REACTIVATE, { input: { membershipIds: [student.membershipId] } }, adminToken);
      expect(on.data!.reactivatePeople).toEqual({ changed: 1, unchanged: 0, requestsClosed: 0, errors: [] });
    });
  });
});
