import { formatDateTime, inBothZones, isValidTimeZone, localInputToIso, relativeDays } from "./time";

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
});
