import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildInstitution, buildStudent, TEST_PASSWORD } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const SIGN_IN = `mutation($input: SignInInput!) {
  signIn(input: $input) { accessToken refreshToken me { institutionId roles identity { email } memberships { role institutionSlug } } }
}`;
const ME = `{ me { institutionId roles identity { id email displayName } memberships { role institutionId } } }`;

describe("signing in", () => {
  it("signs a student in and returns who they are", async () => {
    const student = await buildStudent(db());
    const result = await server.gql(SIGN_IN, { input: { email: student.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.signIn.me).toMatchObject({
      institutionId: student.institutionId,
      roles: ["STUDENT"],
      identity: { email: student.email },
    });
    const me = await server.gql(ME, {}, result.data!.signIn.accessToken);
    expect(me.data!.me.identity.email).toBe(student.email);
  });

  it("gives the same error for a wrong password and an unknown email", async () => {
    const student = await buildStudent(db());
    const wrong = await server.gql(SIGN_IN, { input: { email: student.email, password: "not the password" } });
    const unknown = await server.gql(SIGN_IN, { input: { email: `nobody-${Date.now()}@test.example`, password: "whatever123" } });
    expect(errorCode(wrong)).toBe("INVALID_CREDENTIALS");
    expect(errorCode(unknown)).toBe("INVALID_CREDENTIALS");
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
  });

  it("refuses further attempts after repeated failures, even with the right password", async () => {
    const student = await buildStudent(db());
    // Record failures directly so the test does not wait through the slow-down.
    await tenantTransaction(db(), { institutionId: null }, (m) =>
      m.query(`INSERT INTO sign_in_attempts (email, succeeded) SELECT $1, false FROM generate_series(1, 10)`, [student.email]),
    );
    const result = await server.gql(SIGN_IN, { input: { email: student.email, password: TEST_PASSWORD } });
    expect(errorCode(result)).toBe("TOO_MANY_ATTEMPTS");
  });

  it("slows down sign-in after a few failures", async () => {
    const student = await buildStudent(db());
    await tenantTransaction(db(), { institutionId: null }, (m) =>
      m.query(`INSERT INTO sign_in_attempts (email, succeeded) SELECT $1, false FROM generate_series(1, 5)`, [student.email]),
    );
    const started = Date.now();
    const result = await server.gql(SIGN_IN, { input: { email: student.email, password: TEST_PASSWORD } });
    expect(result.errors).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("rejects a malformed email with BAD_USER_INPUT naming the field", async () => {
    const result = await server.gql(SIGN_IN, { input: { email: "not-an-email", password: "x" } });
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors![0].extensions!.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: "email" })]));
  });

  it("lets an alum of two institutions pick either, and only those", async () => {
    const first = await buildAlumnus(db());
    const otherSchool = await buildInstitution(db());
    await buildAlumnus(db(), { institution: otherSchool, identityId: first.identityId });
    const result = await server.gql(SIGN_IN, { input: { email: first.email, password: TEST_PASSWORD, institutionId: otherSchool.id } });
    expect(result.data!.signIn.me.institutionId).toBe(otherSchool.id);
    expect(result.data!.signIn.me.memberships).toHaveLength(2);
    const stranger = await buildInstitution(db());
    const refused = await server.gql(SIGN_IN, { input: { email: first.email, password: TEST_PASSWORD, institutionId: stranger.id } });
    expect(errorCode(refused)).toBe("FORBIDDEN");
  });
});

describe("sessions", () => {
  it("refreshes with a rotated refresh token and refuses the old one", async () => {
    const student = await buildStudent(db());
    const signIn = await server.gql(SIGN_IN, { input: { email: student.email, password: TEST_PASSWORD } });
    const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
    const first = await server.gql(REFRESH, { t: signIn.data!.signIn.refreshToken });
    expect(first.data!.refreshSession.accessToken).toEqual(expect.any(String));
    const reused = await server.gql(REFRESH, { t: signIn.data!.signIn.refreshToken });
    expect(errorCode(reused)).toBe("SESSION_REVOKED");
  });

  it("signing out revokes the access token at once", async () => {
    const student = await buildStudent(db());
    const token = await server.signIn(student);
    expect((await server.gql(`mutation { signOut }`, {}, token)).data).toEqual({ signOut: true });
    expect(errorCode(await server.gql(ME, {}, token))).toBe("UNAUTHENTICATED");
  });

  it("ignores a token signed with another secret", async () => {
    const { SignJWT } = await import("jose");
    const forged = await new SignJWT({ sid: "x", inst: "y", mem: { ADMIN: "z" } })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("someone")
      .setIssuer("infoview")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("another-secret-another-secret-another-secret"));
    expect(errorCode(await server.gql(ME, {}, forged))).toBe("UNAUTHENTICATED");
  });
});

