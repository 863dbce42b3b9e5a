import { PostgresQueryRunner } from "typeorm/driver/postgres/PostgresQueryRunner";
import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import {
  buildAdmin,
  buildAdvisor,
  buildAlumnus,
  buildConsent,
  buildConsentText,
  buildInstitution,
  buildStudent,
  type BuiltInstitution,
} from "../../test/factories";
import { errorCode, startTestServer, type GraphQLResult, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const PROFILE_FIELDS = `membershipId displayName major classYear fields industries locations pitch links firstGeneration`;
const MINE = `{ myStudentProfile { ${PROFILE_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateStudentProfileInput!) { updateMyStudentProfile(input: $input) { ${PROFILE_FIELDS} } }`;
const ONE = `query($id: ID!) { studentProfile(membershipId: $id) { ${PROFILE_FIELDS} } }`;
const LIST = `query($first: Int, $after: String, $search: String) {
  students(first: $first, after: $after, search: $search) {
    edges { cursor node { membershipId displayName sharesWithAdvisors profile { major pitch } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const fieldsOf = (result: GraphQLResult) =>
  ((result.errors?.[0]?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);
const nodes = (result: GraphQLResult) => result.data!.students.edges.map((e: { node: unknown }) => e.node);
const names = (result: GraphQLResult) => nodes(result).map((n: { displayName: string }) => n.displayName);

async function sharingStudent(institution: BuiltInstitution, displayName?: string) {
  const student = await buildStudent(db(), { institution, displayName });
  await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
  return student;
}

describe("myStudentProfile", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(MINE))).toBe("UNAUTHENTICATED");
  });

  it("is refused to alumni, advisors and admins", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildAlumnus, buildAdvisor, buildAdmin]) {
      expect(errorCode(await server.gql(MINE, {}, await server.signIn(await build(db(), { institution }))))).toBe("FORBIDDEN");
    }
  });

  it("shows a student of two institutions only the profile of the one they act in", async () => {
    const first = await buildStudent(db());
    const otherSchool = await buildInstitution(db());
    const second = await buildStudent(db(), { institution: otherSchool, identityId: first.identityId });
    await server.gql(UPDATE, { input: { pitch: "Pitch at the first school." } }, await server.signIn(first));
    const result = await server.gql(MINE, {}, await server.signIn({ ...first, institutionId: otherSchool.id }));
    expect(result.data!.myStudentProfile).toMatchObject({ membershipId: second.membershipId, pitch: "A test pitch." });
  });

  it("returns the student's own profile with their name", async () => {
    const student = await buildStudent(db(), { displayName: "Maya Chen" });
    expect((await server.gql(MINE, {}, await server.signIn(student))).data!.myStudentProfile).toEqual({
      membershipId: student.membershipId,
      displayName: "Maya Chen",
      major: "Economics",
      classYear: 2027,
      fields: [],
      industries: [],
      locations: [],
      pitch: "A test pitch.",
      links: [],
      firstGeneration: false,
    });
  });

  it("gives a student who joined by invitation an empty profile to fill in", async () => {
    const student = await buildStudent(db());
    await tenantTransaction(db(), { institutionId: student.institutionId }, (m) =>
      m.query(`DELETE FROM student_profiles WHERE membership_id = $1`, [student.membershipId]),
    );
    expect((await server.gql(MINE, {}, await server.signIn(student))).data!.myStudentProfile).toMatchObject({
      major: null,
      pitch: "",
      fields: [],
    });
  });
});

describe("updateMyStudentProfile", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(UPDATE, { input: { pitch: "Hi" } }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to alumni, advisors and admins", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildAlumnus, buildAdvisor, buildAdmin]) {
      expect(errorCode(await server.gql(UPDATE, { input: { pitch: "Hi" } }, await server.signIn(await build(db(), { institution }))))).toBe(
        "FORBIDDEN",
      );
    }
  });

  it("changes only the profile in the institution the student acts in", async () => {
    const first = await buildStudent(db());
    const otherSchool = await buildInstitution(db());
    await buildStudent(db(), { institution: otherSchool, identityId: first.identityId });
    await server.gql(UPDATE, { input: { major: "History" } }, await server.signIn({ ...first, institutionId: otherSchool.id }));
    expect((await server.gql(MINE, {}, await server.signIn(first))).data!.myStudentProfile.major).toBe("Economics");
  });

  it("saves every field, cleaning up text and lists, and leaves omitted ones unchanged", async () => {
    const token = await server.signIn(await buildStudent(db()));
    const input = {
      major: " Computer Science ",
      classYear: 2026,
      fields: ["software-engineering", "data-science", "software-engineering"],
      industries: ["technology"],
      locations: ["Chicago, IL", " ", "Seattle, WA"],
      pitch: "  I build small tools and want to learn how product teams work.  ",
      links: ["https://github.com/example", "http://portfolio.example.org/work?x=1"],
      firstGeneration: true,
    };
    const result = await server.gql(UPDATE, { input }, token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateMyStudentProfile).toMatchObject({
      major: "Computer Science",
      classYear: 2026,
      fields: ["software-engineering", "data-science"],
      industries: ["technology"],
      locations: ["Chicago, IL", "Seattle, WA"],
      pitch: "I build small tools and want to learn how product teams work.",
      links: ["https://github.com/example", "http://portfolio.example.org/work?x=1"],
      firstGeneration: true,
    });
    const cleared = await server.gql(UPDATE, { input: { major: null, classYear: null, pitch: null } }, token);
    expect(cleared.data!.updateMyStudentProfile).toMatchObject({
      major: null,
      classYear: null,
      pitch: input.pitch.trim(),
      industries: ["technology"],
    });
  });

  it("accepts a pitch of exactly 600 characters and five links", async () => {
    const token = await server.signIn(await buildStudent(db()));
    const links = Array.from({ length: 5 }, (_, i) => `https://example.org/${i}`);
    const result = await server.gql(UPDATE, { input: { pitch: "p".repeat(600), links } }, token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateMyStudentProfile.links).toEqual(links);
  });

  it.each([
    ["fields", ["data-science", "basket-weaving"]],
    ["industries", ["piracy"]],
    ["pitch", "p".repeat(601)],
    ["links", Array.from({ length: 6 }, (_, i) => `https://example.org/${i}`)],
    ["links", ["ftp://files.example.org/cv.pdf"]],
    ["links", ["javascript:alert(1)"]],
    ["links", ["example.org/no-scheme"]],
    ["classYear", 2101],
    ["major", "m".repeat(121)],
    ["locations", Array.from({ length: 11 }, (_, i) => `Town ${i}`)],
  ])("refuses %s = %j with BAD_USER_INPUT naming the field", async (field, value) => {
    const token = await server.signIn(await buildStudent(db()));
    const result = await server.gql(UPDATE, { input: { [field]: value } }, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(result)).toContain(field);
  });

  it("names both taxonomy fields when both hold unknown ids, and saves nothing", async () => {
    const token = await server.signIn(await buildStudent(db()));
    const result = await server.gql(UPDATE, { input: { fields: ["astrology"], industries: ["piracy"], pitch: "changed" } }, token);
    expect(fieldsOf(result)).toEqual(["fields", "industries"]);
    expect((await server.gql(MINE, {}, token)).data!.myStudentProfile.pitch).toBe("A test pitch.");
  });
});

