import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildConsent, buildInstitution, buildStudent, type BuiltInstitution, type BuiltMember } from "../../test/factories";
import { buildContactableAlumnus } from "../../test/request-kit";
import { errorCode, startTestServer, type GraphQLResult, type TestServer } from "../../test/test-server";

/** The alumni a student already wrote to: counted and offered, never silently left out; and reasons that quote what matched. */

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const MATCHES = `query($first: Int, $after: String, $field: ID, $include: Boolean, $student: ID) {
  alumniMatches(first: $first, after: $after, field: $field, includeContacted: $include, studentMembershipId: $student) {
    edges { node { openRequestId alumnus { membershipId } reasons { kind text studentTerms alumnusTerms } } }
    pageInfo { hasNextPage endCursor }
    leftOutAlreadyContacted
  }
}`;

interface Page {
  ids: string[];
  openRequests: Array<string | null>;
  leftOut: number;
  hasNextPage: boolean;
  endCursor: string | null;
  reasons: Array<Array<{ kind: string; text: string; studentTerms: string[]; alumnusTerms: string[] }>>;
}
const page = (result: GraphQLResult): Page => {
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  const c = result.data.alumniMatches;
  type Edge = { node: { openRequestId: string | null; alumnus: { membershipId: string }; reasons: Page["reasons"][number] } };
  return {
    ids: c.edges.map((e: Edge) => e.node.alumnus.membershipId),
    openRequests: c.edges.map((e: Edge) => e.node.openRequestId),
    reasons: c.edges.map((e: Edge) => e.node.reasons),
    leftOut: c.leftOutAlreadyContacted,
    hasNextPage: c.pageInfo.hasNextPage,
    endCursor: c.pageInfo.endCursor,
  };
};

const sql = (institutionId: string, query: string, params: unknown[] = []) =>
  tenantTransaction(db(), { institutionId }, (m) => m.query(query, params));

async function alum(institution: BuiltInstitution, fields: string[], topics: string[] = []): Promise<BuiltMember> {
  const member = await buildContactableAlumnus(db(), { institution, capacity: 4 });
  await sql(
    institution.id,
    `UPDATE alumni_profiles SET fields = $2, industry = 'legal', topics = $3, title = 'Analyst' WHERE membership_id = $1`,
    [member.membershipId, fields, topics],
  );
  return member;
}

async function student(institution: BuiltInstitution): Promise<BuiltMember> {
  const member = await buildStudent(db(), { institution });
  await sql(
    institution.id,
    `UPDATE student_profiles SET fields = '{data-science,law}', industries = '{}', pitch = 'Curious about product management and data.'
      WHERE membership_id = $1`,
    [member.membershipId],
  );
  await buildConsent(db(), member, "STUDENT_SHARE_WITH_ADVISORS");
  return member;
}

async function request(s: BuiltMember, a: BuiltMember, state: "REQUESTED" | "ACCEPTED" | "DECLINED"): Promise<string> {
  const [row] = await sql(
    s.institutionId,
    `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone, expires_at,
       answered_at, meeting_starts_at, meeting_ends_at)
     VALUES ($1, $2, $3, $4, 'VIDEO', 'Hello!', 'UTC', 'UTC', now() + interval '7 days',
       CASE WHEN $4 IN ('ACCEPTED','DECLINED') THEN now() END,
       CASE WHEN $4 = 'ACCEPTED' THEN now() + interval '3 days' END,
       CASE WHEN $4 = 'ACCEPTED' THEN now() + interval '3 days 30 minutes' END)
     RETURNING id`,
    [s.institutionId, s.membershipId, a.membershipId, state],
  );
  return row.id;
}

/** Two best-fitting alumni the student wrote to (one asked, one accepted), one who declined, and two weaker ones. */
async function arrange() {
  const inst = await buildInstitution(db());
  const s = await student(inst);
  const asked = await alum(inst, ["data-science", "law"]);
  const accepted = await alum(inst, ["data-science", "law"]);
  const declined = await alum(inst, ["data-science", "law"]);
  const weaker = await alum(inst, ["data-science"], ["Product analytics"]);
  const weakest = await alum(inst, ["law"]);
  const askedId = await request(s, asked, "REQUESTED");
  const acceptedId = await request(s, accepted, "ACCEPTED");
  await request(s, declined, "DECLINED");
  return { inst, s, asked, accepted, weaker, weakest, askedId, acceptedId, token: await server.signIn(s) };
}

