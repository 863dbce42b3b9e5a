import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildConsentText, buildInstitution, buildStudent } from "../../test/factories";
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

  it("lists one class year for the Graduate page, with who is an alum already and who has a verified personal email", async () => {
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    const [ada, bo, cy] = await Promise.all(
      ["Ada", "Bo", "Cy"].map((name) => buildStudent(db(), { institution, displayName: `${name} Student` })),
    );
    await asInstitution(db(), institution.id, `UPDATE student_profiles SET class_year = 2027 WHERE membership_id = ANY($1::uuid[])`, [
      [ada.membershipId, bo.membershipId],
    ]);
    await asInstitution(db(), institution.id, `UPDATE student_profiles SET class_year = 2028 WHERE membership_id = $1`, [cy.membershipId]);
    // Campus sign-in for the students' own domain: their roster address is a campus one, not personal.
    const domain = ada.email.split("@")[1];
    await asInstitution(
      db(),
      institution.id,
      `INSERT INTO identity_providers (institution_id, kind, name, email_domains, match_attribute, oidc_issuer, oidc_client_id)
       VALUES ($1, 'OIDC', 'Campus', $2, 'email', 'https://idp.test.example', 'infoview')`,
      [institution.id, [domain]],
    );
    await asInstitution(
      db(),
      institution.id,
      `INSERT INTO identity_emails (identity_id, email, verified_at) VALUES ($1, 'ada.personal@example.org', now())`,
      [ada.identityId],
    );
    await asInstitution(
      db(),
      institution.id,
      `INSERT INTO identity_emails (identity_id, email) VALUES ($1, 'bo.unconfirmed@example.org')`,
      [bo.identityId],
    );
    const token = await server.signIn(admin);
    await server.gql(GRADUATE, { ids: [bo.membershipId] }, token);
    const list = await server.gql(
      `query($y: Int!) { graduationCandidates(classYear: $y) { studentMembershipId displayName classYear alreadyAlumnus personalEmailVerified } }`,
      { y: 2027 },
      token,
    );
    expect(list.data!.graduationCandidates).toEqual([
      {
        studentMembershipId: ada.membershipId,
        displayName: "Ada Student",
        classYear: 2027,
        alreadyAlumnus: false,
        personalEmailVerified: true,
      },
      {
        studentMembershipId: bo.membershipId,
        displayName: "Bo Student",
        classYear: 2027,
        alreadyAlumnus: true,
        personalEmailVerified: false,
      },
    ]);
    expect(errorCode(await server.gql(`query { graduationCandidates(classYear: 99) { displayName } }`, {}, token))).toBe("BAD_USER_INPUT");
    expect(
      errorCode(await server.gql(`query { graduationCandidates(classYear: 2027) { displayName } }`, {}, await server.signIn(cy))),
    ).toBe("FORBIDDEN");
  });

  it("invites each new alum to volunteer by email; they consent through the alum consent flow before they are listed", async () => {
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    const student = await buildStudent(db(), { institution, displayName: "Val Graduate" });
    const classmate = await buildStudent(db(), { institution });
    await server.gql(GRADUATE, { ids: [student.membershipId] }, await server.signIn(admin));
    const [invitation] = await asInstitution(
      db(),
      institution.id,
      `SELECT o.id, o.payload FROM outbox o WHERE o.topic = 'graduation.volunteer_invitation' AND o.institution_id = $1`,
      [institution.id],
    );
    const alum = invitation.payload.membershipId as string;
    const [role] = await asInstitution(db(), institution.id, `SELECT role, identity_id FROM memberships WHERE id = $1`, [alum]);
    expect(role).toEqual({ role: "ALUMNUS", identity_id: student.identityId });
    const plan = () =>
      server.services.notifications.deliverer.plan({
        id: String(invitation.id),
        institutionId: institution.id,
        topic: "graduation.volunteer_invitation",
        payload: invitation.payload,
      } as never);
    expect((await plan()).emails).toEqual([
      expect.objectContaining({
        side: "ALUMNUS",
        to: expect.objectContaining({ membershipId: alum, email: student.email }),
        subject: expect.stringContaining("will you talk with"),
        text: expect.stringContaining("/alumni/welcome"),
      }),
    ]);
    const directory = async () =>
      (
        await server.gql(
          `query { alumniDirectory(search: "Val Graduate") { edges { node { displayName } } } }`,
          {},
          await server.signIn(classmate),
        )
      ).data!.alumniDirectory.edges;
    await buildConsentTextsForAlumni(institution.id);
    expect(await directory()).toEqual([]);
    // The same person signs in as before and agrees as an alum: listed from now on, and the invitation is no longer sent.
    const own = await server.signIn(student);
    for (const kind of ["ALUMNUS_LISTED", "ALUMNUS_CONTACT"])
      expect(
        (await server.gql(`mutation($k: ConsentKind!) { giveConsent(kind: $k) { kind } }`, { k: kind }, own)).data!.giveConsent,
      ).toEqual({ kind });
    expect(await directory()).toEqual([{ node: { displayName: "Val Graduate" } }]);
    expect((await plan()).emails).toEqual([]);
  });
});

async function buildConsentTextsForAlumni(institutionId: string): Promise<void> {
  for (const kind of ["ALUMNUS_LISTED", "ALUMNUS_CONTACT"] as const) await buildConsentText(db(), { id: institutionId }, kind);
}
