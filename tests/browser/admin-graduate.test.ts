import { buildAdmin, buildInstitution, buildStudent, type BuiltMember } from "../../packages/server/src/test/factories";
import { asOwnerIn } from "../../packages/server/src/test/request-kit";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { seriousA11yViolations, signInThroughPage, tabTo, waitForFocus } from "./pages";

describeInBrowser("graduating students in the administration area", () => {
  const app = useAppServer();
  const browser = useBrowser();

  test("an admin chooses a class year, leaves one student out, reads what happens, confirms with the keyboard and sees the result", async () => {
    const institution = await buildInstitution(app.dataSource(), { name: "Northfield University" });
    const admin = await buildAdmin(app.dataSource(), { institution, displayName: "Ada Admin" });
    const students: BuiltMember[] = [];
    for (const name of ["Bea Graduate", "Cal Graduate", "Dee Stays", "Eli Gone"])
      students.push(await buildStudent(app.dataSource(), { institution, displayName: name }));
    const [bea, , , eli] = students;
    await asOwnerIn(app.dataSource(), { institutionId: institution.id }, async (m) => {
      await m.query(`UPDATE student_profiles SET class_year = 2031, major = 'Biology' WHERE institution_id = $1`, [institution.id]);
      // Campus sign-in for the roster's domain: the students' roster addresses are campus ones, not personal.
      await m.query(
        `INSERT INTO identity_providers (institution_id, kind, name, email_domains, match_attribute, oidc_issuer, oidc_client_id)
         VALUES ($1, 'OIDC', 'Campus', '{test.example}', 'email', 'https://idp.test.example', 'infoview')`,
        [institution.id],
      );
      await m.query(`INSERT INTO identity_emails (identity_id, email, verified_at) VALUES ($1, 'bea.personal@example.org', now())`, [
        bea.identityId,
      ]);
    });

    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    await page.goto(app.url("/admin"));
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Graduate" }).click();
    await page.getByRole("heading", { level: 1, name: "Graduate students" }).waitFor();

    // Keyboard only: the class year, then Enter.
    const year = page.getByLabel("Class year");
    await year.focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("2031");
    await page.keyboard.press("Enter");
    const list = page.getByRole("region", { name: "Students of the class of 2031" });
    await list.waitFor();
    expect(await list.getByRole("row").count()).toBe(5);
    const bRow = list.getByRole("row", { name: /Bea Graduate/ });
    expect(await bRow.getByRole("cell").nth(1).textContent()).toBe("Verified");

    // Leave Dee out with the keyboard (Space on the focused checkbox).
    const deeBox = page.getByRole("checkbox", { name: "Graduate Dee Stays" });
    await tabTo(page, deeBox, 12);
    await page.keyboard.press("Space");
    expect(await deeBox.isChecked()).toBe(false);
    expect(
      await list
        .getByRole("row", { name: /Dee Stays/ })
        .getByRole("cell")
        .last()
        .textContent(),
    ).toBe("Left out");
    const preview = page.getByRole("region", { name: "What happens" });
    await preview.getByText("3 students become alumni.").waitFor();
    await preview.getByText("2 of them have no verified personal email yet", { exact: false }).waitFor();
    await preview.getByText("Each is emailed an invitation to volunteer.", { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-graduate-01-preview");

    // Meanwhile Eli leaves the roster: the result names him with the problem's code.
    await asOwnerIn(app.dataSource(), { institutionId: institution.id }, (m) =>
      m.query(`DELETE FROM memberships WHERE institution_id = $1 AND id = $2`, [institution.id, eli.membershipId]),
    );
    const confirm = page.getByRole("button", { name: "Graduate 3 students" });
    await tabTo(page, confirm, 12);
    await page.keyboard.press("Enter");
    const resultHeading = page.getByRole("heading", { level: 2, name: "Result" });
    await waitForFocus(resultHeading);
    await page.getByText("2 students graduated; 0 were an alum already.").waitFor();
    await page.getByRole("region", { name: "Not graduated" }).getByText("Eli Gone: No student with this id here. (NOT_FOUND)").waitFor();
    const statusOf = async (name: string) =>
      list
        .getByRole("row", { name: new RegExp(name) })
        .getByRole("cell")
        .last()
        .textContent();
    expect([await statusOf("Bea"), await statusOf("Dee"), await statusOf("Eli")]).toEqual(["Graduated", "Left out", "Not graduated"]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-graduate-02-result");

    const roles = await asOwnerIn(app.dataSource(), { institutionId: institution.id }, (m) =>
      m.query(
        `SELECT idn.display_name AS name, array_agg(ms.role ORDER BY ms.role) AS roles FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id
          WHERE ms.institution_id = $1 AND ms.role IN ('STUDENT', 'ALUMNUS') GROUP BY idn.display_name ORDER BY idn.display_name`,
        [institution.id],
      ),
    );
    expect(roles).toEqual([
      { name: "Bea Graduate", roles: ["ALUMNUS", "STUDENT"] },
      { name: "Cal Graduate", roles: ["ALUMNUS", "STUDENT"] },
      { name: "Dee Stays", roles: ["STUDENT"] },
    ]);
  }, 120_000);

  test("an admin turns automatic graduation on in Settings with the keyboard; a day that is no day is refused in place", async () => {
    const institution = await buildInstitution(app.dataSource(), { name: "Southfield College" });
    const admin = await buildAdmin(app.dataSource(), { institution, displayName: "Sam Admin" });
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), admin);
    await page.goto(app.url("/admin"));
    const section = page.getByRole("region", { name: "Automatic graduation" });
    await section.waitFor();
    const box = section.getByRole("checkbox", { name: "Graduate students automatically at the end of their class year" });
    expect(await box.isChecked()).toBe(false);
    await box.focus();
    await page.keyboard.press("Space");
    expect(await box.isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("02-30");
    await page.keyboard.press("Enter");
    await section.getByText("Use a month and day like 06-15.").waitFor();
    await waitForFocus(section.getByLabel("Graduation day (month-day)"));
    await page.keyboard.press("Control+A");
    await page.keyboard.type("05-31");
    await page.keyboard.press("Enter");
    await section.getByText("Automatic graduation is saved.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-graduate-03-automatic");
    const token = await app.server().signIn(admin);
    const saved = await app.server().gql(`{ institution { autoGraduation graduationDay } }`, {}, token);
    expect(saved.data!.institution).toEqual({ autoGraduation: true, graduationDay: "05-31" });
  }, 120_000);
});
