import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildStudent } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { buildApiKey } from "./integrations.fixtures";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const UPSERT_STUDENTS = `mutation($rows: [StudentUpsertInput!]!) {
  upsertStudents(rows: $rows) { created updated unchanged errors { row externalId field code message } }
}`;
const UPSERT_ALUMNI = `mutation($rows: [AlumnusUpsertInput!]!) {
  upsertAlumni(rows: $rows) { created updated unchanged errors { row externalId field code } }
}`;

const student = (n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `S-${n}`,
  email: `student${n}-${process.hrtime.bigint()}@sis.example`.toLowerCase(),
  displayName: `Student ${n}`,
  classYear: 2027,
  major: "History",
  ...extra,
});

async function roster(institutionId: string, role = "STUDENT") {
  return tenantTransaction(db(), { institutionId }, (m) =>
    m.query(
      `SELECT ms.external_id, i.email, i.display_name, i.password_hash, p.class_year, p.major
         FROM memberships ms JOIN identities i ON i.id = ms.identity_id
         LEFT JOIN student_profiles p ON p.membership_id = ms.id
        WHERE ms.role = $1 AND ms.external_id IS NOT NULL ORDER BY ms.external_id`,
      [role],
    ),
  ) as Promise<Array<Record<string, unknown>>>;
}

