import { setTimeout as sleep } from "node:timers/promises";
import { sha256 } from "../accounts/tokens";
import { buildStudent, type BuiltMember } from "../../test/factories";
import { useTestDatabase } from "../../test/database";
import { sessionCount } from "../../test/sso-kit";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useTestDatabase();

const REQUEST_LINK = `mutation($email: String!) { requestSignInLink(input: { email: $email }) }`;
const WITH_LINK = `mutation($token: String!) { signInWithLink(token: $token) { accessToken me { identity { email } } } }`;
const REQUEST_RESET = `mutation($email: String!) { requestPasswordReset(input: { email: $email }) }`;
const RESET = `mutation($token: String!, $password: String!) { resetPassword(input: { token: $token, password: $password }) }`;

describe("sign-in without SSO: links, password reset, verified emails", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(db());
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The token in the newest email to `to` (links carry it in the fragment, never in a query). */
  async function tokenMailedTo(to: string, path: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const mail = [...server.mailer.sent].reverse().find((m) => m.to === to && m.text.includes(path));
      const match = mail && new RegExp(`${path}#token=([\\w-]+)`).exec(mail.text);
      if (match) return match[1];
      await sleep(20);
    }
    throw new Error(`no ${path} email to ${to}`);
  }
  const mailsTo = (to: string) => server.mailer.sent.filter((m) => m.to === to).length;

  describe("sign-in links", () => {
    let student: BuiltMember;
    beforeAll(async () => {
      student = await buildStudent(db());
    });

    it("answer the same for a known and an unknown address, and mail only the known one", async () => {
      const unknown = `nobody-${Date.now()}@test.example`;
      expect((await server.gql(REQUEST_LINK, { email: unknown })).data).toEqual({ requestSignInLink: true });
      expect((await server.gql(REQUEST_LINK, { email: student.email.toUpperCase() })).data).toEqual({ requestSignInLink: true });
      await tokenMailedTo(student.email, "/sign-in/link");
      await sleep(50);
      expect(mailsTo(unknown)).toBe(0);
    });

    it("are stored hashed, sign in once, and refuse a second use without leaving a session", async () => {
      await server.gql(REQUEST_LINK, { email: student.email });
      const token = await tokenMailedTo(student.email, "/sign-in/link");
      const stored: Array<{ token_hash: string }> = await db().query(`SELECT token_hash FROM email_tokens WHERE token_hash = $1`, [
        sha256(token),
      ]);
      expect(stored).toHaveLength(1);
      const plain: unknown[] = await db().query(`SELECT 1 FROM email_tokens WHERE token_hash = $1`, [token]);
      expect(plain).toHaveLength(0);
      const first = await server.gql(WITH_LINK, { token });
      expect(first.data!.signInWithLink.me.identity.email).toBe(student.email);
      const before = await sessionCount(db(), student.identityId);
      expect(errorCode(await server.gql(WITH_LINK, { token }))).toBe("EMAIL_TOKEN_INVALID");
      expect(await sessionCount(db(), student.identityId)).toBe(before);
    });

    it("expire after 15 minutes", async () => {
      const fresh = await buildStudent(db());
      await server.gql(REQUEST_LINK, { email: fresh.email });
      const token = await tokenMailedTo(fresh.email, "/sign-in/link");
      const [{ minutes }] = await db().query(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes FROM email_tokens WHERE token_hash = $1`,
        [sha256(token)],
      );
      expect(minutes).toBe(15);
      await db().query(`UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(token)]);
      expect(errorCode(await server.gql(WITH_LINK, { token }))).toBe("EMAIL_TOKEN_INVALID");
      expect(await sessionCount(db(), fresh.identityId)).toBe(0);
    });

    it("are rate-limited per address, known or not, with the same answer", async () => {
      const known = await buildStudent(db());
      const unknown = `nobody-${Date.now()}@test.example`;
      for (const email of [known.email, unknown]) {
        for (let i = 0; i < 3; i++) expect((await server.gql(REQUEST_LINK, { email })).data).toEqual({ requestSignInLink: true });
        expect(errorCode(await server.gql(REQUEST_LINK, { email }))).toBe("TOO_MANY_EMAILS");
      }
    });
  });

  describe("password reset", () => {
    it("sets a new password from the link, signs out every other session, and works once", async () => {
      const student = await buildStudent(db());
      const oldToken = await server.signIn(student);
      expect((await server.gql(`{ me { identity { email } } }`, {}, oldToken)).data).toBeTruthy();
      await server.gql(REQUEST_RESET, { email: student.email });
      const token = await tokenMailedTo(student.email, "/reset-password");
      expect((await server.gql(RESET, { token, password: "a brand new passphrase" })).data).toEqual({ resetPassword: true });
      expect(errorCode(await server.gql(`{ me { identity { email } } }`, {}, oldToken))).toBe("UNAUTHENTICATED");
      const [{ live }] = await db().query(`SELECT count(*)::int AS live FROM sessions WHERE identity_id = $1 AND revoked_at IS NULL`, [
        student.identityId,
      ]);
      expect(live).toBe(0);
      expect(errorCode(await server.gql(RESET, { token, password: "yet another passphrase" }))).toBe("EMAIL_TOKEN_INVALID");
      await expect(server.signIn(student)).rejects.toThrow(/INVALID_CREDENTIALS/);
      expect(await server.signIn({ ...student, password: "a brand new passphrase" })).toBeTruthy();
    });

    it("refuses an expired reset link", async () => {
      const student = await buildStudent(db());
      await server.gql(REQUEST_RESET, { email: student.email });
      const token = await tokenMailedTo(student.email, "/reset-password");
      await db().query(`UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(token)]);
      expect(errorCode(await server.gql(RESET, { token, password: "a brand new passphrase" }))).toBe("EMAIL_TOKEN_INVALID");
      expect(await server.signIn(student)).toBeTruthy();
    });
  });

  describe("verified emails", () => {
    it("adds a personal address, uses it only once verified, and makes it primary", async () => {
      const student = await buildStudent(db());
      const token = await server.signIn(student);
      const personal = `personal-${Date.now()}@mail.example`;
      const added = await server.gql(
        `mutation($e: String!) { addEmail(input: { email: $e }) { email primary verified } }`,
        { e: personal },
        token,
      );
      expect(added.data!.addEmail).toEqual([
        { email: student.email, primary: true, verified: true },
        { email: personal, primary: false, verified: false },
      ]);
      const primary = `mutation($e: String!) { makeEmailPrimary(input: { email: $e }) { email primary } }`;
      expect(errorCode(await server.gql(primary, { e: personal }, token))).toBe("EMAIL_NOT_VERIFIED");
      // Unverified: no sign-in link goes to it.
      const verifyToken = await tokenMailedTo(personal, "/verify-email");
      await server.gql(REQUEST_LINK, { email: personal });
      await sleep(100);
      expect(server.mailer.sent.filter((m) => m.to === personal && m.text.includes("/sign-in/link"))).toHaveLength(0);

      expect((await server.gql(`mutation($t: String!) { verifyEmail(token: $t) }`, { t: verifyToken })).data).toEqual({
        verifyEmail: true,
      });
      expect(errorCode(await server.gql(`mutation($t: String!) { verifyEmail(token: $t) }`, { t: verifyToken }))).toBe(
        "EMAIL_TOKEN_INVALID",
      );
      await server.gql(REQUEST_LINK, { email: personal });
      const link = await tokenMailedTo(personal, "/sign-in/link");
      expect((await server.gql(WITH_LINK, { token: link })).data!.signInWithLink.me.identity.email).toBe(student.email);

      const made = await server.gql(primary, { e: personal }, token);
      expect(made.data!.makeEmailPrimary).toEqual([
        { email: personal, primary: true },
        { email: student.email, primary: false },
      ]);
      expect((await server.gql(`{ me { identity { email } } }`, {}, token)).data!.me.identity.email).toBe(personal);
    });

    it("refuses an address that belongs to someone else", async () => {
      const [a, b] = [await buildStudent(db()), await buildStudent(db())];
      const token = await server.signIn(a);
      expect(errorCode(await server.gql(`mutation($e: String!) { addEmail(input: { email: $e }) { email } }`, { e: b.email }, token))).toBe(
        "EMAIL_TAKEN",
      );
    });

    it("needs a signed-in person for the address book", async () => {
      expect(errorCode(await server.gql(`{ myEmails { email } }`))).toBe("UNAUTHENTICATED");
    });
  });

  describe("the person's language (ADR 0033)", () => {
    it("writes the sign-in link and the reset in Spanish to someone who chose Spanish, in English otherwise", async () => {
      const spanish = await buildStudent(db());
      const english = await buildStudent(db());
      const token = await server.signIn(spanish);
      const saved = await server.gql(`mutation { updateMyPreferences(input: { locale: "es" }) { identity { locale } } }`, {}, token);
      expect(saved.errors).toBeUndefined();
      for (const member of [spanish, english]) {
        await server.gql(REQUEST_LINK, { email: member.email });
        await server.gql(REQUEST_RESET, { email: member.email });
        await tokenMailedTo(member.email, "/sign-in/link");
        await tokenMailedTo(member.email, "/reset-password");
      }
      const subjects = (to: string) =>
        server.mailer.sent
          .filter((m) => m.to === to)
          .map((m) => m.subject)
          .sort();
      expect(subjects(spanish.email)).toEqual(["Restablece tu contraseña de Infoview", "Tu enlace para iniciar sesión en Infoview"]);
      expect(subjects(english.email)).toEqual(["Reset your Infoview password", "Your Infoview sign-in link"]);
      const link = server.mailer.sent.find((m) => m.to === spanish.email && m.text.includes("/sign-in/link"))!;
      expect(link.text).toMatch(/^Hola:\n\nIniciar sesión en Infoview: http\S+\n\nFunciona una sola vez, durante 15 minutos\./);
      expect(link.html).toContain('lang="es"');
    });
  });
});
