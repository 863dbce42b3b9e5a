import { buildConsent, buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { buildContactableAlumnus } from "../../packages/server/src/test/request-kit";
import { useAppServer } from "./app-server";
import { acceptFirstProposedTime, a11yFindings, openInbox, sendRequestAsStudent, subscribed, useBackgroundWork } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { focusIndicator, hasHorizontalScroll, signInThroughPage, tabTo } from "./pages";

describeInBrowser("the alum's inbox in the web client", () => {
  const app = useAppServer();
  useBackgroundWork(app);
  const browser = useBrowser();

  async function northfield() {
    const ds = app.dataSource();
    const institution = await buildInstitution(ds, { name: "Northfield University" });
    const alum = await buildContactableAlumnus(ds, { institution, displayName: "Jordan Reyes" });
    const student = await buildStudent(ds, { institution, displayName: "Maya Okafor" });
    await buildConsent(ds, student, "STUDENT_SHARE_WITH_ALUMNI");
    return { institution, alum, student };
  }

  test("a new request arrives without reloading; the alum accepts a time and sees it under upcoming", async () => {
    const { alum, student } = await northfield();
    const page = await browser.newPage();
    let documentLoads = 0;
    page.on("load", () => (documentLoads += 1));
    const listening = subscribed(page);

    await signInThroughPage(page, app.url(), alum);
    await openInbox(page, app.url());
    await page.getByText("No requests waiting").waitFor();
    await listening;
    await screenshot(page, "alumnus-inbox-01-empty");
    const loadsBefore = documentLoads;

    await sendRequestAsStudent(app.server(), student, alum, { questions: ["How did you choose your first role?"] });

    const item = page.getByRole("list", { name: "Requests waiting for your answer" }).getByRole("link", { name: "Maya Okafor" });
    await item.waitFor();
    expect(documentLoads).toBe(loadsBefore);
    await page.getByRole("status").filter({ hasText: "New request from Maya Okafor." }).waitFor();
    await screenshot(page, "alumnus-inbox-02-arrived");

    await item.click();
    await page.getByRole("heading", { level: 1, name: "Request from Maya Okafor" }).waitFor();
    const main = page.getByRole("main");
    await main.getByText("I'm a junior exploring data science").waitFor();
    await main.getByText("How did you choose your first role?").waitFor();

    // Validation as you type: the link must be https.
    await page.getByLabel("Video call link").fill("meet.example/abc");
    await page.getByLabel("Video call link").blur();
    await page.getByText("Use a link starting with https://.").waitFor();
    await screenshot(page, "alumnus-inbox-03-request");
    await page.goBack();
    await openInbox(page, app.url());

    await acceptFirstProposedTime(page, "Maya Okafor");
    await page.getByRole("status").filter({ hasText: "You accepted Maya Okafor's request." }).waitFor();
    const booked = page.getByRole("list", { name: "Booked conversations" });
    await booked.getByRole("link", { name: "Maya Okafor" }).waitFor();
    expect(await booked.innerText()).toContain("Video call");
    await screenshot(page, "alumnus-inbox-04-upcoming");

    await openInbox(page, app.url());
    await page.getByText("No requests waiting").waitFor();
  });

  test("every page of the alumni area passes axe", async () => {
    const { alum, student } = await northfield();
    const requestId = await sendRequestAsStudent(app.server(), student, alum);
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), alum);
    const findings = await a11yFindings(page, app.url(), [
      "/alumni",
      `/alumni/requests/${requestId}`,
      "/alumni/upcoming",
      "/alumni/availability",
      "/alumni/profile",
      "/alumni/welcome",
    ]);
    expect(findings).toEqual({});
  }, 180_000);

  test("the inbox and a request work at 320 px wide", async () => {
    const { alum, student } = await northfield();
    await sendRequestAsStudent(app.server(), student, alum);
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await signInThroughPage(page, app.url(), alum);
    await openInbox(page, app.url());
    await page.getByRole("link", { name: "Maya Okafor" }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, "alumnus-inbox-320-01-inbox");
    await page.getByRole("link", { name: "Maya Okafor" }).click();
    await page.getByRole("button", { name: "Accept at this time" }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, "alumnus-inbox-320-02-request");
  });

  test("with the keyboard alone, an alum declines with a reason and suggests someone else, always seeing where focus is", async () => {
    const { alum, student } = await northfield();
    const requestId = await sendRequestAsStudent(app.server(), student, alum);
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), alum);
    await openInbox(page, app.url());

    const expectVisibleFocus = async () => expect((await focusIndicator(page)).visible).toBe(true);
    await tabTo(page, page.getByRole("link", { name: "Maya Okafor" }), 30);
    await expectVisibleFocus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Request from Maya Okafor" }).waitFor();

    await tabTo(page, page.getByRole("button", { name: "Decline" }), 30);
    await expectVisibleFocus();
    await page.keyboard.press("Enter");
    const reason = page.getByRole("textbox", { name: "Reason (optional)" });
    await tabTo(page, reason);
    await expectVisibleFocus();
    await page.keyboard.type("I'm travelling for work this month.");
    await tabTo(page, page.getByRole("textbox", { name: "Their name" }));
    await page.keyboard.type("Priya Natarajan");
    expect(await tabTo(page, page.getByRole("textbox", { name: "How to reach them" }))).toBe(1);
    await page.keyboard.type("priya@example.org");
    await screenshot(page, "alumnus-keyboard-01-decline");
    await tabTo(page, page.getByRole("button", { name: "Decline the request" }));
    await expectVisibleFocus();
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { level: 1, name: "Your inbox" }).waitFor();
    await page.getByText("No requests waiting").waitFor();
    const result = await app
      .server()
      .gql<{ interviewRequest: { state: string; declineReason: string; declineReferral: { name: string; contact: string } } }>(
        `query($id: ID!) { interviewRequest(id: $id) { state declineReason declineReferral { name contact } } }`,
        { id: requestId },
        await app.server().signIn(student),
      );
    expect(result.data?.interviewRequest).toEqual({
      state: "DECLINED",
      declineReason: "I'm travelling for work this month.",
      declineReferral: { name: "Priya Natarajan", contact: "priya@example.org" },
    });
  });
});
