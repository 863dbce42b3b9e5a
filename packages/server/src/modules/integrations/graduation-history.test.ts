import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAlumnus, buildInstitution, buildStudent } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { buildRequest } from "../conversations/conversations.fixtures";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const HISTORY = `query($r: ID!) {
  contactLog(first: 20) { edges { node { kind personName advice namesSuggested { name } } } }
  contactLogCsv
  notes(requestId: $r) { advice }
  referralChain { referral { name } }
  myDataExport
}`;

describe("the student history after graduation", () => {
  it("stays readable by the graduated person: contact log, notes, referrals and export, the same as before", async () => {
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    const student = await buildStudent(db(), { institution, displayName: "Gus Graduate" });
    const alum = await buildAlumnus(db(), { institution, displayName: "Olga Mentor" });
    const request = await buildRequest(db(), student, alum, { state: "COMPLETED" });
    const own = await server.signIn(student);
    const ok = async (query: string, variables: Record<string, unknown>, token = own) => {
      const result = await server.gql(query, variables, token);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    await ok(`mutation($r: ID!) { saveNotes(requestId: $r, input: { advice: "Learn SQL before the internship." }) { advice } }`, {
      r: request.id,
    });
    await ok(`mutation($r: ID!) { addSuggestedName(requestId: $r, input: { name: "Rita Referral", role: "Analyst" }) { name } }`, {
      r: request.id,
    });
    await ok(`mutation { addContactLogEntry(input: { name: "Fair Recruiter", channel: EVENT, contactedOn: "2026-03-02" }) { name } }`, {});
    const before = await ok(HISTORY, { r: request.id });

    const graduated = await ok(
      `mutation($ids: [ID!]!) { graduateStudents(studentMembershipIds: $ids) { graduated } }`,
      { ids: [student.membershipId] },
      await server.signIn(admin),
    );
    expect(graduated.graduateStudents).toEqual({ graduated: 1 });

    // A new sign-in after graduating: the same person, now an alum as well, reads the same history.
    const after = await ok(HISTORY, { r: request.id }, await server.signIn(student));
    expect(after.contactLog).toEqual(before.contactLog);
    expect(after.contactLog.edges.map((e: { node: { personName: string } }) => e.node.personName).sort()).toEqual([
      "Fair Recruiter",
      "Olga Mentor",
    ]);
    expect(after.notes).toEqual({ advice: "Learn SQL before the internship." });
    expect(after.referralChain).toEqual([{ referral: { name: "Rita Referral" } }]);
    expect(after.contactLogCsv).toBe(before.contactLogCsv);
    const exported = JSON.parse(after.myDataExport);
    expect(JSON.stringify(exported)).toContain("Learn SQL before the internship.");
    expect(JSON.stringify(exported)).toContain("Rita Referral");
    // The export now has the alum side too: the prefilled alum profile is theirs.
    expect(exported.alumnus).toBeTruthy();
  });

  it("stays readable once the institution deactivates the student membership: the alum reads it, writes nothing as a student", async () => {
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    const adminToken = await server.signIn(admin);
    const student = await buildStudent(db(), { institution, displayName: "Hal Former" });
    const alum = await buildAlumnus(db(), { institution, displayName: "Pia Mentor" });
    const request = await buildRequest(db(), student, alum, { state: "COMPLETED" });
    const own = await server.signIn(student);
    await server.gql(
      `mutation($r: ID!) { saveNotes(requestId: $r, input: { advice: "Keep a portfolio." }) { advice } }`,
      { r: request.id },
      own,
    );
    await server.gql(`mutation($r: ID!) { addSuggestedName(requestId: $r, input: { name: "Ned Next" }) { name } }`, { r: request.id }, own);
    const before = (await server.gql(HISTORY, { r: request.id }, own)).data!;

    await server.gql(
      `mutation($ids: [ID!]!) { graduateStudents(studentMembershipIds: $ids) { graduated } }`,
      { ids: [student.membershipId] },
      adminToken,
    );
    const deactivated = await server.gql(
      `mutation($ids: [ID!]!) { deactivatePeople(input: { membershipIds: $ids }) { changed } }`,
      { ids: [student.membershipId] },
      adminToken,
    );
    expect(deactivated.data!.deactivatePeople.changed).toBe(1);

    // Signed in again: an alum only, reading the history of the student they were.
    const asAlum = await server.signIn(student);
    const roles = await server.gql(`query { me { roles } }`, {}, asAlum);
    expect(roles.data!.me.roles).toEqual(["ALUMNUS"]);
    const after = await server.gql(HISTORY, { r: request.id }, asAlum);
    expect(after.errors).toBeUndefined();
    expect(after.data!.contactLog).toEqual(before.contactLog);
    expect(after.data!.contactLogCsv).toBe(before.contactLogCsv);
    expect(after.data!.notes).toEqual({ advice: "Keep a portfolio." });
    expect(after.data!.referralChain).toEqual([{ referral: { name: "Ned Next" } }]);
    const exported = JSON.parse(after.data!.myDataExport);
    expect(JSON.stringify(exported)).toContain("Keep a portfolio.");
    expect(exported.alumnus).toBeTruthy();

    // Reading only: the student's writes stay refused.
    expect(
      errorCode(
        await server.gql(
          `mutation { addContactLogEntry(input: { name: "Someone", channel: EVENT, contactedOn: "2026-03-02" }) { name } }`,
          {},
          asAlum,
        ),
      ),
    ).toBe("FORBIDDEN");
    expect(
      errorCode(
        await server.gql(
          `mutation($r: ID!) { saveNotes(requestId: $r, input: { advice: "Changed." }) { advice } }`,
          { r: request.id },
          asAlum,
        ),
      ),
    ).toBe("FORBIDDEN");
    // Another alum (never a student here) reads no student history, and not this one.
    const other = await server.signIn(alum);
    expect(errorCode(await server.gql(`query { contactLog(first: 5) { edges { node { personName } } } }`, {}, other))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(`query($r: ID!) { notes(requestId: $r) { advice } }`, { r: request.id }, other))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(`query { referralChain { depth } }`, {}, other))).toBe("FORBIDDEN");
  });
});
