import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { systemTransaction, tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { DEMO_PASSWORD } from "../../packages/server/src/seed/demo-seed";
import { acceptFirstProposedTime, openInbox, requestsFromMoreStudents, subscribed, useBackgroundWork } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { signInThroughPage } from "./pages";
import {
  chooseModality,
  DEMO_STUDENT,
  findAndOpenAlum,
  openComposer,
  proposeFirstTime,
  ruleOneGuidance,
  sendRequest,
  signInAsStudent,
  useDemoAppServer,
} from "./student-pages";

const ALUM = { email: "alum4@northfield.example", password: DEMO_PASSWORD, name: "Samuel Lindqvist" };
const ADVISOR = { email: "advisor1@northfield.example", password: DEMO_PASSWORD };

/** This month's funnel as the advisor's dashboard shows it in its table: step → count. */
async function funnel(page: Page, baseUrl: string): Promise<Record<string, number>> {
  await page.goto(new URL("/advisor", baseUrl).toString());
  await page.getByRole("heading", { level: 1, name: "Advising dashboard" }).waitFor();
  const table = page.getByRole("region", { name: "Funnel as a table" });
  await table.waitFor();
  const counts: Record<string, number> = {};
  for (const row of await table.locator("tbody tr").all()) {
    counts[(await row.locator("th").innerText()).trim()] = Number((await row.locator("td").first().innerText()).trim());
  }
  return counts;
}

/**
 * The whole story across three people, each in their own browser: a student writes a request (and
 * meets the Rule #1 guidance once), the alum sees it arrive without reloading and accepts a time, the
 * student sees it confirmed and downloads the invite, records notes and the thank-you, and the
 * advisor's funnel counts the conversation at every step.
 */
describeInBrowser("one informational interview, from the request to the advisor's funnel", () => {
  jest.setTimeout(300_000);
  const app = useDemoAppServer("interview_story");
  useBackgroundWork(app);
  const browser = useBrowser();

  test("student, alum and advisor each play their part in the web client", async () => {
    // Enough students behind this month's funnel for an advisor to be shown it (the minimum group is 5, ADR 0023).
    const [demoCampus] = await systemTransaction(app.dataSource(), (m) =>
      m.query(`SELECT id, slug, name FROM institutions WHERE slug = 'northfield'`),
    );
    // The funnel sets this month beside the month before, and each must have enough students: five of them sent theirs then.
    await requestsFromMoreStudents(app.server(), app.dataSource(), demoCampus, 5);
    const lastMonth = await requestsFromMoreStudents(app.server(), app.dataSource(), demoCampus, 5);
    await tenantTransaction(app.dataSource(), { institutionId: demoCampus.id }, (m) =>
      m.query(`UPDATE interview_requests SET created_at = created_at - interval '1 month' WHERE id = ANY($1)`, [lastMonth]),
    );
    const advisor = await browser.newPage({ timezoneId: "America/Chicago" });
    await signInThroughPage(advisor, app.url(), ADVISOR);
    const before = await funnel(advisor, app.url());
    await screenshot(advisor, "story-01-advisor-funnel-before");

    // The alum has the inbox open before anything is sent.
    const alum = await browser.newPage({ timezoneId: "America/Chicago" });
    await signInThroughPage(alum, app.url(), ALUM);
    const listening = subscribed(alum);
    await openInbox(alum, app.url());
    await listening;

    // The student finds the alum and writes; a job ask is caught once, then reworded.
    const student = await browser.newPage({ timezoneId: "America/New_York", acceptDownloads: true });
    await signInAsStudent(student, app.url(), DEMO_STUDENT);
    await findAndOpenAlum(student, "Lumen", ALUM.name);
    await openComposer(student, ALUM.name);
    const message = student.getByRole("textbox", { name: "Message" });
    const template = await message.inputValue();
    await message.fill(`${template}\n\nCould you refer me for an opening on your team?`);
    await ruleOneGuidance(student).waitFor();
    await screenshot(student, "story-02-student-rule-one");
    await message.fill(`${template}\n\nHow did you move from psychology into UX research, and what surprised you most?`);
    await ruleOneGuidance(student).waitFor({ state: "detached" });
    await proposeFirstTime(student);
    await chooseModality(student, "Video call");
    await sendRequest(student, ALUM.name);
    await screenshot(student, "story-03-student-sent");

    // It arrives in the alum's open inbox without a reload; the alum accepts the proposed time.
    await alum.getByRole("link", { name: DEMO_STUDENT.name }).waitFor({ timeout: 30_000 });
    await screenshot(alum, "story-04-alum-inbox-live");
    await acceptFirstProposedTime(alum, DEMO_STUDENT.name);
    await screenshot(alum, "story-05-alum-upcoming");

    // The student's open conversation page turns into a booked meeting by itself; the invite downloads.
    await student.getByRole("heading", { level: 2, name: "The meeting" }).waitFor({ timeout: 30_000 });
    const [invite] = await Promise.all([
      student.waitForEvent("download"),
      student.getByRole("button", { name: "Add to calendar (.ics)" }).click(),
    ]);
    const ics = readFileSync((await invite.path()) as string, "utf8");
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain(ALUM.name);
    await screenshot(student, "story-06-student-booked");

    // Time passes: the meeting now lies in the past, as it would the day after.
    const requestId = student.url().split("/").pop()!;
    // As the app does: in the institution's own transaction (row-level security applies to the owner too).
    const [northfield] = await systemTransaction(app.dataSource(), (m) => m.query(`SELECT id FROM institutions WHERE slug = 'northfield'`));
    const moved = await tenantTransaction(app.dataSource(), { institutionId: northfield.id }, (m) =>
      m.query(
        `UPDATE interview_requests SET meeting_starts_at = now() - interval '2 hours', meeting_ends_at = now() - interval '90 minutes'
          WHERE id = $1 RETURNING id`,
        [requestId],
      ),
    );
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    expect(moved[0]).toHaveLength(1);
    await student.reload();
    await student.getByRole("button", { name: "We had the conversation" }).click();
    await student.getByText("Marked as completed. Time for your notes and thank-you.").waitFor();
    await student.getByLabel("Advice they gave").fill("Run small studies early; talk to designers and engineers every week.");
    await student.getByRole("button", { name: "Save notes" }).click();
    await student.getByText("Notes saved.").waitFor();
    await student.getByRole("button", { name: "I sent my thank-you" }).click();
    // The name keeps its capitals (it was once lower-cased with the rest of the sentence).
    await student.getByText(/^Done: your thank-you to [A-Z][a-z]+ [A-Z][a-z]+ is recorded\.$/).waitFor();
    await screenshot(student, "story-07-student-notes-thanks");

    // The advisor's funnel counted this conversation at every step.
    const after = await funnel(advisor, app.url());
    await screenshot(advisor, "story-08-advisor-funnel-after");
    for (const step of ["Requested", "Accepted", "Completed", "Thanked"])
      expect({ step, count: after[step] }).toEqual({ step, count: before[step] + 1 });
  });
});