describe("upsertStudents", () => {
  it("creates people with an API key holding people:write, without passwords, and changes nothing the second time", async () => {
    const { key, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const rows = [student(1), student(2, { classYear: null, major: null })];
    const first = await server.gql(UPSERT_STUDENTS, { rows }, key);
    expect(first.errors).toBeUndefined();
    expect(first.data!.upsertStudents).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [] });
    const people = await roster(institutionId);
    expect(people).toEqual([
      expect.objectContaining({
        external_id: "S-1",
        email: rows[0].email,
        display_name: "Student 1",
        password_hash: null,
        class_year: 2027,
        major: "History",
      }),
      expect.objectContaining({ external_id: "S-2", email: rows[1].email, class_year: null, major: null }),
    ]);
    const again = await server.gql(UPSERT_STUDENTS, { rows }, key);
    expect(again.data!.upsertStudents).toEqual({ created: 0, updated: 0, unchanged: 2, errors: [] });
    expect(await roster(institutionId)).toEqual(people);
  });

  it("updates only what changed, and leaves omitted fields as they are", async () => {
    const { key, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const rows = [student(1), student(2)];
    await server.gql(UPSERT_STUDENTS, { rows }, key);
    const next = await server.gql(
      UPSERT_STUDENTS,
      {
        rows: [
          { ...rows[0], classYear: 2028 },
          { ...rows[1], major: undefined, classYear: undefined },
        ],
      },
      key,
    );
    expect(next.data!.upsertStudents).toEqual({ created: 0, updated: 1, unchanged: 1, errors: [] });
    const people = await roster(institutionId);
    expect(people.map((p) => [p.external_id, p.class_year, p.major])).toEqual([
      ["S-1", 2028, "History"],
      ["S-2", 2027, "History"],
    ]);
  });

  it("reports every bad row with its position and field, and writes the good ones", async () => {
    const { key, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const good = student(1);
    const rows = [
      good,
      student(2, { email: "not-an-email" }),
      student(3, { externalId: "" }),
      student(4, { classYear: 1700 }),
      { ...student(5), externalId: "S-1" },
      student(6, { email: good.email }),
      student(7, { displayName: "x".repeat(121), major: "y".repeat(201) }),
    ];
    const result = await server.gql(UPSERT_STUDENTS, { rows }, key);
    expect(result.errors).toBeUndefined();
    const { errors, ...counts } = result.data!.upsertStudents;
    expect(counts).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(errors.map((e: Record<string, unknown>) => [e.row, e.externalId, e.field, e.code])).toEqual([
      [1, "S-2", "email", "INVALID"],
      [2, null, "externalId", "REQUIRED"],
      [3, "S-4", "classYear", "OUT_OF_RANGE"],
      [4, "S-1", "externalId", "DUPLICATE_IN_BATCH"],
      [5, "S-6", "email", "DUPLICATE_IN_BATCH"],
      [6, "S-7", "displayName", "TOO_LONG"],
      [6, "S-7", "major", "TOO_LONG"],
    ]);
    expect(errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    expect((await roster(institutionId)).map((p) => p.external_id)).toEqual(["S-1"]);
  });

  it("links an existing member by email, and refuses rows that conflict with someone else's id or email", async () => {
    const { key, institutionId, admin } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const institution = { id: institutionId, slug: "", name: "" };
    const existing = await buildStudent(db(), { institution });
    const other = await buildStudent(db(), { institution, externalId: "S-OTHER" });
    const base = await server.gql(UPSERT_STUDENTS, { rows: [student(1)] }, key);
    expect(base.data!.upsertStudents.created).toBe(1);
    const result = await server.gql(
      UPSERT_STUDENTS,
      {
        rows: [student(2, { email: existing.email }), student(3, { email: other.email }), student(1, { email: `changed-${admin.email}` })],
      },
      key,
    );
    const { errors, ...counts } = result.data!.upsertStudents;
    expect(counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(errors.map((e: Record<string, unknown>) => [e.row, e.code])).toEqual([
      [1, "EXTERNAL_ID_CONFLICT"],
      [2, "EMAIL_CONFLICT"],
    ]);
    const people = await roster(institutionId);
    expect(people.find((p) => p.email === existing.email)?.external_id).toBe("S-2");
    // A person who has signed in keeps the name they chose.
    expect(people.find((p) => p.email === existing.email)?.display_name).not.toBe("Student 2");
  });

  it("upserts alumni with their job", async () => {
    const { key, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const rows = [{ ...student(1), externalId: "A-1", employer: "Acme", title: "Engineer" }];
    const first = await server.gql(UPSERT_ALUMNI, { rows }, key);
    expect(first.data!.upsertAlumni).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });
    expect((await server.gql(UPSERT_ALUMNI, { rows }, key)).data!.upsertAlumni.unchanged).toBe(1);
    const stored: Array<Record<string, unknown>> = await tenantTransaction(db(), { institutionId }, (m) =>
      m.query(
        `SELECT p.employer, p.title, p.class_year FROM alumni_profiles p JOIN memberships ms ON ms.id = p.membership_id WHERE ms.external_id = 'A-1'`,
      ),
    );
    expect(stored).toEqual([{ employer: "Acme", title: "Engineer", class_year: 2027 }]);
  });

  it("upserts 50,000 students in one call, and the same call again finds them all unchanged", async () => {
    const { key, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const stamp = Date.now();
    const rows = Array.from({ length: 50_000 }, (_, n) => ({
      externalId: `BULK-${n}`,
      email: `bulk${n}-${stamp}@sis.example`,
      displayName: `Bulk Student ${n}`,
      classYear: 2025 + (n % 4),
      major: n % 2 ? "Biology" : "History",
    }));
    const analyzed = async (): Promise<number> => {
      const [row] = await db().query(
        `SELECT coalesce(extract(epoch FROM max(last_analyze)), 0)::float8 AS at FROM pg_stat_user_tables WHERE relname = 'memberships'`,
      );
      return row.at;
    };
    const analyzedBefore = await analyzed();
    let started = Date.now();
    const first = await server.gql(UPSERT_STUDENTS, { rows }, key);
    const firstMs = Date.now() - started;
    expect(first.errors).toBeUndefined();
    expect(first.data!.upsertStudents).toEqual({ created: 50_000, updated: 0, unchanged: 0, errors: [] });
    started = Date.now();
    const second = await server.gql(UPSERT_STUDENTS, { rows }, key);
    const secondMs = Date.now() - started;
    expect(second.data!.upsertStudents).toEqual({ created: 0, updated: 0, unchanged: 50_000, errors: [] });
    // The upsert refreshed the statistics itself (analyze_people_tables): without them the planner would take
    // 50,000 new rows for one until autovacuum came by.
    expect(await analyzed()).toBeGreaterThan(analyzedBefore);
    const [{ count }] = await tenantTransaction(db(), { institutionId }, (m) =>
      m.query(
        `SELECT count(*)::int AS count FROM memberships ms JOIN student_profiles p ON p.membership_id = ms.id WHERE ms.external_id LIKE 'BULK-%'`,
      ),
    );
    expect(count).toBe(50_000);
    // Speed is the benchmark's job (npm run bench); here the times are only reported.
    console.info(`50,000-row upsert: first ${firstMs} ms, repeat ${secondMs} ms`);
  }, 240_000);

  it("refuses more than 50,000 rows with BULK_TOO_LARGE", async () => {
    const { key } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const rows = Array.from({ length: 50_001 }, (_, n) => ({ externalId: `X${n}`, email: "a@b.co", displayName: "x" }));
    expect(errorCode(await server.gql(UPSERT_STUDENTS, { rows }, key))).toBe("BULK_TOO_LARGE");
  }, 120_000);

  describe("access", () => {
    it("requires credentials", async () => {
      expect(errorCode(await server.gql(UPSERT_STUDENTS, { rows: [student(1)] }))).toBe("UNAUTHENTICATED");
    });

    it("is for admins and for keys with people:write only", async () => {
      const advisor = await buildAdvisor(db());
      expect(errorCode(await server.gql(UPSERT_STUDENTS, { rows: [student(1)] }, await server.signIn(advisor)))).toBe("FORBIDDEN");
      const { key } = await buildApiKey(server, db(), ["PEOPLE_READ", "REQUESTS_READ"]);
      const result = await server.gql(UPSERT_STUDENTS, { rows: [student(1)] }, key);
      expect(errorCode(result)).toBe("SCOPE_MISSING");
      expect(result.errors![0].extensions!.requiredScopes).toEqual(["people:write"]);
    });

    it("accepts large bodies only from admins and keys with people:write", async () => {
      const rows = Array.from({ length: 20_000 }, (_, n) => ({
        externalId: `BIG-${n}`,
        email: `big${n}@sis.example`,
        displayName: `Big ${n}`,
      }));
      const body = JSON.stringify({ query: UPSERT_STUDENTS, variables: { rows } });
      expect(body.length).toBeGreaterThan(1_000_000);
      const post = (token: string | null) =>
        fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body,
        }).then((r) => r.status);
      const reader = await buildApiKey(server, db(), ["PEOPLE_READ"]);
      expect(await post(null)).toBe(413);
      expect(await post("not-a-token")).toBe(413);
      expect(await post(reader.key)).toBe(413);
      expect(await post(await server.signIn(await buildAdvisor(db())))).toBe(413);
      expect(await post(reader.adminToken)).toBe(200);
    }, 60_000);

    it("lets a signed-in admin upsert too", async () => {
      const { adminToken } = await buildApiKey(server, db(), ["PEOPLE_READ"]);
      const result = await server.gql(UPSERT_STUDENTS, { rows: [student(1)] }, adminToken);
      expect(result.data!.upsertStudents.created).toBe(1);
    });

    it("writes only into the key's own institution", async () => {
      const mine = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
      const theirs = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
      const row = student(1);
      await server.gql(UPSERT_STUDENTS, { rows: [row] }, theirs.key);
      const result = await server.gql(UPSERT_STUDENTS, { rows: [{ ...row, email: `mine-${row.email}` }] }, mine.key);
      expect(result.data!.upsertStudents).toMatchObject({ created: 1, errors: [] });
      expect((await roster(theirs.institutionId)).map((p) => p.email)).toEqual([row.email]);
      expect((await roster(mine.institutionId)).map((p) => p.email)).toEqual([`mine-${row.email}`]);
    });
  });
});
