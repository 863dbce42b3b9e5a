import {
  addDays,
  canonicalTimeZone,
  formatHhMm,
  instantAt,
  localDateTime,
  localLabel,
  monthKey,
  monthRange,
  offsetMinutes,
  parseHhMm,
  weekdayOf,
  zoneAbbreviation,
} from "./zoned-time";

const at = (iso: string) => new Date(iso);
const hm = (h: number, m = 0) => h * 60 + m;

describe("canonicalTimeZone", () => {
  it.each([
    ["America/New_York", "America/New_York"],
    ["utc", "UTC"],
    ["europe/london", "Europe/London"],
    // ICU would rename these to older aliases (Asia/Calcutta, Europe/Kiev); the IANA names are kept.
    ["Asia/Kolkata", "Asia/Kolkata"],
    ["Europe/Kyiv", "Europe/Kyiv"],
  ])("accepts %s as %s", (input, expected) => {
    expect(canonicalTimeZone(input)).toBe(expected);
  });

  it.each(["Mars/Olympus_Mons", "+02:00", "", "EST5EDT;DROP", 42, null])("refuses %p", (input) => {
    expect(canonicalTimeZone(input)).toBeNull();
  });
});

describe("offsetMinutes", () => {
  it.each([
    ["America/New_York", "2027-01-15T12:00:00Z", -300],
    ["America/New_York", "2027-07-15T12:00:00Z", -240],
    ["Europe/London", "2027-01-15T12:00:00Z", 0],
    ["Europe/London", "2027-07-15T12:00:00Z", 60],
    ["Asia/Kolkata", "2027-07-15T12:00:00Z", 330],
    ["Australia/Sydney", "2027-01-15T12:00:00Z", 660],
  ])("%s at %s is %i", (zone, iso, expected) => {
    expect(offsetMinutes(at(iso), zone)).toBe(expected);
  });
});

describe("instantAt", () => {
  it("keeps 09:00 local at 09:00 local across the US spring-forward (2027-03-14)", () => {
    expect(instantAt({ year: 2027, month: 3, day: 13 }, hm(9), "America/New_York")).toEqual(at("2027-03-13T14:00:00Z"));
    expect(instantAt({ year: 2027, month: 3, day: 14 }, hm(9), "America/New_York")).toEqual(at("2027-03-14T13:00:00Z"));
    expect(instantAt({ year: 2027, month: 3, day: 15 }, hm(9), "America/New_York")).toEqual(at("2027-03-15T13:00:00Z"));
  });

  it("keeps 09:00 local at 09:00 local across the UK spring-forward (2027-03-28)", () => {
    expect(instantAt({ year: 2027, month: 3, day: 27 }, hm(9), "Europe/London")).toEqual(at("2027-03-27T09:00:00Z"));
    expect(instantAt({ year: 2027, month: 3, day: 28 }, hm(9), "Europe/London")).toEqual(at("2027-03-28T08:00:00Z"));
  });

  describe("in a spring-forward gap (the time does not exist)", () => {
    it("resolves 02:30 in New York to 03:00 EDT, the instant the gap ends", () => {
      expect(instantAt({ year: 2027, month: 3, day: 14 }, hm(2, 30), "America/New_York")).toEqual(at("2027-03-14T07:00:00Z"));
    });

    it("resolves every time in the gap, and its edges, consistently", () => {
      const day = { year: 2027, month: 3, day: 14 };
      expect(instantAt(day, hm(1, 59), "America/New_York")).toEqual(at("2027-03-14T06:59:00Z"));
      expect(instantAt(day, hm(2), "America/New_York")).toEqual(at("2027-03-14T07:00:00Z"));
      expect(instantAt(day, hm(2, 59), "America/New_York")).toEqual(at("2027-03-14T07:00:00Z"));
      expect(instantAt(day, hm(3), "America/New_York")).toEqual(at("2027-03-14T07:00:00Z"));
      expect(instantAt(day, hm(3, 1), "America/New_York")).toEqual(at("2027-03-14T07:01:00Z"));
    });

    it("resolves 01:30 in London to 02:00 BST", () => {
      expect(instantAt({ year: 2027, month: 3, day: 28 }, hm(1, 30), "Europe/London")).toEqual(at("2027-03-28T01:00:00Z"));
    });

    it("handles a half-hour shift (Lord Howe Island, 02:00 → 02:30)", () => {
      expect(instantAt({ year: 2027, month: 10, day: 3 }, hm(2, 15), "Australia/Lord_Howe")).toEqual(at("2027-10-02T15:30:00Z"));
    });
  });

  describe("in an autumn overlap (the time happens twice)", () => {
    it("resolves 01:30 in New York to the first occurrence, 01:30 EDT", () => {
      expect(instantAt({ year: 2027, month: 11, day: 7 }, hm(1, 30), "America/New_York")).toEqual(at("2027-11-07T05:30:00Z"));
    });

    it("resolves times after the overlap to the only occurrence", () => {
      expect(instantAt({ year: 2027, month: 11, day: 7 }, hm(2), "America/New_York")).toEqual(at("2027-11-07T07:00:00Z"));
    });

    it("resolves 01:30 in London to 01:30 BST", () => {
      expect(instantAt({ year: 2027, month: 10, day: 31 }, hm(1, 30), "Europe/London")).toEqual(at("2027-10-31T00:30:00Z"));
    });

    it("resolves 02:30 in Sydney (clocks go back in April) to 02:30 AEDT", () => {
      expect(instantAt({ year: 2027, month: 4, day: 4 }, hm(2, 30), "Australia/Sydney")).toEqual(at("2027-04-03T15:30:00Z"));
    });
  });

  it("treats 24:00 as the next midnight", () => {
    expect(instantAt({ year: 2027, month: 3, day: 13 }, 1440, "America/New_York")).toEqual(at("2027-03-14T05:00:00Z"));
  });

  it.each([
    ["March", Date.UTC(2027, 2, 1)],
    ["November", Date.UTC(2027, 10, 1)],
  ])("round-trips every quarter hour of %s in New York, except the second pass through the autumn overlap", (month, monthStart) => {
    const zone = "America/New_York";
    let mismatches = 0;
    for (let t = monthStart; t < monthStart + 30 * 86_400_000; t += 15 * 60_000) {
      const local = localDateTime(new Date(t), zone);
      const back = instantAt(local, hm(local.hour, local.minute), zone).getTime();
      if (back !== t) {
        // Only 01:00–01:59 EST on 7 Nov, whose wall times first happened in EDT an hour earlier.
        expect(back).toBe(t - 3600_000);
        mismatches++;
      }
    }
    expect(mismatches).toBe(month === "November" ? 4 : 0);
  });
});

