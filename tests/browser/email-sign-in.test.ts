import { setTimeout as sleep } from "node:timers/promises";
import { buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { pageHeading, seriousA11yViolations } from "./pages";

/** A round trip by email and axe runs: slower than the default 30 s on a busy machine. */
const TIMEOUT = 120_000;

describeInBrowser("signing in without campus SSO: email links and forgotten passwords", () => {
  const app = useAppServer();
  const browser = useBrowser();

  async function tokenMailedTo(to: string, path: string): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const mail = [...app.server().mailer.sent].reverse().find((m) => m.to === to && m.text.includes(path));
      const match = mail && new RegExp(`${path}#token=([\\w-]+)`).exec(mail.text);
      if (match) return match[1];
      await sleep(50);
    }
    throw new Error(`no ${path} email to ${to}`);
  }

  test(
    "forgot password → the emailed link → a new password → signed in with it",
    async () => {
      const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
      const student = await buildStudent(app.dataSource(), { institution, displayName: "Rowan Reset" });
      const page = await browser.newPage();
      await page.goto(app.url("/sign-in"));
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await pageHeading(page).filter({ hasText: "Forgot your password?" }).waitFor();
      await page.getByLabel("Email").fill(student.email);
      await page.getByRole("button", { name: "Email me a reset link" }).click();
      await page.getByRole("status").filter({ hasText: "If that address belongs to an Infoview account" }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      const token = await tokenMailedTo(student.email, "/reset-password");
      await page.goto(app.url(`/reset-password#token=${token}`));
      await pageHeading(page).filter({ hasText: "Choose a new password" }).waitFor();
      expect(new URL(page.url()).hash).toBe("");
      await page.getByLabel("New password").fill("a fresh passphrase 2026");
      await page.getByRole("button", { name: "Set new password" }).click();
      await page.getByRole("status").filter({ hasText: "Your password is changed" }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, "email-sign-in-01-reset");

      await page.goto(app.url("/sign-in"));
      await page.getByLabel("Email").fill(student.email);
      await page.getByLabel("Password").fill("a fresh passphrase 2026");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("Signed in as Rowan Reset", { exact: true }).waitFor();
    },
    TIMEOUT,
  );

  test(
    "an emailed sign-in link signs in once; opened again it says so",
    async () => {
      const student = await buildStudent(app.dataSource(), { displayName: "Lin Link" });
      const page = await browser.newPage();
      await page.goto(app.url("/sign-in"));
      await page.getByRole("link", { name: "Email me a sign-in link instead" }).click();
      // Wait for the page to settle (its chunk and the language's catalog): a form filled while the page is still being
      // put together can be reset under it, which made this step fail in CI.
      await page.getByRole("heading", { level: 1, name: "Email me a sign-in link" }).waitFor();
      await page.waitForLoadState("networkidle");
      await page.getByLabel("Email").fill(student.email);
      await page.getByRole("button", { name: "Email me a link" }).click();
      await page.getByRole("status").filter({ hasText: "sign-in link is on its way" }).waitFor();
      const token = await tokenMailedTo(student.email, "/sign-in/link");
      await page.goto(app.url(`/sign-in/link#token=${token}`));
      await page.getByText("Signed in as Lin Link", { exact: true }).waitFor();

      const again = await browser.newPage();
      await again.goto(app.url(`/sign-in/link#token=${token}`));
      await again.getByRole("alert").filter({ hasText: "expired or was already used" }).waitFor();
      expect(await seriousA11yViolations(again)).toEqual([]);
      await screenshot(again, "email-sign-in-02-link-used");
    },
    TIMEOUT,
  );
});
