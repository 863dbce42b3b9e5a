import type { Page } from "playwright-core";
import { tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { DEMO_PASSWORD } from "../../packages/server/src/seed/demo-seed";
import { hasHorizontalScroll, seriousA11yViolations, signInThroughPage, tabTo } from "./pages";
import { DEMO_STUDENT, demoToken, openStudentPage, signInAsStudent, useDemoAppServer } from "./student-pages";

const LINKEDIN = "https://www.linkedin.com/in/demo-alum";
const NOTE = "Join the research guild; ask Priya about the spring internship panel";

describeInBrowser("before you meet and the meeting view", () => {
  jest.setTimeout(180_000);
  const app = useDemoAppServer("meeting_prep");
  const browser = useBrowser();

  async function noSidewaysScrollAt375(page: Page) {
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test("a student with a booked meeting prepares, ticks a step, then in the meeting ticks a question and keeps notes that are saved", async () => {
    // Ava has a meeting booked in five days (demo data); the alum added a LinkedIn link to their profile.
    const server = app.server();
    const token = await demoToken(server, DEMO_STUDENT.email);
    const booked = await server.gql<{
      me: { institutionId: string };
      myRequests: { edges: Array<{ node: { id: string; alumnusId: string; alumnusName: string } }> };
    }>(`{ me { institutionId } myRequests(first: 20, state: ACCEPTED) { edges { node { id alumnusId alumnusName } } } }`, {}, token);
    const institutionId = booked.data!.me.institutionId;
    const { id: requestId, alumnusId, alumnusName: name } = booked.data!.myRequests.edges[0].node;
    await tenantTransaction(app.dataSource(), { institutionId }, (m) =>
      m.query(`UPDATE alumni_profiles SET linkedin_url = $2 WHERE membership_id = $1`, [alumnusId, LINKEDIN]),
    );

    const page = await browser.newPage({ timezoneId: "America/Chicago", viewport: { width: 1280, height: 900 } });
    await signInAsStudent(page, app.url(), DEMO_STUDENT);
    await openStudentPage(page, "Overview", /^Your conversations, Ava/);
    await page.getByRole("heading", { level: 2, name: "Your next meetings" }).waitFor();
    const before = page.getByRole("link", { name: `Before you meet ${name}` });
    await before.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Before you meet ${name}` }).waitFor();

    // Their profile and link, the student's questions, the guides' checklist.
    const linkedin = page.getByRole("link", { name: `${name} on LinkedIn (opens in a new tab)` });
    await linkedin.waitFor();
    expect(await linkedin.getAttribute("href")).toBe(LINKEDIN);
    await page.getByRole("listitem").filter({ hasText: "How did you get into this line of work?" }).waitFor();
    const lookUp = page.getByRole("checkbox", { name: `Look ${name} up again: their profile, links and organisation` });
    expect(await lookUp.isChecked()).toBe(false);
    await page.getByText(/^0 of \d+ done$/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Ticked with the keyboard; remembered through a reload.
    await lookUp.focus();
    await page.keyboard.press("Space");
    await page.getByText(/^1 of \d+ done$/).waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: `Before you meet ${name}` }).waitFor();
    expect(await lookUp.isChecked()).toBe(true);
    await screenshot(page, "meeting-prep-01-before");
    await noSidewaysScrollAt375(page);

    // The meeting time comes.
    await tenantTransaction(app.dataSource(), { institutionId }, (m) =>
      m.query(
        `UPDATE interview_requests SET meeting_starts_at = now() - interval '5 minutes', meeting_ends_at = now() + interval '25 minutes' WHERE id = $1`,
        [requestId],
      ),
    );
    const open = page.getByRole("link", { name: "Open the meeting view" });
    await open.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Your meeting with ${name}` }).waitFor();
    expect(page.url()).toBe(app.url(`/student/conversations/${requestId}/meeting`));

    // The timer, started with the keyboard.
    const start = page.getByRole("button", { name: "Start the timer" });
    await tabTo(page, start, 20);
    await page.keyboard.press("Enter");
    await page.getByText("0 minutes used of 30").waitFor();

    // A question ticked as it is asked.
    const question = page.getByRole("checkbox", { name: "How did you get into this line of work?" });
    await question.focus();
    await page.keyboard.press("Space");
    await page.getByText(/^1 of 3 asked$/).waitFor();

    // Notes as you go, saved when typing pauses.
    const notes = page.getByRole("textbox", { name: "Advice they gave" });
    await notes.focus();
    await page.keyboard.type(NOTE);
    await page.getByTestId("notes-state").getByText("All notes saved.").waitFor({ timeout: 10_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "meeting-prep-02-meeting");

    // A reload shows the note from the server, the tick and the running timer.
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.getByRole("heading", { level: 1, name: `Your meeting with ${name}` }).waitFor();
    expect(await page.getByRole("textbox", { name: "Advice they gave" }).inputValue()).toBe(NOTE);
    expect(await page.getByRole("checkbox", { name: "How did you get into this line of work?" }).isChecked()).toBe(true);
    await page.getByText(/^\d+ minutes? used of 30$/).waitFor();
    const saved = await server.gql<{ notes: { advice: string } | null }>(
      `query($id: ID!) { notes(requestId: $id) { advice } }`,
      { id: requestId },
      token,
    );
    expect(saved.data!.notes?.advice).toBe(NOTE);
    await noSidewaysScrollAt375(page);
  });

  test("an alum adds a LinkedIn and a web link on their profile page, told at once what is wrong with a link; students see them", async () => {
    // Priya Raman, the third Northfield alum of the demo.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInThroughPage(page, app.url(), { email: "alum3@northfield.example", password: DEMO_PASSWORD });
    await page.goto(app.url("/alumni/profile"));
    await page.getByRole("heading", { level: 1, name: "Your profile" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Links students see" }).waitFor();

    const linkedin = page.getByRole("textbox", { name: "LinkedIn page" });
    await linkedin.fill("http://www.linkedin.com/in/priya-raman");
    await linkedin.blur();
    await page.getByText("Enter a full address starting with https://, with no spaces.").waitFor();
    await linkedin.fill("https://priya.example.org/about");
    await page.getByText("Use a linkedin.com address, e.g. https://www.linkedin.com/in/your-name").waitFor();
    await linkedin.fill("https://www.linkedin.com/in/priya-raman");
    await page.getByRole("textbox", { name: "Personal web page" }).fill("https://priya.example.org/about");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByRole("status").filter({ hasText: "Your profile is saved." }).waitFor();

    const student = await demoToken(app.server(), DEMO_STUDENT.email);
    const booked = await app
      .server()
      .gql<{ myRequests: { edges: Array<{ node: { alumnusId: string; alumnusName: string } }> } }>(
        `{ myRequests(first: 20, state: ACCEPTED) { edges { node { alumnusId alumnusName } } } }`,
        {},
        student,
      );
    const priya = booked.data!.myRequests.edges.map((e) => e.node).find((n) => n.alumnusName === "Priya Raman")!;
    const seen = await app
      .server()
      .gql<{ alumnusProfile: { linkedinUrl: string | null; websiteUrl: string | null } }>(
        `query($id: ID!) { alumnusProfile(membershipId: $id) { linkedinUrl websiteUrl } }`,
        { id: priya.alumnusId },
        student,
      );
    expect(seen.data!.alumnusProfile).toEqual({
      linkedinUrl: "https://www.linkedin.com/in/priya-raman",
      websiteUrl: "https://priya.example.org/about",
    });
  });

  test("in Spanish, at 375 px: both pages read in Spanish, axe clean, no sideways scroll", async () => {
    const server = app.server();
    const token = await demoToken(server, DEMO_STUDENT.email);
    const booked = await server.gql<{ myRequests: { edges: Array<{ node: { id: string; alumnusName: string } }> } }>(
      `{ myRequests(first: 20, state: ACCEPTED) { edges { node { id alumnusName } } } }`,
      {},
      token,
    );
    const { id, alumnusName: name } = booked.data!.myRequests.edges[0].node;
    const page = await browser.newPage({ locale: "es-MX", timezoneId: "America/Mexico_City", viewport: { width: 375, height: 800 } });
    await page.goto(app.url("/sign-in"));
    await page.getByLabel("Correo electrónico", { exact: true }).fill(DEMO_STUDENT.email);
    await page.getByLabel("Contraseña", { exact: true }).fill(DEMO_STUDENT.password);
    await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
    await page.getByText(/^Sesión de Ava/).waitFor();

    await page.goto(app.url(`/student/conversations/${id}/before`));
    await page.getByRole("heading", { level: 1, name: `Antes de reunirte con ${name}` }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Lista de comprobación" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);

    await page.getByRole("link", { name: "Abrir la vista de la reunión" }).click();
    await page.getByRole("heading", { level: 1, name: `Tu reunión con ${name}` }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Notas sobre la marcha" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, "meeting-prep-03-meeting-es-375");
  });
});
