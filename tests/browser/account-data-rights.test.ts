import { asInstitution } from "../../packages/server/src/test/request-kit";
import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { seriousA11yViolations, signInThroughPage } from "./pages";

describeInBrowser("the account page's data rights", () => {
  const app = useAppServer();
  const browser = useBrowser();

  test("a student downloads their data, asks to delete the account with the keyboard, sees the date and cancels", async () => {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    // Under the campus's tenant setting: row-level security is forced even for the owner (PostgreSQL 15 in CI).
    await asInstitution(app.dataSource(), institution.id, `UPDATE institutions SET erasure_grace_days = 10 WHERE id = $1`, [
      institution.id,
    ]);
    const student = await buildStudent(app.dataSource(), { institution, displayName: "Riley Rights" });

    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), student);
    await page.goto(app.url("/account"));
    await page.getByRole("heading", { level: 2, name: "Your data" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download my data" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^infoview-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(readFileSync((await download.path()) as string));
    expect(JSON.parse(strFromU8(files["identity.json"])).identity).toMatchObject({ displayName: "Riley Rights", email: student.email });
    await page.getByRole("status").filter({ hasText: "Your data is downloading." }).waitFor();

    // Keyboard only: open the confirmation, then confirm.
    await page.getByRole("button", { name: "Delete my account" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("Are you sure?").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Yes, delete my account" }).focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("erasure-due").waitFor();
    const [row] = await asInstitution(app.dataSource(), institution.id, `SELECT erasure_due_at FROM memberships WHERE id = $1`, [
      student.membershipId,
    ]);
    const days = Math.round((new Date(row.erasure_due_at).getTime() - Date.now()) / 86_400_000);
    expect(days).toBe(10);
    expect(await page.getByTestId("erasure-due").textContent()).toMatch(/^Your account will be deleted on .+\.$/);
    await screenshot(page, "account-erasure-pending");

    await page.getByRole("button", { name: "Cancel deletion" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Deletion cancelled. Your account stays." }).waitFor();
    await page.getByRole("button", { name: "Delete my account" }).waitFor();
    const [after] = await asInstitution(app.dataSource(), institution.id, `SELECT erasure_due_at FROM memberships WHERE id = $1`, [
      student.membershipId,
    ]);
    expect(after.erasure_due_at).toBeNull();
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 120_000);
});
