import { buildAdmin, buildAlumnus, buildInstitution, buildStudent, type BuiltInstitution, type BuiltMember } from "../../test/factories";
import { useTestDatabase } from "../../test/database";
import { sessionCount } from "../../test/sso-kit";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useTestDatabase();

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken me { institutionId roles } } }`;
const ENFORCE = `mutation($roles: [Role!]!) { setSsoEnforcement(roles: $roles) { enforcedRoles } }`;

describe("SSO enforcement per role", () => {
  let server: TestServer;
  let institution: BuiltInstitution;
  let admin: BuiltMember;
  let student: BuiltMember;
  let alumnus: BuiltMember;
  let adminToken: string;
  let providerId: string;

  beforeAll(async () => {
    server = await startTestServer(db());
    institution = await buildInstitution(db());
    admin = await buildAdmin(db(), { institution });
    student = await buildStudent(db(), { institution });
    alumnus = await buildAlumnus(db(), { institution });
    adminToken = await server.signIn(admin);
    const added = await server.gql(
      `mutation { addIdentityProvider(input: { kind: OIDC, name: "Campus", oidcIssuer: "https://login.campus.example", oidcClientId: "infoview" }) { id } }`,
      {},
      adminToken,
    );
    providerId = added.data!.addIdentityProvider.id;
  });

  afterAll(async () => {
    await server?.close();
  });

  const passwordSignIn = (member: BuiltMember, institutionId?: string) =>
    server.gql(SIGN_IN, { input: { email: member.email, password: member.password, ...(institutionId ? { institutionId } : {}) } });

  it("needs a switched-on provider before any role is enforced, so nobody is locked out", async () => {
    expect(errorCode(await server.gql(ENFORCE, { roles: ["STUDENT"] }, adminToken))).toBe("SSO_NOT_READY");
    expect(errorCode(await server.gql(ENFORCE, { roles: ["STUDENT"] }, await server.signIn(student)))).toBe("FORBIDDEN");
  });

  describe("with students and advisors on SSO", () => {
    beforeAll(async () => {
      await server.gql(`mutation($id: ID!) { setIdentityProviderEnabled(id: $id, enabled: true) { id } }`, { id: providerId }, adminToken);
      const set = await server.gql(ENFORCE, { roles: ["STUDENT", "ADVISOR"] }, adminToken);
      expect(set.data!.setSsoEnforcement.enforcedRoles).toEqual(["STUDENT", "ADVISOR"]);
    });

    it("refuses a student's password sign-in with SSO_REQUIRED naming the institution, and leaves no session", async () => {
      const before = await sessionCount(db(), student.identityId);
      const result = await passwordSignIn(student);
      expect(errorCode(result)).toBe("SSO_REQUIRED");
      expect(result.errors![0].extensions).toMatchObject({ institutionSlug: institution.slug, institutionName: institution.name });
      expect(await sessionCount(db(), student.identityId)).toBe(before);
      const log = await server.gql(`{ signInLog { method outcome reason personEmail } }`, {}, adminToken);
      expect(log.data!.signInLog[0]).toMatchObject({
        method: "PASSWORD",
        outcome: "FAILED",
        reason: "SSO_REQUIRED",
        personEmail: student.email,
      });
    });

    it("lets alumni keep email sign-in", async () => {
      const result = await passwordSignIn(alumnus);
      expect(result.errors).toBeUndefined();
      expect(result.data!.signIn.me.roles).toEqual(["ALUMNUS"]);
    });

    it("lets a student in with a session from the institution's own campus sign-in, refresh included", async () => {
      const payload = await server.services.accounts.startSessionFor(student.identityId, institution.id, institution.id);
      const refreshed = await server.gql(`mutation($t: String!) { refreshSession(refreshToken: $t) { me { roles } } }`, {
        t: payload.refreshToken,
      });
      expect(refreshed.data!.refreshSession.me.roles).toEqual(["STUDENT"]);
    });

    it("sends a person enforced here but not elsewhere to the other institution by default", async () => {
      const elsewhere = await buildInstitution(db());
      await buildAlumnus(db(), { institution: elsewhere, identityId: student.identityId, email: student.email });
      const result = await passwordSignIn(student);
      expect(result.data!.signIn.me).toMatchObject({ institutionId: elsewhere.id, roles: ["ALUMNUS"] });
      expect(errorCode(await passwordSignIn(student, institution.id))).toBe("SSO_REQUIRED");
      const token = result.data!.signIn.accessToken;
      const switched = await server.gql(
        `mutation($id: ID!) { switchInstitution(institutionId: $id) { accessToken } }`,
        { id: institution.id },
        token,
      );
      expect(errorCode(switched)).toBe("SSO_REQUIRED");
    });

    it("is lifted when the last provider is switched off", async () => {
      await server.gql(`mutation($id: ID!) { setIdentityProviderEnabled(id: $id, enabled: false) { id } }`, { id: providerId }, adminToken);
      const settings = await server.gql(`{ ssoSettings { enforcedRoles } }`, {}, adminToken);
      expect(settings.data!.ssoSettings.enforcedRoles).toEqual([]);
      expect((await passwordSignIn(student, institution.id)).errors).toBeUndefined();
      const log = await server.gql(`{ signInLog(first: 3) { method outcome reason actorEmail } }`, {}, adminToken);
      expect(log.data!.signInLog.map((e: { reason: string }) => e.reason)).toEqual(
        expect.arrayContaining(["switched off", "campus sign-in required for nobody (no provider is switched on)"]),
      );
      expect(log.data!.signInLog.find((e: { reason: string }) => e.reason === "switched off")).toMatchObject({
        method: "CONFIGURATION",
        outcome: "CHANGED",
        actorEmail: admin.email,
      });
    });
  });
});
