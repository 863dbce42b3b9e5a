import { Client } from "pg";
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
  WITHDRAW_CONSENTS_SQL,
} from "../../test/factories";
import { buildContactableAlumnus } from "../../test/request-kit";
import { errorCode, startTestServer, type GraphQLResult, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const MATCHES = `query($first: Int, $after: String, $field: ID, $industry: ID, $search: String, $student: ID) {
  alumniMatches(first: $first, after: $after, field: $field, industry: $industry, search: $search, studentMembershipId: $student) {
    edges { cursor node { score suggested openSlotsNext14Days reasons { kind text }
      alumnus { membershipId displayName contactEmail }
      suggestion { id suggestedByName note alumnus { membershipId } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SUGGEST = `mutation($student: ID!, $alumnus: ID!, $note: String) {
  suggestAlumnus(studentMembershipId: $student, alumnusMembershipId: $alumnus, note: $note) {
    id suggestedByName note createdAt alumnus { membershipId displayName }
  }
}`;
const DISMISS = `mutation($id: ID!) { dismissSuggestion(suggestionId: $id) }`;
const MINE = `{ mySuggestions { id suggestedByName note alumnus { membershipId } } }`;

interface MatchNode {
  score: number;
  suggested: boolean;
  openSlotsNext14Days: number;
  reasons: Array<{ kind: string; text: string }>;
  alumnus: { membershipId: string; displayName: string; contactEmail: string | null };
  suggestion: { id: string; suggestedByName: string; note: string | null } | null;
}
const nodes = (result: GraphQLResult): MatchNode[] => {
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.alumniMatches.edges.map((e: { node: MatchNode }) => e.node);
};
const ids = (result: GraphQLResult) => nodes(result).map((n) => n.alumnus.membershipId);

const sql = (institutionId: string, query: string, params: unknown[] = []) =>
  tenantTransaction(db(), { institutionId }, (m) => m.query(query, params));

interface AlumOptions {
  fields?: string[];
  industry?: string | null;
  major?: string | null;
  location?: string | null;
  classYear?: number | null;
  topics?: string[];
  firstGeneration?: boolean;
  capacity?: number;
  paused?: boolean;
  listed?: boolean;
  contact?: boolean;
  name?: string;
  employer?: string;
}

/** A listed, contactable alum; by default sharing nothing with the default student. */
async function alum(institution: BuiltInstitution, o: AlumOptions = {}): Promise<BuiltMember> {
  const member = await buildContactableAlumnus(db(), {
    institution,
    capacity: o.capacity ?? 4,
    paused: o.paused,
    listed: o.listed,
    contact: o.contact,
    displayName: o.name,
  });
  await sql(
    institution.id,
    `UPDATE alumni_profiles SET fields = $2, industry = $3, major = $4, location = $5, class_year = $6, topics = $7, first_generation = $8,
            employer = $9, title = 'Analyst'
      WHERE membership_id = $1`,
    [
      member.membershipId,
      o.fields ?? ["law"],
      o.industry === undefined ? "legal" : o.industry,
      o.major ?? "History",
      o.location ?? "Boston, MA",
      o.classYear ?? null,
      o.topics ?? [],
      o.firstGeneration ?? false,
      o.employer ?? "Acme",
    ],
  );
  return member;
}

/** A student exploring data science in technology, Economics major, class of 2027, hoping for Chicago; shares with advisors. */
async function student(institution: BuiltInstitution, o: { share?: boolean; firstGeneration?: boolean } = {}): Promise<BuiltMember> {
  const member = await buildStudent(db(), { institution });
  await sql(
    institution.id,
    `UPDATE student_profiles SET fields = '{data-science}', industries = '{technology}', major = 'Economics', class_year = 2027,
            locations = '{"Chicago, IL"}', first_generation = $2, pitch = 'I want to learn about machine learning careers.'
      WHERE membership_id = $1`,
    [member.membershipId, o.firstGeneration ?? false],
  );
  if (o.share !== false) await buildConsent(db(), member, "STUDENT_SHARE_WITH_ADVISORS");
  return member;
}

async function request(s: BuiltMember, a: BuiltMember, state: string, extra = "") {
  await sql(
    s.institutionId,
    `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone, expires_at,
       answered_at, meeting_starts_at, meeting_ends_at ${extra ? ", closed_at" : ""})
     VALUES ($1, $2, $3, $4, 'VIDEO', 'Hello!', 'UTC', 'UTC', now() + interval '7 days',
       CASE WHEN $4 IN ('ACCEPTED','DECLINED','COMPLETED') THEN now() END,
       CASE WHEN $4 IN ('ACCEPTED','COMPLETED','NO_SHOW') THEN now() END,
       CASE WHEN $4 IN ('ACCEPTED','COMPLETED','NO_SHOW') THEN now() + interval '30 minutes' END ${extra ? `, ${extra}` : ""})`,
    [s.institutionId, s.membershipId, a.membershipId, state],
  );
}

describe("alumniMatches", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(MATCHES))).toBe("UNAUTHENTICATED");
  });

  it("is refused to alumni", async () => {
    const a = await buildAlumnus(db());
    expect(errorCode(await server.gql(MATCHES, {}, await server.signIn(a)))).toBe("FORBIDDEN");
  });

  it("never shows another institution's alumni, nor lets its staff see this institution's students", async () => {
    const here = await buildInstitution(db());
    const there = await buildInstitution(db());
    const s = await student(here);
    await alum(there, { fields: ["data-science"], industry: "technology" });
    const mine = await alum(here, { fields: ["data-science"] });
    expect(ids(await server.gql(MATCHES, {}, await server.signIn(s)))).toEqual([mine.membershipId]);
    const advisorThere = await buildAdvisor(db(), { institution: there });
    const result = await server.gql(MATCHES, { student: s.membershipId }, await server.signIn(advisorThere));
    expect(errorCode(result)).toBe("NOT_FOUND");
  });

  it("ranks a student's matches by score with reasons in plain words", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst, { firstGeneration: true });
    const industryOnly = await alum(inst, { industry: "technology", name: "Ivy Industry" });
    const fieldAndMore = await alum(inst, {
      fields: ["data-science"],
      industry: "technology",
      major: "Economics",
      location: "Chicago, IL",
      classYear: 2024,
      topics: ["Machine learning"],
      firstGeneration: true,
      name: "Fay Field",
    });
    const nothing = await alum(inst, { name: "Nat Nothing" });
    const result = await server.gql(MATCHES, {}, await server.signIn(s));
    expect(ids(result)).toEqual([fieldAndMore.membershipId, industryOnly.membershipId, nothing.membershipId]);
    const [top, second, last] = nodes(result);
    expect(top.score).toBeGreaterThan(second.score);
    expect(second.score).toBeGreaterThan(last.score);
    expect(top.suggested).toBe(false);
    expect(top.alumnus.contactEmail).toBeNull();
    expect(top.reasons).toEqual([
      { kind: "FIELD", text: "Works in data science — a field you are exploring" },
      { kind: "INDUSTRY", text: "Works in the technology industry — one you are exploring" },
      { kind: "KEYWORDS", text: "Your pitch says “machine” and “learning”; their profile says “Machine learning”" },
      { kind: "MAJOR", text: "Same major (Economics)" },
      { kind: "LOCATION", text: "Based in Chicago, IL — you named “Chicago, IL”" },
      { kind: "CLASS_YEAR", text: "Class of 2024 — close to your 2027" },
      { kind: "FIRST_GENERATION", text: "Also a first-generation graduate" },
    ]);
    expect(last.reasons).toEqual([]);
  });

  it("counts open slots in the next 14 days the same way the availability module does, and says so", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const a = await alum(inst, { fields: ["data-science"], capacity: 50 });
    await sql(
      inst.id,
      `INSERT INTO availability_windows (institution_id, alumnus_id, weekday, start_minute, end_minute, time_zone)
       VALUES ($1, $2, 1, 540, 600, 'America/Chicago'), ($1, $2, 4, 540, 660, 'America/Chicago')`,
      [inst.id, a.membershipId],
    );
    const [match] = nodes(await server.gql(MATCHES, {}, await server.signIn(s)));
    const expected = await tenantTransaction(db(), { institutionId: inst.id }, (m) =>
      server.services.availability.openSlots(m, {
        institutionId: inst.id,
        alumnusId: a.membershipId,
        from: new Date(),
        to: new Date(Date.now() + 14 * 86_400_000),
      }),
    );
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(match.openSlotsNext14Days).toBe(expected.length);
    expect(match.reasons).toContainEqual({ kind: "AVAILABILITY", text: `${expected.length} open slots in the next 14 days` });
  });

  it.each(["ALUMNUS_LISTED", "ALUMNUS_CONTACT"])("leaves out an alum who gave %s and then withdrew it", async (kind) => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const good = { fields: ["data-science"], industry: "technology" };
    const stays = await alum(inst, good);
    const withdraws = await alum(inst, good);
    const token = await server.signIn(s);
    // Both consented: both are matched (this also fills the matching caches before the withdrawal).
    expect(new Set(ids(await server.gql(MATCHES, {}, token)))).toEqual(new Set([stays.membershipId, withdraws.membershipId]));
    const withdrawn = await server.gql(
      `mutation($kind: ConsentKind!) { withdrawConsent(kind: $kind) { kind } }`,
      { kind },
      await server.signIn(withdraws),
    );
    expect(withdrawn.errors).toBeUndefined();
    expect(ids(await server.gql(MATCHES, {}, token))).toEqual([stays.membershipId]);
  });

  it("leaves out alumni who are unlisted, not contactable, paused, full this month, already asked or who recently declined", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const other = await student(inst);
    const good = { fields: ["data-science"], industry: "technology" };
    const keep = await alum(inst, good);
    await alum(inst, { ...good, listed: false });
    await alum(inst, { ...good, contact: false });
    await alum(inst, { ...good, paused: true });
    const full = await alum(inst, { ...good, capacity: 1 });
    await request(other, full, "ACCEPTED");
    const asked = await alum(inst, good);
    await request(s, asked, "REQUESTED");
    const declined = await alum(inst, good);
    await request(s, declined, "DECLINED");
    const expired = await alum(inst, good);
    await request(s, expired, "EXPIRED", "now()");
    const longAgo = await alum(inst, good);
    await request(s, longAgo, "DECLINED");
    await sql(inst.id, `UPDATE interview_requests SET answered_at = now() - interval '200 days' WHERE alumnus_id = $1`, [
      longAgo.membershipId,
    ]);
    const result = await server.gql(MATCHES, {}, await server.signIn(s));
    expect(new Set(ids(result))).toEqual(new Set([keep.membershipId, longAgo.membershipId]));
    // The other student is still offered the alum this student has asked.
    expect(ids(await server.gql(MATCHES, {}, await server.signIn(other)))).toContain(asked.membershipId);
  });

  it("offers the next best match once the top alum declines", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const best = await alum(inst, { fields: ["data-science"], industry: "technology" });
    const second = await alum(inst, { fields: ["data-science"] });
    const third = await alum(inst, { industry: "technology" });
    const token = await server.signIn(s);
    expect(ids(await server.gql(MATCHES, { first: 1 }, token))).toEqual([best.membershipId]);
    await request(s, best, "REQUESTED");
    expect(ids(await server.gql(MATCHES, { first: 2 }, token))).toEqual([second.membershipId, third.membershipId]);
    await sql(inst.id, `UPDATE interview_requests SET state = 'DECLINED', answered_at = now() WHERE alumnus_id = $1`, [best.membershipId]);
    expect(ids(await server.gql(MATCHES, { first: 2 }, token))).toEqual([second.membershipId, third.membershipId]);
    // The decline counted as an answer for responsiveness.
    const [stats] = await sql(inst.id, `SELECT answered, unanswered FROM alumnus_match_stats WHERE alumnus_id = $1`, [best.membershipId]);
    expect(stats).toEqual({ answered: 1, unanswered: 0 });
  });

  it("still offers alumni to a student who has not filled in a profile yet", async () => {
    const inst = await buildInstitution(db());
    const s = await buildStudent(db(), { institution: inst });
    await sql(inst.id, `DELETE FROM student_profiles WHERE membership_id = $1`, [s.membershipId]);
    const a = await alum(inst, { fields: ["data-science"] });
    const [match] = nodes(await server.gql(MATCHES, {}, await server.signIn(s)));
    expect(match.alumnus.membershipId).toBe(a.membershipId);
    expect(match.reasons).toEqual([]);
  });

  it("pages through the ranking without repeats", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const all = [];
    for (let i = 0; i < 5; i++) all.push(await alum(inst, { fields: i < 3 ? ["data-science"] : ["law"] }));
    const token = await server.signIn(s);
    const everything = ids(await server.gql(MATCHES, { first: 10 }, token));
    expect(everything).toHaveLength(5);
    const first = await server.gql(MATCHES, { first: 2 }, token);
    expect(first.data!.alumniMatches.pageInfo.hasNextPage).toBe(true);
    const second = await server.gql(MATCHES, { first: 2, after: first.data!.alumniMatches.pageInfo.endCursor }, token);
    const third = await server.gql(MATCHES, { first: 2, after: second.data!.alumniMatches.pageInfo.endCursor }, token);
    expect([...ids(first), ...ids(second), ...ids(third)]).toEqual(everything);
    expect(third.data!.alumniMatches.pageInfo.hasNextPage).toBe(false);
    expect(errorCode(await server.gql(MATCHES, { after: "nonsense" }, token))).toBe("BAD_USER_INPUT");
    const directoryCursor = Buffer.from(JSON.stringify(["ada lovelace", everything[0]])).toString("base64url");
    expect(errorCode(await server.gql(MATCHES, { after: directoryCursor }, token))).toBe("BAD_USER_INPUT");
    expect(errorCode(await server.gql(MATCHES, { first: 0 }, token))).toBe("BAD_USER_INPUT");
  });

  it("filters by field, industry and a search over name, employer, title and topics", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const tech = await alum(inst, { industry: "technology", name: "Quentin Zephyr", employer: "Globex" });
    const law = await alum(inst, { fields: ["law"], topics: ["Negotiation tactics"] });
    const token = await server.signIn(s);
    expect(ids(await server.gql(MATCHES, { industry: "technology" }, token))).toEqual([tech.membershipId]);
    expect(ids(await server.gql(MATCHES, { field: "law" }, token))).toContain(law.membershipId);
    expect(ids(await server.gql(MATCHES, { search: "zephyr" }, token))).toEqual([tech.membershipId]);
    expect(ids(await server.gql(MATCHES, { search: "GLOBEX" }, token))).toEqual([tech.membershipId]);
    expect(ids(await server.gql(MATCHES, { search: "negotiation" }, token))).toEqual([law.membershipId]);
    expect(ids(await server.gql(MATCHES, { search: "100%" }, token))).toEqual([]);
    const bad = await server.gql(MATCHES, { field: "no-such-field" }, token);
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
  });

  it("lets advisors and admins see a student's matches only while the student shares with advisors", async () => {
    const inst = await buildInstitution(db());
    const sharing = await student(inst);
    const private_ = await student(inst, { share: false });
    const a = await alum(inst, { fields: ["data-science"] });
    for (const build of [buildAdvisor, buildAdmin]) {
      const token = await server.signIn(await build(db(), { institution: inst }));
      expect(ids(await server.gql(MATCHES, { student: sharing.membershipId }, token))).toEqual([a.membershipId]);
      expect(errorCode(await server.gql(MATCHES, { student: private_.membershipId }, token))).toBe("PROFILE_NOT_SHARED");
      expect(errorCode(await server.gql(MATCHES, {}, token))).toBe("BAD_USER_INPUT");
      expect(errorCode(await server.gql(MATCHES, { student: a.membershipId }, token))).toBe("NOT_FOUND");
    }
    // A student cannot look at another student's matches.
    expect(errorCode(await server.gql(MATCHES, { student: sharing.membershipId }, await server.signIn(private_)))).toBe("FORBIDDEN");
  });

  it("costs the same number of SQL statements for a page of 1 as for a page of 20", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    for (let i = 0; i < 20; i++) {
      const a = await alum(inst, { fields: ["data-science"] });
      await sql(
        inst.id,
        `INSERT INTO availability_windows (institution_id, alumnus_id, weekday, start_minute, end_minute, time_zone) VALUES ($1, $2, $3, 600, 720, 'UTC')`,
        [inst.id, a.membershipId, i % 7],
      );
    }
    const advisor = await buildAdvisor(db(), { institution: inst });
    await server.gql(SUGGEST, { student: s.membershipId, alumnus: (await alum(inst)).membershipId }, await server.signIn(advisor));
    const token = await server.signIn(s);
    const count = async (first: number) => {
      const spy = jest.spyOn(Client.prototype, "query");
      try {
        const result = await server.gql(MATCHES, { first }, token);
        expect(nodes(result)).toHaveLength(first);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    await count(1); // the first call in a process also reads the career field and industry names
    const one = await count(1);
    expect(await count(20)).toBe(one);
    // Session check (1) + transaction (3) + student with its suggestions, candidates, profiles, open slots.
    expect(one).toBe(8);
  });
});

describe("suggestAlumnus", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(SUGGEST, { student: crypto.randomUUID(), alumnus: crypto.randomUUID() }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to students and alumni", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const a = await alum(inst);
    for (const who of [s, a]) {
      const result = await server.gql(SUGGEST, { student: s.membershipId, alumnus: a.membershipId }, await server.signIn(who));
      expect(errorCode(result)).toBe("FORBIDDEN");
    }
  });

  it("cannot reach another institution's students or alumni, nor an unlisted alum", async () => {
    const here = await buildInstitution(db());
    const there = await buildInstitution(db());
    const token = await server.signIn(await buildAdvisor(db(), { institution: here }));
    const s = await student(here);
    const a = await alum(here);
    const sThere = await student(there);
    const aThere = await alum(there);
    const unlisted = await alum(here, { listed: false });
    expect(errorCode(await server.gql(SUGGEST, { student: sThere.membershipId, alumnus: a.membershipId }, token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(SUGGEST, { student: s.membershipId, alumnus: aThere.membershipId }, token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(SUGGEST, { student: s.membershipId, alumnus: unlisted.membershipId }, token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(SUGGEST, { student: "not-a-uuid", alumnus: a.membershipId }, token))).toBe("BAD_USER_INPUT");
  });

  it("puts the suggested alum first in the student's matches, marked, until the student dismisses it", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const best = await alum(inst, { fields: ["data-science"], industry: "technology" });
    const weak = await alum(inst);
    const advisor = await buildAdvisor(db(), { institution: inst, displayName: "Pat Lee" });
    const suggested = await server.gql(
      SUGGEST,
      { student: s.membershipId, alumnus: weak.membershipId, note: " Ask about her path. " },
      await server.signIn(advisor),
    );
    expect(suggested.data!.suggestAlumnus).toMatchObject({
      suggestedByName: "Pat Lee",
      note: "Ask about her path.",
      alumnus: { membershipId: weak.membershipId },
    });
    const token = await server.signIn(s);
    const result = await server.gql(MATCHES, {}, token);
    expect(ids(result)).toEqual([weak.membershipId, best.membershipId]);
    const [first, second] = nodes(result);
    expect(first).toMatchObject({ suggested: true, suggestion: { id: suggested.data!.suggestAlumnus.id, suggestedByName: "Pat Lee" } });
    expect(first.reasons[0]).toEqual({ kind: "SUGGESTED", text: "Suggested by your advisor Pat Lee" });
    expect(second).toMatchObject({ suggested: false, suggestion: null });

    const mine = await server.gql(MINE, {}, token);
    expect(mine.data!.mySuggestions).toEqual([
      {
        id: suggested.data!.suggestAlumnus.id,
        suggestedByName: "Pat Lee",
        note: "Ask about her path.",
        alumnus: { membershipId: weak.membershipId },
      },
    ]);
    expect((await server.gql(DISMISS, { id: suggested.data!.suggestAlumnus.id }, token)).data).toEqual({ dismissSuggestion: true });
    expect(ids(await server.gql(MATCHES, {}, token))).toEqual([best.membershipId, weak.membershipId]);
    expect((await server.gql(MINE, {}, token)).data!.mySuggestions).toEqual([]);
  });

  it("refreshes rather than repeats a suggestion made twice", async () => {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const a = await alum(inst);
    const token = await server.signIn(await buildAdvisor(db(), { institution: inst }));
    const one = await server.gql(SUGGEST, { student: s.membershipId, alumnus: a.membershipId, note: "First" }, token);
    const two = await server.gql(SUGGEST, { student: s.membershipId, alumnus: a.membershipId, note: "Second" }, token);
    expect(two.data!.suggestAlumnus.id).toBe(one.data!.suggestAlumnus.id);
    expect((await server.gql(MINE, {}, await server.signIn(s))).data!.mySuggestions).toMatchObject([{ note: "Second" }]);
  });
});

describe("dismissSuggestion and mySuggestions", () => {
  async function suggestion() {
    const inst = await buildInstitution(db());
    const s = await student(inst);
    const a = await alum(inst);
    const advisor = await buildAdvisor(db(), { institution: inst });
    const result = await server.gql(SUGGEST, { student: s.membershipId, alumnus: a.membershipId }, await server.signIn(advisor));
    return { inst, s, a, advisor, id: result.data!.suggestAlumnus.id as string };
  }

  it("are refused without signing in", async () => {
    expect(errorCode(await server.gql(DISMISS, { id: crypto.randomUUID() }))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.gql(MINE))).toBe("UNAUTHENTICATED");
  });

  it("are refused to the wrong roles", async () => {
    const { inst, id } = await suggestion();
    const alumToken = await server.signIn(await buildAlumnus(db(), { institution: inst }));
    expect(errorCode(await server.gql(DISMISS, { id }, alumToken))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(MINE, {}, await server.signIn(await buildAdvisor(db(), { institution: inst }))))).toBe("FORBIDDEN");
  });

  it("keep a suggestion to its own student and institution", async () => {
    const { inst, s, id } = await suggestion();
    const otherStudent = await student(inst);
    expect(errorCode(await server.gql(DISMISS, { id }, await server.signIn(otherStudent)))).toBe("NOT_FOUND");
    expect((await server.gql(MINE, {}, await server.signIn(otherStudent))).data!.mySuggestions).toEqual([]);
    const advisorThere = await buildAdvisor(db());
    expect(errorCode(await server.gql(DISMISS, { id }, await server.signIn(advisorThere)))).toBe("NOT_FOUND");
    expect((await server.gql(MINE, {}, await server.signIn(s))).data!.mySuggestions).toHaveLength(1);
  });

  it("let an advisor withdraw a suggestion, and drop suggestions of alumni who stop being listed", async () => {
    const { s, a, advisor, id } = await suggestion();
    const second = await suggestion();
    expect((await server.gql(DISMISS, { id }, await server.signIn(advisor))).data).toEqual({ dismissSuggestion: true });
    expect((await server.gql(MINE, {}, await server.signIn(s))).data!.mySuggestions).toEqual([]);
    expect(a.membershipId).not.toBe(second.a.membershipId);
    await sql(second.inst.id, WITHDRAW_CONSENTS_SQL, [second.a.membershipId, "ALUMNUS_LISTED"]);
    expect((await server.gql(MINE, {}, await server.signIn(second.s))).data!.mySuggestions).toEqual([]);
  });
});
