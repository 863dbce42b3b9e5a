import { buildAdvisor, buildAlumnus, buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { hasHorizontalScroll, seriousA11yViolations, signInThroughPage } from "./pages";

const SESSION_KEY = "infoview.session";

describeInBrowser("a signed-in session in the web client", () => {
  const app = useAppServer();
  const browser = useBrowser();

  /** An alum of Northfield who also advises at Lakeside, like the demo's dual member. */
  async function dualMember() {
    const northfield = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    const lakeside = await buildInstitution(app.dataSource(), { name: "Lakeside College" });
    const alum = await buildAlumnus(app.dataSource(), { institution: northfield, displayName: "Sam Rivera" });
    await buildAdvisor(app.dataSource(), { institution: lakeside, identityId: alum.identityId });
    return { northfield, lakeside, alum };
  }

  const storedSession = (page: import("playwright-core").Page) =>
    page.evaluate(
      (key) =>
        JSON.parse(localStorage.getItem(key) ?? "null") as { accessToken: string; refreshToken: string; institutionId: string } | null,
      SESSION_KEY,
    );

  test("a person in two institutions switches between them from the header", async () => {
    const { northfield, lakeside, alum } = await dualMember();
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), alum);
    // An alum at Northfield lands on their inbox there.
    await page.waitForURL("**/alumni");
    expect(await page.getByRole("button", { name: /Institution/ }).innerText()).toContain("Northfield University");
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts()).toEqual(["Alumni"]);
    expect((await storedSession(page))?.institutionId).toBe(northfield.id);

    await page.getByRole("button", { name: /Institution/ }).click();
    await screenshot(page, "session-01-switcher-open");
    await page.getByRole("option", { name: "Lakeside College" }).click();

    // At Lakeside they are an advisor: they land on the advising dashboard.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Advisor" }).waitFor();
    await page.waitForURL("**/advisor");
    await page.getByRole("link", { name: "Your account" }).click();
    expect(await page.getByRole("list", { name: "Your roles at Lakeside College" }).innerText()).toBe("Career advisor");
    expect((await storedSession(page))?.institutionId).toBe(lakeside.id);
    await screenshot(page, "session-02-switched");

    // The choice survives a reload, which refreshes against the same institution.
    await page.reload();
    await page.getByRole("list", { name: "Your roles at Lakeside College" }).waitFor();
  });

  test("an access token the server no longer accepts is refreshed without the person noticing", async () => {
    const student = await buildStudent(app.dataSource(), { displayName: "Noor Haddad" });
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), student);
    const before = await storedSession(page);

    await page.evaluate((key) => {
      const session = JSON.parse(localStorage.getItem(key) as string);
      session.accessToken = `${session.accessToken}tampered`;
      localStorage.setItem(key, JSON.stringify(session));
    }, SESSION_KEY);
    await page.reload();

    await page.getByText("Signed in as Noor Haddad", { exact: true }).waitFor();
    const after = await storedSession(page);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessToken).not.toContain("tampered");
    expect((await app.server().gql(`{ me { identity { displayName } } }`, {}, after?.accessToken)).data?.me.identity.displayName).toBe(
      "Noor Haddad",
    );
  });

  test("when the session has been ended elsewhere, the person is sent to sign in with an explanation", async () => {
    const student = await buildStudent(app.dataSource());
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), student);
    const session = await storedSession(page);
    await app.server().gql(`mutation { signOut }`, {}, session?.accessToken);

    await page.goto(app.url("/student"));
    await page.waitForURL("**/sign-in");
    await page.getByRole("status").filter({ hasText: "Your session ended. Please sign in again." }).waitFor();
    expect(await storedSession(page)).toBeNull();

    // Signing in again returns to the page that was asked for.
    await page.getByLabel("Email").fill(student.email);
    await page.getByLabel("Password").fill(student.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/student");
  });

  test("signing out ends the session on the server too", async () => {
    const student = await buildStudent(app.dataSource());
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), student);
    const session = await storedSession(page);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in to Infoview" }).waitFor();
    expect(await storedSession(page)).toBeNull();
    const afterwards = await app.server().gql(`{ me { institutionId } }`, {}, session?.accessToken);
    expect(afterwards.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  test("each role area says honestly what is coming, and only to people with that role", async () => {
    const student = await buildStudent(app.dataSource());
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), student);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Student" }).click();
    await page.getByRole("heading", { level: 1, name: "Your conversations" }).waitFor();
    // The student area is built: its own navigation, not a placeholder.
    expect(await page.getByRole("navigation", { name: "Student" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Student" }).getAttribute("aria-current")).toBe("page");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "session-03-student-area");

    await page.goto(app.url("/admin"));
    await page.getByRole("heading", { level: 1, name: "This area isn't part of your account" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).count()).toBe(0);
  });

  test("the header with the institution switcher fits a 320-pixel screen", async () => {
    const { alum } = await dualMember();
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await signInThroughPage(page, app.url(), alum);
    await page.getByRole("button", { name: /Institution/ }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "session-04-narrow-switcher");
    expect(await page.getByText(/^Signed in as /).innerText()).toBe("Signed in as Sam Rivera");
  });
});