describe("calendar helpers", () => {
  it("counts weekdays from Sunday = 0", () => {
    expect(weekdayOf({ year: 2027, month: 3, day: 14 })).toBe(0);
    expect(weekdayOf({ year: 2027, month: 3, day: 16 })).toBe(2);
  });

  it("adds days across month and year ends", () => {
    expect(addDays({ year: 2027, month: 12, day: 31 }, 1)).toEqual({ year: 2028, month: 1, day: 1 });
    expect(addDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it("finds the calendar month in the zone, not in UTC", () => {
    // 03:00 UTC on 1 April is still 31 March in New York.
    expect(monthKey(at("2027-04-01T03:00:00Z"), "America/New_York")).toBe("2027-03");
    expect(monthKey(at("2027-04-01T03:00:00Z"), "Europe/London")).toBe("2027-04");
    expect(monthRange(at("2027-03-20T12:00:00Z"), "America/New_York")).toEqual({
      start: at("2027-03-01T05:00:00Z"),
      end: at("2027-04-01T04:00:00Z"),
      key: "2027-03",
    });
  });

  it("parses and prints HH:MM", () => {
    expect(parseHhMm("09:05")).toBe(545);
    expect(parseHhMm("00:00")).toBe(0);
    expect(parseHhMm("24:00")).toBe(1440);
    for (const bad of ["9:00", "24:01", "12:60", "25:00", "0900", " 09:00"]) expect(parseHhMm(bad)).toBeNull();
    expect(formatHhMm(545)).toBe("09:05");
    expect(formatHhMm(1440)).toBe("24:00");
  });
});

describe("localLabel", () => {
  it("shows the date, times and zone name in the zone", () => {
    expect(localLabel(at("2027-03-16T13:00:00Z"), at("2027-03-16T13:30:00Z"), "America/New_York")).toBe("Tue 16 Mar, 09:00–09:30 EDT");
    expect(localLabel(at("2027-03-12T14:00:00Z"), at("2027-03-12T14:30:00Z"), "America/New_York")).toBe("Fri 12 Mar, 09:00–09:30 EST");
  });

  it("uses British and European zone names where ICU has them", () => {
    expect(localLabel(at("2027-03-30T08:00:00Z"), at("2027-03-30T08:30:00Z"), "Europe/London")).toBe("Tue 30 Mar, 09:00–09:30 BST");
    expect(localLabel(at("2027-01-12T09:00:00Z"), at("2027-01-12T09:30:00Z"), "Europe/London")).toBe("Tue 12 Jan, 09:00–09:30 GMT");
    expect(zoneAbbreviation(at("2027-07-01T12:00:00Z"), "Europe/Paris")).toBe("CEST");
  });

  it("falls back to an offset for zones without a short name", () => {
    expect(localLabel(at("2027-03-16T03:30:00Z"), at("2027-03-16T04:00:00Z"), "Asia/Kolkata")).toBe("Tue 16 Mar, 09:00–09:30 GMT+5:30");
  });

  it("names both zones when the clocks change during the meeting", () => {
    expect(localLabel(at("2027-11-07T05:30:00Z"), at("2027-11-07T06:00:00Z"), "America/New_York")).toBe("Sun 7 Nov, 01:30 EDT–01:00 EST");
  });

  it("names the end date when the meeting crosses midnight", () => {
    expect(localLabel(at("2027-03-17T03:45:00Z"), at("2027-03-17T04:15:00Z"), "America/New_York")).toBe(
      "Tue 16 Mar, 23:45–Wed 17 Mar, 00:15 EDT",
    );
  });
});
