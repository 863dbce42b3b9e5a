import { buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { focusIndicator, hasHorizontalScroll, isFocused, pageHeading, seriousA11yViolations, signInThroughPage, tabTo } from "./pages";

describeInBrowser("signing in through the web client", () => {
  const app = useAppServer();
  const browser = useBrowser();

  async function northfieldStudent() {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    const student = await buildStudent(app.dataSource(), { institution, displayName: "Maya Okafor" });
    return { institution, student };
  }

  test("a student signs in with their email and password and sees who they are", async () => {
    const { student } = await northfieldStudent();
    const page = await browser.newPage();

    await page.goto(app.url("/"));
    await page.waitForURL("**/sign-in");
    await page.getByRole("heading", { level: 1, name: "Sign in to Infoview" }).waitFor();
    await screenshot(page, "sign-in-01-form");

    await page.getByLabel("Email").fill(student.email);
    await page.getByLabel("Password").fill(student.password);
    await screenshot(page, "sign-in-02-filled");
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByText("Signed in as Maya Okafor", { exact: true }).waitFor();
    // Task first: a student lands on their overview, not on a generic welcome page.
    await page.waitForURL("**/student");
    await page.getByRole("heading", { level: 1, name: "Your conversations, Maya" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts()).toEqual(["Student"]);
    await screenshot(page, "sign-in-03-landing");
    // Who they are, where and as what, is on their account page.
    await page.getByRole("link", { name: "Your account" }).click();
    await page.getByRole("list", { name: "Your roles at Northfield University" }).waitFor();
    const main = await page.getByRole("main").innerText();
    expect(main).toContain(student.email);
    expect(main).toContain("Northfield University");
    expect(await page.getByRole("list", { name: "Your roles at Northfield University" }).innerText()).toBe("Student");
  });

  test("a wrong password shows a plain-language error and stays on the sign-in page", async () => {
    const { student } = await northfieldStudent();
    const page = await browser.newPage();
    await page.goto(app.url("/sign-in"));

    await page.getByLabel("Email").fill(student.email);
    await page.getByLabel("Password").fill("not my password");
    await page.getByRole("button", { name: "Sign in" }).click();

    const alert = page.getByRole("alert").filter({ hasText: /\S/ });
    await alert.waitFor();
    expect(await alert.innerText()).toBe("That email and password don't match an account.");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await page.evaluate(() => localStorage.getItem("infoview.session"))).toBeNull();
    await screenshot(page, "sign-in-04-wrong-password");
  });

  test("fields are checked as the person types, and submitting an empty form points at what is missing", async () => {
    const page = await browser.newPage();
    await page.goto(app.url("/sign-in"));
    const email = page.getByLabel("Email");

    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByText("Enter your email address.").isVisible()).toBe(true);
    expect(await page.getByText("Enter your password.").isVisible()).toBe(true);
    expect(await isFocused(email)).toBe(true);
    expect(await email.getAttribute("aria-invalid")).toBe("true");

    await email.pressSequentially("maya@");
    await page.getByText("Enter an email address like name@example.edu.").waitFor();
    await screenshot(page, "sign-in-05-validation");
    await email.pressSequentially("northfield.edu");
    await page.getByText("Enter an email address like name@example.edu.").waitFor({ state: "detached" });
    expect(await email.getAttribute("aria-invalid")).toBeNull();
  });

  test("a keyboard alone can sign in, and focus is always visible", async () => {
    const { student } = await northfieldStudent();
    const page = await browser.newPage();
    await page.goto(app.url("/sign-in"));
    await pageHeading(page).waitFor();

    const email = page.getByLabel("Email");
    const password = page.getByLabel("Password");
    const submit = page.getByRole("button", { name: "Sign in" });

    await tabTo(page, email);
    expect(await focusIndicator(page)).toMatchObject({ tag: "input", visible: true });
    await page.keyboard.type(student.email);

    await page.keyboard.press("Tab");
    expect(await isFocused(password)).toBe(true);
    expect(await focusIndicator(page)).toMatchObject({ tag: "input", visible: true });
    await page.keyboard.type(student.password);

    await page.keyboard.press("Tab");
    expect(await isFocused(submit)).toBe(true);
    expect(await focusIndicator(page)).toMatchObject({ tag: "button", visible: true });
    await screenshot(page, "sign-in-06-keyboard-focus");

    await page.keyboard.press("Enter");
    await page.getByText("Signed in as Maya Okafor", { exact: true }).waitFor();
    // After navigating, focus starts at the new page's heading.
    expect(await isFocused(pageHeading(page))).toBe(true);
  });

  test("the sign-in page (with errors showing) and the home page pass axe without serious or critical violations", async () => {
    const { student } = await northfieldStudent();
    const page = await browser.newPage();
    await page.goto(app.url("/sign-in"));
    await pageHeading(page).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Enter an email address like name@example.edu.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await signInThroughPage(page, app.url(), student);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test("at 320 pixels wide nothing scrolls sideways", async () => {
    const { student } = await northfieldStudent();
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(app.url("/sign-in"));
    await pageHeading(page).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, "sign-in-07-narrow");

    await signInThroughPage(page, app.url(), student);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, "sign-in-08-narrow-home");
  });
});
