import { useTestDatabase } from "../../test/database";
import { buildStudent } from "../../test/factories";
import { asInstitution } from "../../test/request-kit";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { buildApiKey } from "./integrations.fixtures";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const GRADUATE = `mutation($ids: [ID!]!) { graduateStudents(studentMembershipIds: $ids) { graduated alreadyAlumni errors { row field code } } }`;

describe("graduateStudents", () => {
  it("makes the same person an alum with a prefilled profile, keeps the student membership, and records it", async () => {
    const { key, adminToken, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const institution = { id: institutionId, slug: "", name: "" };
    const student = await buildStudent(db(), { institution });
    await asInstitution(
      db(),
      institutionId,
      `UPDATE student_profiles SET class_year = 2026, major = 'Economics', fields = '{finance,consulting}', locations = '{Boston,Chicago}'
        WHERE membership_id = $1`,
      [student.membershipId],
    );
    const result = await server.gql(GRADUATE, { ids: [student.membershipId, student.membershipId, "not-an-id"] }, key);
    // "not-an-id" is refused by the ID check before anything runs.
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    const done = await server.gql(GRADUATE, { ids: [student.membershipId, student.membershipId] }, key);
    expect(done.data!.graduateStudents).toEqual({
      graduated: 1,
      alreadyAlumni: 0,
      errors: [{ row: 1, field: "studentMembershipIds", code: "DUPLICATE_IN_BATCH" }],
    });
    const memberships = await asInstitution(
      db(),
      institutionId,
      `SELECT role, deactivated_at FROM memberships WHERE identity_id = $1 AND institution_id = $2 ORDER BY role`,
      [student.identityId, institutionId],
    );
    // One person: the student membership is still active beside the new alum one, so their history stays theirs.
    expect(memberships).toEqual([
      { role: "ALUMNUS", deactivated_at: null },
      { role: "STUDENT", deactivated_at: null },
    ]);
    const [profile] = await asInstitution(
      db(),
      institutionId,
      `SELECT p.class_year, p.major, p.fields, p.location FROM alumni_profiles p JOIN memberships ms ON ms.id = p.membership_id
        WHERE ms.identity_id = $1 AND ms.role = 'ALUMNUS'`,
      [student.identityId],
    );
    expect(profile).toEqual({ class_year: 2026, major: "Economics", fields: ["finance", "consulting"], location: "Boston" });
    // Not volunteering yet: no alum consent, so listed nowhere until they agree.
    const consents = await asInstitution(
      db(),
      institutionId,
      `SELECT 1 FROM consents c JOIN memberships ms ON ms.id = c.membership_id WHERE ms.identity_id = $1 AND ms.role = 'ALUMNUS'`,
      [student.identityId],
    );
    expect(consents).toEqual([]);
    const audit = await server.gql(
      `query($p: String) { auditLog(filter: { action: "student.graduated", person: $p }) { edges { node { action subjectMembershipId actorKind } } } }`,
      { p: student.membershipId },
      adminToken,
    );
    expect(audit.data!.auditLog.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { action: "student.graduated", subjectMembershipId: student.membershipId, actorKind: "API_KEY" },
    ]);
    // Again: nothing more to do.
    const again = await server.gql(GRADUATE, { ids: [student.membershipId] }, key);
    expect(again.data!.graduateStudents).toEqual({ graduated: 0, alreadyAlumni: 1, errors: [] });
  });

  it("finds no student of another institution, and is refused to students and keys without people:write", async () => {
    const { key } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const stranger = await buildStudent(db());
    const result = await server.gql(GRADUATE, { ids: [stranger.membershipId] }, key);
    expect(result.data!.graduateStudents).toEqual({
      graduated: 0,
      alreadyAlumni: 0,
      errors: [{ row: 0, field: "studentMembershipIds", code: "NOT_FOUND" }],
    });
    const reader = await buildApiKey(server, db(), ["PEOPLE_READ"]);
    expect(errorCode(await server.gql(GRADUATE, { ids: [stranger.membershipId] }, reader.key))).toBe("SCOPE_MISSING");
    expect(errorCode(await server.gql(GRADUATE, { ids: [stranger.membershipId] }, await server.signIn(stranger)))).toBe("FORBIDDEN");
  });
});
