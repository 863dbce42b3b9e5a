import { buildConsent, buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { asInstitution, buildContactableAlumnus } from "../../packages/server/src/test/request-kit";
import { useAppServer } from "./app-server";
import { acceptFirstProposedTime, a11yFindings, openInbox, sendRequestAsStudent, subscribed, useBackgroundWork } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import type { Page } from "playwright-core";
import { focusIndicator, hasHorizontalScroll, seriousA11yViolations, signInThroughPage, tabTo, waitForFocus } from "./pages";

const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 375, height: 800 };

/** Axe (no serious or critical finding) at 1280 px and at 375 px, where the page must not scroll sideways; left at `end`. */
async function accessibleAtBothWidths(page: Page, where: string, end = WIDE): Promise<Record<string, unknown>> {
  const found: Record<string, unknown> = {};
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size);
    const violations = await seriousA11yViolations(page);
    const scrollsSideways = size === NARROW && (await hasHorizontalScroll(page));
    if (violations.length || scrollsSideways) found[`${where} at ${size.width} px`] = { violations, scrollsSideways };
  }
  await page.setViewportSize(end);
  return found;
}

/** A start time `days` from now at 17:00 UTC, clear of the first request's times. */
const inDaysAt = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(17, 0, 0, 0);
  return d.toISOString();
};

const LONG_MESSAGE =
  "Hello! I'm a junior exploring data science and finance, and I read about your move from analysis into product work. " +
  "Could we talk for 20 minutes about how you chose that path and what a normal week looks like for you?";

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
    // Delivered by the outbox worker on NOTIFY: allow for a busy machine.
    await item.waitFor({ timeout: 30_000 });
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

  test("the alum sees who the student is on the card and accepts one of their times there, with the keyboard, at 1280 and 375 px", async () => {
    const { alum, student, institution } = await northfield();
    const ds = app.dataSource();
    await asInstitution(ds, institution.id, `UPDATE student_profiles SET fields = '{finance,data-science}' WHERE membership_id = $1`, [
      student.membershipId,
    ]);
    const requestId = await sendRequestAsStudent(app.server(), student, alum, { message: LONG_MESSAGE });
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), alum);
    await openInbox(page, app.url());

    const card = page
      .getByRole("list", { name: "Requests waiting for your answer" })
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: "Maya Okafor" }) });
    const facts = card.getByRole("list", { name: "About the student" });
    await facts.waitFor();
    expect(await facts.getByRole("listitem").allInnerTexts()).toEqual(["Economics", "Class of 2027", "Finance", "Data Science"]);
    const snippet = await card.locator("blockquote").innerText();
    expect(snippet.endsWith("…")).toBe(true);
    expect(LONG_MESSAGE.startsWith(snippet.slice(0, -1))).toBe(true);
    const found: Record<string, unknown> = await accessibleAtBothWidths(page, "inbox card");
    await screenshot(page, "alumnus-inbox-05-card");

    // The student's two times, as buttons; the second is chosen with the keyboard, and nothing is booked before confirming.
    const times = card.getByRole("group", { name: /Accept one of their times/ }).getByRole("button");
    expect(await times.count()).toBe(2);
    const chosen = times.nth(1);
    const label = await chosen.innerText();
    await tabTo(page, chosen, 40);
    expect((await focusIndicator(page)).visible).toBe(true);
    await page.keyboard.press("Enter");
    await waitForFocus(card.getByText(`Accept ${label} with Maya Okafor?`, { exact: false }));
    Object.assign(found, await accessibleAtBothWidths(page, "confirm step"));
    await screenshot(page, "alumnus-inbox-06-confirm");
    await tabTo(page, card.getByRole("textbox", { name: "Video call link" }));
    await page.keyboard.type("https://meet.example/maya");
    await tabTo(page, card.getByRole("button", { name: "Accept and book" }));
    expect((await focusIndicator(page)).visible).toBe(true);
    await page.keyboard.press("Enter");

    await waitForFocus(card.getByText(`Accepted — ${label}.`));
    expect(await card.getByRole("link", { name: "See the request" }).getAttribute("href")).toBe(`/alumni/requests/${requestId}`);
    Object.assign(found, await accessibleAtBothWidths(page, "accepted card"));
    await screenshot(page, "alumnus-inbox-07-accepted");
    const booked = await app
      .server()
      .gql<{ interviewRequest: { state: string; meetingLink: string } }>(
        `query($id: ID!) { interviewRequest(id: $id) { state meetingLink } }`,
        { id: requestId },
        await app.server().signIn(student),
      );
    expect(booked.data?.interviewRequest).toEqual({ state: "ACCEPTED", meetingLink: "https://meet.example/maya" });

    // On a phone: another student's request, accepted by touch from its card.
    const other = await buildStudent(ds, { institution, displayName: "Sam Lee" });
    await buildConsent(ds, other, "STUDENT_SHARE_WITH_ALUMNI");
    await sendRequestAsStudent(app.server(), other, alum, { proposedTimes: [inDaysAt(5), inDaysAt(6)] });
    await page.setViewportSize(NARROW);
    await openInbox(page, app.url());
    const phoneCard = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Sam Lee" }) });
    await phoneCard
      .getByRole("group", { name: /Accept one of their times/ })
      .getByRole("button")
      .first()
      .click();
    await phoneCard.getByRole("textbox", { name: "Video call link" }).fill("https://meet.example/sam");
    expect(await hasHorizontalScroll(page)).toBe(false);
    await phoneCard.getByRole("button", { name: "Accept and book" }).click();
    await phoneCard.getByText(/^Accepted — /).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    Object.assign(found, await accessibleAtBothWidths(page, "accepted on a phone", NARROW));
    await screenshot(page, "alumnus-inbox-375-03-accepted");
    expect(found).toEqual({});
  }, 180_000);
});
