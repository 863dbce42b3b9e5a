import { tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { focusIndicator, seriousA11yViolations, tabTo } from "./pages";
import { DEMO_STUDENT_2, demoToken, openStudentPage, signInAsStudent, useDemoAppServer } from "./student-pages";

const ADVICE = "Take one project course with real clients and write about it";
const NEXT_STEP = "sign up for the spring client-project course";

describeInBrowser("the thank-you composer", () => {
  jest.setTimeout(180_000);
  const app = useDemoAppServer("thank_you");
  const browser = useBrowser();

  test("from the next-step card, the draft quotes the student's notes; edited and sent with the keyboard, it is recorded and the alum is emailed", async () => {
    // Noah met an alum yesterday (demo data) and kept notes: advice and one thing he will do.
    const server = app.server();
    const token = await demoToken(server, DEMO_STUDENT_2.email);
    const due = await server.gql<{ followUpsDue: Array<{ kind: string; requestId: string; alumnusName: string }> }>(
      `{ followUpsDue { kind requestId alumnusName } }`,
      {},
      token,
    );
    const thank = due.data!.followUpsDue.find((f) => f.kind === "THANK_YOU")!;
    const saved = await server.gql(
      `mutation($id: ID!, $input: SaveNotesInput!) { saveNotes(requestId: $id, input: $input) { requestId } }`,
      { id: thank.requestId, input: { advice: ADVICE, nextStep: NEXT_STEP } },
      token,
    );
    expect(saved.errors).toBeUndefined();

    const page = await browser.newPage({ timezoneId: "America/New_York" });
    await signInAsStudent(page, app.url(), DEMO_STUDENT_2);
    await openStudentPage(page, "Overview", /^Your conversations, Noah/);
    const write = page.getByRole("link", { name: "Write your thank-you" });
    await write.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Thank ${thank.alumnusName}` }).waitFor();

    const text = page.getByRole("textbox", { name: "Your thank-you" });
    const draft = await text.inputValue();
    expect(draft).toContain(`Dear ${thank.alumnusName},`);
    expect(draft).toContain(`The advice I found most helpful: ${ADVICE}.`);
    expect(draft).toContain(`One thing I will do next: ${NEXT_STEP}.`);
    expect(draft).toMatch(/Best wishes,\nNoah Patel$/);
    expect(draft).not.toContain("What I take away"); // no takeaways in the notes: that sentence is left out
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "thank-you-01-draft");

    // Edited with the keyboard, sent with the keyboard.
    await text.focus();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n\nP.S. I will let you know how the course goes.");
    const send = page.getByRole("button", { name: "Send the thank-you" });
    await tabTo(page, send);
    expect((await focusIndicator(page)).visible).toBe(true);
    await page.keyboard.press("Enter");
    const done = page.getByText(`Sent to ${thank.alumnusName}. It is recorded on your contact log.`);
    await done.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "thank-you-02-sent");

    // The alum is emailed the words, through the outbox.
    await app.deliverOutbox();
    const me = await server.gql<{ me: { institutionId: string } }>(`{ me { institutionId } }`, {}, token);
    const deliveries = await tenantTransaction(app.dataSource(), { institutionId: me.data!.me.institutionId }, (m) =>
      m.query(
        `SELECT d.channel, d.state FROM outbox o JOIN outbox_deliveries d ON d.institution_id = o.institution_id AND d.outbox_id = o.id
          WHERE o.topic = 'followup.thank_you_sent' AND o.payload->>'requestId' = $1`,
        [thank.requestId],
      ),
    );
    expect(deliveries).toEqual([{ channel: "EMAIL", state: "SENT" }]);

    // The next step is gone, and the contact log says how it went.
    await page.getByRole("link", { name: "See your contact log" }).click();
    await page.getByRole("heading", { level: 1, name: "Contact log" }).waitFor();
    await page.getByText(/Thank-you sent on .+ \(Through Infoview\)\./).waitFor();
    await openStudentPage(page, "Overview", /^Your conversations, Noah/);
    await page.getByRole("heading", { level: 2, name: "Follow-ups" }).waitFor();
    await page.getByRole("link", { name: "Write your thank-you" }).waitFor({ state: "detached" });
  });
});
