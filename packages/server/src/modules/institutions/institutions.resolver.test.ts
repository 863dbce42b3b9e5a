import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildInstitution, buildStudent } from "../../test/factories";
import { errorCode, startTestServer, type GraphQLResult, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const INSTITUTION = `{ institution { id slug name timeZone meetingMinutes requestExpiryDays thankYouDays followUpDays maxOpenRequestsPerStudent } }`;
const UPDATE = `mutation($input: UpdateInstitutionSettingsInput!) {
  updateInstitutionSettings(input: $input) { id name timeZone meetingMinutes requestExpiryDays thankYouDays followUpDays maxOpenRequestsPerStudent }
}`;
const fieldsOf = (result: GraphQLResult) =>
  ((result.errors?.[0]?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);

describe("institution", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(INSTITUTION))).toBe("UNAUTHENTICATED");
  });

  it("is open to every role, since everyone needs the meeting length and time zone", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildStudent, buildAlumnus, buildAdvisor]) {
      const token = await server.signIn(await build(db(), { institution }));
      expect((await server.gql(INSTITUTION, {}, token)).data!.institution.id).toBe(institution.id);
    }
  });

  it("shows a member of another institution only their own", async () => {
    const mine = await buildInstitution(db());
    const theirs = await buildInstitution(db());
    const token = await server.signIn(await buildAdmin(db(), { institution: theirs }));
    const result = await server.gql(INSTITUTION, {}, token);
    expect(result.data!.institution).toMatchObject({ id: theirs.id, name: theirs.name });
    expect(JSON.stringify(result)).not.toContain(mine.id);
  });

  it("returns the current institution with its settings", async () => {
    const institution = await buildInstitution(db(), { timeZone: "America/Chicago" });
    const token = await server.signIn(await buildStudent(db(), { institution }));
    expect((await server.gql(INSTITUTION, {}, token)).data!.institution).toEqual({
      id: institution.id,
      slug: institution.slug,
      name: institution.name,
      timeZone: "America/Chicago",
      meetingMinutes: 30,
      requestExpiryDays: 7,
      thankYouDays: 2,
      followUpDays: 45,
      maxOpenRequestsPerStudent: 5,
    });
  });
});

