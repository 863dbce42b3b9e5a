import { formatInZone, timeUntil, zonedToIso } from "./format";

describe("times in the alum's own zone", () => {
  test("a wall-clock time becomes the right instant, on both sides of a daylight-saving change", () => {
    expect(zonedToIso("2026-03-06", "09:00", "America/New_York")).toBe("2026-03-06T14:00:00.000Z"); // EST
    expect(zonedToIso("2026-03-09", "09:00", "America/New_York")).toBe("2026-03-09T13:00:00.000Z"); // EDT
    expect(zonedToIso("2026-07-01", "09:30", "Europe/Berlin")).toBe("2026-07-01T07:30:00.000Z");
    expect(zonedToIso("2026-07-01", "9am", "Europe/Berlin")).toBeNull();
  });

  test("instants are shown in the given zone, with the zone named", () => {
    expect(formatInZone("2026-03-09T13:00:00.000Z", "America/New_York")).toBe("Mon, Mar 9, 9:00 AM EDT");
    expect(formatInZone("2026-03-09T13:00:00.000Z", "America/Los_Angeles")).toBe("Mon, Mar 9, 6:00 AM PDT");
  });

  test("distances are said in words", () => {
    const now = Date.parse("2026-03-09T12:00:00Z");
    expect(timeUntil("2026-03-09T17:00:00Z", now)).toBe("in 5 hours");
    expect(timeUntil("2026-03-12T12:00:00Z", now)).toBe("in 3 days");
    expect(timeUntil("2026-03-08T12:00:00Z", now)).toBe("now");
  });
});
