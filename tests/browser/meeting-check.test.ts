import { tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { buildRequestScene } from "../../packages/server/src/modules/notifications/notifications.fixtures";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { focusIndicator, isFocused, pageHeading, seriousA11yViolations, signInThroughPage, tabTo } from "./pages";

const TIMEOUT = 120_000;
const HOUR = 3_600_000;

describeInBrowser('the "did it happen?" page a nudge email links to', () => {
  const app = useAppServer();
  const browser = useBrowser();

  /** A booked meeting that ended two hours ago, and the student's signed link from its first nudge. */
  async function endedMeeting() {
    const scene = await buildRequestScene(app.dataSource(), {
      state: "ACCEPTED",
      meetingStartsAt: new Date(Date.now() - 2 * HOUR - 30 * 60_000),
    });
    const token = app.server().services.meetingChecks.signer.sign({
      i: scene.institution.id,
      r: scene.requestId,
      s: "STUDENT",
      q: 0,
      k: "CHECK_1",
      e: Math.floor(Date.now() / 1000) + 14 * 24 * 3600,
    });
    return { scene, token };
  }

  const stateOf = async (institutionId: string, requestId: string): Promise<string> => {
    const [row] = await tenantTransaction(app.dataSource(), { institutionId }, (m) =>
      m.query(`SELECT state FROM interview_requests WHERE id = $1`, [requestId]),
    );
    return row.state;
  };

  test(
    "lands with the clicked answer chosen, is answered with the keyboard alone, and refuses the link a second time",
    async () => {
      const { scene, token } = await endedMeeting();
      const page = await browser.newPage();
      await page.goto(app.url(`/meeting-check#token=${token}&answer=NO_SHOW`));
      await pageHeading(page).filter({ hasText: "Did your conversation happen?" }).waitFor();
      await page.getByText("Your conversation with").waitFor();
      // The token leaves the address bar at once.
      expect(new URL(page.url()).hash).toBe("");
      const noShow = page.getByRole("radio", { name: "Alex Alum didn't come" });
      expect(await noShow.isChecked()).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, "meeting-check-01-landing");

      // Keyboard only: into the group (focus on the chosen answer), up to "It happened", on to the button.
      await tabTo(page, noShow);
      expect((await focusIndicator(page)).visible).toBe(true);
      await page.keyboard.press("ArrowUp");
      const happened = page.getByRole("radio", { name: "It happened" });
      expect(await happened.isChecked()).toBe(true);
      expect(await isFocused(happened)).toBe(true);
      const send = page.getByRole("button", { name: "Send answer" });
      await tabTo(page, send, 3);
      expect((await focusIndicator(page)).visible).toBe(true);
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: "The conversation is recorded as done" }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await stateOf(scene.institution.id, scene.requestId)).toBe("COMPLETED");

      // Opened again from the email (a new document: a change of fragment alone would not reload the page).
      await page.goto("about:blank");
      await page.goto(app.url(`/meeting-check#token=${token}&answer=HAPPENED`));
      await page.getByRole("alert").filter({ hasText: "This link was already used" }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    "says so when the link was altered, and when the other person answered first",
    async () => {
      const page = await browser.newPage();
      await page.goto(app.url(`/meeting-check#token=v1.bad.token&answer=HAPPENED`));
      await page.getByRole("alert").filter({ hasText: "This link is not valid" }).waitFor();

      const { scene, token } = await endedMeeting();
      const viewer = {
        institutionId: scene.institution.id,
        identityId: scene.alumnus.identityId,
        sessionId: "x",
        roles: ["ALUMNUS" as const],
        memberships: { ALUMNUS: scene.alumnus.membershipId },
      };
      await app.server().services.meetingChecks.answer(viewer, scene.requestId, "MOVED" as never);
      await page.goto("about:blank");
      await page.goto(app.url(`/meeting-check#token=${token}`));
      await page.getByRole("alert").filter({ hasText: "Someone already answered" }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    "the account page gives the calendar feed's webcal:// link, which answers, and replaces it",
    async () => {
      const { scene } = await endedMeeting();
      const page = await browser.newPage();
      await signInThroughPage(page, app.url(), scene.student);
      await page.goto(app.url("/account"));
      await page.getByRole("heading", { level: 2, name: "Your meetings in your calendar" }).waitFor();
      const subscribe = page.getByRole("link", { name: "Subscribe in your calendar app" });
      const webcal = (await subscribe.getAttribute("href")) as string;
      expect(webcal).toMatch(/^webcal:\/\/.+\/calendar\/[0-9a-f]{72}\.ics$/);
      const url = (await page.getByTestId("calendar-feed-url").textContent()) as string;
      const feed = await fetch(app.url(new URL(url).pathname));
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain(`UID:${scene.requestId}@infoview`);
      expect(await seriousA11yViolations(page)).toEqual([]);

      const replace = page.getByRole("button", { name: "Replace the link" });
      await tabTo(page, replace, 30);
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: "Your calendar link was replaced" }).waitFor();
      await page.getByTestId("calendar-feed-url").filter({ hasNotText: url }).waitFor();
      expect((await fetch(app.url(new URL(url).pathname))).status).toBe(404);
    },
    TIMEOUT,
  );
});
