import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatNumber,
  formatShortDate,
  formatTimeOfDay,
  formatTimestamp,
  inBothZones,
  isValidTimeZone,
  localInputToIso,
  relativeDays,
  setDateLocale,
  timeUntil,
  timeZoneNames,
  weekdayName,
  zonedToIso,
} from "./time";

afterEach(() => setDateLocale("en"));

describe("times for the student and the alum", () => {
  it("checks time zone names", () => {
    expect(isValidTimeZone("America/Chicago")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });

  const moment = "2027-03-16T14:00:00.000Z";

  it("shows a moment on the student's clock with the alum's beside it when the zones differ", () => {
    const t = inBothZones(moment, "America/New_York", "America/Los_Angeles");
    expect(t.mine).toBe("Tue, Mar 16, 10:00 AM EDT");
    expect(t.theirs).toBe("Tue, Mar 16, 7:00 AM PDT");
  });

  it("shows one time when both clocks agree", () => {
    expect(inBothZones(moment, "America/Chicago", "America/Chicago")).toEqual({
      mine: formatDateTime(moment, "America/Chicago"),
      theirs: null,
    });
  });

  it("reads a datetime-local value in the browser's zone, and rejects anything else", () => {
    expect(localInputToIso("2027-03-16T15:00")).toBe(new Date(2027, 2, 16, 15, 0).toISOString());
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("16/03/2027 15:00")).toBeNull();
  });

  it("says how far away a day is in words", () => {
    const now = Date.parse(moment);
    expect(relativeDays("2027-03-16T18:00:00Z", now)).toBe("today");
    expect(relativeDays("2027-03-17T14:00:00Z", now)).toBe("tomorrow");
    expect(relativeDays("2027-03-19T14:00:00Z", now)).toBe("in 3 days");
    expect(relativeDays("2027-03-14T14:00:00Z", now)).toBe("2 days ago");
  });

  it("says how long until a moment", () => {
    const now = Date.parse("2026-03-09T12:00:00Z");
    expect(timeUntil("2026-03-09T17:00:00Z", now)).toBe("in 5 hours");
    expect(timeUntil("2026-03-09T12:20:00Z", now)).toBe("in 20 minutes");
    expect(timeUntil("2026-03-12T12:00:00Z", now)).toBe("in 3 days");
    expect(timeUntil("2026-03-08T12:00:00Z", now)).toBe("now");
  });
});

describe("one format for every date", () => {
  const moment = "2026-12-06T15:30:00.000Z";

  it("writes a day the same way everywhere, in the reader's zone", () => {
    expect(formatDate(moment, "UTC")).toBe("Dec 6, 2026");
    expect(formatDate("2026-12-07T02:00:00Z", "America/Chicago")).toBe("Dec 6, 2026");
    expect(formatShortDate(moment, "UTC")).toBe("Dec 6");
    expect(formatTimestamp(moment, "UTC")).toBe("Dec 6, 2026, 3:30 PM");
  });

  it("keeps a calendar date (no time of day) on its day whatever the zone", () => {
    expect(formatCalendarDate("2026-12-01")).toBe("Dec 1, 2026");
    expect(formatCalendarDate("not a date")).toBe("not a date");
  });

  it("writes in Spanish when the reader reads Spanish", () => {
    setDateLocale("es");
    expect(formatDate(moment, "UTC")).toBe("6 dic 2026");
    expect(formatCalendarDate("2026-12-01")).toBe("1 dic 2026");
    expect(weekdayName(1)).toBe("lunes");
    expect(relativeDays("2026-12-07T15:30:00Z", Date.parse(moment))).toBe("mañana");
    expect(timeUntil("2026-12-09T15:30:00Z", Date.parse(moment))).toBe("dentro de 3 días");
    expect(formatDateTime(moment, "America/Mexico_City")).toMatch(/^dom, 6 dic, 9:30/);
  });

  it("takes an explicit language over the current one", () => {
    setDateLocale("es");
    expect(formatDate(moment, "UTC", "en")).toBe("Dec 6, 2026");
    expect(weekdayName(0, "en")).toBe("Sunday");
    expect(formatNumber(1200, "en")).toBe("1,200");
  });

  it("falls back to UTC for a zone Intl does not know", () => {
    expect(formatDate(moment, "Mars/Olympus")).toBe("Dec 6, 2026");
  });
});

describe("times in the alum's own zone", () => {
  test("a wall-clock time becomes the right instant, on both sides of a daylight-saving change", () => {
    expect(zonedToIso("2026-03-06", "09:00", "America/New_York")).toBe("2026-03-06T14:00:00.000Z"); // EST
    expect(zonedToIso("2026-03-09", "09:00", "America/New_York")).toBe("2026-03-09T13:00:00.000Z"); // EDT
    expect(zonedToIso("2026-07-01", "09:30", "Europe/Berlin")).toBe("2026-07-01T07:30:00.000Z");
    expect(zonedToIso("2026-07-01", "9am", "Europe/Berlin")).toBeNull();
  });

  test("instants are shown in the given zone, with the zone named", () => {
    expect(formatDateTime("2026-03-09T13:00:00.000Z", "America/New_York")).toBe("Mon, Mar 9, 9:00 AM EDT");
    expect(formatDateTime("2026-03-09T13:00:00.000Z", "America/Los_Angeles")).toBe("Mon, Mar 9, 6:00 AM PDT");
  });
});

describe("times of day and zones for notification preferences", () => {
  it("writes a wall-clock time in the reader's words, and leaves anything else alone", () => {
    expect(formatTimeOfDay("22:00", "en")).toMatch(/^10:00\sPM$/);
    expect(formatTimeOfDay("07:05", "en")).toMatch(/^7:05\sAM$/);
    expect(formatTimeOfDay("22:00", "es")).toMatch(/^22:00$|^10:00\sp\.\s?m\.$/);
    expect(formatTimeOfDay("late")).toBe("late");
  });

  it("lists the zones sorted, keeping the person's own even when the browser lacks it", () => {
    const zones = timeZoneNames("Mars/Olympus");
    expect(zones).toContain("America/Chicago");
    expect(zones).toContain("UTC");
    expect(zones).toContain("Mars/Olympus");
    expect([...zones].sort()).toEqual(zones);
    expect(new Set(zones).size).toBe(zones.length);
  });
});
