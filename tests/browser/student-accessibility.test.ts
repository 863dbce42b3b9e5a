import type { Page } from "playwright-core";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { focusIndicator, hasHorizontalScroll, isFocused, pageHeading, seriousA11yViolations } from "./pages";
import {
  DEMO_STUDENT,
  DEMO_STUDENT_2,
  findAndOpenAlum,
  openComposer,
  openStudentPage,
  overflowingElements,
  ruleOneGuidance,
  signInAsStudent,
  slotGrid,
  timesReady,
  useDemoAppServer,
} from "./student-pages";

const JOB_ASK = "Could you share my resume with your hiring manager?";
const REWORDED = "Could you tell me how you found your way into UX research and what you wish you had known earlier?";
const STUDENT_ZONE = "America/New_York";

/** The student area for everyone: axe on every page, no sideways scroll at 320 px, a request by keyboard alone. */
describeInBrowser("the student area, accessible", () => {
  jest.setTimeout(180_000);
  const app = useDemoAppServer("student_a11y");
  const browser = useBrowser();

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
    // The next week's open times are fetched: focus lands in the grid once they are drawn.
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
