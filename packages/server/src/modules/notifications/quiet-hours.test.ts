import { digestPeriod, quietUntil } from "./quiet-hours";

const at = (iso: string) => new Date(iso);

describe("quiet hours", () => {
  const night = { startMinute: 22 * 60, endMinute: 7 * 60, timeZone: "America/New_York" };

  it("holds what falls in a range crossing midnight until the range ends, on the person's wall clock", () => {
    // 23:30 EST on 9 Dec (04:30 UTC on the 10th): held until 07:00 EST on the 10th.
    expect(quietUntil(at("2026-12-10T04:30:00Z"), night)?.toISOString()).toBe("2026-12-10T12:00:00.000Z");
    // 02:00 EST, after midnight: the same end.
    expect(quietUntil(at("2026-12-10T07:00:00Z"), night)?.toISOString()).toBe("2026-12-10T12:00:00.000Z");
    // 07:00 EST exactly and 21:59: not quiet.
    expect(quietUntil(at("2026-12-10T12:00:00Z"), night)).toBeNull();
    expect(quietUntil(at("2026-12-11T02:59:00Z"), night)).toBeNull();
    // 22:00 EST exactly: quiet.
    expect(quietUntil(at("2026-12-11T03:00:00Z"), night)?.toISOString()).toBe("2026-12-11T12:00:00.000Z");
  });

  it("keeps local times across a daylight-saving change", () => {
    // New York springs forward on Sun 8 Mar 2026 (02:00 EST → 03:00 EDT). At 23:00 EST on the 7th the night ends at
    // 07:00 EDT = 11:00 UTC, not 12:00 UTC: an hour shorter in UTC.
    expect(quietUntil(at("2026-03-08T04:00:00Z"), night)?.toISOString()).toBe("2026-03-08T11:00:00.000Z");
    // It falls back on Sun 1 Nov 2026: at 23:00 EDT on the 31st the night ends at 07:00 EST = 12:00 UTC.
    expect(quietUntil(at("2026-11-01T03:00:00Z"), night)?.toISOString()).toBe("2026-11-01T12:00:00.000Z");
    // An end inside the spring-forward gap (02:30) resolves to the gap's end, 03:00 EDT.
    const toTwoThirty = { startMinute: 23 * 60, endMinute: 150, timeZone: "America/New_York" };
    expect(quietUntil(at("2026-03-08T05:00:00Z"), toTwoThirty)?.toISOString()).toBe("2026-03-08T07:00:00.000Z");
  });

  it("handles a range within one day, and none", () => {
    const lunch = { startMinute: 12 * 60, endMinute: 13 * 60, timeZone: "Europe/Madrid" };
    expect(quietUntil(at("2026-12-10T11:30:00Z"), lunch)?.toISOString()).toBe("2026-12-10T12:00:00.000Z");
    expect(quietUntil(at("2026-12-10T12:30:00Z"), lunch)).toBeNull();
    expect(quietUntil(at("2026-12-10T11:30:00Z"), null)).toBeNull();
    expect(quietUntil(at("2026-12-10T11:30:00Z"), { ...lunch, endMinute: 12 * 60 })).toBeNull();
  });
});

describe("digest periods", () => {
  const weekly = { frequency: "WEEKLY" as const, weekday: 1, hour: 8, timeZone: "America/Chicago" };

  it("starts a weekly period at the person's weekday and hour, and keys it by that local date", () => {
    // Monday 7 Dec 2026 08:00 CST is 14:00 UTC.
    expect(digestPeriod(at("2026-12-07T14:00:00Z"), weekly)).toEqual({ key: "W2026-12-07", startsAt: at("2026-12-07T14:00:00Z") });
    // A minute before: still last week's period.
    expect(digestPeriod(at("2026-12-07T13:59:00Z"), weekly).key).toBe("W2026-11-30");
    // Any time until next Monday 08:00: the same period.
    expect(digestPeriod(at("2026-12-13T23:00:00Z"), weekly).key).toBe("W2026-12-07");
    expect(digestPeriod(at("2026-12-14T14:00:00Z"), weekly).key).toBe("W2026-12-14");
  });

  it("starts a daily period at the person's hour", () => {
    const daily = { ...weekly, frequency: "DAILY" as const, hour: 18 };
    expect(digestPeriod(at("2026-12-08T00:30:00Z"), daily).key).toBe("D2026-12-07");
    expect(digestPeriod(at("2026-12-07T23:59:00Z"), daily).key).toBe("D2026-12-06");
  });
});
