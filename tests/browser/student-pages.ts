import type { Locator, Page } from "playwright-core";
import { startTestServer, type TestServer } from "../../packages/server/src/test/test-server";
import { useFreshDatabase } from "../../packages/server/src/test/database";
import { seedDemoRequests } from "../../packages/server/src/seed/demo-requests";
import { DEMO_INSTITUTIONS } from "../../packages/server/src/seed/demo-data";
import { DEMO_PASSWORD, seedDemo } from "../../packages/server/src/seed/demo-seed";
import { OutboxJob } from "../../packages/server/src/jobs/outbox-job";
import { outboxTask, TASK } from "../../packages/server/src/jobs/tasks";
import { createLogger } from "../../packages/server/src/logger";
import { runDueJobs } from "../../packages/server/src/test/jobs";
import { ensureWebBuilt, WEB_DIST_DIR, type AppServerHarness } from "./app-server";
import { pageHeading } from "./pages";

/** Demo people the student tests use (see the README's demo sign-ins). */
export const DEMO_STUDENT = { email: "student1@northfield.example", password: DEMO_PASSWORD, name: "Ava Thompson" };
export const DEMO_STUDENT_2 = { email: "student2@northfield.example", password: DEMO_PASSWORD, name: "Noah Patel" };

/**
 * The real server over a database of the suite's own holding the demo data (`npm start` with
 * SEED_DEMO), so tests sign in as the demo student and find the demo alumni and requests.
 */
export function useDemoAppServer(label: string): DemoAppServerHarness {
  const dataSource = useFreshDatabase(label);
  let server: TestServer | null = null;
  let outbox: OutboxJob | null = null;
  beforeAll(async () => {
    await ensureWebBuilt();
    expect(await seedDemo(dataSource())).toEqual({ seeded: true });
    await seedDemoRequests(
      dataSource(),
      DEMO_INSTITUTIONS.map((i) => i.slug),
    );
    server = await startTestServer(dataSource(), { WEB_DIST_DIR });
    outbox = new OutboxJob({
      dataSource: dataSource(),
      deliverer: server.services.notifications.deliverer,
      settings: { leaseMs: 60_000, maxAttempts: 3 },
      logger: createLogger("silent"),
    });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });
  const get = () => {
    if (!server) throw new Error("useDemoAppServer: the server starts in beforeAll");
    return server;
  };
  return {
    server: get,
    dataSource,
    url: (pathname = "/") => new URL(pathname, get().url).toString(),
    async deliverOutbox() {
      if (!outbox) throw new Error("useDemoAppServer: the outbox job is made in beforeAll");
      await runDueJobs(dataSource(), { [TASK.outbox]: outboxTask({ outbox, logger: createLogger("silent") }) });
    },
  };
}

export interface DemoAppServerHarness extends AppServerHarness {
  /** What the server's job runner does as soon as rows are written: delivers pending events, real-time ones included. */
  deliverOutbox(): Promise<void>;
}

