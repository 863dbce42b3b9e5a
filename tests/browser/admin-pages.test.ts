import { readFileSync } from "node:fs";
import { tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { buildAdmin, buildConsent, buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { buildContactableAlumnus, sendRequest } from "../../packages/server/src/test/request-kit";
import { useAppServer } from "./app-server";
import { a11yFindings } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { hasHorizontalScroll, isFocused, seriousA11yViolations, signInThroughPage } from "./pages";

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

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Integrations" }).click();
    await page.getByRole("heading", { level: 2, name: "API keys" }).waitFor();
    await page.getByText("No API keys yet", { exact: true }).waitFor();
    expect(await page.getByText("We couldn't load the API keys").count()).toBe(0);
    await screenshot(page, "admin-04-integrations");
  });

  test("an admin deactivates a student, who can no longer sign in and whose open request is closed, then reactivates them", async () => {
    const { institution, admin } = await northfieldAdmin();
    const student = await buildStudent(app.dataSource(), { institution, displayName: "Sam Student", externalId: "S-100" });
    await buildConsent(app.dataSource(), student, "STUDENT_SHARE_WITH_ALUMNI");
    const alum = await buildContactableAlumnus(app.dataSource(), { institution, displayName: "Alex Alum" });
    await sendRequest(app.server().services, student, alum);
    const token = await app.server().signIn(admin);
    /** What the API's roster feed says; a row just written joins the feed once its transaction has settled. */
    const activeOf = async (membershipId: string) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const answer = await app.server().gql(`{ people(first: 100) { edges { node { membershipId active } } } }`, {}, token);
        const node = (answer.data?.people.edges as Array<{ node: { membershipId: string; active: boolean } }>).find(
          (e) => e.node.membershipId === membershipId,
        )?.node;
        if (node) return node.active;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${membershipId} is not in the people feed`);
    };

    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    await page.goto(app.url("/admin/people"));
    const roster = page.getByRole("region", { name: "Students and alumni" });
    const samRow = roster.getByRole("row").filter({ hasText: "Sam Student" });
    await samRow.getByRole("cell", { name: "Active", exact: true }).waitFor();
    await samRow.getByRole("cell", { name: "S-100" }).waitFor();

    // Keyboard: the row's button opens the confirmation; Escape leaves everything as it was.
    const deactivate = page.getByRole("button", { name: "Deactivate Sam Student" });
    await deactivate.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog", { name: "Deactivate Sam Student?" });
    await dialog.getByText("can no longer sign in").waitFor();
    await dialog.getByText("Their open requests are closed, and the other person in each is told.").waitFor();
    await dialog.getByText(/Nothing is erased/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-05-deactivate-confirm");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await isFocused(deactivate)).toBe(true);
    expect(await activeOf(student.membershipId)).toBe(true);

    await deactivate.click();
    await dialog.getByRole("button", { name: "Deactivate Sam Student" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Sam Student is deactivated: they can no longer sign in. 1 open request was closed and the other side told." })
      .waitFor();
    await samRow.getByRole("cell", { name: /^Deactivated since \w{3} \d{1,2}, \d{4}$/ }).waitFor();
    // Focus is back on the row's button, which now offers the way back.
    expect(await isFocused(page.getByRole("button", { name: "Reactivate Sam Student" }))).toBe(true);
    await screenshot(page, "admin-06-deactivated");
    expect(await activeOf(student.membershipId)).toBe(false);

    // The student's own sign-in is refused with the institution's reason.
    const studentPage = await browser.newPage();
    await studentPage.goto(app.url("/sign-in"));
    await studentPage.getByLabel("Email").fill(student.email);
    await studentPage.getByLabel("Password").fill(student.password);
    await studentPage.getByRole("button", { name: "Sign in" }).click();
    await studentPage.getByText("Your institution has deactivated your account.", { exact: false }).waitFor();

    // The state survives a reload: it comes from the server, not the page's memory.
    await page.reload();
    await samRow.getByRole("cell", { name: /^Deactivated since / }).waitFor();
    await page.getByRole("button", { name: "Reactivate Sam Student" }).click();
    const back = page.getByRole("alertdialog", { name: "Reactivate Sam Student?" });
    await back.getByText("Requests closed when they were deactivated stay closed.").waitFor();
    await back.getByRole("button", { name: "Reactivate Sam Student" }).click();
    await page.getByRole("status").filter({ hasText: "Sam Student is reactivated and can sign in again." }).waitFor();
    await samRow.getByRole("cell", { name: "Active", exact: true }).waitFor();
    expect(await activeOf(student.membershipId)).toBe(true);
    await signInThroughPage(studentPage, app.url(), student);
  }, 120_000);

  test("an admin selects several people, deactivates them together, and sees who was not changed", async () => {
    const { institution, admin } = await northfieldAdmin();
    await buildContactableAlumnus(app.dataSource(), { institution, displayName: "Ana Alum" });
    await buildStudent(app.dataSource(), { institution, displayName: "Ben Student" });
    const cy = await buildStudent(app.dataSource(), { institution, displayName: "Cy Student" });
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    await page.goto(app.url("/admin/people"));
    const roster = page.getByRole("region", { name: "Students and alumni" });
    await roster.getByRole("row").filter({ hasText: "Cy Student" }).waitFor();

    // Meanwhile Cy becomes an advisor: no longer someone this page can deactivate.
    await tenantTransaction(app.dataSource(), { institutionId: institution.id }, (m) =>
      m.query(`UPDATE memberships SET role = 'ADVISOR' WHERE id = $1`, [cy.membershipId]),
    );
    await page.getByLabel("Find someone").fill("student");
    await roster.getByRole("row").filter({ hasText: "Ana Alum" }).waitFor({ state: "detached" });
    await roster.getByRole("checkbox", { name: "Select everyone shown" }).focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Deactivate selected (2)" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Deactivate 2 people?" });
    await dialog.getByText("Ben Student, Cy Student.").waitFor();
    await dialog.getByRole("button", { name: "Deactivate 2 people" }).click();
    await page.getByRole("alert").filter({ hasText: "1 person deactivated. 1 person was not changed: see the list." }).waitFor();
    const notChanged = page.getByRole("region", { name: "Not changed" });
    await notChanged.getByText("Cy Student: they are no longer a student or alum of this institution.", { exact: false }).waitFor();
    await roster
      .getByRole("row")
      .filter({ hasText: "Ben Student" })
      .getByRole("cell", { name: /^Deactivated since / })
      .waitFor();
    await roster.getByRole("row").filter({ hasText: "Cy Student" }).getByRole("cell", { name: "Active", exact: true }).waitFor();
    // Cy stays selected, to act on again after a reload; Ben is done.
    expect(await roster.getByRole("checkbox", { name: "Select Cy Student" }).isChecked()).toBe(true);
    expect(await roster.getByRole("checkbox", { name: "Select Ben Student" }).isChecked()).toBe(false);
    await screenshot(page, "admin-07-not-changed");

    await page.getByLabel("Find someone").fill("");
    await roster.getByRole("row").filter({ hasText: "Ana Alum" }).getByRole("cell", { name: "Active", exact: true }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 120_000);

  test("an admin chooses the time zone from a list and sets the academic calendar, by keyboard", async () => {
    const { institution, admin } = await northfieldAdmin();
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    await page.goto(app.url("/admin"));
    await page.getByRole("heading", { level: 1, name: "Institution settings" }).waitFor();
    const zone = page.getByLabel("Time zone");
    expect(await zone.evaluate((element) => element.tagName)).toBe("SELECT");
    await zone.selectOption("America/Chicago");

    await page.getByText("No terms yet: reports use half-years.").waitFor();
    const add = page.getByRole("button", { name: "Add a term" });
    await add.focus();
    await page.keyboard.press("Enter");
    await page.getByLabel("Name of term 1").fill("Fall 2026");
    await page.getByLabel("First day of term 1").fill("2026-08-24");
    await add.focus();
    await page.keyboard.press("Enter");
    await page.getByLabel("Name of term 2").fill("Spring 2027");
    await page.getByLabel("First day of term 2").fill("2026-08-24");
    const save = page.getByRole("button", { name: "Save the calendar" });
    await save.focus();
    await page.keyboard.press("Enter");
    // Checked before sending: the second term starts on the first one's day, and focus goes to it.
    await page.getByText("Term 1 starts on the same day.").waitFor();
    expect(await isFocused(page.getByLabel("First day of term 2"))).toBe(true);
    await page.getByLabel("First day of term 2").fill("2027-01-11");
    await save.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "The calendar is saved." }).waitFor();
    const stored = await tenantTransaction(app.dataSource(), { institutionId: institution.id }, (m) =>
      m.query(`SELECT name, to_char(starts_on, 'YYYY-MM-DD') AS day FROM academic_terms ORDER BY starts_on`),
    );
    expect(stored).toEqual([
      { name: "Fall 2026", day: "2026-08-24" },
      { name: "Spring 2027", day: "2027-01-11" },
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 120_000);

  test("an admin answers data-subject requests from the People page: exports a student's data, then erases them at once", async () => {
    const { institution, admin } = await northfieldAdmin();
    const student = await buildStudent(app.dataSource(), { institution, displayName: "Erin Erasable", externalId: "S-200" });
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    await page.goto(app.url("/admin/people"));
    const roster = page.getByRole("region", { name: "Students and alumni" });
    await roster.getByRole("row").filter({ hasText: "Erin Erasable" }).waitFor();

    const [archive] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export the data of Erin Erasable" }).click(),
    ]);
    expect(archive.suggestedFilename()).toMatch(/\.zip$/);
    const bytes = readFileSync((await archive.path()) as string);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    await page.getByText("The data of Erin Erasable is downloading. The export is recorded in the audit log.").waitFor();

    // Erasing asks first, in place; the keyboard can say no.
    await page.getByRole("button", { name: "Erase Erin Erasable now" }).click();
    const confirm = page.getByRole("group", { name: "Confirm erasing Erin Erasable" });
    await confirm.getByText(/removed for good; counts stay in reports/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-people-erase-confirm");
    await confirm.getByRole("button", { name: "Yes, erase" }).click();
    await page.getByText("The person is erased.").waitFor();
    await roster.getByRole("row").filter({ hasText: "Erin Erasable" }).waitFor({ state: "detached" });

    // Gone for good: the person cannot sign in, and both actions are in the audit log.
    const signIn = await app
      .server()
      .gql(`mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`, { i: { email: student.email, password: student.password } });
    expect(signIn.errors?.length).toBeGreaterThan(0);
    const log = await app.server().gql(`{ auditLog(first: 50) { edges { node { action } } } }`, {}, await app.server().signIn(admin));
    const actions = (log.data!.auditLog.edges as Array<{ node: { action: string } }>).map((e) => e.node.action);
    expect(actions).toEqual(expect.arrayContaining(["person.exported", "person.erased"]));
  });

  test("every page of the administration area passes axe, and fits 320 px", async () => {
    const { institution, admin } = await northfieldAdmin();
    // Someone on the roster, so the People page is checked with its table of students and alumni.
    await buildStudent(app.dataSource(), { institution, displayName: "Sam Student", externalId: "S-100" });
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    expect(await a11yFindings(page, app.url(), ["/admin", "/admin/people", "/admin/consent-texts", "/admin/integrations"])).toEqual({});

    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ["/admin", "/admin/people"]) {
      await page.goto(app.url(path));
      await page.getByRole("heading", { level: 1 }).waitFor();
      if (path === "/admin/people") await page.getByRole("rowheader", { name: /Sam Student/ }).waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
    }
    await screenshot(page, "admin-320-people");
  }, 180_000);
});
