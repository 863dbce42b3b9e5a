import { systemTransaction, tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../packages/server/src/seed/demo-seed";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { focusIndicator, hasHorizontalScroll, seriousA11yViolations, tabTo } from "./pages";
import { signInAsStudent, useDemoAppServer } from "./student-pages";

/** The demo alum (see the README's demo sign-ins). */
const DEMO_ALUM = { email: "alum1@northfield.example", password: DEMO_PASSWORD };

const kind = (page: Page, name: string) => page.getByRole("group", { name, exact: true });

describeInBrowser("the notification preferences page", () => {
  const app = useDemoAppServer("notification_preferences");
  const browser = useBrowser();

  /** What is stored, read under the demo campus's tenant setting (row-level security is forced even for the owner). */
  async function saved(email: string) {
    const ds = app.dataSource();
    const [identity]: Array<{ id: string }> = await ds.query(`SELECT id FROM identities WHERE email = $1`, [email]);
    const [campus]: Array<{ id: string }> = await systemTransaction(ds, (m) =>
      m.query(`SELECT id FROM institutions WHERE slug = 'northfield'`),
    );
    return tenantTransaction(ds, { institutionId: campus.id }, async (m) => {
      const preferences: Array<{ kind: string; email: string; in_app: boolean }> = await m.query(
        `SELECT kind, email, in_app FROM notification_preferences WHERE identity_id = $1 ORDER BY kind`,
        [identity.id],
      );
      const settings: Array<{ quiet_start: number | null; quiet_end: number | null; time_zone: string }> = await m.query(
        `SELECT quiet_start, quiet_end, time_zone FROM notification_settings WHERE identity_id = $1`,
        [identity.id],
      );
      return { preferences, settings };
    });
  }

  test("an alum opens it from the account page, picks a weekly digest and quiet hours, saves with the keyboard, and finds them kept", async () => {
    const page = await browser.newPage();
    await signInAsStudent(page, app.url(), DEMO_ALUM);
    await page.goto(app.url("/account"));
    await page.getByRole("link", { name: /notification preferences/ }).click();
    await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/notifications");

    // Each kind offers only the choices the API says it offers.
    const newRequests = kind(page, "New requests");
    await newRequests.getByRole("radio", { name: "Right away" }).waitFor();
    const offered = async (name: string) =>
      kind(page, name)
        .getByRole("radio")
        .evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).closest("label")?.textContent?.trim()));
    expect(await offered("New requests")).toEqual(["Right away", "Daily digest", "Weekly digest", "Off"]);
    expect(await offered("Answers to requests")).toEqual(["Right away", "Off"]);
    expect(await newRequests.getByRole("radio", { name: "Right away" }).isChecked()).toBe(true);
    // Only the kinds an alum receives: no students' follow-ups, no advisors' lists.
    expect(await kind(page, "Requests about to expire").count()).toBe(1);
    expect(await kind(page, "Follow-ups").count()).toBe(0);
    expect(await kind(page, "Advisor lists").count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A kind that cannot be turned off is shown, disabled, with the reason.
    const changes = kind(page, "Meeting cancelled or moved");
    expect(await changes.getByRole("radio").count()).toBe(1);
    expect(await changes.getByRole("radio", { name: "Right away" }).isChecked()).toBe(true);
    expect(await changes.getByRole("radio", { name: "Right away" }).isDisabled()).toBe(true);
    expect(await changes.getByRole("checkbox", { name: "Show in the app" }).isDisabled()).toBe(true);
    expect(await changes.getByTestId("locked-reason").textContent()).toMatch(/cancelled or moved changes your calendar/);

    // Keyboard only from here: choose, switch, then save.
    await newRequests.getByRole("radio", { name: "Weekly digest" }).focus();
    await page.keyboard.press("Space");
    expect(await newRequests.getByRole("radio", { name: "Weekly digest" }).isChecked()).toBe(true);
    const inApp = newRequests.getByRole("checkbox", { name: "Show in the app" });
    expect(await inApp.isChecked()).toBe(true);
    await inApp.focus();
    await page.keyboard.press("Space");
    expect(await inApp.isChecked()).toBe(false);

    await page.getByRole("radio", { name: "Hold emails during these hours" }).focus();
    await page.keyboard.press("Space");
    await page.getByLabel("From", { exact: true }).fill("22:00");
    await page.getByLabel("Until", { exact: true }).fill("07:00");
    expect(await page.getByTestId("quiet-summary").textContent()).toMatch(/from 10:00\sPM until 7:00\sAM the next morning/);
    await page.getByText(/later than the end, quiet hours run past midnight/).waitFor();

    await page.getByLabel("Digest hour").focus();
    const save = page.getByRole("button", { name: "Save preferences" });
    await tabTo(page, save, 3);
    expect((await focusIndicator(page)).visible).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Your notification preferences are saved." }).waitFor();

    const stored = await saved(DEMO_ALUM.email);
    expect(stored.preferences.find((p) => p.kind === "NEW_REQUEST")).toEqual({
      kind: "NEW_REQUEST",
      email: "WEEKLY_DIGEST",
      in_app: false,
    });
    // Kinds that cannot be turned off are not sent, so nothing is stored for them.
    expect(stored.preferences.find((p) => p.kind === "MEETING_CHANGES")).toBeUndefined();
    expect(stored.settings).toEqual([expect.objectContaining({ quiet_start: 22 * 60, quiet_end: 7 * 60 })]);

    // Kept after a reload, as the API returns them.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    expect(await kind(page, "New requests").getByRole("radio", { name: "Weekly digest" }).isChecked()).toBe(true);
    expect(await kind(page, "New requests").getByRole("checkbox", { name: "Show in the app" }).isChecked()).toBe(false);
    expect(await kind(page, "Answers to requests").getByRole("radio", { name: "Right away" }).isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: "Hold emails during these hours" }).isChecked()).toBe(true);
    expect(await page.getByLabel("From", { exact: true }).inputValue()).toBe("22:00");
    expect(await page.getByLabel("Until", { exact: true }).inputValue()).toBe("07:00");
    expect(await kind(page, "Meeting cancelled or moved").getByRole("radio", { name: "Right away" }).isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "notification-preferences");

    // Narrow: nothing scrolls sideways, and axe is still clean.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole("button", { name: "Save preferences" }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "notification-preferences-narrow");
  }, 180_000);
});
