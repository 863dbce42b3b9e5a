import { buildAlumnus, buildConsentText, buildInstitution } from "../../packages/server/src/test/factories";
import { useAppServer } from "./app-server";
import { a11yFindings } from "./alumnus-pages";
import { describeInBrowser, screenshot, useBrowser } from "./browser";
import { signInThroughPage } from "./pages";

describeInBrowser("an alum sets up volunteering in the web client", () => {
  const app = useAppServer();
  const browser = useBrowser();

  test("consents, profile with capacity and pause, weekly windows and an extra time, all kept after a reload", async () => {
    const ds = app.dataSource();
    const institution = await buildInstitution(ds, { name: "Northfield University", timeZone: "America/Chicago" });
    for (const kind of ["ALUMNUS_LISTED", "ALUMNUS_CONTACT", "ALUMNUS_SHARE_CONTACT"] as const)
      await buildConsentText(ds, institution, kind, `Northfield's text for ${kind}.`);
    const alum = await buildAlumnus(ds, { institution, displayName: "Jordan Reyes" });
    const page = await browser.newPage();
    await signInThroughPage(page, app.url(), alum);

    await page.goto(app.url("/alumni"));
    await page.getByText("Students can't send you requests yet.").waitFor();
    await page.getByRole("link", { name: "Choose what you agree to" }).click();
    await page.getByRole("heading", { level: 1, name: "What you agree to" }).waitFor();
    await page.getByLabel("Show me in the alumni directory").check();
    await page.getByLabel("Let students send me requests").check();
    await screenshot(page, "alumnus-setup-01-consent");
    await page.getByRole("button", { name: "Save my choices" }).click();
    await page.getByRole("status").filter({ hasText: "Your choices are saved." }).waitFor();
    const consents = await app
      .server()
      .gql<{ myConsents: Array<{ kind: string; active: boolean }> }>(`{ myConsents { kind active } }`, {}, await app.server().signIn(alum));
    expect(
      consents.data?.myConsents
        .filter((c) => c.active)
        .map((c) => c.kind)
        .sort(),
    ).toEqual(["ALUMNUS_CONTACT", "ALUMNUS_LISTED"]);

    await page.getByRole("navigation", { name: "Alumni volunteering" }).getByRole("link", { name: "Profile" }).click();
    await page.getByRole("heading", { level: 1, name: "Your profile" }).waitFor();
    const capacity = page.getByLabel("Conversations a month");
    await capacity.fill("99");
    await capacity.blur();
    await page.getByText("Enter a number of conversations from 0 to 50.").waitFor();
    await capacity.fill("4");
    await page.getByLabel("Your time zone").fill("America/Denver");
    await page.getByLabel("Pause new requests").check();
    await screenshot(page, "alumnus-setup-02-profile");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByRole("status").filter({ hasText: "Your profile is saved." }).waitFor();

    await page.getByRole("navigation", { name: "Alumni volunteering" }).getByRole("link", { name: "Availability" }).click();
    await page.getByRole("heading", { level: 1, name: "When you can meet" }).waitFor();
    await page.getByText("You're paused").waitFor();
    await page.getByText("No weekly times yet").waitFor();
    await page.getByRole("button", { name: "Add a weekly window" }).click();
    const window1 = page.getByRole("group", { name: "Window 1" });
    await window1.getByLabel("Day").selectOption({ label: "Tuesday" });
    await window1.getByLabel("From").fill("13:00");
    await window1.getByLabel("To").fill("12:00");
    await page.getByRole("button", { name: "Save weekly times" }).click();
    await window1.getByText("The end must be after the start.").waitFor();
    await window1.getByLabel("To").fill("15:30");
    await page.getByRole("button", { name: "Save weekly times" }).click();
    await page.getByRole("status").filter({ hasText: "Your weekly times are saved." }).waitFor();

    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const extra = page.getByRole("form", { name: "Add an extra time" });
    await extra.getByLabel("Day").fill(day);
    await extra.getByLabel("From").fill("10:00");
    await extra.getByLabel("To").fill("12:00");
    await extra.getByRole("button", { name: "Add this time" }).click();
    await page.getByRole("status").filter({ hasText: "The extra time is added." }).waitFor();
    await page.getByRole("list", { name: "Extra times" }).getByText(/10:00/).waitFor();
    await screenshot(page, "alumnus-setup-03-availability");

    await page.reload();
    await page.getByRole("group", { name: "Window 1" }).waitFor();
    expect(await page.getByRole("group", { name: "Window 1" }).getByLabel("From").inputValue()).toBe("13:00");
    const availability = await app.server().gql<{
      myAvailability: {
        timeZone: string;
        paused: boolean;
        monthlyCapacity: number;
        windows: unknown[];
        slots: Array<{ startsAt: string }>;
      };
    }>(`{ myAvailability { timeZone paused monthlyCapacity windows { weekday startTime endTime } slots { startsAt } } }`, {}, await app.server().signIn(alum));
    expect(availability.data?.myAvailability).toMatchObject({
      timeZone: "America/Denver",
      paused: true,
      monthlyCapacity: 4,
      windows: [{ weekday: 2, startTime: "13:00", endTime: "15:30" }],
    });
    // 10:00 in Denver is 16:00 or 17:00 UTC depending on daylight saving.
    expect(availability.data?.myAvailability.slots.map((s) => new Date(s.startsAt).getUTCHours())[0]).toBeGreaterThanOrEqual(16);
    expect(await a11yFindings(page, app.url(), ["/alumni/availability", "/alumni/profile"])).toEqual({});
  }, 120_000);
});
