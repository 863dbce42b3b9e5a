import { tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { buildAdvisor, buildAlumnus, buildConsent } from "../../packages/server/src/test/factories";
import { buildRequestScene } from "../../packages/server/src/modules/notifications/notifications.fixtures";
import { useAppServer } from "./app-server";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { seriousA11yViolations, signInThroughPage } from "./pages";

const TIMEOUT = 120_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describeInBrowser("a booked meeting and after: another time, a meeting that did not happen, what came of it", () => {
  const app = useAppServer();
  const browser = useBrowser();

  const meetingOf = async (institutionId: string, requestId: string) => {
    const [row] = await tenantTransaction(app.dataSource(), { institutionId }, (m) =>
      m.query(`SELECT state, meeting_starts_at, close_reason FROM interview_requests WHERE id = $1`, [requestId]),
    );
    return row as { state: string; meeting_starts_at: Date | null; close_reason: string | null };
  };

  test(
    "the student proposes another time, and the alum moves the meeting to it from the request page",
    async () => {
      // Booked three days from now; the alum publishes no open times, so the student suggests one.
      const scene = await buildRequestScene(app.dataSource(), { state: "ACCEPTED", meetingStartsAt: new Date(Date.now() + 3 * DAY) });
      const student = await browser.newPage({ timezoneId: "America/New_York" });
      await signInThroughPage(student, app.url(), scene.student);
      await student.goto(app.url(`/student/conversations/${scene.requestId}`));
      const section = student.getByRole("region", { name: "Need another time?" });
      await section.getByRole("button", { name: "Propose another time" }).click();
      const form = student.getByRole("form", { name: "Propose another time for the meeting" });
      // Sent empty: said at the field, nothing sent.
      await form.getByRole("button", { name: "Propose this time" }).click();
      await form.getByText("Enter a date and time.").waitFor();
      const wanted = new Date(Date.now() + 5 * DAY);
      const day = wanted.toLocaleDateString("en-CA", { timeZone: "America/New_York" });
      await form.getByLabel("A new time with Alex Alum").fill(`${day}T14:00`);
      await form.getByLabel(/Why you'd like to move it/).fill("I have an exam that morning.");
      expect(await seriousA11yViolations(student)).toEqual([]);
      await screenshot(student, "meeting-changes-01-student-proposes");
      await form.getByRole("button", { name: "Propose this time" }).click();
      await student.getByRole("status").filter({ hasText: "Alex Alum is asked to confirm the new time" }).waitFor();
      await section.getByText(/You proposed moving it to .*2:00\s?PM/).waitFor();
      expect((await meetingOf(scene.institution.id, scene.requestId)).state).toBe("ACCEPTED");

      const alum = await browser.newPage({ timezoneId: "America/Chicago" });
      await signInThroughPage(alum, app.url(), scene.alumnus);
      await alum.goto(app.url(`/alumni/requests/${scene.requestId}`));
      const changes = alum.getByRole("region", { name: "Need another time?" });
      // 14:00 in New York is 13:00 in Chicago: the alum reads it on their own clock.
      await changes.getByText(/Sam Student asked to move the meeting to .*1:00\s?PM/).waitFor();
      expect(await seriousA11yViolations(alum)).toEqual([]);
      await screenshot(alum, "meeting-changes-02-alum-confirms");
      await changes.getByRole("button", { name: /^Move it to / }).click();
      await alum.getByRole("status").filter({ hasText: "the new time is booked" }).waitFor();
      const moved = await meetingOf(scene.institution.id, scene.requestId);
      expect(moved.state).toBe("ACCEPTED");
      expect(new Date(moved.meeting_starts_at!).toISOString().slice(0, 10)).toBe(day);
    },
    TIMEOUT,
  );

  test(
    "once the time has passed, the alum reports that the student did not come, with a reason the student reads",
    async () => {
      const scene = await buildRequestScene(app.dataSource(), { state: "ACCEPTED", meetingStartsAt: new Date(Date.now() - 2 * HOUR) });
      const alum = await browser.newPage({ timezoneId: "America/Chicago" });
      await signInThroughPage(alum, app.url(), scene.alumnus);
      await alum.goto(app.url(`/alumni/requests/${scene.requestId}`));
      const section = alum.getByRole("region", { name: "Didn't happen?" });
      await section.getByRole("button", { name: "Sam Student didn't come" }).click();
      const form = alum.getByRole("form", { name: "Report that Sam Student didn't come" });
      // Focus goes to the one field; sent empty, it says what is missing.
      await alum.keyboard.press("Enter");
      await form.getByText("Say in a few words what happened.").waitFor();
      await alum.keyboard.type("I waited 20 minutes on the video link.");
      await alum.keyboard.press("Enter");
      await alum.getByRole("status").filter({ hasText: "Recorded. The conversation is closed." }).waitFor();
      expect(await seriousA11yViolations(alum)).toEqual([]);
      const closed = await meetingOf(scene.institution.id, scene.requestId);
      expect(closed.state).toBe("NO_SHOW");
      expect(closed.close_reason).toBe("I waited 20 minutes on the video link.");

      const student = await browser.newPage({ timezoneId: "America/New_York" });
      await signInThroughPage(student, app.url(), scene.student);
      await student.goto(app.url(`/student/conversations/${scene.requestId}`));
      await student.getByText("Reason given: I waited 20 minutes on the video link.").waitFor();
      expect(await student.getByRole("region", { name: "Didn't happen?" }).count()).toBe(0);
    },
    TIMEOUT,
  );

  test(
    "the student dismisses an advisor's suggestion, and records what came of a conversation and of the search",
    async () => {
      const scene = await buildRequestScene(app.dataSource(), { state: "COMPLETED", meetingStartsAt: new Date(Date.now() - 3 * DAY) });
      const advisor = await buildAdvisor(app.dataSource(), { institution: scene.institution, displayName: "Ada Advisor" });
      const other = await buildAlumnus(app.dataSource(), { institution: scene.institution, displayName: "Rosa Rivera" });
      await buildConsent(app.dataSource(), other, "ALUMNUS_LISTED");
      const suggested = await app
        .server()
        .gql(
          `mutation($a: ID!, $s: ID!) { suggestAlumnus(alumnusMembershipId: $a, studentMembershipId: $s, note: "She moved from finance to data.") { id } }`,
          { a: other.membershipId, s: scene.student.membershipId },
          await app.server().signIn(advisor),
        );
      expect(suggested.errors).toBeUndefined();

      const page = await browser.newPage({ timezoneId: "America/New_York" });
      await signInThroughPage(page, app.url(), scene.student);
      await page.goto(app.url("/student"));
      const suggestions = page.getByRole("region", { name: "Suggested by your advisor" });
      await suggestions.getByText("She moved from finance to data.").waitFor();
      await suggestions.getByRole("link", { name: "Rosa Rivera" }).waitFor();
      const search = page.getByRole("region", { name: "What came of your search" });
      // Recorded without choosing what happened: said at the field.
      await search.getByRole("button", { name: "Record it" }).click();
      await search.getByText("Choose what happened.").waitFor();
      await search.getByLabel("What happened").selectOption({ label: "I'm pursuing this field" });
      await search.getByRole("button", { name: "Record it" }).click();
      await page.getByRole("status").filter({ hasText: "Recorded: I'm pursuing this field." }).waitFor();
      await search.getByRole("list", { name: "What you recorded" }).getByText("I'm pursuing this field").waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, "student-outcomes-01-overview");
      await suggestions.getByRole("button", { name: "Dismiss the suggestion of Rosa Rivera" }).click();
      await page.getByRole("status").filter({ hasText: "Rosa Rivera is no longer suggested" }).waitFor();
      expect(await page.getByRole("region", { name: "Suggested by your advisor" }).count()).toBe(0);

      // On the completed conversation: what it led to, with a note; removed again, then recorded for good.
      await page.goto(app.url(`/student/conversations/${scene.requestId}`));
      const conversation = page.getByRole("region", { name: "What came of it?" });
      await conversation.getByLabel("What happened").selectOption({ label: "I was introduced to someone else" });
      await conversation.getByLabel("In your own words (optional)").fill("Alex introduced me to their manager.");
      await conversation.getByRole("button", { name: "Record it" }).click();
      const recorded = conversation.getByRole("list", { name: "What you recorded" });
      await recorded.getByText("Alex introduced me to their manager.").waitFor();
      // The search's outcome is not listed on the conversation.
      expect(await recorded.getByText("I'm pursuing this field").count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);

      const outcomes = await app.server().gql(`{ myOutcomes { kind note requestId } }`, {}, await app.server().signIn(scene.student));
      expect(outcomes.data!.myOutcomes).toEqual(
        expect.arrayContaining([
          { kind: "PURSUING_FIELD", note: null, requestId: null },
          { kind: "FURTHER_INTRODUCTION", note: "Alex introduced me to their manager.", requestId: scene.requestId },
        ]),
      );
      await conversation.getByRole("button", { name: "Remove: I was introduced to someone else" }).click();
      await page.getByRole("status").filter({ hasText: "Removed: I was introduced to someone else." }).waitFor();
      await recorded.waitFor({ state: "detached" });
    },
    TIMEOUT,
  );
});
