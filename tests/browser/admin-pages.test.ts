import { buildAdmin, buildInstitution } from "../../packages/server/src/test/factories";
import { useAppServer } from "./app-server";
import { a11yFindings } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { hasHorizontalScroll, signInThroughPage } from "./pages";

describeInBrowser("the administration area in the web client", () => {
  const app = useAppServer();
  const browser = useBrowser();

  async function northfieldAdmin() {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    const admin = await buildAdmin(app.dataSource(), { institution, displayName: "Ada Admin" });
    return { institution, admin };
  }

  test("an admin changes the settings, invites a student and publishes a consent text", async () => {
    const { admin } = await northfieldAdmin();
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);

    await page.goto(app.url("/admin"));
    await page.getByRole("heading", { level: 1, name: "Institution settings" }).waitFor();
    const minutes = page.getByLabel("Conversation length (minutes)");
    await minutes.fill("90");
    await minutes.blur();
    await page.getByText("Enter a length in minutes from 15 to 60.").waitFor();
    await screenshot(page, "admin-01-settings-validation");
    await minutes.fill("25");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "The settings are saved." }).waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Institution settings" }).waitFor();
    await page.getByLabel("Conversation length (minutes)").and(page.locator('[value="25"]')).waitFor();

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "People" }).click();
    await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
    await page.getByLabel("Email").fill("new.student@northfield.example");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByRole("status").filter({ hasText: "Invitation sent to new.student@northfield.example." }).waitFor();
    await page.getByRole("cell", { name: "new.student@northfield.example", exact: true }).waitFor();
    expect(app.server().mailer.sent.some((m) => m.to === "new.student@northfield.example")).toBe(true);
    await screenshot(page, "admin-02-invited");

    await page.getByRole("button", { name: "Revoke the invitation to new.student@northfield.example" }).click();
    await page.getByText("No open invitations").waitFor();

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Consent texts" }).click();
    const section = page.getByRole("region", { name: "Alumni: receive requests" });
    await section
      .getByRole("textbox", { name: /version/i })
      .fill("Students may send me requests for a conversation. I decide on each one.");
    await section.getByRole("button", { name: /Publish version/ }).click();
    await section.getByText("Students may send me requests for a conversation. I decide on each one.").first().waitFor();
    await section
      .getByRole("status")
      .filter({ hasText: /is published/ })
      .waitFor();
    await screenshot(page, "admin-03-consent-text");

    // API keys come with the integrations module: until this server has them, the page says so instead of failing.
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Integrations" }).click();
    await page.getByRole("heading", { level: 2, name: "API keys" }).waitFor();
    await page.getByText(/^(API keys are not available yet|No API keys yet)$/).waitFor();
    expect(await page.getByText("We couldn't load the API keys").count()).toBe(0);
    await screenshot(page, "admin-04-integrations");
  });

  test("every page of the administration area passes axe, and fits 320 px", async () => {
    const { admin } = await northfieldAdmin();
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    expect(await a11yFindings(page, app.url(), ["/admin", "/admin/people", "/admin/consent-texts", "/admin/integrations"])).toEqual({});

    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ["/admin", "/admin/people"]) {
      await page.goto(app.url(path));
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
    }
    await screenshot(page, "admin-320-people");
  }, 180_000);
});