describe("invitations", () => {
  const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id email role } }`;
  const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken me { roles institutionId identity { email displayName } } } }`;
  const linkToken = (text: string) => decodeURIComponent(/token=([^\s]+)/.exec(text)![1]);

  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(INVITE, { input: { email: "a@b.example", role: "STUDENT" } }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to students and alumni", async () => {
    const token = await server.signIn(await buildStudent(db()));
    expect(errorCode(await server.gql(INVITE, { input: { email: "a@b.example", role: "STUDENT" } }, token))).toBe("FORBIDDEN");
  });

  it("lets advisors invite students but not admins", async () => {
    const token = await server.signIn(await buildAdvisor(db()));
    expect(errorCode(await server.gql(INVITE, { input: { email: "adm@b.example", role: "ADMIN" } }, token))).toBe("FORBIDDEN");
    const ok = await server.gql(INVITE, { input: { email: "Stu@B.example", role: "STUDENT" } }, token);
    expect(ok.data!.inviteMember).toMatchObject({ email: "stu@b.example", role: "STUDENT" });
  });

  it("shows an institution's invitations only to that institution", async () => {
    const admin = await buildAdmin(db());
    const adminToken = await server.signIn(admin);
    await server.gql(INVITE, { input: { email: `mine-${Date.now()}@b.example`, role: "ALUMNUS" } }, adminToken);
    const otherAdmin = await server.signIn(await buildAdmin(db()));
    const theirs = await server.gql(`{ invitations { email } }`, {}, otherAdmin);
    expect(theirs.data!.invitations).toEqual([]);
    const mine = await server.gql(`{ invitations { email } }`, {}, adminToken);
    expect(mine.data!.invitations).toHaveLength(1);
  });

  it("writes the invitation in the institution's default language, its expiry in the institution's time zone", async () => {
    const institution = await buildInstitution(db(), { name: "Universidad del Sur" });
    const admin = await buildAdmin(db(), { institution });
    const token = await server.signIn(admin);
    const english = `en-${Date.now()}@alum.example`;
    await server.gql(INVITE, { input: { email: english, role: "ALUMNUS" } }, token);
    expect(server.mailer.sent.find((m) => m.to === english)!.subject).toBe("You're invited to Universidad del Sur on Infoview");
    const set = await server.gql(
      `mutation { updateInstitutionSettings(input: { defaultLocale: "es", timeZone: "America/Bogota" }) { defaultLocale } }`,
      {},
      token,
    );
    expect(set.errors).toBeUndefined();
    const spanish = `es-${Date.now()}@alum.example`;
    await server.gql(INVITE, { input: { email: spanish, role: "ALUMNUS" } }, token);
    const mail = server.mailer.sent.find((m) => m.to === spanish)!;
    expect(mail.subject).toBe("Te invitaron a Universidad del Sur en Infoview");
    expect(mail.text).toContain("Universidad del Sur te invita a unirte a Infoview como egresado voluntario.");
    expect(mail.text).toMatch(/Este enlace funciona hasta el \S+, \d{1,2} \S+ \d{4}, .* \(America\/Bogota\)\./);
  });

  it("emails a link that sets the password and signs the new member in, once", async () => {
    const admin = await buildAdmin(db());
    const token = await server.signIn(admin);
    const email = `new-${Date.now()}@alum.example`;
    await server.gql(INVITE, { input: { email, role: "ALUMNUS" } }, token);
    const mail = server.mailer.sent.find((m) => m.to === email)!;
    expect(mail.subject).toContain("invited");
    const accepted = await server.gql(ACCEPT, {
      input: { token: linkToken(mail.text), displayName: "New Alum", password: "a long password" },
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptInvitation.me).toMatchObject({
      roles: ["ALUMNUS"],
      institutionId: admin.institutionId,
      identity: { email, displayName: "New Alum" },
    });
    const again = await server.gql(ACCEPT, {
      input: { token: linkToken(mail.text), displayName: "New Alum", password: "a long password" },
    });
    expect(errorCode(again)).toBe("INVITATION_INVALID");
  });

  it("refuses an expired invitation with the same error as an unknown one", async () => {
    const admin = await buildAdmin(db());
    const token = await server.signIn(admin);
    const email = `late-${Date.now()}@alum.example`;
    await server.gql(INVITE, { input: { email, role: "STUDENT" } }, token);
    await tenantTransaction(db(), { institutionId: admin.institutionId }, (m) =>
      m.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = $1`, [email]),
    );
    const mail = server.mailer.sent.find((m) => m.to === email)!;
    const expired = await server.gql(ACCEPT, { input: { token: linkToken(mail.text), displayName: "Late", password: "a long password" } });
    const unknown = await server.gql(ACCEPT, {
      input: { token: `${admin.institutionId}.made-up-secret`, displayName: "X", password: "a long password" },
    });
    expect(errorCode(expired)).toBe("INVITATION_INVALID");
    expect(expired.errors![0].message).toBe(unknown.errors![0].message);
  });
});

describe("the viewer's language", () => {
  const UPDATE = `mutation($input: UpdateMyPreferencesInput!) { updateMyPreferences(input: $input) { identity { id locale } } }`;
  const signIn = async (email: string) =>
    (await server.gql(SIGN_IN, { input: { email, password: TEST_PASSWORD } })).data!.signIn.accessToken as string;

  it("is unset until chosen, then saved on the person and returned at every sign-in", async () => {
    const student = await buildStudent(db());
    const token = await signIn(student.email);
    const before = await server.gql(`{ me { identity { locale } } }`, {}, token);
    expect(before.data!.me.identity.locale).toBeNull();

    const saved = await server.gql(UPDATE, { input: { locale: "es" } }, token);
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.updateMyPreferences.identity.locale).toBe("es");

    // Another sign-in (another device) sees it.
    const again = await server.gql(`{ me { identity { locale } } }`, {}, await signIn(student.email));
    expect(again.data!.me.identity.locale).toBe("es");

    const cleared = await server.gql(UPDATE, { input: { locale: null } }, token);
    expect(cleared.data!.updateMyPreferences.identity.locale).toBeNull();
  });

  it("refuses a language the client is not written in, naming the field", async () => {
    const student = await buildStudent(db());
    const result = await server.gql(UPDATE, { input: { locale: "fr" } }, await signIn(student.email));
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: "locale" })]);
  });

  it("cannot be saved without signing in", async () => {
    const result = await server.gql(UPDATE, { input: { locale: "es" } });
    expect(errorCode(result)).toBe("UNAUTHENTICATED");
  });
});