describe("alumniMatches and the alumni the student already wrote to", () => {
  it("says how many are left out instead of leaving them out silently, and lists them, best first, when asked", async () => {
    const { s, asked, accepted, weaker, weakest, askedId, acceptedId, token } = await arrange();
    const plain = page(await server.gql(MATCHES, {}, token));
    expect(plain.ids).toEqual([weaker.membershipId, weakest.membershipId]);
    expect(plain.leftOut).toBe(2);
    expect(plain.openRequests).toEqual([null, null]);

    const all = page(await server.gql(MATCHES, { include: true }, token));
    expect(new Set(all.ids.slice(0, 2))).toEqual(new Set([asked.membershipId, accepted.membershipId]));
    expect(all.ids.slice(2)).toEqual([weaker.membershipId, weakest.membershipId]);
    expect(all.leftOut).toBe(0);
    const openOf = new Map(all.ids.map((id, i) => [id, all.openRequests[i]]));
    expect(openOf.get(asked.membershipId)).toBe(askedId);
    expect(openOf.get(accepted.membershipId)).toBe(acceptedId);
    // A decline is not "already wrote to": it stays out, uncounted, either way.
    expect(all.ids).toHaveLength(4);

    // The count follows the filters: only alumni who would be in this list are counted.
    await sql(s.institutionId, `UPDATE alumni_profiles SET fields = '{law}' WHERE membership_id = $1`, [asked.membershipId]);
    const narrowed = page(await server.gql(MATCHES, { field: "data-science" }, token));
    expect(narrowed).toMatchObject({ ids: [weaker.membershipId], leftOut: 1 });
  });

  it("pages without repeats whether they are listed or not, with the same count on every page", async () => {
    const { weaker, weakest, token } = await arrange();
    const first = page(await server.gql(MATCHES, { first: 1 }, token));
    const second = page(await server.gql(MATCHES, { first: 1, after: first.endCursor }, token));
    expect([...first.ids, ...second.ids]).toEqual([weaker.membershipId, weakest.membershipId]);
    expect([first.hasNextPage, second.hasNextPage]).toEqual([true, false]);
    expect([first.leftOut, second.leftOut]).toEqual([2, 2]);

    const everything = page(await server.gql(MATCHES, { include: true, first: 10 }, token)).ids;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 4; i++) {
      const p: Page = page(await server.gql(MATCHES, { include: true, first: 1, after }, token));
      seen.push(...p.ids);
      after = p.endCursor;
      expect(p.hasNextPage).toBe(i < 3);
    }
    expect(seen).toEqual(everything);
  });

  it("counts only the student's own requests in their own institution; staff see the count while the student shares", async () => {
    const { inst, s, token } = await arrange();
    // Another student of the same campus wrote to no one: nothing left out for them.
    const other = await student(inst);
    expect(page(await server.gql(MATCHES, {}, await server.signIn(other))).leftOut).toBe(0);
    // Another institution's student sees none of this campus's alumni or requests.
    const elsewhere = await buildInstitution(db());
    const outsider = await student(elsewhere);
    await alum(elsewhere, ["data-science"]);
    const theirs = page(await server.gql(MATCHES, { include: true }, await server.signIn(outsider)));
    expect(theirs).toMatchObject({ leftOut: 0, openRequests: [null] });
    // Staff of that institution cannot ask for this student's matches.
    const foreignAdvisor = await buildAdvisor(db(), { institution: elsewhere });
    expect(errorCode(await server.gql(MATCHES, { student: s.membershipId }, await server.signIn(foreignAdvisor)))).toBe("NOT_FOUND");
    const advisor = await buildAdvisor(db(), { institution: inst });
    expect(page(await server.gql(MATCHES, { student: s.membershipId }, await server.signIn(advisor))).leftOut).toBe(2);
    expect(page(await server.gql(MATCHES, {}, token)).leftOut).toBe(2);
  });

  it("gives reasons that quote the pitch's words and the alum's topics that matched, and none for a pitch that shares nothing", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const brand = await alum(inst, ["law"], ["Brand management"]);
    const unrelated = await alum(inst, ["law"], ["Brand strategy"]);
    const result = page(await server.gql(MATCHES, { include: true }, await server.signIn(s)));
    const reasonsOf = (a: BuiltMember) => result.reasons[result.ids.indexOf(a.membershipId)];
    expect(reasonsOf(brand).find((r) => r.kind === "KEYWORDS")).toEqual({
      kind: "KEYWORDS",
      text: "Your pitch says “management”; their profile says “Brand management”",
      studentTerms: ["management"],
      alumnusTerms: ["Brand management"],
    });
    expect(reasonsOf(unrelated).map((r) => r.kind)).not.toContain("KEYWORDS");
    expect(reasonsOf(brand).find((r) => r.kind === "FIELD")).toMatchObject({ studentTerms: ["law"], alumnusTerms: ["law"] });
  });
});
