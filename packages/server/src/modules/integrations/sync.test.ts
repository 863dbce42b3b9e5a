import { tenantTransaction } from "../../db/tenant-transaction";
import { APP_ROLE } from "../../db/data-source";
import { useTestDatabase } from "../../test/database";
import { buildAdvisor } from "../../test/factories";
import { acceptedRequest, buildContactableAlumnus, buildSharingStudent, institutionOf, sendRequest } from "../../test/request-kit";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { eventually } from "../notifications/notifications.fixtures";
import { buildApiKey, type KeyFixture } from "./integrations.fixtures";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const UPSERT = `mutation($rows: [StudentUpsertInput!]!) { upsertStudents(rows: $rows) { created updated unchanged } }`;
const PEOPLE = `query($first: Int, $after: String, $updatedSince: DateTimeISO) {
  people(first: $first, after: $after, updatedSince: $updatedSince) { edges { cursor node { membershipId externalId email role activated updatedAt } } pageInfo { hasNextPage endCursor } }
}`;
const REQUESTS = `query($after: String) { requests(after: $after) { edges { node { id state studentId studentExternalId alumnusId } } pageInfo { hasNextPage endCursor } } }`;
const DELETIONS = `query($after: String) { deletions(after: $after) { edges { node { entity id role externalId deletedAt } } pageInfo { endCursor } } }`;

const row = (n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `S-${n}`,
  email: `sync${n}-${process.hrtime.bigint()}@sis.example`,
  displayName: `Student ${n}`,
  classYear: 2027,
  ...extra,
});

