import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { buildStudent } from "../../packages/server/src/test/factories";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { focusIndicator, hasHorizontalScroll, isFocused, pageHeading, seriousA11yViolations, waitForFocus } from "./pages";
import {
  chooseModality,
  DEMO_STUDENT,
  DEMO_STUDENT_2,
  demoToken,
  firstOpenTime,
  findAndOpenAlum,
  openComposer,
  openStudentPage,
  overflowingElements,
  proposeFirstTime,
  ruleOneGuidance,
  sendRequest,
  signInAsStudent,
  slotGrid,
  timesReady,
  useDemoAppServer,
} from "./student-pages";

const JOB_ASK = "Could you share my resume with your hiring manager?";
const REWORDED = "Could you tell me how you found your way into UX research and what you wish you had known earlier?";
const STUDENT_ZONE = "America/New_York";

describeInBrowser("the student area in the web client", () => {
  jest.setTimeout(180_000);
  const app = useDemoAppServer("student_flow");
  const browser = useBrowser();

  test("a demo student finds an alum, is guided by Rule #1 once, rewords, sends the request and sees it in My conversations", async () => {
    const page = await browser.newPage({ timezoneId: STUDENT_ZONE });
    await signInAsStudent(page, app.url(), DEMO_STUDENT);

    await openStudentPage(page, "Overview", /^Your conversations, Ava/);
    await screenshot(page, "student-01-overview");

    await openStudentPage(page, "Find alumni", "Find alumni");
    await page.getByRole("list", { name: "Alumni found" }).waitFor();
    // Matches come with the reasons they fit.
    expect(await page.getByRole("list", { name: "Alumni found" }).innerText()).toContain("Why they fit");
    await screenshot(page, "student-02-find-alumni");
    await findAndOpenAlum(page, "Lumen", "Samuel Lindqvist");
    expect(await page.getByRole("main").innerText()).toContain("UX Researcher at Lumen Labs");
    await screenshot(page, "student-03-alum-page");

    await openComposer(page, "Samuel Lindqvist");
    const message = page.getByRole("textbox", { name: "Message" });
    const template = await message.inputValue();
    expect(template).toContain("Ava Thompson");
    await screenshot(page, "student-04-composer-template");

    // A job ask: the guidance appears while typing, quoting the phrase.
    await message.fill(`${template}\n\n${JOB_ASK}`);
    await ruleOneGuidance(page).waitFor();
    expect(await ruleOneGuidance(page).innerText()).toMatch(/resume/i);
    await screenshot(page, "student-05-rule-one-guidance");

    // Reworded: the guidance goes away.
    await message.fill(`${template}\n\n${REWORDED}`);
    await ruleOneGuidance(page).waitFor({ state: "detached" });
    await page.getByText("Your message asks for information and advice. Good.").waitFor();

    // A question from the bank, with yes/no questions flagged there.
    await page.getByText("Question bank: ideas from your career center").click();
    const bank = page.locator(".question-bank");
    await bank
      .getByRole("button", { name: /^Add: / })
      .first()
      .click();
    expect(await page.locator(".picked-questions li").count()).toBe(1);

    await proposeFirstTime(page);
    const zoneText = await page.locator(".manual-times, .week-grid-picker").first().innerText();
    expect(zoneText).toContain("America/New York");
    // Each time on the student's clock, with the alum's (Central) beside it.
    expect(await page.locator(".two-zone-theirs").first().innerText()).toMatch(/C[DS]T for Samuel Lindqvist$/);
    await chooseModality(page, "Video call");
    await screenshot(page, "student-06-composer-filled");

    await sendRequest(page, "Samuel Lindqvist");
    await page.getByText("Request sent.").waitFor();
    await screenshot(page, "student-07-request-sent");

    await openStudentPage(page, "My conversations", "My conversations");
    const item = page.getByRole("list", { name: "Your requests" }).getByRole("listitem").filter({ hasText: "Samuel Lindqvist" });
    expect(await item.innerText()).toContain("Waiting for an answer");
    await screenshot(page, "student-08-my-conversations");

    // The draft was cleared on sending: a new request to the same alum starts from the template.
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("infoview:draft:")))).toEqual([]);
  });

  test("the meeting shows the alum's contact and downloads a calendar file; the contact log exports as CSV", async () => {
    const page = await browser.newPage({ timezoneId: STUDENT_ZONE, acceptDownloads: true });
    await signInAsStudent(page, app.url(), DEMO_STUDENT);
    await openStudentPage(page, "My conversations", "My conversations");
    const booked = page.getByRole("list", { name: "Your requests" }).getByRole("listitem").filter({ hasText: "Meeting booked" });
    await booked.getByRole("link").click();
    await page.getByRole("heading", { level: 2, name: "The meeting" }).waitFor();
    expect(await page.getByRole("list", { name: /^How to reach / }).innerText()).toMatch(/@example\.com/);
    const [invite] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Add to calendar (.ics)" }).click(),
    ]);
    expect(invite.suggestedFilename()).toMatch(/\.ics$/);
    expect(readFileSync((await invite.path()) as string, "utf8")).toContain("BEGIN:VCALENDAR");
    await screenshot(page, "student-09-meeting");

    await openStudentPage(page, "Contact log", "Contact log");
    await page.getByRole("list", { name: "Your contacts" }).waitFor();
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export as CSV" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(readFileSync((await csv.path()) as string, "utf8").split("\r\n")[0]).toMatch(/,/);
    await screenshot(page, "student-10-contact-log");
  });

  test("notes after a completed conversation are saved, and a name suggested there turns into the next request", async () => {
    const page = await browser.newPage({ timezoneId: STUDENT_ZONE });
    await signInAsStudent(page, app.url(), DEMO_STUDENT);
    await openStudentPage(page, "My conversations", "My conversations");
    await page
      .getByRole("list", { name: "Your requests" })
      .getByRole("listitem")
      .filter({ hasText: "Completed" })
      .first()
      .getByRole("link")
      .click();
    await page.getByRole("heading", { level: 2, name: "Your notes" }).waitFor();
    const conversationUrl = page.url();
    await page.getByLabel("Advice they gave").fill("Talk to people in two or three different team sizes before choosing.");
    await page.getByRole("button", { name: "Save notes" }).click();
    await page.getByText("Notes saved.").waitFor();

    await page.getByLabel("Name", { exact: true }).fill("Claire Dubois");
    await page.getByLabel("Their job or role (optional)").fill("Reporter");
    await page.getByRole("button", { name: "Add name" }).click();
    await page.getByText("Name added.").waitFor();
    await screenshot(page, "student-11-notes-and-names");

    // The name becomes a request: found in the directory, written to, and linked back.
    await page.getByRole("link", { name: "Look for Claire Dubois in the directory" }).click();
    await page.getByRole("list", { name: "Alumni found" }).getByRole("link", { name: "Claire Dubois" }).click();
    await page.getByRole("heading", { level: 1, name: "Claire Dubois" }).waitFor();
    await openComposer(page, "Claire Dubois");
    await page.getByRole("textbox", { name: "Message" }).fill(`Dear Claire, a mutual contact suggested I talk to you. ${REWORDED}`);
    await proposeFirstTime(page, 6);
    await chooseModality(page, "Video call");
    await sendRequest(page, "Claire Dubois");

    await page.goto(conversationUrl);
    await page.getByRole("link", { name: "See your request to Claire Dubois" }).waitFor();
    expect(await page.locator(".names-list").innerText()).toContain("Request sent");
    await page.reload();
    expect(await page.getByLabel("Advice they gave").inputValue()).toContain("two or three different team sizes");
  });

  test("a new student agrees to share, writes a pitch (checked as they type, kept across a reload) and is ready to send requests", async () => {
    const demoToken0 = await demoToken(app.server(), DEMO_STUDENT.email);
    const me = await app.server().gql<{ me: { institutionId: string } }>(`query { me { institutionId } }`, {}, demoToken0);
    const northfield = { id: me.data!.me.institutionId, slug: "northfield", name: "Northfield University" };
    const student = await buildStudent(app.dataSource(), { institution: northfield, displayName: "Mia Novak" });

    const page = await browser.newPage({ timezoneId: STUDENT_ZONE });
    await signInAsStudent(page, app.url(), student);
    await openStudentPage(page, "Overview", /^Your conversations, Mia/);
    await page.getByRole("heading", { level: 2, name: "Before you send a request" }).waitFor();
    await page.getByRole("link", { name: "Set up your profile" }).click();
    await page.getByRole("heading", { level: 1, name: "Your profile and consent" }).waitFor();
    await screenshot(page, "student-15-onboarding");

    const pitch = page.getByLabel("Your background pitch");
    await pitch.fill("I study biology.");
    await page.getByLabel("Major").focus();
    await page.getByText(/^Say a little more: at least 40 characters/).waitFor();
    await pitch.fill("I study biology and I'm curious how teachers and researchers chose their paths.");
    await page.getByText(/^Say a little more/).waitFor({ state: "detached" });

    await page.reload();
    await page.getByText("We kept the changes you hadn't saved yet.").waitFor();
    expect(await pitch.inputValue()).toContain("teachers and researchers");

    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText(/^Alumni need to see who is asking/).waitFor();
    await page.locator("label.checkbox", { hasText: "Share my profile with the alumni I contact" }).click();
    await page.locator("label.checkbox", { hasText: "Education" }).first().click();
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Saved. Alumni you contact will see this profile.").waitFor();
    await screenshot(page, "student-16-onboarding-saved");

    await openStudentPage(page, "Overview", /^Your conversations, Mia/);
    await page.getByRole("heading", { level: 2, name: "Follow-ups" }).waitFor();
    expect(await page.getByRole("heading", { level: 2, name: "Before you send a request" }).count()).toBe(0);
  });

  test("a new student opens Help me write it with the keyboard, fills the four parts, uses the pitch and saves the profile, axe clean", async () => {
    const demoToken0 = await demoToken(app.server(), DEMO_STUDENT.email);
    const me = await app.server().gql<{ me: { institutionId: string } }>(`query { me { institutionId } }`, {}, demoToken0);
    const northfield = { id: me.data!.me.institutionId, slug: "northfield", name: "Northfield University" };
    const student = await buildStudent(app.dataSource(), { institution: northfield, displayName: "Noor Haddad" });

    const page = await browser.newPage({ timezoneId: STUDENT_ZONE });
    await signInAsStudent(page, app.url(), student);
    await openStudentPage(page, "Profile and consent", "Your profile and consent");
    const pitch = page.getByLabel("Your background pitch");
    await pitch.focus();
    await page.keyboard.press("Tab");
    const toggle = page.getByRole("button", { name: "Help me write it" });
    await waitForFocus(toggle);
    await page.keyboard.press("Enter");
    const builder = page.getByTestId("pitch-builder");
    await builder.getByRole("heading", { name: "Help me write my pitch" }).waitFor();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");

    // Each part is one Tab away from the one before, starting right after the toggle.
    const parts = [
      ["Who you are", "a second-year biology student at Northfield"],
      ["Related experience", "a summer job as a lab assistant"],
      ["What you want to learn", "how people in research chose their path"],
      ["Organizations or roles you are curious about", "public health agencies and biotech startups"],
    ];
    for (const [label, text] of parts) {
      await page.keyboard.press("Tab");
      await waitForFocus(builder.getByLabel(label!, { exact: true }));
      await page.keyboard.type(text!);
    }
    const written =
      "I'm a second-year biology student at Northfield. So far, my related experience includes a summer job as a lab assistant. " +
      "I'd like to learn how people in research chose their path. I'm curious about public health agencies and biotech startups. " +
      "I'd be grateful for your perspective and advice.";
    await page.getByTestId("pitch-preview").getByText(written).waitFor();
    await builder.getByText("Your message asks for information and advice. Good.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "student-17-pitch-builder");

    await page.keyboard.press("Tab");
    await waitForFocus(builder.getByRole("button", { name: "Use this pitch" }));
    await page.keyboard.press("Enter");
    await waitForFocus(pitch);
    expect(await pitch.inputValue()).toBe(written);
    expect(await builder.count()).toBe(0);
    await page.keyboard.press("End");
    await page.keyboard.type(" I'm also curious about science writing.");

    await page.locator("label.checkbox", { hasText: "Share my profile with the alumni I contact" }).click();
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Saved. Alumni you contact will see this profile.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Saved on the server, not only kept on the device: the draft is gone after saving, so a reload shows the profile.
    await page.reload();
    await pitch.waitFor();
    expect(await page.getByText("We kept the changes you hadn't saved yet.").count()).toBe(0);
    expect(await pitch.inputValue()).toBe(`${written} I'm also curious about science writing.`);
  });

  test("Send with a job ask is answered beside the button, focused and in view; a request being written survives a failed send and a reload", async () => {
    const page = await browser.newPage({ timezoneId: STUDENT_ZONE });
    await signInAsStudent(page, app.url(), DEMO_STUDENT_2);
    await findAndOpenAlum(page, "Greenway", "Kevin Park");
    await openComposer(page, "Kevin Park");
    const message = page.getByRole("textbox", { name: "Message" });
    await message.fill(`Hello Kevin, I'm an Economics student. Could you help me get my foot in the door at Greenway?`);
    await proposeFirstTime(page, 5);
    await chooseModality(page, "Video call");

    // Rule #1 at Send: the block is next to the button, has focus, is on screen, and names the phrase.
    const send = page.getByRole("button", { name: "Send request" });
    await send.click();
    const block = page.getByTestId("rule-one-send");
    await block.waitFor();
    await waitForFocus(block);
    expect(await block.innerText()).toContain("foot in the door");
    const [blockBox, sendBox] = [await block.boundingBox(), await send.boundingBox()];
    expect(sendBox!.y - (blockBox!.y + blockBox!.height)).toBeLessThan(120);
    expect(
      await block.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= window.innerHeight),
    ).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "student-11-rule-one-at-send");
    // Send again without confirming: still not sent, focus goes back to the block.
    await send.click();
    await waitForFocus(block);
    // "Reword the message" puts the cursor back in the message.
    await block.getByRole("button", { name: "Reword the message" }).click();
    await waitForFocus(message);
    await message.fill(`Hello Kevin, ${REWORDED} I'm an Economics student curious about brand marketing.`);
    await block.waitFor({ state: "detached" });

    await page.route("**/graphql", (route) =>
      route.request().postData()?.includes("RequestInterview") ? route.abort("internetdisconnected") : route.continue(),
    );
    await page.getByRole("button", { name: "Send request" }).click();
    await page.getByRole("alert").filter({ hasText: "We couldn't reach Infoview" }).waitFor();
    await page.unroute("**/graphql");
    await screenshot(page, "student-12-send-failed");

    await page.reload();
    await page.getByText("We kept the draft you started earlier.").waitFor();
    expect(await page.getByRole("textbox", { name: "Message" }).inputValue()).toContain("curious about brand marketing");
    await sendRequest(page, "Kevin Park");
  });

  test("My conversations updates live when the alum accepts, and the meeting then shows their contact", async () => {
    const server = app.server();
    const [alum] = (await app.dataSource().query(`SELECT email FROM identities WHERE display_name = 'Luis Romero'`)) as Array<{
      email: string;
    }>;
    const studentToken = await demoToken(server, DEMO_STUDENT_2.email);
    const alumToken = await demoToken(server, alum.email);
    const found = await server.gql<{ alumniDirectory: { edges: Array<{ node: { membershipId: string } }> } }>(
      `query { alumniDirectory(first: 1, search: "Luis Romero") { edges { node { membershipId } } } }`,
      {},
      studentToken,
    );
    const alumnusId = found.data!.alumniDirectory.edges[0].node.membershipId;
    const startsAt = await firstOpenTime(server, studentToken, alumnusId);
    const sent = await server.gql<{ requestInterview: { id: string; proposedTimes: Array<{ id: string }> } }>(
      `mutation($input: RequestInterviewInput!) { requestInterview(input: $input) { id proposedTimes { id } } }`,
      {
        input: {
          alumnusId,
          message: `Hello Luis, ${REWORDED} I'd be glad of 20 minutes of your time.`,
          modality: "VIDEO",
          proposedTimes: [startsAt],
        },
      },
      studentToken,
    );
    expect(sent.errors).toBeUndefined();

    const page = await browser.newPage({ timezoneId: STUDENT_ZONE });
    await signInAsStudent(page, app.url(), DEMO_STUDENT_2);
    await openStudentPage(page, "My conversations", "My conversations");
    const item = page.getByRole("list", { name: "Your requests" }).getByRole("listitem").filter({ hasText: "Luis Romero" });
    await item.getByText("Waiting for an answer").waitFor();
    // The request's creation is delivered too; then the page is listening before the alum answers.
    await app.deliverOutbox();
    await page.waitForTimeout(1_000);

    const accepted = await server.gql(
      `mutation($input: AcceptRequestInput!) { acceptRequest(input: $input) { id state } }`,
      {
        input: {
          requestId: sent.data!.requestInterview.id,
          proposedTimeId: sent.data!.requestInterview.proposedTimes[0].id,
          meetingLink: "https://meet.example/luis",
        },
      },
      alumToken,
    );
    expect(accepted.errors).toBeUndefined();
    await app.deliverOutbox();
    await item.getByText("Meeting booked").waitFor();
    await page.getByRole("status").filter({ hasText: "Update: your request to Luis Romero was accepted" }).waitFor();
    await screenshot(page, "student-14-live-accepted");

    await item.getByRole("link", { name: "Luis Romero" }).click();
    await page.getByRole("link", { name: "https://meet.example/luis" }).waitFor();
  });

  // The pages are looked at with an alum no test sends a request to: matches leave out alumni with an open request.
  /** Runs axe at each step, and fails listing every page with serious or critical findings. */
  async function axeTour(steps: Array<[string, (page: Page) => Promise<void>]>, student = DEMO_STUDENT): Promise<void> {
    const page = await browser.newPage({ timezoneId: STUDENT_ZONE });
    await signInAsStudent(page, app.url(), student);
    const found: Record<string, string[]> = {};
    for (const [name, step] of steps) {
      await step(page);
      found[name] = await seriousA11yViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(steps.map(([name]) => [name, []])));
  }

  test("the overview, profile and alumni pages pass axe without serious or critical violations", async () => {
    await axeTour([
      ["overview", (page) => openStudentPage(page, "Overview", /^Your conversations/)],
      [
        "onboarding",
        async (page) => {
          await openStudentPage(page, "Profile and consent", "Your profile and consent");
          await page.getByLabel("Your background pitch").waitFor();
        },
      ],
      [
        "onboarding with an error",
        async (page) => {
          await page.getByLabel("Your background pitch").fill("Too short");
          await page.getByLabel("Major").focus();
          await page.getByText(/Say a little more/).waitFor();
        },
      ],
      [
        "find alumni",
        async (page) => {
          await openStudentPage(page, "Find alumni", "Find alumni");
          await page.getByRole("list", { name: "Alumni found" }).waitFor();
        },
      ],
      ["alum page", (page) => findAndOpenAlum(page, "Whitfield", "Grace Whitaker")],
    ]);
  });

  test("the request composer, with Rule #1 guidance and the question bank open, passes axe", async () => {
    await axeTour([
      [
        "composer",
        async (page) => {
          await findAndOpenAlum(page, "Whitfield", "Grace Whitaker");
          await openComposer(page, "Grace Whitaker");
        },
      ],
      [
        "composer with guidance and question bank",
        async (page) => {
          await page.getByRole("textbox", { name: "Message" }).fill(`${JOB_ASK} ${REWORDED}`);
          await ruleOneGuidance(page).waitFor();
          await page.getByText("Question bank: ideas from your career center").click();
        },
      ],
    ]);
  });

  test("my conversations, a conversation and the contact log pass axe", async () => {
    await axeTour([
      [
        "my conversations",
        async (page) => {
          await openStudentPage(page, "My conversations", "My conversations");
          await page.getByRole("list", { name: "Your requests" }).waitFor();
        },
      ],
      [
        "booked conversation",
        async (page) => {
          await page
            .getByRole("list", { name: "Your requests" })
            .getByRole("listitem")
            .filter({ hasText: "Meeting booked" })
            .getByRole("link")
            .click();
          await page.getByRole("heading", { level: 2, name: "The meeting" }).waitFor();
        },
      ],
      [
        "completed conversation",
        async (page) => {
          await openStudentPage(page, "My conversations", "My conversations");
          await page
            .getByRole("list", { name: "Your requests" })
            .getByRole("listitem")
            .filter({ hasText: "Completed" })
            .first()
            .getByRole("link")
            .click();
          await page.getByRole("heading", { level: 2, name: "Your notes" }).waitFor();
        },
      ],
      [
        "contact log",
        async (page) => {
          await openStudentPage(page, "Contact log", "Contact log");
          await page.getByRole("list", { name: "Your contacts" }).waitFor();
        },
      ],
    ]);
  });

  test("at 320 pixels wide no student page scrolls sideways", async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 }, timezoneId: STUDENT_ZONE });
    await signInAsStudent(page, app.url(), DEMO_STUDENT);
    const wide: string[] = [];
    const check = async (name: string) => {
      if (await hasHorizontalScroll(page)) wide.push(`${name}: ${(await overflowingElements(page)).join(", ")}`);
      await screenshot(page, `student-narrow-${name}`);
    };
    await openStudentPage(page, "Overview", /^Your conversations/);
    await check("overview");
    await openStudentPage(page, "Profile and consent", "Your profile and consent");
    await page.getByLabel("Your background pitch").waitFor();
    await check("onboarding");
    await openStudentPage(page, "Find alumni", "Find alumni");
    await page.getByRole("list", { name: "Alumni found" }).waitFor();
    await check("find-alumni");
    await findAndOpenAlum(page, "Whitfield", "Grace Whitaker");
    await check("alum");
    await openComposer(page, "Grace Whitaker");
    await page.getByText("Question bank: ideas from your career center").click();
    // The week grid scrolls sideways inside its own frame, never the page.
    expect(await timesReady(page)).toBe("grid");
    await check("composer");
    await openStudentPage(page, "My conversations", "My conversations");
    await page.getByRole("list", { name: "Your requests" }).waitFor();
    await check("conversations");
    await page
      .getByRole("list", { name: "Your requests" })
      .getByRole("listitem")
      .filter({ hasText: "Meeting booked" })
      .getByRole("link")
      .click();
    await page.getByRole("heading", { level: 2, name: "The meeting" }).waitFor();
    await check("conversation");
    await openStudentPage(page, "Contact log", "Contact log");
    await page.getByRole("list", { name: "Your contacts" }).waitFor();
    await check("contact-log");
    expect(wide).toEqual([]);
  });

  test("a keyboard alone can write and send a request, with focus always visible", async () => {
    const page = await browser.newPage({ timezoneId: STUDENT_ZONE });
    await signInAsStudent(page, app.url(), DEMO_STUDENT_2);
    await page.goto(app.url("/student/alumni?q=Cedar"));
    await pageHeading(page).waitFor();
    const result = page.getByRole("list", { name: "Alumni found" }).getByRole("link", { name: "Hannah Schultz" });
    await result.waitFor();

    const press = async (key: string, times = 1) => {
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
    };
    const until = async (predicate: () => Promise<boolean>) => {
      for (let i = 0; i < 50 && !(await predicate()); i++) await page.waitForTimeout(100);
      expect(await predicate()).toBe(true);
    };
    const tabUntil = async (predicate: () => Promise<boolean>, limit = 60) => {
      for (let i = 0; i < limit; i++) {
        await press("Tab");
        const indicator = await focusIndicator(page);
        expect(indicator.visible).toBe(true);
        if (await predicate()) return;
      }
      throw new Error("focus never reached its target");
    };

    await tabUntil(() => isFocused(result));
    await press("Enter");
    await page.getByRole("heading", { level: 1, name: "Hannah Schultz" }).waitFor();
    const write = page.getByRole("link", { name: "Write a request to Hannah Schultz" });
    await tabUntil(() => isFocused(write));
    await press("Enter");
    await page.getByRole("heading", { level: 1, name: "Write to Hannah Schultz" }).waitFor();

    const message = page.getByRole("textbox", { name: "Message" });
    await message.waitFor();
    await tabUntil(() => isFocused(message));
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type(` ${REWORDED}`);

    // Hannah publishes open times: the week grid is one tab stop (roving tabindex) on her first open time; arrows
    // move within it, Space chooses, PageDown and PageUp change the week, and a live count says what is chosen.
    expect(await timesReady(page)).toBe("grid");
    const grid = slotGrid(page);
    const stop = grid.locator('[tabindex="0"]');
    expect(await stop.count()).toBe(1);
    await tabUntil(() => isFocused(stop));
    const firstLabel = await stop.getAttribute("aria-label");
    expect(firstLabel).toMatch(/E[DS]T \(for Hannah Schultz: .*C[DS]T\)$/);
    await press("ArrowDown");
    await press("ArrowUp");
    expect(await grid.locator(":focus").getAttribute("aria-label")).toBe(firstLabel);
    expect((await focusIndicator(page)).visible).toBe(true);
    await press("Space");
    expect(await grid.locator(":focus").getAttribute("aria-selected")).toBe("true");
    await page.getByRole("status").filter({ hasText: "1 of 3 times chosen" }).waitFor();
    const week = page.locator(".week-grid-range");
    const thisWeek = await week.innerText();
    await press("PageDown");
    await until(async () => (await week.innerText()) !== thisWeek);
    // The next week's open times may be fetched first: focus lands in the grid once they are drawn.
    await until(async () => (await grid.locator(":focus").count()) === 1);
    await press("PageUp");
    await until(async () => (await week.innerText()) === thisWeek);
    // Back on the week, focus returns to the chosen time.
    await until(async () => (await grid.locator(":focus").getAttribute("aria-label")) === firstLabel);
    expect(await grid.locator(":focus").getAttribute("aria-selected")).toBe("true");
    expect(await seriousA11yViolations(page)).toEqual([]);
    const firstModality = page.getByRole("radiogroup", { name: "How would you like to meet?" }).getByRole("radio").first();

    await tabUntil(() => isFocused(firstModality));
    await press("Space");
    await screenshot(page, "student-13-keyboard-composer");

    const send = page.getByRole("button", { name: "Send request" });
    await tabUntil(() => isFocused(send));
    await press("Enter");
    await page.getByRole("heading", { level: 1, name: "Conversation with Hannah Schultz" }).waitFor();
    expect(await isFocused(pageHeading(page))).toBe(true);
  });
});
