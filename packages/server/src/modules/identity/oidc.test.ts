import { buildAdmin, buildInstitution, buildStudent, type BuiltInstitution, type BuiltMember } from "../../test/factories";
import { useTestDatabase } from "../../test/database";
import { startTestOidcProvider, type TestOidcProvider } from "../../test/oidc-test-provider";
import { freePort, rowsOf, sessionCount, startSsoTestServer } from "../../test/sso-kit";
import { formAction, TestBrowser } from "../../test/test-browser";
import { errorCode, type TestServer } from "../../test/test-server";
import { IdentityService } from "./identity.service";
import { SecretBox } from "./secret-box";

const db = useTestDatabase();

const ADD = `mutation($input: AddIdentityProviderInput!) { addIdentityProvider(input: $input) { id callbackUrl enabled hasClientSecret } }`;
const ENABLE = `mutation($id: ID!, $on: Boolean!) { setIdentityProviderEnabled(id: $id, enabled: $on) { enabled } }`;
const COMPLETE = `mutation($code: String!) { completeCampusSignIn(code: $code) { accessToken refreshToken me { identity { email } institutionId roles } } }`;

describe("OIDC campus sign-in against a real OpenID Provider (oidc-provider)", () => {
  let server: TestServer;
  let op: TestOidcProvider;
  let institution: BuiltInstitution;
  let admin: BuiltMember;
  let student: BuiltMember;
  let adminToken: string;
  let providerId: string;
  let stranger: BuiltMember;

  beforeAll(async () => {
    server = await startSsoTestServer(db());
    institution = await buildInstitution(db());
    admin = await buildAdmin(db(), { institution });
    student = await buildStudent(db(), { institution, externalId: "NF-S-0001" });
    stranger = await buildStudent(db(), { institution });
    adminToken = await server.signIn(admin);
    const opPort = await freePort();
    const added = await server.gql(
      ADD,
      {
        input: {
          kind: "OIDC",
          name: "Northfield",
          matchAttribute: "campus_id",
          oidcIssuer: `http://127.0.0.1:${opPort}`,
          oidcClientId: "infoview-test",
          oidcClientSecret: "test-client-secret-0123456789",
        },
      },
      adminToken,
    );
    if (added.errors) throw new Error(JSON.stringify(added.errors));
    providerId = added.data!.addIdentityProvider.id;
    op = await startTestOidcProvider({
      port: opPort,
      redirectUris: [added.data!.addIdentityProvider.callbackUrl],
      accounts: [
        { login: "ava", campusId: "NF-S-0001", email: "ava@campus.example", name: "Ava Thompson" },
        { login: "sam", campusId: "NF-S-9999", email: stranger.email, name: "Sam Stranger" },
        { login: "newbie", campusId: "NF-A-7777", email: `newbie-${Date.now()}@campus.example`, name: "Nina Newbie" },
      ],
    });
  });

  afterAll(async () => {
    await op?.close();
    await server?.close();
  });

  afterEach(() => op.tamperIdToken(null));

  /** Start → the OP's login page → its consent page → back to our callback; returns where Infoview sent the browser. */
  async function signInAtProvider(login: string, start = `${server.url}/sso/${providerId}/start`) {
    const browser = new TestBrowser();
    const atLogin = await browser.follow(start);
    if (!atLogin.url.startsWith(op.issuer)) return { browser, page: atLogin };
    const html = await atLogin.response.text();
    expect(html).toContain('name="login"');
    const afterLogin = await browser.follow(formAction(html, atLogin.url), { form: { prompt: "login", login, password: "any" } });
    let page = afterLogin;
    if (page.url.startsWith(op.issuer) && page.response.status === 200) {
      const consent = await page.response.text();
      page = await browser.follow(formAction(consent, page.url), { form: { prompt: "consent" } }, (url) =>
        url.includes("/sign-in/complete"),
      );
    }
    return { browser, page };
  }

  const codeOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get("code");

  it("stores the client secret sealed and never returns it", async () => {
    const [row] = await rowsOf<{ sealed: string }>(
      db(),
      institution.id,
      `SELECT oidc_client_secret_enc AS sealed FROM identity_providers WHERE id = $1`,
      [providerId],
    );
    expect(row.sealed).not.toContain(op.clientSecret);
    expect(server.services.identity.secrets.open(row.sealed)).toBe(op.clientSecret);
    const listed = await server.gql(`{ identityProviders { id hasClientSecret } }`, {}, adminToken);
    expect(JSON.stringify(listed)).not.toContain(op.clientSecret);
  });

  it("seals stored secrets again with a new SECRETS_KEY, reading them with the previous one", async () => {
    const newKey = Buffer.alloc(32, 9);
    const rotated = new IdentityService(
      {
        ...server.services.identity["deps"],
        config: { ...server.config, secretsKey: newKey, secretsKeyPrevious: [server.config.secretsKey] },
      },
      server.services.accounts,
    );
    expect(await rotated.resealSecrets()).toBeGreaterThanOrEqual(1);
    const [row] = await rowsOf<{ sealed: string }>(
      db(),
      institution.id,
      `SELECT oidc_client_secret_enc AS sealed FROM identity_providers WHERE id = $1`,
      [providerId],
    );
    expect(new SecretBox(newKey).open(row.sealed)).toBe(op.clientSecret);
    expect(() => new SecretBox(server.config.secretsKey).open(row.sealed)).toThrow();
    // Back to the test server's key, for the tests below.
    const back = new IdentityService(
      { ...server.services.identity["deps"], config: { ...server.config, secretsKeyPrevious: [newKey] } },
      server.services.accounts,
    );
    await back.resealSecrets();
  });

  it("refuses to start while the provider is switched off", async () => {
    const response = await fetch(`${server.url}/sso/${providerId}/start`, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("SSO_PROVIDER_DISABLED");
  });

  it("shows an admin's test what the provider sent and whom it matched, and signs nobody in", async () => {
    const test = await server.gql(`mutation($id: ID!) { testIdentityProvider(id: $id) { url } }`, { id: providerId }, adminToken);
    expect(test.errors).toBeUndefined();
    const before = await sessionCount(db(), student.identityId);
    const { page } = await signInAtProvider("ava", test.data!.testIdentityProvider.url);
    const html = await page.response.text();
    expect(page.response.status).toBe(200);
    expect(html).toContain("Test of Northfield");
    expect(html).toContain("NF-S-0001");
    expect(html).toContain(student.email);
    expect(await sessionCount(db(), student.identityId)).toBe(before);
    const log = await server.gql(`{ signInLog { method outcome reason detail } }`, {}, adminToken);
    expect(log.data!.signInLog[0]).toMatchObject({ method: "OIDC", outcome: "TESTED", detail: "campus_id=NF-S-0001" });
  });

  describe("switched on", () => {
    beforeAll(async () => {
      const on = await server.gql(ENABLE, { id: providerId, on: true }, adminToken);
      expect(on.errors).toBeUndefined();
    });

    it("signs the roster student in (matched by the campus_id claim = externalId) with a one-time code the web client trades for a session", async () => {
      const { page } = await signInAtProvider("ava");
      expect(page.redirected).toBe(true);
      expect(page.url.startsWith(`${server.url}/sign-in/complete#`)).toBe(true);
      expect(page.url).not.toMatch(/accessToken|refreshToken|eyJ/);
      const code = codeOf(page.url)!;
      const done = await server.gql(COMPLETE, { code });
      expect(done.errors).toBeUndefined();
      expect(done.data!.completeCampusSignIn.me).toMatchObject({
        identity: { email: student.email },
        institutionId: institution.id,
        roles: ["STUDENT"],
      });
      const me = await server.gql(`{ me { identity { email } } }`, {}, done.data!.completeCampusSignIn.accessToken);
      expect(me.data!.me.identity.email).toBe(student.email);
      // The code works once.
      const again = await server.gql(COMPLETE, { code });
      expect(errorCode(again)).toBe("SIGN_IN_CODE_INVALID");
      const log = await server.gql(`{ signInLog { method outcome personEmail } }`, {}, adminToken);
      expect(log.data!.signInLog[0]).toMatchObject({ method: "OIDC", outcome: "SUCCEEDED", personEmail: student.email });
    });

    it("shows an unlinked campus account its page with the value received, and changes nothing", async () => {
      const before = await sessionCount(db(), stranger.identityId);
      const { page } = await signInAtProvider("sam");
      expect(page.response.status).toBe(403);
      const html = await page.response.text();
      expect(html).toContain("isn't linked yet");
      expect(html).toContain("NF-S-9999");
      expect(await sessionCount(db(), stranger.identityId)).toBe(before);
      const log = await server.gql(`{ signInLog { outcome reason detail } }`, {}, adminToken);
      expect(log.data!.signInLog[0]).toMatchObject({ outcome: "FAILED", reason: "SSO_NOT_LINKED", detail: "NF-S-9999" });
    });

    it("matches by verified email only when the admin turns it on", async () => {
      const update = `mutation($id: ID!, $on: Boolean!) { updateIdentityProvider(id: $id, input: { matchByVerifiedEmail: $on }) { matchByVerifiedEmail } }`;
      await server.gql(update, { id: providerId, on: true }, adminToken);
      try {
        const { page } = await signInAtProvider("sam");
        const done = await server.gql(COMPLETE, { code: codeOf(page.url) });
        expect(done.data!.completeCampusSignIn.me.identity.email).toBe(stranger.email);
      } finally {
        await server.gql(update, { id: providerId, on: false }, adminToken);
      }
    });

    it("creates a person on first sign-in only when the admin turned it on for a role", async () => {
      const { page: before } = await signInAtProvider("newbie");
      expect(before.response.status).toBe(403);
      const update = `mutation($id: ID!, $role: Role) { updateIdentityProvider(id: $id, input: { createPeopleRole: $role }) { createPeopleRole } }`;
      await server.gql(update, { id: providerId, role: "ALUMNUS" }, adminToken);
      try {
        const { page } = await signInAtProvider("newbie");
        const done = await server.gql(COMPLETE, { code: codeOf(page.url) });
        expect(done.data!.completeCampusSignIn.me).toMatchObject({ institutionId: institution.id, roles: ["ALUMNUS"] });
        const [member] = await rowsOf<{ externalId: string }>(
          db(),
          institution.id,
          `SELECT external_id AS "externalId" FROM memberships WHERE identity_id = (SELECT id FROM identities WHERE display_name = 'Nina Newbie')`,
        );
        expect(member.externalId).toBe("NF-A-7777");
      } finally {
        await server.gql(update, { id: providerId, role: null }, adminToken);
      }
    });

    it.each([
      ["nonce", (c: Record<string, unknown>) => ({ ...c, nonce: "another-nonce" }), "SSO_NONCE_MISMATCH"],
      ["issuer", (c: Record<string, unknown>) => ({ ...c, iss: "https://evil.example" }), "SSO_ISSUER_MISMATCH"],
      ["audience", (c: Record<string, unknown>) => ({ ...c, aud: "someone-else" }), "SSO_AUDIENCE_MISMATCH"],
      [
        "expiry",
        (c: Record<string, unknown>) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }),
        "SSO_TOKEN_EXPIRED",
      ],
    ])("refuses an ID token with a wrong %s and leaves no session", async (_what, change, code) => {
      op.tamperIdToken(change);
      const before = await sessionCount(db(), student.identityId);
      const { page } = await signInAtProvider("ava");
      expect(page.redirected).toBe(false);
      expect(page.response.status).toBe(400);
      expect(await page.response.text()).toContain(code);
      expect(await sessionCount(db(), student.identityId)).toBe(before);
    });

    it("refuses a callback whose state we never issued, or one used already", async () => {
      const { browser, page } = await signInAtProvider("ava");
      const code = codeOf(page.url);
      expect(code).toBeTruthy();
      // The same callback again (the state is single-use).
      const callback = browser.visited.find((u) => u.includes("/oidc/callback"))!;
      const replay = await fetch(callback, { redirect: "manual" });
      expect(replay.status).toBe(400);
      expect(await replay.text()).toContain("SSO_STATE_INVALID");
      const forged = new URL(callback);
      forged.searchParams.set("state", "made-up-state");
      const wrong = await fetch(forged, { redirect: "manual" });
      expect(await wrong.text()).toContain("SSO_STATE_INVALID");
    });

    it("refuses a return URL that leaves Infoview (no open redirect)", async () => {
      for (const returnTo of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
        const response = await fetch(`${server.url}/sso/${providerId}/start?returnTo=${encodeURIComponent(returnTo)}`, {
          redirect: "manual",
        });
        expect(response.status).toBe(400);
        expect(await response.text()).toContain("RETURN_URL_INVALID");
      }
      const ok = await fetch(`${server.url}/sso/${providerId}/start?returnTo=${encodeURIComponent("/student/requests")}`, {
        redirect: "manual",
      });
      expect(ok.status).toBe(302);
    });
  });

  it("lets only admins manage providers, and only their institution's", async () => {
    const anonymous = await server.gql(`{ identityProviders { id } }`);
    expect(errorCode(anonymous)).toBe("UNAUTHENTICATED");
    const studentToken = await server.signIn(stranger);
    expect(errorCode(await server.gql(`{ identityProviders { id } }`, {}, studentToken))).toBe("FORBIDDEN");
    const otherAdmin = await buildAdmin(db());
    const otherToken = await server.signIn(otherAdmin);
    const other = await server.gql(`{ identityProviders { id } }`, {}, otherToken);
    expect(other.data!.identityProviders).toEqual([]);
    expect(errorCode(await server.gql(ENABLE, { id: providerId, on: false }, otherToken))).toBe("NOT_FOUND");
  });
});