type Page = { edges: Array<{ node: Record<string, any> }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

async function feed(query: string, field: string, key: string, variables: Record<string, unknown> = {}): Promise<Page> {
  const result = await server.gql(query, variables, key);
  expect(result.errors).toBeUndefined();
  return result.data![field];
}

/** Feeds hold back rows of transactions still running anywhere on the server (other suites too): wait for them to settle. */
const settled = (query: string, field: string, key: string, variables: Record<string, unknown>, count: number) =>
  eventually(
    async () => {
      const page = await feed(query, field, key, variables);
      return page.edges.length >= count ? page : undefined;
    },
    20_000,
    `${count} rows in ${field}`,
  );

describe("incremental sync", () => {
  let fixture: KeyFixture;
  beforeEach(async () => {
    fixture = await buildApiKey(server, db(), ["PEOPLE_READ", "PEOPLE_WRITE", "REQUESTS_READ"]);
  });

  it("pages people by cursor and, from the last cursor, returns only what changed", async () => {
    const rows = [row(1), row(2), row(3)];
    await server.gql(UPSERT, { rows }, fixture.key);
    // The admin who made the key is not on the roster feed.
    const first = await settled(PEOPLE, "people", fixture.key, { first: 2 }, 2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await feed(PEOPLE, "people", fixture.key, { first: 2, after: first.pageInfo.endCursor });
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const all = [...first.edges, ...rest.edges].map((e) => e.node);
    expect(all.map((p) => p.externalId).sort()).toEqual(["S-1", "S-2", "S-3"]);
    expect(all.every((p) => p.role === "STUDENT" && p.activated === false)).toBe(true);
    const cursor = rest.pageInfo.endCursor;

    expect((await feed(PEOPLE, "people", fixture.key, { after: cursor })).edges).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const changedAt = new Date();
    await server.gql(UPSERT, { rows: [{ ...rows[1], classYear: 2030 }] }, fixture.key);
    const changes = await settled(PEOPLE, "people", fixture.key, { after: cursor }, 1);
    expect(changes.edges.map((e) => e.node.externalId)).toEqual(["S-2"]);
    // updatedSince narrows a first sync the same way.
    const since = await feed(PEOPLE, "people", fixture.key, { updatedSince: changedAt.toISOString() });
    expect(since.edges.map((e) => e.node.externalId)).toEqual(["S-2"]);
  });

  it("never skips a change that commits after a later one: rows wait until older transactions end", async () => {
    await server.gql(UPSERT, { rows: [row(1), row(2)] }, fixture.key);
    const start = await settled(PEOPLE, "people", fixture.key, {}, 2);
    const cursor = start.pageInfo.endCursor;
    const [s1, s2] = start.edges.map((e) => e.node.membershipId);

    // A slow transaction changes S-1 and stays open while a quick one changes S-2 and commits.
    const slow = db().createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    try {
      await slow.query(`SELECT set_config('role', $1, true), set_config('app.institution_id', $2, true)`, [
        APP_ROLE,
        fixture.institutionId,
      ]);
      await slow.query(`UPDATE memberships SET updated_at = now() WHERE id = $1`, [s1]);
      await tenantTransaction(db(), { institutionId: fixture.institutionId }, (m) =>
        m.query(`UPDATE memberships SET updated_at = now() WHERE id = $1`, [s2]),
      );
      // S-2 committed, but a reader that moved its cursor past it now would miss S-1 for good: it is held back.
      expect((await feed(PEOPLE, "people", fixture.key, { after: cursor })).edges).toEqual([]);
      await slow.commitTransaction();
    } finally {
      await slow.release();
    }
    const both = await settled(PEOPLE, "people", fixture.key, { after: cursor }, 2);
    expect(both.edges.map((e) => e.node.membershipId)).toEqual([s1, s2]);
  });

  it("syncs requests as their state changes", async () => {
    const institution = institutionOf(fixture.admin);
    const student = await buildSharingStudent(db(), institution);
    const alumnus = await buildContactableAlumnus(db(), { institution });
    const open = await sendRequest(server.services, student, alumnus);
    const first = await settled(REQUESTS, "requests", fixture.key, {}, 1);
    expect(first.edges.map((e) => [e.node.id, e.node.state])).toEqual([[open.id, "REQUESTED"]]);
    const accepted = await acceptedRequest(server.services, student, await buildContactableAlumnus(db(), { institution }));
    // Created then accepted in two transactions: the feed from the cursor shows the request once, as it is now.
    const next = await settled(REQUESTS, "requests", fixture.key, { after: first.pageInfo.endCursor }, 1);
    expect(next.edges.map((e) => [e.node.id, e.node.state])).toEqual([[accepted.id, "ACCEPTED"]]);
    expect(next.edges[0].node).toMatchObject({ studentId: student.membershipId });
  });

  it("shows deletions of people and requests", async () => {
    await server.gql(UPSERT, { rows: [row(1)] }, fixture.key);
    const institution = institutionOf(fixture.admin);
    const request = await sendRequest(
      server.services,
      await buildSharingStudent(db(), institution),
      await buildContactableAlumnus(db(), { institution }),
    );
    const [person] = (await settled(PEOPLE, "people", fixture.key, {}, 1)).edges.map((e) => e.node).filter((p) => p.externalId === "S-1");
    expect((await feed(DELETIONS, "deletions", fixture.key)).edges).toEqual([]);
    await tenantTransaction(db(), { institutionId: fixture.institutionId }, async (m) => {
      await m.query(`DELETE FROM interview_requests WHERE id = $1`, [request.id]);
      await m.query(`DELETE FROM memberships WHERE id = $1`, [person.membershipId]);
    });
    const deletions = await settled(DELETIONS, "deletions", fixture.key, {}, 2);
    expect(deletions.edges.map((e) => e.node)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: "REQUEST", id: request.id }),
        expect.objectContaining({ entity: "PERSON", id: person.membershipId, role: "STUDENT", externalId: "S-1" }),
      ]),
    );
    expect((await feed(DELETIONS, "deletions", fixture.key, { after: deletions.pageInfo.endCursor })).edges).toEqual([]);
  });

  it("refuses a cursor it did not make with BAD_USER_INPUT", async () => {
    expect(errorCode(await server.gql(PEOPLE, { after: "bm9wZQ" }, fixture.key))).toBe("BAD_USER_INPUT");
    const foreign = Buffer.from(JSON.stringify(["2026-01-01", "8d5e8f8e-0000-4000-8000-000000000000"])).toString("base64url");
    expect(errorCode(await server.gql(PEOPLE, { after: foreign }, fixture.key))).toBe("BAD_USER_INPUT");
    // Digits past what xid8 holds would reach PostgreSQL as an out-of-range value.
    const huge = Buffer.from(JSON.stringify(["9".repeat(30), "8d5e8f8e-0000-4000-8000-000000000000"])).toString("base64url");
    expect(errorCode(await server.gql(PEOPLE, { after: huge }, fixture.key))).toBe("BAD_USER_INPUT");
  });

  describe("access", () => {
    it("requires credentials", async () => {
      expect(errorCode(await server.gql(PEOPLE))).toBe("UNAUTHENTICATED");
      expect(errorCode(await server.gql(REQUESTS))).toBe("UNAUTHENTICATED");
    });

    it("needs the matching scope, or the admin role", async () => {
      const peopleOnly = await buildApiKey(server, db(), ["PEOPLE_READ"]);
      expect(errorCode(await server.gql(REQUESTS, {}, peopleOnly.key))).toBe("SCOPE_MISSING");
      expect((await server.gql(DELETIONS, {}, peopleOnly.key)).errors).toBeUndefined();
      const writeOnly = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
      expect(errorCode(await server.gql(PEOPLE, {}, writeOnly.key))).toBe("SCOPE_MISSING");
      const advisor = await buildAdvisor(db());
      expect(errorCode(await server.gql(PEOPLE, {}, await server.signIn(advisor)))).toBe("FORBIDDEN");
      expect((await server.gql(PEOPLE, {}, fixture.adminToken)).errors).toBeUndefined();
    });

    it("shows only the key's own institution", async () => {
      await server.gql(UPSERT, { rows: [row(1)] }, fixture.key);
      const other = await buildApiKey(server, db(), ["PEOPLE_READ", "REQUESTS_READ"]);
      await settled(PEOPLE, "people", fixture.key, {}, 1);
      expect((await feed(PEOPLE, "people", other.key)).edges).toEqual([]);
      expect((await feed(REQUESTS, "requests", other.key)).edges).toEqual([]);
    });
  });
});
