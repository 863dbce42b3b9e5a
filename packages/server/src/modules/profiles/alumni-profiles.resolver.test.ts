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

const PROFILE_FIELDS = `membershipId displayName employer title industry fields location classYear major topics modalities monthlyCapacity paused bio timeZone firstGeneration contactEmail contactPhone`;
const MINE = `{ myAlumnusProfile { ${PROFILE_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateAlumnusProfileInput!) { updateMyAlumnusProfile(input: $input) { ${PROFILE_FIELDS} } }`;
const ONE = `query($id: ID!) { alumnusProfile(membershipId: $id) { membershipId displayName employer contactEmail contactPhone } }`;
const DIRECTORY = `query($first: Int, $after: String, $field: ID, $industry: ID, $search: String) {
  alumniDirectory(first: $first, after: $after, field: $field, industry: $industry, search: $search) {
    edges { cursor node { membershipId displayName employer title contactEmail contactPhone } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const fieldsOf = (result: GraphQLResult) =>
  ((result.errors?.[0]?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);
const names = (result: GraphQLResult) =>
  result.data!.alumniDirectory.edges.map((e: { node: { displayName: string } }) => e.node.displayName);

async function listedAlumnus(institution: BuiltInstitution, displayName?: string) {
  const alumnus = await buildAlumnus(db(), { institution, displayName });
  await buildConsent(db(), alumnus, "ALUMNUS_LISTED");
  return alumnus;
}

describe("myAlumnusProfile", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(MINE))).toBe("UNAUTHENTICATED");
  });

  it("is refused to students, advisors and admins", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildStudent, buildAdvisor, buildAdmin]) {
      expect(errorCode(await server.gql(MINE, {}, await server.signIn(await build(db(), { institution }))))).toBe("FORBIDDEN");
    }
  });

  it("shows a person who is an alum of two institutions only the profile of the one they act in", async () => {
    const first = await buildAlumnus(db());
    const otherSchool = await buildInstitution(db());
    const second = await buildAlumnus(db(), { institution: otherSchool, identityId: first.identityId });
    await server.gql(UPDATE, { input: { employer: "First Employer" } }, await server.signIn(first));
    const result = await server.gql(MINE, {}, await server.signIn({ ...first, institutionId: otherSchool.id }));
    expect(result.data!.myAlumnusProfile).toMatchObject({ membershipId: second.membershipId, employer: "Acme Analytics" });
  });

  it("returns the alum's own profile with their name and contact details", async () => {
    const alumnus = await buildAlumnus(db(), { displayName: "Dana Reyes" });
    const result = await server.gql(MINE, {}, await server.signIn(alumnus));
    expect(result.data!.myAlumnusProfile).toMatchObject({
      membershipId: alumnus.membershipId,
      displayName: "Dana Reyes",
      employer: "Acme Analytics",
      industry: "technology",
      fields: ["data-science"],
      modalities: ["VIDEO"],
      contactEmail: expect.stringMatching(/@alum\.example$/),
      contactPhone: "+1 555 0100",
    });
  });

  it("gives an alum who joined by invitation an empty profile to fill in", async () => {
    const alumnus = await buildAlumnus(db());
    await tenantTransaction(db(), { institutionId: alumnus.institutionId }, (m) =>
      m.query(`DELETE FROM alumni_profiles WHERE membership_id = $1`, [alumnus.membershipId]),
    );
    const result = await server.gql(MINE, {}, await server.signIn(alumnus));
    expect(result.data!.myAlumnusProfile).toMatchObject({
      employer: null,
      fields: [],
      modalities: ["VIDEO"],
      monthlyCapacity: 4,
      paused: false,
      contactEmail: null,
    });
  });
});

describe("updateMyAlumnusProfile", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(UPDATE, { input: { paused: true } }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to students, advisors and admins", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildStudent, buildAdvisor, buildAdmin]) {
      const token = await server.signIn(await build(db(), { institution }));
      expect(errorCode(await server.gql(UPDATE, { input: { paused: true } }, token))).toBe("FORBIDDEN");
    }
  });

  it("changes only the profile in the institution the alum acts in", async () => {
    const first = await buildAlumnus(db());
    const otherSchool = await buildInstitution(db());
    await buildAlumnus(db(), { institution: otherSchool, identityId: first.identityId });
    await server.gql(UPDATE, { input: { employer: "Elsewhere Inc" } }, await server.signIn({ ...first, institutionId: otherSchool.id }));
    expect((await server.gql(MINE, {}, await server.signIn(first))).data!.myAlumnusProfile.employer).toBe("Acme Analytics");
  });

  it("saves every field, cleaning up text and lists, and leaves omitted ones unchanged", async () => {
    const token = await server.signIn(await buildAlumnus(db()));
    const result = await server.gql(
      UPDATE,
      {
        input: {
          employer: " Lakefront Capital ",
          title: "Equity Research Analyst",
          industry: "banking",
          fields: ["finance", "research-science", "finance"],
          location: "Chicago, IL",
          classYear: 2016,
          major: "Mathematics",
          topics: ["Equity research", " The CFA program ", ""],
          modalities: ["PHONE", "IN_PERSON", "PHONE"],
          monthlyCapacity: 0,
          paused: true,
          bio: "Ten years in research.",
          timeZone: "america/chicago",
          firstGeneration: true,
          contactEmail: "Rebecca@Example.ORG",
          contactPhone: "+1 (312) 555-0142",
        },
      },
      token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateMyAlumnusProfile).toMatchObject({
      employer: "Lakefront Capital",
      title: "Equity Research Analyst",
      industry: "banking",
      fields: ["finance", "research-science"],
      location: "Chicago, IL",
      classYear: 2016,
      major: "Mathematics",
      topics: ["Equity research", "The CFA program"],
      modalities: ["PHONE", "IN_PERSON"],
      monthlyCapacity: 0,
      paused: true,
      bio: "Ten years in research.",
      timeZone: "America/Chicago",
      firstGeneration: true,
      contactEmail: "rebecca@example.org",
      contactPhone: "+1 (312) 555-0142",
    });
    const cleared = await server.gql(UPDATE, { input: { employer: null, industry: null, contactPhone: null, bio: null } }, token);
    expect(cleared.data!.updateMyAlumnusProfile).toMatchObject({
      employer: null,
      industry: null,
      contactPhone: null,
      bio: "Ten years in research.",
      title: "Equity Research Analyst",
    });
  });

  it.each([
    ["industry", "not-an-industry"],
    ["fields", ["data-science", "basket-weaving"]],
    ["topics", Array.from({ length: 21 }, (_, i) => `Topic ${i}`)],
    ["topics", ["x".repeat(101)]],
    ["modalities", []],
    ["monthlyCapacity", 51],
    ["monthlyCapacity", -1],
    ["bio", "x".repeat(2001)],
    ["timeZone", "Atlantis/Capital"],
    ["contactEmail", "not an email"],
    ["contactPhone", "call me maybe"],
    ["classYear", 1899],
  ])("refuses %s = %j with BAD_USER_INPUT naming the field", async (field, value) => {
    const token = await server.signIn(await buildAlumnus(db()));
    const result = await server.gql(UPDATE, { input: { [field]: value } }, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(result)).toContain(field);
  });

  it("names the unknown ids in its message", async () => {
    const token = await server.signIn(await buildAlumnus(db()));
    const result = await server.gql(UPDATE, { input: { fields: ["basket-weaving"], industry: "piracy" } }, token);
    expect(fieldsOf(result)).toEqual(["fields", "industry"]);
    expect(result.errors![0].message).toContain("basket-weaving");
    expect(result.errors![0].message).toContain("piracy");
    expect((await server.gql(MINE, {}, token)).data!.myAlumnusProfile.fields).toEqual(["data-science"]);
  });
});

describe("alumnusProfile", () => {
  it("is refused without signing in", async () => {
    const alumnus = await listedAlumnus(await buildInstitution(db()));
    expect(errorCode(await server.gql(ONE, { id: alumnus.membershipId }))).toBe("UNAUTHENTICATED");
  });

  it("hides an alum who is not listed from students and other alumni, as if they did not exist", async () => {
    const institution = await buildInstitution(db());
    const hidden = await buildAlumnus(db(), { institution });
    for (const build of [buildStudent, buildAlumnus]) {
      const token = await server.signIn(await build(db(), { institution }));
      const result = await server.gql(ONE, { id: hidden.membershipId }, token);
      expect(errorCode(result)).toBe("NOT_FOUND");
      expect(result.errors![0].message).toBe(
        (await server.gql(ONE, { id: "00000000-0000-4000-8000-000000000000" }, token)).errors![0].message,
      );
    }
  });

  it("shows nothing of another institution's alumni, listed or not", async () => {
    const alumnus = await listedAlumnus(await buildInstitution(db()));
    for (const build of [buildStudent, buildAdvisor, buildAdmin]) {
      const token = await server.signIn(await build(db()));
      expect(errorCode(await server.gql(ONE, { id: alumnus.membershipId }, token))).toBe("NOT_FOUND");
    }
  });

  it("shows a listed alum to every member, and an unlisted one to themself and to staff", async () => {
    const institution = await buildInstitution(db());
    const listed = await listedAlumnus(institution, "Listed Person");
    const unlisted = await buildAlumnus(db(), { institution, displayName: "Unlisted Person" });
    const student = await server.signIn(await buildStudent(db(), { institution }));
    expect((await server.gql(ONE, { id: listed.membershipId }, student)).data!.alumnusProfile).toMatchObject({
      displayName: "Listed Person",
      employer: "Acme Analytics",
    });
    for (const token of [
      await server.signIn(unlisted),
      await server.signIn(await buildAdvisor(db(), { institution })),
      await server.signIn(await buildAdmin(db(), { institution })),
    ]) {
      expect((await server.gql(ONE, { id: unlisted.membershipId }, token)).data!.alumnusProfile.displayName).toBe("Unlisted Person");
    }
  });

  it("answers BAD_USER_INPUT naming the argument for an id that is not a uuid (ADR 0017)", async () => {
    const token = await server.signIn(await buildStudent(db()));
    const result = await server.gql(ONE, { id: "nope" }, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: "membershipId" })]);
  });
});

describe("contact details", () => {
  it("are shown to the alum themself", async () => {
    const alumnus = await listedAlumnus(await buildInstitution(db()));
    const token = await server.signIn(alumnus);
    const result = await server.gql(ONE, { id: alumnus.membershipId }, token);
    expect(result.data!.alumnusProfile).toMatchObject({ contactEmail: expect.stringContaining("@"), contactPhone: "+1 555 0100" });
  });

  it("never reach advisors, admins, students or other alumni, in a profile or in the directory", async () => {
    const institution = await buildInstitution(db());
    const alumnus = await listedAlumnus(institution);
    for (const build of [buildAdvisor, buildAdmin, buildStudent, buildAlumnus]) {
      const token = await server.signIn(await build(db(), { institution }));
      const one = await server.gql(ONE, { id: alumnus.membershipId }, token);
      expect(one.data!.alumnusProfile).toMatchObject({ membershipId: alumnus.membershipId, contactEmail: null, contactPhone: null });
      if (build !== buildAlumnus) {
        const directory = await server.gql(DIRECTORY, {}, token);
        expect(directory.data!.alumniDirectory.edges).toEqual([
          expect.objectContaining({
            node: expect.objectContaining({ membershipId: alumnus.membershipId, contactEmail: null, contactPhone: null }),
          }),
        ]);
      }
    }
  });

  it("never reach the same person's membership in another institution", async () => {
    const alumnus = await listedAlumnus(await buildInstitution(db()));
    const otherSchool = await buildInstitution(db());
    await buildStudent(db(), { institution: otherSchool, identityId: alumnus.identityId });
    const token = await server.signIn({ ...alumnus, institutionId: otherSchool.id });
    const result = await server.gql(ONE, { id: alumnus.membershipId }, token);
    expect(errorCode(result)).toBe("NOT_FOUND");
    expect(JSON.stringify(result)).not.toContain("555 0100");
  });

  it("are not leaked by a staff member who is also an alum of the institution", async () => {
    const institution = await buildInstitution(db());
    const alumnus = await listedAlumnus(institution);
    const advisor = await buildAdvisor(db(), { institution });
    await buildAlumnus(db(), { institution, identityId: advisor.identityId });
    const result = await server.gql(ONE, { id: alumnus.membershipId }, await server.signIn(advisor));
    expect(result.data!.alumnusProfile).toMatchObject({ contactEmail: null, contactPhone: null });
  });
});

describe("alumniDirectory", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(DIRECTORY))).toBe("UNAUTHENTICATED");
  });

  it("is refused to alumni", async () => {
    expect(errorCode(await server.gql(DIRECTORY, {}, await server.signIn(await buildAlumnus(db()))))).toBe("FORBIDDEN");
  });

  it("shows nothing of another institution's alumni", async () => {
    await listedAlumnus(await buildInstitution(db()));
    for (const build of [buildStudent, buildAdvisor, buildAdmin]) {
      const token = await server.signIn(await build(db()));
      expect((await server.gql(DIRECTORY, {}, token)).data!.alumniDirectory).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    }
  });

  it("lists only listed alumni, by name regardless of case", async () => {
    const institution = await buildInstitution(db());
    await listedAlumnus(institution, "bea Brown");
    await listedAlumnus(institution, "Ada Archer");
    await listedAlumnus(institution, "Cy Carter");
    await buildAlumnus(db(), { institution, displayName: "Aaron Unlisted" });
    const withdrawnText = await buildAlumnus(db(), { institution, displayName: "Abe Contactonly" });
    await buildConsent(db(), withdrawnText, "ALUMNUS_CONTACT");
    const token = await server.signIn(await buildStudent(db(), { institution }));
    expect(names(await server.gql(DIRECTORY, {}, token))).toEqual(["Ada Archer", "bea Brown", "Cy Carter"]);
  });

  it("drops an alum the moment they withdraw ALUMNUS_LISTED, and shows them again when they give it again", async () => {
    const institution = await buildInstitution(db());
    await buildConsentText(db(), institution, "ALUMNUS_LISTED");
    const alumnus = await buildAlumnus(db(), { institution, displayName: "Wren Withdrawer" });
    const alumnusToken = await server.signIn(alumnus);
    const student = await server.signIn(await buildStudent(db(), { institution }));
    await server.gql(`mutation { giveConsent(kind: ALUMNUS_LISTED) { id } }`, {}, alumnusToken);
    expect(names(await server.gql(DIRECTORY, {}, student))).toEqual(["Wren Withdrawer"]);
    await server.gql(`mutation { withdrawConsent(kind: ALUMNUS_LISTED) { id } }`, {}, alumnusToken);
    expect(names(await server.gql(DIRECTORY, {}, student))).toEqual([]);
    expect(errorCode(await server.gql(ONE, { id: alumnus.membershipId }, student))).toBe("NOT_FOUND");
    await server.gql(`mutation { giveConsent(kind: ALUMNUS_LISTED) { id } }`, {}, alumnusToken);
    expect(names(await server.gql(DIRECTORY, {}, student))).toEqual(["Wren Withdrawer"]);
  });

  it("filters by career field, industry and a search over name, employer, title and topics", async () => {
    const institution = await buildInstitution(db());
    const nurse = await listedAlumnus(institution, "Nora Nurse");
    const lawyer = await listedAlumnus(institution, "Lee Lawyer");
    await listedAlumnus(institution, "Dee Data");
    await tenantTransaction(db(), { institutionId: institution.id }, async (m) => {
      await m.query(
        `UPDATE alumni_profiles SET fields = '{healthcare}', industry = 'healthcare', employer = 'Mercy 100% Hospital', title = 'Nurse' WHERE membership_id = $1`,
        [nurse.membershipId],
      );
      await m.query(
        `UPDATE alumni_profiles SET fields = '{law}', industry = 'legal', employer = 'Ortega & Lane', title = 'Attorney', topics = '{"Moot court"}' WHERE membership_id = $1`,
        [lawyer.membershipId],
      );
    });
    const token = await server.signIn(await buildAdvisor(db(), { institution }));
    expect(names(await server.gql(DIRECTORY, { field: "law" }, token))).toEqual(["Lee Lawyer"]);
    expect(names(await server.gql(DIRECTORY, { industry: "technology" }, token))).toEqual(["Dee Data"]);
    expect(names(await server.gql(DIRECTORY, { search: "ortega" }, token))).toEqual(["Lee Lawyer"]);
    // Employer, title and topics match whatever the case on either side (not through the name).
    expect(names(await server.gql(DIRECTORY, { search: "ORTEGA & lane" }, token))).toEqual(["Lee Lawyer"]);
    expect(names(await server.gql(DIRECTORY, { search: "MOOT Court" }, token))).toEqual(["Lee Lawyer"]);
    expect(names(await server.gql(DIRECTORY, { search: "mercy 100% HOSPITAL" }, token))).toEqual(["Nora Nurse"]);
    expect(names(await server.gql(DIRECTORY, { search: "moot cou" }, token))).toEqual(["Lee Lawyer"]);
    expect(names(await server.gql(DIRECTORY, { search: "NURSE" }, token))).toEqual(["Nora Nurse"]);
    expect(names(await server.gql(DIRECTORY, { search: "data scientist" }, token))).toEqual(["Dee Data"]);
    expect(names(await server.gql(DIRECTORY, { search: "100%" }, token))).toEqual(["Nora Nurse"]);
    expect(names(await server.gql(DIRECTORY, { search: "%" }, token))).toEqual(["Nora Nurse"]);
    expect(names(await server.gql(DIRECTORY, { field: "healthcare", industry: "legal" }, token))).toEqual([]);
  });

  it("refuses an unknown field or industry with BAD_USER_INPUT naming it", async () => {
    const token = await server.signIn(await buildStudent(db()));
    expect(fieldsOf(await server.gql(DIRECTORY, { field: "astrology" }, token))).toEqual(["field"]);
    expect(fieldsOf(await server.gql(DIRECTORY, { industry: "piracy" }, token))).toEqual(["industry"]);
  });

  it("pages with an opaque cursor, without repeating or skipping anyone", async () => {
    const institution = await buildInstitution(db());
    const all = ["Avery", "blake", "Casey", "Drew", "Emery", "Finley", "Gray"].map((n) => `${n} Pager`);
    for (const name of all) await listedAlumnus(institution, name);
    await listedAlumnus(institution, "Casey Pager"); // a namesake: the id breaks the tie
    const token = await server.signIn(await buildStudent(db(), { institution }));
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: GraphQLResult = await server.gql(DIRECTORY, { first: 3, after }, token);
      seen.push(...names(result));
      const { hasNextPage, endCursor } = result.data!.alumniDirectory.pageInfo;
      if (!hasNextPage) break;
      after = endCursor;
    }
    expect(seen).toEqual([
      "Avery Pager",
      "blake Pager",
      "Casey Pager",
      "Casey Pager",
      "Drew Pager",
      "Emery Pager",
      "Finley Pager",
      "Gray Pager",
    ]);
  });

  it("refuses a page of more than 100, or of none, and a cursor it did not make", async () => {
    const token = await server.signIn(await buildStudent(db()));
    expect(fieldsOf(await server.gql(DIRECTORY, { first: 101 }, token))).toEqual(["first"]);
    expect(fieldsOf(await server.gql(DIRECTORY, { first: 0 }, token))).toEqual(["first"]);
    expect(errorCode(await server.gql(DIRECTORY, { first: 100 }, token))).toBeUndefined();
    for (const after of ["garbage", Buffer.from('["a","not-a-uuid"]').toString("base64url"), Buffer.from("{}").toString("base64url")]) {
      const result = await server.gql(DIRECTORY, { after }, token);
      expect(errorCode(result)).toBe("BAD_USER_INPUT");
      expect(fieldsOf(result)).toEqual(["after"]);
    }
  });

  it("costs the same number of queries for a page of 2 alumni as for a page of 12", async () => {
    const count = async (size: number) => {
      const institution = await buildInstitution(db());
      for (let i = 0; i < size; i++) await listedAlumnus(institution);
      const token = await server.signIn(await buildStudent(db(), { institution }));
      const spy = jest.spyOn(PostgresQueryRunner.prototype, "query");
      try {
        const result = await server.gql(DIRECTORY, { first: 50 }, token);
        expect(result.data!.alumniDirectory.edges).toHaveLength(size);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const small = await count(2);
    expect(await count(12)).toBe(small);
  });
});
