import type { Page } from "playwright-core";
import { startBackgroundWork, type BackgroundWork } from "../../packages/server/src/jobs";
import { loadJobsConfig } from "../../packages/server/src/jobs/jobs.config";
import { createLogger } from "../../packages/server/src/logger";
import type { AppServerHarness } from "./app-server";
import type { TestServer } from "../../packages/server/src/test/test-server";
import type { DataSource } from "typeorm";
import { buildConsent, buildStudent, type BuiltMember } from "../../packages/server/src/test/factories";
import { buildContactableAlumnus } from "../../packages/server/src/test/request-kit";
import { seriousA11yViolations } from "./pages";

/*
 * Page helpers for the alumni, advising and administration areas, written the way a person uses
 * the pages (by labels, roles and names), so a cross-role story can be put together from them.
 */

/**
 * Runs the server's background work (the outbox worker that turns a new request into a live event,
 * and the LISTEN connection) beside the test server, as a real server process does. Call inside the
 * describe block, after useAppServer.
 */
export function useBackgroundWork(app: AppServerHarness): void {
  let work: BackgroundWork | null = null;
  beforeAll(async () => {
    work = await startBackgroundWork({
      dataSource: app.dataSource(),
      services: app.server().services,
      config: loadJobsConfig({}),
      logger: createLogger("silent"),
    });
  });
  afterAll(async () => {
    await work?.stop();
  });
}

/** Resolves once the page has subscribed over its WebSocket (e.g. to incomingRequests). */
export function subscribed(page: Page, operation = "IncomingRequests"): Promise<void> {
  return new Promise((resolve) => {
    page.on("websocket", (socket) => {
      socket.on("framesent", (frame) => {
        const text = typeof frame.payload === "string" ? frame.payload : frame.payload.toString("utf8");
        if (text.includes('"type":"subscribe"') && text.includes(operation)) resolve();
      });
    });
  });
}

/** A start time `days` from now, on the hour (UTC). */
export function inDays(days: number, hourUtc = 15): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
}

/** Sends an interview request as the student, through the GraphQL API, and returns its id. */
export async function sendRequestAsStudent(
  server: TestServer,
  student: BuiltMember,
  alumnus: BuiltMember,
  options: { proposedTimes?: string[]; questions?: string[]; message?: string } = {},
): Promise<string> {
  const token = await server.signIn(student);
  const result = await server.gql<{ requestInterview: { id: string } }>(
    `mutation($input: RequestInterviewInput!) { requestInterview(input: $input) { id } }`,
    {
      input: {
        alumnusId: alumnus.membershipId,
        message:
          options.message ??
          "Hello! I'm a junior exploring data science and would love to hear how you got started. Could we talk for 20 minutes?",
        modality: "VIDEO",
        proposedTimes: options.proposedTimes ?? [inDays(3), inDays(4)],
        questions: (options.questions ?? ["What does a normal week look like for you?"]).map((text) => ({ text })),
        shareQuestions: true,
      },
    },
    token,
  );
  if (!result.data?.requestInterview) throw new Error(`requestInterview failed: ${JSON.stringify(result.errors)}`);
  return result.data.requestInterview.id;
}

/** Opens the alum's inbox and waits until it has loaded (with or without requests). */
export async function openInbox(page: Page, baseUrl: string): Promise<void> {
  await page.goto(new URL("/alumni", baseUrl).toString());
  await page.getByRole("heading", { level: 1, name: "Your inbox" }).waitFor();
  await page.getByRole("heading", { level: 2, name: "Waiting for your answer" }).waitFor();
  await page.getByRole("status").filter({ hasText: "Loading your requests" }).waitFor({ state: "detached" });
}

/** In the inbox: opens the request from the student, picks the first proposed time, gives a link and accepts. */
export async function acceptFirstProposedTime(
  page: Page,
  studentName: string,
  meetingLink = "https://meet.example/infoview",
): Promise<void> {
  await page.getByRole("link", { name: studentName }).click();
  await page.getByRole("heading", { level: 1, name: `Request from ${studentName}` }).waitFor();
  const times = page.getByRole("group", { name: /Choose a time/ }).getByRole("radio");
  await times.first().check();
  await page.getByLabel("Video call link").fill(meetingLink);
  await page.getByRole("button", { name: "Accept at this time" }).click();
  await page.getByRole("heading", { level: 1, name: "Upcoming conversations" }).waitFor();
}

/** Visits each path and returns the serious/critical axe findings, by path (empty when all pass). */
export async function a11yFindings(page: Page, baseUrl: string, paths: string[]): Promise<Record<string, string[]>> {
  const findings: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(new URL(path, baseUrl).toString());
    await page.getByRole("heading", { level: 1 }).waitFor();
    // Let the page's own data arrive, so the loaded page is checked rather than its spinner.
    await page.waitForFunction(() => !document.querySelector("main .loading"), undefined, { timeout: 10_000 });
    const violations = await seriousA11yViolations(page);
    if (violations.length) findings[path] = violations;
  }
  return findings;
}

/**
 * `count` more students of the institution each send one request (to an alum of their own), so the advisor's reports
 * have enough students behind them to be shown: below the minimum group (5) they are withheld from advisors (ADR 0023).
 */
export async function requestsFromMoreStudents(
  server: TestServer,
  ds: DataSource,
  institution: { id: string; slug: string; name: string },
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const student = await buildStudent(ds, { institution });
    await buildConsent(ds, student, "STUDENT_SHARE_WITH_ALUMNI");
    ids.push(await sendRequestAsStudent(server, student, await buildContactableAlumnus(ds, { institution })));
  }
  return ids;
}
