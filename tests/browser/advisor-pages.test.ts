import { buildAdvisor, buildConsent, buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { buildContactableAlumnus } from "../../packages/server/src/test/request-kit";
import { useAppServer } from "./app-server";
import { a11yFindings, requestsFromMoreStudents, sendRequestAsStudent } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import type { Page } from "playwright-core";
import { hasHorizontalScroll, seriousA11yViolations, signInThroughPage } from "./pages";

/** Whether the reports page fits: the page and the table's region do not scroll sideways, the last header is in view. */
async function fitsPage(page: Page) {
  return page.evaluate(() => {
    const region = document.querySelector<HTMLElement>(".table-wrap")!;
    const headers = region.querySelectorAll("thead th");
    const last = headers[headers.length - 1].getBoundingClientRect();
    return {
      pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      tableScrolls: region.scrollWidth > region.clientWidth,
      lastHeaderInView: last.width > 0 && last.right <= window.innerWidth,
    };
  });
}

describeInBrowser("the advising area in the web client", () => {
  const app = useAppServer();
  const browser = useBrowser();

  async function northfield() {
    const ds = app.dataSource();
    const institution = await buildInstitution(ds, { name: "Northfield University" });
    const advisor = await buildAdvisor(ds, { institution, displayName: "Sam Advisor" });
    const sharing = await buildStudent(ds, { institution, displayName: "Maya Okafor" });
    await buildConsent(ds, sharing, "STUDENT_SHARE_WITH_ADVISORS");
    await buildConsent(ds, sharing, "STUDENT_SHARE_WITH_ALUMNI");
    const private_ = await buildStudent(ds, { institution, displayName: "Theo Private" });
    const alum = await buildContactableAlumnus(ds, { institution, displayName: "Jordan Reyes" });
    return { institution, advisor, sharing, private_, alum };
  }

  test("an advisor finds students, opens a shared profile, and is told plainly what isn't shared", async () => {
    const { institution, advisor, sharing, private_ } = await northfield();
    // A request to another alum: Jordan stays among the student's matches.
    const other = await buildContactableAlumnus(app.dataSource(), { institution: { id: sharing.institutionId, slug: "", name: "" } });
    await sendRequestAsStudent(app.server(), sharing, other);
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), advisor);

    await page.goto(app.url("/advisor"));
    await page.getByRole("heading", { level: 1, name: "Advising dashboard" }).waitFor();
    // One student behind this month's funnel: fewer than the minimum group, so an advisor is told why this month's
    // numbers are withheld (a dash), while last month's (nobody) stay readable: each period is judged on its own.
    await page.getByText(/^Fewer than 5 students have written this month so far/).waitFor();
    const withheld = page
      .getByRole("region", { name: "Funnel as a table" })
      .getByRole("row", { name: /^Requested/ })
      .getByRole("cell");
    expect([await withheld.nth(0).textContent(), await withheld.nth(1).textContent()]).toEqual(["—", "0"]);

    // Four more students write: five are behind the funnel, and it is shown.
    await requestsFromMoreStudents(app.server(), app.dataSource(), institution, 4);
    await page.reload();
    for (const name of ["This month's funnel", "Trend over six months", "Needs your attention"])
      await page.getByRole("heading", { level: 2, name }).waitFor();
    await page.waitForFunction(() => !document.querySelector("main .loading"));
    expect(await page.getByText(/We couldn't load|not available yet/).count()).toBe(0);
    const funnel = page.getByRole("region", { name: "Funnel as a table" });
    expect(
      await funnel
        .getByRole("row", { name: /^Requested/ })
        .getByRole("cell")
        .first()
        .innerText(),
    ).toBe("5");
    await page.getByRole("region", { name: "Trend as a table" }).waitFor();
    await page.getByRole("heading", { level: 3, name: /Requests expiring within 48 hours \(0\)/ }).waitFor();
    await screenshot(page, "advisor-01-dashboard");

    await page.getByRole("navigation", { name: "Advising" }).getByRole("link", { name: "Reports" }).click();
    await page.getByLabel("Break down by").selectOption("NONE");
    const report = page.getByRole("region", { name: "Requests report table" });
    await report.getByRole("row", { name: /^All students/ }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("infoview-requests-month-none.csv");
    // What came of the conversations: one row per kind of outcome, each a count or withheld (never a small number).
    const outcomes = page.getByRole("region", { name: "What came of the conversations" });
    await outcomes.getByRole("row", { name: /^Job offer/ }).waitFor();
    const outcomeRows = await outcomes.getByRole("row").allInnerTexts();
    expect(outcomeRows).toHaveLength(7);
    for (const row of outcomeRows.slice(1)) expect(row).toMatch(/\t(\d+|Withheld)\t(\d+|Withheld)$/);

    // The report fits the page at 1280 px: every column in view, no sideways scrolling; the Columns menu hides one.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await fitsPage(page)).toEqual({ pageScrolls: false, tableScrolls: false, lastHeaderInView: true });
    await page.getByText("Columns", { exact: true }).click();
    await page.getByRole("group", { name: "Columns shown" }).getByLabel("No-shows").uncheck();
    await report.getByRole("columnheader", { name: "No-shows" }).waitFor({ state: "detached" });
    await page.getByRole("group", { name: "Columns shown" }).getByLabel("No-shows").check();
    await report.getByRole("columnheader", { name: "No-shows" }).waitFor();
    await screenshot(page, "advisor-01b-reports");
    // At 375 px each row is a card of labelled values: still no sideways scrolling, and axe finds nothing serious.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await fitsPage(page)).toMatchObject({ pageScrolls: false, tableScrolls: false });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "advisor-01c-reports-375");
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole("navigation", { name: "Advising" }).getByRole("link", { name: "Students" }).click();
    const table = page.getByRole("region", { name: "Students" });
    await table.getByRole("link", { name: "Maya Okafor" }).waitFor();
    await table.getByRole("link", { name: "Theo Private" }).waitFor();
    const maya = table.getByRole("row", { name: /Maya Okafor/ });
    await maya.getByRole("cell", { name: "today" }).waitFor();
    expect(
      await table
        .getByRole("row", { name: /Theo Private/ })
        .getByRole("cell", { name: "Not shared" })
        .count(),
    ).toBe(3);
    // Sorting: the header carries aria-sort; names Z to A, then the latest activity first (students who don't share last).
    const header = (name: string) => table.getByRole("columnheader", { name });
    expect(await header("Name").getAttribute("aria-sort")).toBe("ascending");
    await header("Name").getByRole("button").click();
    await page.waitForFunction(() => document.querySelector("th[aria-sort='descending']")?.textContent?.startsWith("Name"));
    await table.getByRole("row").nth(1).filter({ hasText: "Theo Private" }).waitFor();
    await header("Last activity").getByRole("button").click();
    await table.getByRole("row").nth(1).filter({ hasText: "Maya Okafor" }).waitFor();
    expect([await header("Last activity").getAttribute("aria-sort"), await header("Name").getAttribute("aria-sort")]).toEqual([
      "descending",
      null,
    ]);
    // Filters, on the server: needs action only (Theo shares nothing, so he is never on a list), then a name.
    await page.getByLabel("Needs action only").check();
    await page.getByRole("link", { name: "Theo Private" }).waitFor({ state: "detached" });
    await page.getByLabel("Needs action only").uncheck();
    await table.getByRole("link", { name: "Theo Private" }).waitFor();
    await page.getByLabel("Name").fill("Maya");
    await page.getByRole("link", { name: "Theo Private" }).waitFor({ state: "detached" });
    await screenshot(page, "advisor-02-students");

    await page.getByRole("link", { name: "Maya Okafor" }).click();
    await page.getByRole("heading", { level: 1, name: "Maya Okafor" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Profile" }).waitFor();
    expect(await page.getByRole("main").innerText()).toContain("A test pitch.");
    await page.getByRole("heading", { level: 2, name: "Timeline" }).waitFor();
    await page.getByRole("listitem").filter({ hasText: "Sent a request" }).waitFor();
    await screenshot(page, "advisor-03-student");

    const matches = page.getByRole("list", { name: "Matching alumni" });
    await matches.getByRole("button", { name: "Suggest Jordan Reyes" }).click();
    await page.getByRole("textbox", { name: "A note for the student (optional)" }).fill("Jordan moved from economics into data science.");
    await page.getByRole("form", { name: "Suggest Jordan Reyes" }).getByRole("button", { name: "Suggest Jordan Reyes" }).click();
    await page.getByRole("status").filter({ hasText: "You suggested Jordan Reyes." }).waitFor();
    await matches.getByText("Suggested by your advisor Sam Advisor").waitFor();
    const suggestions = await app
      .server()
      .gql<{ mySuggestions: Array<{ note: string }> }>(`{ mySuggestions { note } }`, {}, await app.server().signIn(sharing));
    expect(suggestions.data?.mySuggestions).toEqual([{ note: "Jordan moved from economics into data science." }]);
    await screenshot(page, "advisor-04-suggested");

    // Assigning: Maya goes on Sam's caseload (recorded in the audit log), and "My caseload only" then lists her alone.
    await page.getByLabel("Caseload of").selectOption({ label: "Sam Advisor (0 students)" });
    await page.getByRole("button", { name: "Save advisor" }).click();
    await page.getByRole("status").filter({ hasText: "Maya Okafor is now on Sam Advisor's caseload." }).waitFor();
    await page.getByRole("navigation", { name: "Advising" }).getByRole("link", { name: "Students" }).click();
    await table.getByRole("link", { name: "Theo Private" }).waitFor();
    await page.getByLabel("My caseload only").check();
    await page.getByRole("link", { name: "Theo Private" }).waitFor({ state: "detached" });
    await table
      .getByRole("row", { name: /Maya Okafor/ })
      .getByRole("cell", { name: "Sam Advisor" })
      .waitFor();
    // From the table: tick Theo and assign him to Sam too.
    await page.getByLabel("My caseload only").uncheck();
    await page.getByLabel("Select Theo Private").check();
    const bulk = page.getByRole("form", { name: "Assign the selected students" });
    await bulk.getByText("1 student selected").waitFor();
    await bulk.getByLabel("Assign them to").selectOption({ label: "Sam Advisor (1 student)" });
    await bulk.getByRole("button", { name: "Assign" }).click();
    await page.getByRole("status").filter({ hasText: "1 student is now on Sam Advisor's caseload." }).waitFor();
    await table
      .getByRole("row", { name: /Theo Private/ })
      .getByRole("cell", { name: "Sam Advisor" })
      .waitFor();
    expect(await page.getByRole("form", { name: "Assign the selected students" }).count()).toBe(0);

    await page.goto(app.url(`/advisor/students/${private_.membershipId}`));
    await page.getByText("This student doesn't share their profile with advisors").waitFor();
    // A student who shares nothing: his page shows whose caseload he is on, and he is taken off it.
    await page.getByRole("option", { name: "Sam Advisor (2 students)", selected: true }).waitFor({ state: "attached" });
    await page.getByLabel("Caseload of").selectOption({ label: "No advisor" });
    await page.getByRole("button", { name: "Save advisor" }).click();
    await page.getByRole("status").filter({ hasText: "This student is on no advisor's caseload now." }).waitFor();
  });

  test("every page of the advising area passes axe, and fits 320 px", async () => {
    const { advisor, sharing } = await northfield();
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), advisor);
    expect(
      await a11yFindings(page, app.url(), [
        "/advisor",
        "/advisor/students",
        `/advisor/students/${sharing.membershipId}`,
        "/advisor/reports",
      ]),
    ).toEqual({});

    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ["/advisor", "/advisor/students"]) {
      await page.goto(app.url(path));
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.waitForFunction(() => !document.querySelector("main .loading"));
      expect(await hasHorizontalScroll(page)).toBe(false);
    }
    await screenshot(page, "advisor-320-students");
  }, 180_000);
});
