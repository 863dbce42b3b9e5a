import { buildAdmin, buildInstitution } from "../../packages/server/src/test/factories";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { pageHeading, seriousA11yViolations } from "./pages";

describeInBrowser("accepting an invitation in the web client", () => {
  const app = useAppServer();
  const browser = useBrowser();

  /** Has an admin invite a new student by email and returns the path of the emailed link. */
  async function invitationPath(email: string): Promise<string> {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    const admin = await buildAdmin(app.dataSource(), { institution });
    const token = await app.server().signIn(admin);
    const result = await app
      .server()
      .gql(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`, { input: { email, role: "STUDENT" } }, token);
    expect(result.errors).toBeUndefined();
    const mail = app.server().mailer.sent.find((m) => m.to === email);
    const link = /https?:\/\/\S+\/invitations\/accept\?token=\S+/.exec(mail?.text ?? "")?.[0];
    if (!link) throw new Error(`no invitation link in ${JSON.stringify(mail)}`);
    const url = new URL(link);
    return `${url.pathname}${url.search}`;
  }

  test("a new student sets their name and password from the emailed link and lands signed in", async () => {
    const email = `new-student-${Date.now()}@northfield.example`;
    const page = await browser.newPage();
    await page.goto(app.url(await invitationPath(email)));
    await page.getByRole("heading", { level: 1, name: "Join Infoview" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel("Your name").fill("Priya Natarajan");
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("short");
    await password.blur();
    await page.getByText("Use at least 10 characters (5 more).").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "invitation-01-validation");

    await password.fill("a long enough password");
    await page.getByRole("button", { name: "Accept and continue" }).click();

    await page.getByText("Signed in as Priya Natarajan", { exact: true }).waitFor();
    // A new student lands on their overview; their account page says who and where they are.
    await page.waitForURL("**/student");
    await page.getByRole("heading", { level: 1, name: "Your conversations, Priya" }).waitFor();
    await page.getByRole("link", { name: "Your account" }).click();
    await page.getByRole("list", { name: "Your roles at Northfield University" }).waitFor();
    const main = await page.getByRole("main").innerText();
    expect(main).toContain(email);
    expect(main).toContain("Northfield University");
    await screenshot(page, "invitation-02-home");
  });

  test("a link that is no longer valid says so in plain words", async () => {
    const page = await browser.newPage();
    await page.goto(app.url("/invitations/accept?token=00000000-0000-0000-0000-000000000000.not-a-real-secret"));
    await page.getByLabel("Your name").fill("Someone");
    await page.getByLabel("Password", { exact: true }).fill("a long enough password");
    await page.getByRole("button", { name: "Accept and continue" }).click();
    const alert = page.getByRole("alert").filter({ hasText: /\S/ });
    await alert.waitFor();
    expect(await alert.innerText()).toBe("This invitation link is not valid any more. Ask your career center for a new one.");
  });

  test("a link without its token explains what went wrong instead of showing a form", async () => {
    const page = await browser.newPage();
    await page.goto(app.url("/invitations/accept"));
    expect(await pageHeading(page).innerText()).toBe("This invitation link is incomplete");
    expect(await page.getByRole("textbox").count()).toBe(0);
  });
});
