import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const REQUIRED = process.env.REQUIRE_BROWSER === "1";

export const SCREENSHOT_DIR = path.resolve(__dirname, "..", "..", "test-output", "browser");

const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** Whether Chromium can run here. Missing Chromium fails the run when REQUIRE_BROWSER=1 (as in CI). */
export function browserAvailability(): { available: true } | { available: false; reason: string } {
  if (existsSync(CHROMIUM_PATH)) return { available: true };
  const reason = `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  if (REQUIRED) throw new Error(`${reason} REQUIRE_BROWSER=1 is set, so the browser tests cannot be skipped.`);
  return { available: false, reason };
}

/**
 * `describe` for browser tests: skipped, with the reason in the suite name and on the console,
 * when Chromium is missing; failing instead when REQUIRE_BROWSER=1.
 */
export function describeInBrowser(name: string, body: () => void): void {
  const availability = browserAvailability();
  if (availability.available) {
    describe(name, body);
    return;
  }
  console.warn(`Skipping browser tests "${name}": ${availability.reason}`);
  describe.skip(`${name} [skipped: ${availability.reason}]`, body);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS, headless: true });
}

export interface BrowserHarness {
  browser(): Browser;
  /** A fresh context (no storage shared with other tests) and a page in it. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/** One browser for the file; every page made through it is closed after its test. */
export function useBrowser(): BrowserHarness {
  let browser: Browser | null = null;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  const get = () => {
    if (!browser) throw new Error("useBrowser: the browser starts in beforeAll");
    return browser;
  };
  return {
    browser: get,
    async newPage(options = {}) {
      const context = await get().newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce", ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      return page;
    },
  };
}

/** Saves a full-page screenshot as test-output/browser/<name>.png for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
