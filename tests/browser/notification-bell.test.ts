import { buildConsent, buildInstitution, buildStudent } from "../../packages/server/src/test/factories";
import { buildContactableAlumnus } from "../../packages/server/src/test/request-kit";
import { useAppServer } from "./app-server";
import { sendRequestAsStudent, subscribed, useBackgroundWork } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { focusIndicator, hasHorizontalScroll, pageHeading, seriousA11yViolations, signInThroughPage, tabTo, waitForFocus } from "./pages";

describeInBrowser("the notification bell in the header", () => {
  const app = useAppServer();
  useBackgroundWork(app);
  const browser = useBrowser();

  test("an alum's bell counts a new request live, opens the list with the keyboard, and marks read", async () => {
    const ds = app.dataSource();
    const institution = await buildInstitution(ds, { name: "Northfield University" });
    const alum = await buildContactableAlumnus(ds, { institution, displayName: "Jordan Reyes" });
    const maya = await buildStudent(ds, { institution, displayName: "Maya Okafor" });
    const li = await buildStudent(ds, { institution, displayName: "Li Chen" });
    await buildConsent(ds, maya, "STUDENT_SHARE_WITH_ALUMNI");
    await buildConsent(ds, li, "STUDENT_SHARE_WITH_ALUMNI");

    const page = await browser.newPage();
    let documentLoads = 0;
    page.on("load", () => (documentLoads += 1));
    const listening = subscribed(page, "NotificationCentre");
    await signInThroughPage(page, app.url(), alum);
    const bell = page.getByRole("button", { name: /^Notifications, / });
    await bell.waitFor();
    expect(await bell.getAttribute("aria-label")).toBe("Notifications, none unread");
    await listening;
    const loadsBefore = documentLoads;

    // Another person acts while the page is open: the count changes without a reload, and is announced politely.
    const requestId = await sendRequestAsStudent(app.server(), maya, alum);
    await page.getByRole("button", { name: "Notifications, 1 unread" }).waitFor({ timeout: 30_000 });
    expect(documentLoads).toBe(loadsBefore);
    const live = page.locator('[aria-live="polite"]').filter({ hasText: "New notification: 1 unread" });
    await live.waitFor({ state: "attached" });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "notification-bell-01-one-unread");

    // Keyboard: Tab to the bell, open it; focus moves into the panel; Escape closes it and focus returns.
    await page.getByText(/^Signed in as /).click();
    await tabTo(page, bell, 20);
    expect((await focusIndicator(page)).visible).toBe(true);
    await page.keyboard.press("Enter");
    const panel = page.getByRole("region", { name: "Notifications" });
    await waitForFocus(panel);
    expect(await bell.getAttribute("aria-expanded")).toBe("true");
    const item = panel.getByRole("link", { name: /Maya Okafor asked you for a conversation/ });
    await item.waitFor();
    expect(await item.innerText()).toMatch(/Maya Okafor asked you for a conversation/);
    expect(await item.textContent()).toContain("Unread");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "notification-bell-02-open");
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    await waitForFocus(bell);

    // A second request arrives while the list is open: it appears in the list, and the count goes to 2.
    await page.keyboard.press("Enter");
    await waitForFocus(panel);
    await sendRequestAsStudent(app.server(), li, alum);
    await panel.getByRole("link", { name: /Li Chen asked you for a conversation/ }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Notifications, 2 unread" }).waitFor();

    // Opening an item (keyboard) marks it read and goes to the request.
    await tabTo(page, item, 10);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/alumni/requests/${requestId}`);
    // The request page takes focus to its heading once it has loaded: wait for that before going back to the bell,
    // or the heading would take focus from the list opened meanwhile.
    const heading = pageHeading(page).filter({ hasText: /^Request from / });
    await heading.waitFor();
    await waitForFocus(heading, 20_000);
    await page.getByRole("button", { name: "Notifications, 1 unread" }).waitFor();

    // Mark all read, with the keyboard.
    await bell.focus();
    await page.keyboard.press("Enter");
    await waitForFocus(panel);
    const markAll = page.getByRole("button", { name: "Mark all read" });
    await markAll.waitFor();
    await tabTo(page, markAll, 10);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Notifications, none unread" }).waitFor();
    await page.getByText("All notifications marked read.").waitFor();
    expect(await page.getByRole("region", { name: "Notifications" }).getByText("Unread").count()).toBe(0);
    await screenshot(page, "notification-bell-03-all-read");
  }, 120_000);

  test("on a phone the open list fits the screen, and a press outside closes it", async () => {
    const ds = app.dataSource();
    const institution = await buildInstitution(ds, { name: "Eastfield College" });
    const alum = await buildContactableAlumnus(ds, { institution, displayName: "Sam Ito" });
    const student = await buildStudent(ds, { institution, displayName: "Rosa Diaz" });
    await buildConsent(ds, student, "STUDENT_SHARE_WITH_ALUMNI");
    await sendRequestAsStudent(app.server(), student, alum);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInThroughPage(page, app.url(), alum);
    const bell = page.getByRole("button", { name: "Notifications, 1 unread" });
    await bell.waitFor({ timeout: 30_000 });
    await bell.click();
    const panel = page.getByRole("region", { name: "Notifications" });
    await panel.getByRole("link", { name: /Rosa Diaz asked you for a conversation/ }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    const box = await panel.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await screenshot(page, "notification-bell-04-phone");
    // A press outside, here on the inbox card's first time (a React Aria button, whose press handling keeps the
    // pointerdown from bubbling to the document: the bell listens in the capture phase).
    await page.mouse.click(200, 800);
    await panel.waitFor({ state: "detached" });
    expect(await bell.getAttribute("aria-expanded")).toBe("false");
  }, 120_000);

  test("the bell and its list read in Spanish", async () => {
    const ds = app.dataSource();
    const institution = await buildInstitution(ds, { name: "Southfield College" });
    const alum = await buildContactableAlumnus(ds, { institution, displayName: "Ana Ruiz" });
    const student = await buildStudent(ds, { institution, displayName: "Tomás Vega" });
    await buildConsent(ds, student, "STUDENT_SHARE_WITH_ALUMNI");
    await sendRequestAsStudent(app.server(), student, alum);
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), alum);
    await page.getByRole("combobox", { name: /Language|Idioma/ }).selectOption("es");
    const bell = page.getByRole("button", { name: /^Notificaciones, / });
    await bell.waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Notificaciones, 1 sin leer" }).waitFor({ timeout: 30_000 });
    await bell.click();
    await page
      .getByRole("region", { name: "Notificaciones" })
      .getByRole("link", { name: /Tomás Vega te pidió una conversación/ })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 120_000);
});
