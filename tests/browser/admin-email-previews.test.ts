import { buildAdmin, buildInstitution } from "../../packages/server/src/test/factories";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { isFocused, seriousA11yViolations, signInThroughPage, tabTo } from "./pages";

describeInBrowser("the email previews in the administration area", () => {
  const app = useAppServer();
  const browser = useBrowser();

  test("an admin chooses each kind of email with the keyboard and sees its HTML (sandboxed) and its text", async () => {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield <University>" });
    const admin = await buildAdmin(app.dataSource(), { institution, displayName: "Ada Admin" });

    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    await page.goto(app.url("/admin"));
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Emails" }).click();
    await page.getByRole("heading", { level: 1, name: "Emails" }).waitFor();

    const choice = page.getByLabel("Email to preview");
    await choice.waitFor();
    const options = await choice.locator("option").allTextContents();
    expect(options).toEqual(
      expect.arrayContaining([
        "request.created — to the alum",
        "account.invitation — to the person invited",
        "digest.advisor_lists — to the advisor",
        "digest.follow_ups — to the student",
        "account.erasure_requested — to the person, about their own account",
      ]),
    );
    expect(options.length).toBeGreaterThan(20);

    // The first email: the new request, as HTML in a sandboxed frame that runs no script, and as text.
    const frame = page.locator("iframe.email-preview-frame");
    expect(await frame.getAttribute("sandbox")).toBe("");
    const html = page.frameLocator("iframe.email-preview-frame");
    await html
      .getByRole("article")
      .getByText("Sam Student, a student at Northfield <University>, asks you for an informational interview", { exact: false })
      .waitFor();
    await html.getByRole("link", { name: "Open the request" }).waitFor();
    await page.getByRole("region", { name: "Plain-text version" }).getByText("Hello Alex Alum,").waitFor();
    expect(await seriousA11yViolations(page, "iframe.email-preview-frame")).toEqual([]);
    await screenshot(page, "admin-emails-01-new-request");

    // Keyboard only: tab to the list, pick the cancellation with the arrow keys.
    await tabTo(page, choice, 40);
    expect(await isFocused(choice)).toBe(true);
    const cancelled = options.findIndex((o) => o.startsWith("request.cancelled"));
    for (let i = 0; i < cancelled; i += 1) await page.keyboard.press("ArrowDown");
    await page.getByText("attached: a cancellation (METHOD:CANCEL)").waitFor();
    await html.getByRole("article").getByText("Alex Alum cancelled your conversation", { exact: false }).waitFor();
    expect(await page.getByRole("region", { name: "Plain-text version" }).textContent()).toContain(
      "The attached calendar update (cancel.ics) removes it",
    );
    expect(await seriousA11yViolations(page, "iframe.email-preview-frame")).toEqual([]);
    await screenshot(page, "admin-emails-02-cancelled");

    // The same email in Spanish, as people who chose Spanish (or whose institution's default it is) receive it: one step
    // back with Shift+Tab to the language, Español with an arrow key; the cancellation stays chosen.
    const language = page.getByLabel("Language of the emails");
    await page.keyboard.press("Shift+Tab");
    expect(await isFocused(language)).toBe(true);
    await page.keyboard.press("ArrowDown");
    await html.getByRole("article").getByText("Alex Alum canceló la conversación prevista para el", { exact: false }).waitFor();
    await page.getByRole("region", { name: "Plain-text version" }).getByText("Hola, Sam Student:", { exact: false }).waitFor();
    expect(await page.getByRole("region", { name: "Plain-text version" }).textContent()).toContain(
      "La actualización de calendario adjunta (cancel.ics) la quita de tu calendario.",
    );
    expect(await page.locator("iframe.email-preview-frame").getAttribute("srcdoc")).toContain('lang="es"');
    expect(await seriousA11yViolations(page, "iframe.email-preview-frame")).toEqual([]);
    await screenshot(page, "admin-emails-03-cancelled-spanish");
  }, 120_000);
});
