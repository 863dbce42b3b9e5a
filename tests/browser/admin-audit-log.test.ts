import { readFileSync } from "node:fs";
import { buildAdmin, buildAlumnus, buildConsent, buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { seriousA11yViolations, signInThroughPage } from "./pages";

describeInBrowser("the privacy office's pages: the audit log and the consent records", () => {
  const app = useAppServer();
  const browser = useBrowser();

  test("an admin reads the audit log, filters it by action with the keyboard, and downloads it as CSV", async () => {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    const admin = await buildAdmin(app.dataSource(), { institution, displayName: "Ada Admin" });
    const student = await buildStudent(app.dataSource(), { institution, displayName: "Sam Student", externalId: "S-100" });
    const token = await app.server().signIn(admin);
    const deactivated = await app
      .server()
      .gql(
        `mutation($ids: [ID!]) { deactivatePeople(input: { membershipIds: $ids }) { changed } }`,
        { ids: [student.membershipId] },
        token,
      );
    expect(deactivated.errors).toBeUndefined();
    const settings = await app
      .server()
      .gql(`mutation { updateInstitutionSettings(input: { meetingMinutes: 45 }) { meetingMinutes } }`, {}, token);
    expect(settings.errors).toBeUndefined();

    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    // The retention and the consent review policy are settings like the others.
    await page.goto(app.url("/admin"));
    await page.getByRole("heading", { level: 1, name: "Institution settings" }).waitFor();
    await page.getByLabel("Years the audit log is kept").fill("5");
    await page.getByLabel("When a consent text changes").selectOption("PAUSE");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "The settings are saved." }).waitFor();
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    const table = page.getByRole("region", { name: "Audit log entries" });
    await table.getByRole("cell", { name: "membership.deactivated" }).waitFor();
    expect(await table.getByRole("cell", { name: "institution.settings_changed" }).count()).toBe(2);
    await table.getByText("meetingMinutes: 30 → 45").waitFor();
    await table.getByText('auditRetentionYears: 7 → 5; consentReviewPolicy: "KEEP" → "PAUSE"').waitFor();
    await table.getByRole("cell", { name: /Sam Student/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-audit-01-log");

    // Keyboard only: type the filter and submit it with Enter.
    await page.getByRole("textbox", { name: "Action" }).focus();
    await page.keyboard.type("membership.");
    await page.keyboard.press("Enter");
    await table.getByRole("cell", { name: "institution.settings_changed" }).first().waitFor({ state: "detached" });
    await table.getByRole("cell", { name: "membership.deactivated" }).waitFor();
    expect(await table.getByRole("row").count()).toBe(2); // the header and the one deactivation

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^infoview-audit-log-.*\.csv$/);
    const lines = readFileSync((await csv.path()) as string, "utf8")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toMatch(/^occurred_at,action,actor_kind,actor,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("membership.deactivated");
    await page.getByRole("status").filter({ hasText: "The CSV file is downloading." }).waitFor();

    // A filter that matches nothing says so.
    await page.getByRole("textbox", { name: "Person" }).fill("nobody@northfield.example");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("No entries").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-audit-02-filtered");
  }, 120_000);

  test("an alum reviews a changed consent text at sign-in, and the admin's consent records show who holds which version", async () => {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    const admin = await buildAdmin(app.dataSource(), { institution, displayName: "Ada Admin" });
    const alum = await buildAlumnus(app.dataSource(), { institution, displayName: "Priya Raman" });
    await buildConsent(app.dataSource(), alum, "ALUMNUS_LISTED");
    const published = await app
      .server()
      .gql(
        `mutation($body: String!) { publishConsentText(kind: ALUMNUS_LISTED, body: $body) { version } }`,
        { body: "Your name, title and employer appear to students of Northfield, and now your class year too." },
        await app.server().signIn(admin),
      );
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishConsentText.version).toBe(2);

    // The alum is asked on whatever page they land on, and answers with the keyboard.
    const alumPage = await browser.newPage();
    await signInThroughPage(alumPage, app.url(), alum);
    const notice = alumPage.getByRole("region", { name: "A text you agreed to has changed" });
    await notice.waitFor();
    await notice.getByText("now your class year too").waitFor();
    expect(await seriousA11yViolations(alumPage)).toEqual([]);
    await screenshot(alumPage, "consent-review-01-notice");
    await notice.getByRole("button", { name: "Agree to version 2: Appearing in the alumni directory" }).focus();
    await alumPage.keyboard.press("Enter");
    await alumPage.getByRole("status").or(alumPage.getByRole("alert")).filter({ hasText: "you agreed to version 2" }).waitFor();
    await notice.waitFor({ state: "detached" });
    // Answered: the next page load does not ask again.
    await alumPage.reload();
    await alumPage.getByRole("heading", { level: 1 }).waitFor();
    expect(await alumPage.getByRole("region", { name: "A text you agreed to has changed" }).count()).toBe(0);

    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    await page.goto(app.url("/admin"));
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Consent records" }).click();
    await page.getByRole("heading", { level: 1, name: "Consent records" }).waitFor();
    const counts = page.getByRole("region", { name: "Agreements per version: Alumni: appear in the directory" });
    // Version 1: replaced by the alum's agreement to version 2, which is held and in force.
    expect(await counts.getByRole("row", { name: /^Version 1 / }).innerText()).toMatch(/^Version 1\s+0\s+0\s+1\s+0$/);
    expect(await counts.getByRole("row", { name: /^Version 2 / }).innerText()).toMatch(/^Version 2\s+1\s+1\s+0\s+0$/);
    const people = page.getByRole("region", { name: "People: Alumni: appear in the directory" });
    const row = people.getByRole("row", { name: /Priya Raman/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Priya Raman\s+—\s+Version 2\s+.+\s+In force/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-consent-records-01");

    // Every agreement ever given: the replaced one too, with when it was replaced.
    await page.getByRole("button", { name: /Held now/ }).click();
    await page.getByRole("option", { name: "Every agreement ever given" }).click();
    await page.getByRole("button", { name: "Show records" }).click();
    await people.getByText(/^Replaced on /).waitFor();
    expect(await people.getByRole("row", { name: /Priya Raman/ }).count()).toBe(2);
  }, 120_000);
});