/** Signs in through the form and waits for the home page. */
export async function signInAsStudent(page: Page, baseUrl: string, student: { email: string; password: string }): Promise<void> {
  await page.goto(new URL("/sign-in", baseUrl).toString());
  await page.getByLabel("Email").fill(student.email);
  await page.getByLabel("Password").fill(student.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText(/^Signed in as /).waitFor();
}

export const studentNav = (page: Page): Locator => page.getByRole("navigation", { name: "Student" });

/** Goes to a page of the student area through its navigation, and waits for its heading. */
export async function openStudentPage(
  page: Page,
  link: "Overview" | "Find alumni" | "My conversations" | "Contact log" | "Profile and consent",
  heading: string | RegExp,
): Promise<void> {
  if (!(await studentNav(page).isVisible())) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Student" }).click();
    await studentNav(page).waitFor();
  }
  await studentNav(page).getByRole("link", { name: link, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

/** Searches the directory and opens the alum's page. */
export async function findAndOpenAlum(page: Page, search: string, name: string): Promise<void> {
  await openStudentPage(page, "Find alumni", "Find alumni");
  await page.getByRole("searchbox", { name: "Search" }).fill(search);
  const results = page.getByRole("list", { name: "Alumni found" });
  await results.getByRole("link", { name }).waitFor();
  await results.getByRole("link", { name }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** From an alum's page, opens the request composer with its template filled in. */
export async function openComposer(page: Page, name: string): Promise<void> {
  await page.getByRole("link", { name: `Write a request to ${name}` }).click();
  await page.getByRole("heading", { level: 1, name: `Write to ${name}` }).waitFor();
  await page.getByRole("textbox", { name: "Message" }).waitFor();
}

export const ruleOneGuidance = (page: Page): Locator => page.getByTestId("rule-one-guidance");

/** The week grid of the alum's open times, once it has loaded (lazily, after the composer). */
export const slotGrid = (page: Page): Locator => page.getByRole("grid", { name: /^Pick up to 3 times/ });

/** The first open time of the week the grid shows. */
export const firstOpenCell = (page: Page): Locator => slotGrid(page).locator('[role="gridcell"]:not([aria-disabled="true"])').first();

/** Waits until the composer shows how to propose times: the alum's week grid, or fields to suggest times. */
export async function timesReady(page: Page): Promise<"grid" | "manual"> {
  const manual = page.getByLabel("Time 1", { exact: true });
  await slotGrid(page).or(manual).first().waitFor();
  if (!(await slotGrid(page).isVisible())) return "manual";
  await firstOpenCell(page).waitFor();
  return "grid";
}

/** Picks the first proposed time: an open slot in the week grid when the alum has them, else a time `days` ahead at 15:00. */
export async function proposeFirstTime(page: Page, days = 4): Promise<void> {
  if ((await timesReady(page)) === "grid") {
    const cell = firstOpenCell(page);
    await cell.click();
    expect(await cell.getAttribute("aria-selected")).toBe("true");
    await page.getByText("1 of 3 times chosen").waitFor();
    return;
  }
  const when = new Date(Date.now() + days * 86_400_000);
  const local = `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, "0")}-${String(when.getDate()).padStart(2, "0")}T15:00`;
  await page.getByLabel("Time 1", { exact: true }).fill(local);
}

/** Sends the composer's request and waits for the conversation page it leads to. */
export async function sendRequest(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Send request" }).click();
  await page.getByRole("heading", { level: 1, name: `Conversation with ${name}` }).waitFor();
}

export { pageHeading };

/** Picks how to meet by the option's visible label, as a pointer user does. */
export async function chooseModality(page: Page, label: "Video call" | "Phone call" | "In person"): Promise<void> {
  await page.locator("label.radio", { hasText: label }).click();
}

/** The elements sticking out past the right edge of the viewport, to say what makes a page scroll sideways. */
export function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${Math.round(el.getBoundingClientRect().right)}px)`);
  });
}

/** An access token for a demo account, for setting up or answering through the API what a test doesn't click through. */
export async function demoToken(server: TestServer, email: string): Promise<string> {
  const result = await server.gql<{ signIn: { accessToken: string } }>(
    `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`,
    { input: { email, password: DEMO_PASSWORD } },
  );
  if (!result.data?.signIn) throw new Error(`demo sign-in failed for ${email}: ${JSON.stringify(result.errors)}`);
  return result.data.signIn.accessToken;
}

/** The alum's first open slot in the coming two weeks, or a time a week ahead when they publish none. */
export async function firstOpenTime(server: TestServer, token: string, alumnusId: string): Promise<string> {
  const from = new Date(Date.now() + 86_400_000);
  const to = new Date(from.getTime() + 14 * 86_400_000);
  const result = await server.gql<{ openSlots: { slots: Array<{ startsAt: string }> } }>(
    `query($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { openSlots(alumnusId: $id, from: $from, to: $to, first: 1) { slots { startsAt } } }`,
    { id: alumnusId, from: from.toISOString(), to: to.toISOString() },
    token,
  );
  return result.data?.openSlots.slots[0]?.startsAt ?? new Date(Date.now() + 7 * 86_400_000).toISOString();
}
