import { buildAdmin, buildInstitution, buildStudent, type BuiltMember } from "../../packages/server/src/test/factories";
import { useTestDatabase } from "../../packages/server/src/test/database";
import { startTestOidcProvider, type TestOidcProvider } from "../../packages/server/src/test/oidc-test-provider";
import { freePort } from "../../packages/server/src/test/sso-kit";
import { formAction, TestBrowser } from "../../packages/server/src/test/test-browser";
import { startTestServer, type TestServer } from "../../packages/server/src/test/test-server";
import { ensureWebBuilt, WEB_DIST_DIR } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { pageHeading, seriousA11yViolations, signInThroughPage, tabTo } from "./pages";
import type { Page } from "playwright-core";

/** A round trip through the IdP and axe runs: slower than the default 30 s on a busy machine. */
const AXE_TIMEOUT = 120_000;

describeInBrowser("campus sign-in through the institution's identity provider", () => {
  const db = useTestDatabase();
  const browser = useBrowser();
  let server: TestServer;
  let op: TestOidcProvider;
  let admin: BuiltMember;
  let student: BuiltMember;

  beforeAll(async () => {
    await ensureWebBuilt();
    const port = await freePort();
    server = await startTestServer(db(), { WEB_DIST_DIR, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    const institution = await buildInstitution(db(), { name: "Northfield University" });
    admin = await buildAdmin(db(), { institution });
    student = await buildStudent(db(), {
      institution,
      displayName: "Ava Thompson",
      email: `ava-${Date.now()}@northfield-campus.example`,
      externalId: "NF-S-0001",
    });
    const adminToken = await server.signIn(admin);
    const opPort = await freePort();
    const added = await server.gql(
      `mutation($input: AddIdentityProviderInput!) { addIdentityProvider(input: $input) { id callbackUrl } }`,
      {
        input: {
          kind: "OIDC",
          name: "Northfield",
          emailDomains: ["northfield-campus.example"],
          matchAttribute: "campus_id",
          oidcIssuer: `http://127.0.0.1:${opPort}`,
          oidcClientId: "infoview-test",
          oidcClientSecret: "test-client-secret-0123456789",
        },
      },
      adminToken,
    );
    if (added.errors) throw new Error(JSON.stringify(added.errors));
    const { id, callbackUrl } = added.data!.addIdentityProvider;
    await server.gql(`mutation($id: ID!) { setIdentityProviderEnabled(id: $id, enabled: true) { id } }`, { id }, adminToken);
    op = await startTestOidcProvider({
      port: opPort,
      redirectUris: [callbackUrl],
      accounts: [
        { login: "ava", campusId: "NF-S-0001", email: "ava@campus.example", name: "Ava Thompson" },
        { login: "sam", campusId: "NF-S-9999", email: "sam@campus.example", name: "Sam Stranger" },
      ],
    });
  }, 240_000);

  afterAll(async () => {
    await op?.close();
    await server?.close();
  });

  const url = (path: string) => new URL(path, server.url).toString();

  /** The IdP's own login page, then its consent page. */
  async function signInAtProvider(page: Page, login: string) {
    await page.waitForURL(`${op.issuer}/**`);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("anything");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${op.issuer}/interaction/**`);
    await page.locator('button[type="submit"]').click();
  }

  test(
    "Sign in with Northfield → the IdP's pages → back in Infoview as the roster student",
    async () => {
      const page = await browser.newPage();
      await page.goto(url("/sign-in"));
      await page.getByLabel("Email").fill(student.email);
      const button = page.getByRole("link", { name: "Sign in with Northfield" });
      await button.waitFor();
      await screenshot(page, "campus-sign-in-01-button");
      expect(await seriousA11yViolations(page)).toEqual([]);
      await button.click();
      await signInAtProvider(page, "ava");
      await page.getByText("Signed in as Ava Thompson", { exact: true }).waitFor();
      await page.waitForURL("**/student");
      expect(new URL(page.url()).hash).toBe("");
      await page.getByRole("link", { name: "Your account" }).click();
      await page.getByRole("list", { name: /^Your roles at / }).waitFor();
      expect(await page.getByRole("main").innerText()).toContain(student.email);
      await screenshot(page, "campus-sign-in-02-signed-in");
    },
    AXE_TIMEOUT,
  );

  test("the institution's own sign-in URL offers its button at once, reachable by keyboard", async () => {
    const page = await browser.newPage();
    const slug = (await server.gql(`{ signInOptions(email: "x@northfield-campus.example") { institutionSlug } }`)).data!.signInOptions[0]
      .institutionSlug;
    await page.goto(url(`/i/${slug}`));
    const button = page.getByRole("link", { name: "Sign in with Northfield" });
    await button.waitFor();
    await tabTo(page, button, 15);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${op.issuer}/**`);
  });

  test(
    "an unlinked campus account lands on a page that says so and shows the value received",
    async () => {
      const page = await browser.newPage();
      await page.goto(url("/sign-in"));
      await page.getByLabel("Email").fill("sam@northfield-campus.example");
      await page.getByRole("link", { name: "Sign in with Northfield" }).click();
      await signInAtProvider(page, "sam");
      await pageHeading(page).filter({ hasText: "Your campus account isn't linked yet" }).waitFor();
      expect(await page.getByTestId("received-value").innerText()).toBe("NF-S-9999");
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await page.evaluate(() => localStorage.getItem("infoview.session"))).toBeNull();
      await screenshot(page, "campus-sign-in-03-unlinked");
    },
    AXE_TIMEOUT,
  );

  test(
    "an admin sees the providers and the enforcement, and the add form, accessibly",
    async () => {
      const page = await browser.newPage();
      await signInThroughPage(page, server.url, admin);
      await page.goto(url("/admin/sign-in"));
      await pageHeading(page).filter({ hasText: "Campus sign-in" }).waitFor();
      const table = page.getByRole("region", { name: "Identity providers list" });
      expect(await table.innerText()).toContain("Northfield");
      await page.getByRole("group", { name: "Roles that must use campus sign-in" }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, "campus-sign-in-04-admin");
      await page.getByRole("button", { name: "Add an identity provider" }).click();
      await page.getByRole("form", { name: "Add an identity provider" }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    AXE_TIMEOUT,
  );

  test(
    "an admin reads the sign-in log, with the refused campus login and why",
    async () => {
      // A refused campus login of its own, over HTTP, so this test stands alone.
      const visitor = new TestBrowser();
      const options = (await server.gql(`{ signInOptions(email: "x@northfield-campus.example") { startUrl } }`)).data!.signInOptions;
      const login = await visitor.follow(options[0].startUrl);
      const consent = await visitor.follow(formAction(await login.response.text(), login.url), { form: { prompt: "login", login: "sam" } });
      const landed = await visitor.follow(formAction(await consent.response.text(), consent.url), { form: { prompt: "consent" } });
      expect(landed.response.status).toBe(403);
      const page = await browser.newPage();
      await signInThroughPage(page, server.url, admin);
      await page.goto(url("/admin/sign-in-log"));
      const log = page.getByRole("region", { name: "Sign-in log" });
      await log.waitFor();
      expect(await log.innerText()).toContain("NF-S-9999");
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await log.innerText()).toContain("SSO_NOT_LINKED");
      await screenshot(page, "campus-sign-in-05-log");
    },
    AXE_TIMEOUT,
  );

  test(
    "a person adds a personal address on their account page",
    async () => {
      const page = await browser.newPage();
      await signInThroughPage(page, server.url, student);
      await page.getByRole("link", { name: "Your account" }).click();
      await pageHeading(page).filter({ hasText: "Your account" }).waitFor();
      await page.getByLabel("Add an address").fill(`ava.personal-${Date.now()}@mail.example`);
      await page.getByRole("button", { name: "Add address" }).click();
      await page.getByText("waiting for confirmation").waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, "campus-sign-in-06-account");
    },
    AXE_TIMEOUT,
  );
});
