import { systemTransaction, tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { DEMO_PASSWORD } from "../../packages/server/src/seed/demo-seed";
import { openInbox } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { focusIndicator, seriousA11yViolations, signInThroughPage, tabTo } from "./pages";
import {
  chooseModality,
  DEMO_STUDENT,
  findAndOpenAlum,
  openComposer,
  proposeFirstTime,
  sendRequest,
  signInAsStudent,
  timesReady,
  useDemoAppServer,
} from "./student-pages";

const ALUM = { email: "alum4@northfield.example", password: DEMO_PASSWORD, name: "Samuel Lindqvist" };

/**
 * Accessibility accommodations (issue 14): the student asks for captions while writing the request — with the keyboard
 * — and is told the time is sooner than the career center's lead time; the alum sees it on the request when accepting,
 * and says what they need too. Axe is clean on both pages.
 */
describeInBrowser("accommodations when requesting and accepting", () => {
  jest.setTimeout(240_000);
  const app = useDemoAppServer("accommodations");
  const browser = useBrowser();

  test("a student asks for captions when writing; the alum sees it when accepting", async () => {
    const student = await browser.newPage({ timezoneId: "America/New_York" });
    await signInAsStudent(student, app.url(), DEMO_STUDENT);
    await findAndOpenAlum(student, "Lumen", ALUM.name);
    await openComposer(student, ALUM.name);
    // The alum's open slots (or the free-form times) once loaded; the earliest is days away, sooner than the lead time.
    await timesReady(student);
    await proposeFirstTime(student, 4);
    await chooseModality(student, "Video call");

    // Asked what, never why: a group of needs, ticked with the keyboard.
    const needs = student.getByRole("group", { name: "I need" });
    await needs.waitFor();
    const captions = needs.getByRole("checkbox", { name: "Captions" });
    await captions.focus();
    await student.keyboard.press("Space");
    expect(await captions.isChecked()).toBe(true);
    // Sooner than the 10 days a captioner takes to arrange: the form says so.
    await student.getByText(/needs 10 days to arrange an interpreter or captioner/).waitFor();
    expect(await student.getByText(/not who asked/).count()).toBe(1);
    expect(await seriousA11yViolations(student)).toEqual([]);
    await screenshot(student, "accommodations-01-composer");
    await sendRequest(student, ALUM.name);
    const requestId = student.url().split("/").pop()!;

    // Saved with the request, and the career center was asked to arrange it at short notice.
    const [campus] = await systemTransaction(app.dataSource(), (m) => m.query(`SELECT id FROM institutions WHERE slug = 'northfield'`));
    const stored = await tenantTransaction(app.dataSource(), { institutionId: campus.id }, async (m) => ({
      needs: await m.query(`SELECT side, needs FROM request_accommodations WHERE request_id = $1`, [requestId]),
      notices: await m.query(`SELECT payload FROM outbox WHERE topic = 'accommodation.arrange' AND payload->>'requestId' = $1`, [
        requestId,
      ]),
    }));
    expect(stored.needs).toEqual([{ side: "STUDENT", needs: ["CAPTIONS"] }]);
    expect(stored.notices).toHaveLength(1);

    // The alum opens the request to accept it: the student's needs are there, with no reason asked or given.
    const alum = await browser.newPage({ timezoneId: "America/Chicago" });
    await signInThroughPage(alum, app.url(), ALUM);
    await openInbox(alum, app.url());
    await alum.getByRole("link", { name: DEMO_STUDENT.name }).click();
    await alum.getByRole("heading", { level: 1, name: `Request from ${DEMO_STUDENT.name}` }).waitFor();
    const theirs = alum.getByRole("region", { name: `What ${DEMO_STUDENT.name} needs` });
    await theirs.waitFor();
    expect(await theirs.getByRole("listitem").allInnerTexts()).toEqual(["Captions"]);

    // The alum says what they need, keyboard only, before accepting.
    const extra = alum.getByRole("group", { name: "I need" }).getByRole("checkbox", { name: "Extra time" });
    await extra.focus();
    await alum.keyboard.press("Space");
    expect(await extra.isChecked()).toBe(true);
    const save = alum.getByRole("button", { name: "Save what I need" });
    await tabTo(alum, save, 8);
    expect((await focusIndicator(alum)).visible).toBe(true);
    await alum.keyboard.press("Enter");
    await alum
      .getByRole("status")
      .filter({ hasText: `Saved: ${DEMO_STUDENT.name} will see it.` })
      .waitFor();
    expect(await seriousA11yViolations(alum)).toEqual([]);
    await screenshot(alum, "accommodations-02-alum-request");

    await alum
      .getByRole("group", { name: /Choose a time/ })
      .getByRole("radio")
      .first()
      .check();
    await alum.getByLabel("Video call link").fill("https://meet.example/infoview");
    await alum.getByRole("button", { name: "Accept at this time" }).click();
    await alum.getByRole("heading", { level: 1, name: "Upcoming conversations" }).waitFor();

    // The student sees the alum's need on the conversation page.
    await student.reload();
    const alumNeeds = student.getByRole("region", { name: `What ${ALUM.name} needs` });
    await alumNeeds.waitFor();
    expect(await alumNeeds.getByRole("listitem").allInnerTexts()).toEqual(["Extra time"]);
  });
});
