import { buildAdmin, buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { asOwnerIn } from "../../packages/server/src/test/request-kit";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { seriousA11yViolations, signInThroughPage } from "./pages";

describeInBrowser("retention in the administration area", () => {
  const app = useAppServer();
  const browser = useBrowser();

  test("an admin sets the retention rules with the keyboard and sees the dry run before saving", async () => {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    const admin = await buildAdmin(app.dataSource(), { institution, displayName: "Ada Admin" });
    const gone = await buildStudent(app.dataSource(), { institution, displayName: "Long Gone" });
    await asOwnerIn(app.dataSource(), { institutionId: institution.id }, (m) =>
      m.query(`UPDATE memberships SET deactivated_at = now() - interval '13 months' WHERE institution_id = $1 AND id = $2`, [
        institution.id,
        gone.membershipId,
      ]),
    );

    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    await page.goto(app.url("/admin"));
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Retention" }).click();
    await page.getByRole("heading", { level: 1, name: "Retention" }).waitFor();
    const months = page.getByLabel("Erase people deactivated for more than (months)");
    expect(await months.inputValue()).toBe("");
    expect(await page.getByLabel("Keep the audit log for (years)").inputValue()).toBe("7");

    // Keyboard only: type a rule, tab to the dry run and press it.
    await months.focus();
    await page.keyboard.type("12");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Show what would go");
    await page.keyboard.press("Enter");
    const table = page.getByRole("region", { name: "What the daily job would remove now" });
    await table.waitFor();
    const peopleRow = table.getByRole("row", { name: /People deactivated too long/ });
    expect(await peopleRow.getByRole("cell").first().textContent()).toBe("1");
    await page.getByRole("status").filter({ hasText: "Counted what these rules would remove now." }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-retention-01-dry-run");

    // The dry run removed nothing; a value out of range is refused in place.
    const erased = await asOwnerIn(app.dataSource(), { institutionId: institution.id }, (m) =>
      m.query(`SELECT erased_at FROM memberships WHERE institution_id = $1 AND id = $2`, [institution.id, gone.membershipId]),
    );
    expect(erased[0].erased_at).toBeNull();
    await page.getByLabel("Keep the audit log for (years)").fill("0");
    await page.getByRole("button", { name: "Save retention rules" }).click();
    await page.getByText("Enter a whole number from 1 to 30.").waitFor();
    await page.getByLabel("Keep the audit log for (years)").fill("5");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "The retention rules are saved." }).waitFor();

    const token = await app.server().signIn(admin);
    const saved = await app.server().gql(`{ retentionSettings { deactivatedMonths messagesYears deliveredDays auditYears } }`, {}, token);
    expect(saved.data!.retentionSettings).toEqual({ deactivatedMonths: 12, messagesYears: null, deliveredDays: null, auditYears: 5 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-retention-02-saved");
  }, 120_000);
});