describe("studentProfile", () => {
  it("is refused without signing in", async () => {
    const student = await sharingStudent(await buildInstitution(db()));
    expect(errorCode(await server.gql(ONE, { id: student.membershipId }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to students and alumni", async () => {
    const institution = await buildInstitution(db());
    const student = await sharingStudent(institution);
    for (const build of [buildStudent, buildAlumnus]) {
      expect(errorCode(await server.gql(ONE, { id: student.membershipId }, await server.signIn(await build(db(), { institution }))))).toBe(
        "FORBIDDEN",
      );
    }
  });

  it("shows staff of another institution nothing, even of a sharing student", async () => {
    const student = await sharingStudent(await buildInstitution(db()));
    for (const build of [buildAdvisor, buildAdmin]) {
      expect(errorCode(await server.gql(ONE, { id: student.membershipId }, await server.signIn(await build(db()))))).toBe("NOT_FOUND");
    }
  });

  it("shows advisors and admins the full profile of a student who shares it with advisors", async () => {
    const institution = await buildInstitution(db());
    const student = await sharingStudent(institution, "Sam Sharer");
    for (const build of [buildAdvisor, buildAdmin]) {
      const result = await server.gql(ONE, { id: student.membershipId }, await server.signIn(await build(db(), { institution })));
      expect(result.data!.studentProfile).toMatchObject({
        membershipId: student.membershipId,
        displayName: "Sam Sharer",
        major: "Economics",
        pitch: "A test pitch.",
      });
    }
  });

  it("refuses with PROFILE_NOT_SHARED while the student does not share, including right after a withdrawal", async () => {
    const institution = await buildInstitution(db());
    await buildConsentText(db(), institution, "STUDENT_SHARE_WITH_ADVISORS");
    const student = await buildStudent(db(), { institution });
    const advisor = await server.signIn(await buildAdvisor(db(), { institution }));
    const result = await server.gql(ONE, { id: student.membershipId }, advisor);
    expect(errorCode(result)).toBe("PROFILE_NOT_SHARED");
    expect(result.data).toBeNull();
    const studentToken = await server.signIn(student);
    await server.gql(`mutation { giveConsent(kind: STUDENT_SHARE_WITH_ADVISORS) { id } }`, {}, studentToken);
    expect((await server.gql(ONE, { id: student.membershipId }, advisor)).data!.studentProfile.pitch).toBe("A test pitch.");
    await server.gql(`mutation { withdrawConsent(kind: STUDENT_SHARE_WITH_ADVISORS) { id } }`, {}, studentToken);
    expect(errorCode(await server.gql(ONE, { id: student.membershipId }, advisor))).toBe("PROFILE_NOT_SHARED");
  });

  it("answers NOT_FOUND for an alum or an unknown id, BAD_USER_INPUT for a malformed one", async () => {
    const institution = await buildInstitution(db());
    const alumnus = await buildAlumnus(db(), { institution });
    const advisor = await server.signIn(await buildAdvisor(db(), { institution }));
    for (const id of [alumnus.membershipId, "00000000-0000-4000-8000-000000000000"]) {
      expect(errorCode(await server.gql(ONE, { id }, advisor))).toBe("NOT_FOUND");
    }
    expect(errorCode(await server.gql(ONE, { id: "nope" }, advisor))).toBe("BAD_USER_INPUT");
  });
});

describe("students", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(LIST))).toBe("UNAUTHENTICATED");
  });

  it("is refused to students and alumni", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildStudent, buildAlumnus]) {
      expect(errorCode(await server.gql(LIST, {}, await server.signIn(await build(db(), { institution }))))).toBe("FORBIDDEN");
    }
  });

  it("shows staff of another institution none of its students", async () => {
    await sharingStudent(await buildInstitution(db()));
    for (const build of [buildAdvisor, buildAdmin]) {
      expect((await server.gql(LIST, {}, await server.signIn(await build(db())))).data!.students.edges).toEqual([]);
    }
  });

  it("lists every student by name, with the profile only of those who share it with advisors", async () => {
    const institution = await buildInstitution(db());
    const sharing = await sharingStudent(institution, "Ana Sharing");
    const private_ = await buildStudent(db(), { institution, displayName: "Ben Private" });
    await buildAlumnus(db(), { institution, displayName: "Al Alum" });
    for (const build of [buildAdvisor, buildAdmin]) {
      const result = await server.gql(LIST, {}, await server.signIn(await build(db(), { institution })));
      expect(nodes(result)).toEqual([
        {
          membershipId: sharing.membershipId,
          displayName: "Ana Sharing",
          sharesWithAdvisors: true,
          profile: { major: "Economics", pitch: "A test pitch." },
        },
        { membershipId: private_.membershipId, displayName: "Ben Private", sharesWithAdvisors: false, profile: null },
      ]);
    }
  });

  it("searches names only, so a search cannot reveal what a student has not shared", async () => {
    const institution = await buildInstitution(db());
    await sharingStudent(institution, "Cara Sharing");
    const quiet = await buildStudent(db(), { institution, displayName: "Dev Quiet" });
    await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`UPDATE student_profiles SET major = 'Astrophysics' WHERE membership_id = $1`, [quiet.membershipId]),
    );
    const token = await server.signIn(await buildAdvisor(db(), { institution }));
    expect(names(await server.gql(LIST, { search: "quiet" }, token))).toEqual(["Dev Quiet"]);
    expect(names(await server.gql(LIST, { search: "Astrophysics" }, token))).toEqual([]);
  });

  it("pages with an opaque cursor, without repeating or skipping anyone", async () => {
    const institution = await buildInstitution(db());
    const all = ["Ari", "bo", "Cy", "Di", "Ed"].map((n) => `${n} Student`);
    for (const name of all) await buildStudent(db(), { institution, displayName: name });
    const token = await server.signIn(await buildAdvisor(db(), { institution }));
    const first = await server.gql(LIST, { first: 2 }, token);
    expect(names(first)).toEqual(["Ari Student", "bo Student"]);
    expect(first.data!.students.pageInfo.hasNextPage).toBe(true);
    const second = await server.gql(LIST, { first: 2, after: first.data!.students.pageInfo.endCursor }, token);
    expect(names(second)).toEqual(["Cy Student", "Di Student"]);
    const third = await server.gql(LIST, { first: 2, after: second.data!.students.pageInfo.endCursor }, token);
    expect(names(third)).toEqual(["Ed Student"]);
    expect(third.data!.students.pageInfo.hasNextPage).toBe(false);
  });

  it("refuses a page of more than 100 and a cursor it did not make", async () => {
    const token = await server.signIn(await buildAdvisor(db()));
    expect(fieldsOf(await server.gql(LIST, { first: 101 }, token))).toEqual(["first"]);
    expect(fieldsOf(await server.gql(LIST, { after: "bm90IGEgY3Vyc29y" }, token))).toEqual(["after"]);
  });

  it("costs the same number of queries for 2 students as for 12", async () => {
    const count = async (size: number) => {
      const institution = await buildInstitution(db());
      for (let i = 0; i < size; i++) await (i % 2 ? sharingStudent(institution) : buildStudent(db(), { institution }));
      const token = await server.signIn(await buildAdvisor(db(), { institution }));
      const spy = jest.spyOn(PostgresQueryRunner.prototype, "query");
      try {
        expect((await server.gql(LIST, { first: 50 }, token)).data!.students.edges).toHaveLength(size);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const small = await count(2);
    expect(await count(12)).toBe(small);
  });
});