describe("updateInstitutionSettings", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(UPDATE, { input: { meetingMinutes: 20 } }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to advisors, students and alumni", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildAdvisor, buildStudent, buildAlumnus]) {
      const token = await server.signIn(await build(db(), { institution }));
      expect(errorCode(await server.gql(UPDATE, { input: { meetingMinutes: 20 } }, token))).toBe("FORBIDDEN");
    }
    const studentToken = await server.signIn(await buildStudent(db(), { institution }));
    expect((await server.gql(INSTITUTION, {}, studentToken)).data!.institution.meetingMinutes).toBe(30);
  });

  it("changes only the admin's own institution", async () => {
    const other = await buildInstitution(db());
    const otherStudent = await server.signIn(await buildStudent(db(), { institution: other }));
    const admin = await server.signIn(await buildAdmin(db()));
    await server.gql(UPDATE, { input: { name: "Renamed", meetingMinutes: 45 } }, admin);
    expect((await server.gql(INSTITUTION, {}, otherStudent)).data!.institution).toMatchObject({ name: other.name, meetingMinutes: 30 });
  });

  it("lets an admin change settings, leaving omitted ones as they were", async () => {
    const admin = await buildAdmin(db());
    const token = await server.signIn(admin);
    const result = await server.gql(
      UPDATE,
      {
        input: {
          name: "  Northfield College ",
          timeZone: "utc",
          meetingMinutes: 20,
          thankYouDays: 3,
          followUpDays: 60,
          maxOpenRequestsPerStudent: null,
        },
      },
      token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateInstitutionSettings).toEqual({
      id: admin.institutionId,
      name: "Northfield College",
      timeZone: "UTC",
      meetingMinutes: 20,
      requestExpiryDays: 7,
      thankYouDays: 3,
      followUpDays: 60,
      maxOpenRequestsPerStudent: 5,
    });
    expect((await server.gql(INSTITUTION, {}, token)).data!.institution.meetingMinutes).toBe(20);
  });

  it.each([
    ["meetingMinutes", 14],
    ["meetingMinutes", 61],
    ["requestExpiryDays", 0],
    ["requestExpiryDays", 61],
    ["thankYouDays", 0],
    ["thankYouDays", 15],
    ["followUpDays", 6],
    ["followUpDays", 181],
    ["maxOpenRequestsPerStudent", 0],
    ["maxOpenRequestsPerStudent", 51],
    ["erasureGraceDays", -1],
    ["erasureGraceDays", 91],
    ["accommodationLeadDays", -1],
    ["accommodationLeadDays", 61],
    ["timeZone", "Mars/Olympus_Mons"],
    ["timeZone", "+02:00"],
    ["name", ""],
    ["name", "   "],
  ])("refuses %s = %p with BAD_USER_INPUT naming the field", async (field, value) => {
    const token = await server.signIn(await buildAdmin(db()));
    const result = await server.gql(UPDATE, { input: { [field]: value } }, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect([...new Set(fieldsOf(result))]).toEqual([field]);
  });

  it("accepts the bounds of every range", async () => {
    const token = await server.signIn(await buildAdmin(db()));
    const low = { meetingMinutes: 15, requestExpiryDays: 1, thankYouDays: 1, followUpDays: 7, maxOpenRequestsPerStudent: 1 };
    const high = { meetingMinutes: 60, requestExpiryDays: 60, thankYouDays: 14, followUpDays: 180, maxOpenRequestsPerStudent: 50 };
    expect((await server.gql(UPDATE, { input: low }, token)).data!.updateInstitutionSettings).toMatchObject(low);
    expect((await server.gql(UPDATE, { input: high }, token)).data!.updateInstitutionSettings).toMatchObject(high);
  });

  it("sets the erasure grace period and the accommodation lead time, which the erasure request and the lead-time answer follow", async () => {
    const institution = await buildInstitution(db());
    const token = await server.signIn(await buildAdmin(db(), { institution }));
    const SET = `mutation($input: UpdateInstitutionSettingsInput!) { updateInstitutionSettings(input: $input) { erasureGraceDays accommodationLeadDays } }`;
    expect(
      (await server.gql(SET, { input: { erasureGraceDays: 30, accommodationLeadDays: 0 } }, token)).data!.updateInstitutionSettings,
    ).toEqual({
      erasureGraceDays: 30,
      accommodationLeadDays: 0,
    });
    const student = await server.signIn(await buildStudent(db(), { institution }));
    const asked = (await server.gql(`mutation { requestAccountErasure { requestedAt dueAt } }`, {}, student)).data!.requestAccountErasure;
    expect(Math.round((Date.parse(asked.dueAt) - Date.parse(asked.requestedAt)) / 86_400_000)).toBe(30);
    expect((await server.gql(`{ accommodationLeadDays }`, {}, student)).data!.accommodationLeadDays).toBe(0);
  });
});

describe("the career taxonomy", () => {
  const TAXONOMY = `{ careerFields { id name } industries { id name } }`;

  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(`{ careerFields { id } }`))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.gql(`{ industries { id } }`))).toBe("UNAUTHENTICATED");
  });

  it("is open to every role", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildStudent, buildAlumnus, buildAdvisor, buildAdmin]) {
      const token = await server.signIn(await build(db(), { institution }));
      const result = await server.gql(TAXONOMY, {}, token);
      expect(result.errors).toBeUndefined();
      expect(result.data!.careerFields.length).toBeGreaterThan(0);
    }
  });

  it("is the same list in every institution, being global", async () => {
    const a = await server.gql(TAXONOMY, {}, await server.signIn(await buildStudent(db())));
    const b = await server.gql(TAXONOMY, {}, await server.signIn(await buildStudent(db())));
    expect(a.data).toEqual(b.data);
  });

  it("lists career fields and industries by name", async () => {
    const { data } = await server.gql(TAXONOMY, {}, await server.signIn(await buildStudent(db())));
    expect(data!.careerFields).toContainEqual({ id: "data-science", name: "Data Science" });
    expect(data!.industries).toContainEqual({ id: "technology", name: "Technology" });
    const names = (list: Array<{ name: string }>) => list.map((x) => x.name);
    expect(names(data!.careerFields)).toEqual([...names(data!.careerFields)].sort((x, y) => x.localeCompare(y)));
    expect(names(data!.industries)).toEqual([...names(data!.industries)].sort((x, y) => x.localeCompare(y)));
  });
});
