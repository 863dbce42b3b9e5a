import { AxeBuilder } from "@axe-core/playwright";
import type { Locator, Page } from "playwright-core";

/** Fills the sign-in form the way a person does: by the fields' labels, then the button. */
export async function signInThroughPage(page: Page, baseUrl: string, member: { email: string; password: string }): Promise<void> {
  await page.goto(new URL("/sign-in", baseUrl).toString());
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText(/^Signed in as /).waitFor();
}

export const pageHeading = (page: Page): Locator => page.getByRole("heading", { level: 1 });

/**
 * Axe's WCAG 2.x A/AA rules and best practices; only serious and critical findings fail a test. `exclude` leaves out
 * what axe cannot enter: a frame sandboxed without scripts (an email preview) never answers axe, which then hangs.
 */
export async function seriousA11yViolations(page: Page, exclude?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
  const results = await (exclude ? builder.exclude(exclude) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Waits until the element has focus (focus moves after a render), failing after `timeout` ms. */
export async function waitForFocus(locator: Locator, timeout = 5_000): Promise<void> {
  await locator.evaluate(
    (el, ms) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const check = () =>
          document.activeElement === el
            ? resolve()
            : Date.now() - started > ms
              ? reject(new Error("never focused"))
              : requestAnimationFrame(check);
        check();
      }),
    timeout,
  );
}

/** The focused element's focus indicator: visible when it is an outline at least 2px wide. */
export function focusIndicator(page: Page): Promise<{ tag: string; outline: string; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { tag: "body", outline: "none", visible: false };
    const style = getComputedStyle(element);
    const visible = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    return { tag: element.tagName.toLowerCase(), outline: `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`, visible };
  });
}

/** Presses Tab until the locator has focus; fails after `limit` presses. */
export async function tabTo(page: Page, locator: Locator, limit = 10): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press("Tab");
    if (await isFocused(locator)) return presses;
  }
  throw new Error(`focus did not reach ${locator} after ${limit} presses of Tab`);
}
