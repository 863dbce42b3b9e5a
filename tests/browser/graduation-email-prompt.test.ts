import { buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { asOwnerIn } from "../../packages/server/src/test/request-kit";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { seriousA11yViolations, signInThroughPage, tabTo } from "./pages";

describeInBrowser("the personal email prompt before graduation", () => {
  const app = useAppServer();
  const browser = useBrowser();

  test("a final-year student is asked on their overview, can put it off with the keyboard for now, and is asked again next time", async () => {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    const student = await buildStudent(app.dataSource(), { institution, displayName: "Fay Final" });
    const nextYear = new Date().getUTCFullYear() + 1;
    await asOwnerIn(app.dataSource(), { institutionId: institution.id }, async (m) => {
      // Campus sign-in for the roster's domain, and a class year that ends on 1 January: next year's class is in its final year.
      await m.query(
        `INSERT INTO identity_providers (institution_id, kind, name, email_domains, match_attribute, oidc_issuer, oidc_client_id)
         VALUES ($1, 'OIDC', 'Campus', '{test.example}', 'email', 'https://idp.test.example', 'infoview')`,
        [institution.id],
      );
      await m.query(`UPDATE institutions SET graduation_day = '01-01' WHERE id = $1`, [institution.id]);
      await m.query(`UPDATE student_profiles SET class_year = $2 WHERE membership_id = $1`, [student.membershipId, nextYear]);
    });

    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), student);
    await page.goto(app.url("/student"));
    const prompt = page.getByRole("region", { name: "Add a personal email before you graduate" });
    await prompt.waitFor();
    await prompt.getByText("campus sign-in ends", { exact: false }).waitFor();
    expect(await prompt.getByRole("link", { name: "Add a personal email" }).getAttribute("href")).toBe("/account");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "graduation-email-prompt-01");

    // Keyboard: Tab from the link to "Not now", Enter; the prompt goes, and stays away for this session.
    await prompt.getByRole("link", { name: "Add a personal email" }).focus();
    await tabTo(page, prompt.getByRole("button", { name: "Not now" }), 1);
    await page.keyboard.press("Enter");
    await prompt.waitFor({ state: "detached" });
    await page.reload();
    await page.getByRole("heading", { level: 2, name: "Follow-ups" }).waitFor();
    expect(await prompt.count()).toBe(0);

    // The next session asks again; the link leads to where addresses are added and confirmed.
    const next = await browser.newPage();
    await signInThroughPage(next, app.url(), student);
    await next.goto(app.url("/student"));
    const again = next.getByRole("region", { name: "Add a personal email before you graduate" });
    await again.waitFor();
    const link = again.getByRole("link", { name: "Add a personal email" });
    await tabTo(next, link, 40);
    await next.keyboard.press("Enter");
    await next.waitForURL(/\/account$/);
  }, 120_000);
});
