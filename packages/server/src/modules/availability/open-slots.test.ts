import { candidateSlots, isCovered, splitIntoSlots, windowOccurrences, withinCapacity, type WeeklyWindow } from "./open-slots";

const at = (iso: string) => new Date(iso);
const everyDay = (startMinute: number, endMinute: number, timeZone: string): WeeklyWindow[] =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute, endMinute, timeZone }));
const starts = (slots: Array<{ startsAt: Date }>) => slots.map((s) => s.startsAt.toISOString());

describe("windowOccurrences", () => {
  it("computes each day's window in the zone, so 09:00 New York time stays 09:00 across 2027-03-14", () => {
    const occurrences = windowOccurrences(everyDay(540, 600, "America/New_York"), at("2027-03-12T00:00:00Z"), at("2027-03-17T00:00:00Z"));
    expect(starts(occurrences)).toEqual([
      "2027-03-12T14:00:00.000Z",
      "2027-03-13T14:00:00.000Z",
      "2027-03-14T13:00:00.000Z",
      "2027-03-15T13:00:00.000Z",
      "2027-03-16T13:00:00.000Z",
    ]);
    expect(occurrences.every((o) => o.endsAt.getTime() - o.startsAt.getTime() === 3600_000)).toBe(true);
  });

  it("keeps 09:00 London time across 2027-03-28", () => {
    const occurrences = windowOccurrences(everyDay(540, 600, "Europe/London"), at("2027-03-27T00:00:00Z"), at("2027-03-29T23:00:00Z"));
    expect(starts(occurrences)).toEqual(["2027-03-27T09:00:00.000Z", "2027-03-28T08:00:00.000Z", "2027-03-29T08:00:00.000Z"]);
  });

  it("only uses windows on their weekday (0 = Sunday)", () => {
    const tuesday: WeeklyWindow = { weekday: 2, startMinute: 540, endMinute: 600, timeZone: "America/New_York" };
    expect(starts(windowOccurrences([tuesday], at("2027-03-12T00:00:00Z"), at("2027-03-26T00:00:00Z")))).toEqual([
      "2027-03-16T13:00:00.000Z",
      "2027-03-23T13:00:00.000Z",
    ]);
  });

  it("shortens a window that starts in the spring-forward gap to the moments that exist (02:30–04:00 → 03:00–04:00 EDT)", () => {
    const sunday: WeeklyWindow = { weekday: 0, startMinute: 150, endMinute: 240, timeZone: "America/New_York" };
    const [occurrence] = windowOccurrences([sunday], at("2027-03-14T00:00:00Z"), at("2027-03-15T00:00:00Z"));
    expect(occurrence).toEqual({ startsAt: at("2027-03-14T07:00:00Z"), endsAt: at("2027-03-14T08:00:00Z"), timeZone: "America/New_York" });
  });

  it("drops a window that lies wholly inside the gap", () => {
    const sunday: WeeklyWindow = { weekday: 0, startMinute: 120, endMinute: 165, timeZone: "America/New_York" };
    expect(windowOccurrences([sunday], at("2027-03-14T00:00:00Z"), at("2027-03-15T00:00:00Z"))).toEqual([]);
  });

  it("covers the repeated hour in the autumn overlap (01:00–02:30 lasts 2½ hours on 2027-11-07)", () => {
    const sunday: WeeklyWindow = { weekday: 0, startMinute: 60, endMinute: 150, timeZone: "America/New_York" };
    const [occurrence] = windowOccurrences([sunday], at("2027-11-07T00:00:00Z"), at("2027-11-08T00:00:00Z"));
    expect(occurrence).toMatchObject({ startsAt: at("2027-11-07T05:00:00Z"), endsAt: at("2027-11-07T07:30:00Z") });
  });

  it("expands windows in different zones independently", () => {
    const windows: WeeklyWindow[] = [
      { weekday: 2, startMinute: 540, endMinute: 600, timeZone: "America/New_York" },
      { weekday: 2, startMinute: 540, endMinute: 600, timeZone: "Europe/London" },
    ];
    expect(starts(windowOccurrences(windows, at("2027-03-16T00:00:00Z"), at("2027-03-17T00:00:00Z"))).sort()).toEqual([
      "2027-03-16T09:00:00.000Z",
      "2027-03-16T13:00:00.000Z",
    ]);
  });
});

describe("splitIntoSlots", () => {
  it("cuts back-to-back pieces of the meeting length and drops a shorter remainder", () => {
    const pieces = splitIntoSlots({ startsAt: at("2027-03-16T13:00:00Z"), endsAt: at("2027-03-16T14:10:00Z"), timeZone: "UTC" }, 30);
    expect(starts(pieces)).toEqual(["2027-03-16T13:00:00.000Z", "2027-03-16T13:30:00.000Z"]);
  });

  it("keeps every piece exactly the meeting length when the clocks go back inside the window", () => {
    const pieces = splitIntoSlots(
      { startsAt: at("2027-11-07T05:00:00Z"), endsAt: at("2027-11-07T07:30:00Z"), timeZone: "America/New_York" },
      30,
    );
    expect(pieces).toHaveLength(5);
    expect(pieces.every((p) => p.endsAt.getTime() - p.startsAt.getTime() === 30 * 60_000)).toBe(true);
  });
});

describe("candidateSlots", () => {
  const tuesday: WeeklyWindow = { weekday: 2, startMinute: 540, endMinute: 660, timeZone: "America/New_York" }; // 09:00–11:00 EDT = 13:00–15:00Z
  const base = { windows: [tuesday], oneOffSlots: [], booked: [], meetingMinutes: 30 };
  const from = at("2027-03-16T00:00:00Z");
  const to = at("2027-03-17T00:00:00Z");

  it("offers window pieces that start in [from, to), earliest first", () => {
    expect(starts(candidateSlots(base, from, to))).toEqual([
      "2027-03-16T13:00:00.000Z",
      "2027-03-16T13:30:00.000Z",
      "2027-03-16T14:00:00.000Z",
      "2027-03-16T14:30:00.000Z",
    ]);
    expect(starts(candidateSlots(base, at("2027-03-16T13:30:00Z"), at("2027-03-16T14:30:00Z")))).toEqual([
      "2027-03-16T13:30:00.000Z",
      "2027-03-16T14:00:00.000Z",
    ]);
  });

  it("leaves out every piece that overlaps a booked meeting, even partly", () => {
    const booked = [{ startsAt: at("2027-03-16T13:45:00Z"), endsAt: at("2027-03-16T14:15:00Z") }];
    expect(starts(candidateSlots({ ...base, booked }, from, to))).toEqual(["2027-03-16T13:00:00.000Z", "2027-03-16T14:30:00.000Z"]);
  });

  it("adds one-off slots, offering a start the window already gives only once", () => {
    const oneOffSlots = [
      { startsAt: at("2027-03-16T14:30:00Z"), endsAt: at("2027-03-16T15:30:00Z"), timeZone: "America/New_York" },
      { startsAt: at("2027-03-16T20:00:00Z"), endsAt: at("2027-03-16T20:45:00Z"), timeZone: "Europe/London" },
    ];
    const slots = candidateSlots({ ...base, oneOffSlots }, from, to);
    expect(starts(slots)).toEqual([
      "2027-03-16T13:00:00.000Z",
      "2027-03-16T13:30:00.000Z",
      "2027-03-16T14:00:00.000Z",
      "2027-03-16T14:30:00.000Z",
      "2027-03-16T15:00:00.000Z",
      "2027-03-16T20:00:00.000Z",
    ]);
    expect(slots[5].timeZone).toBe("Europe/London");
  });

  it("uses the institution's meeting length", () => {
    expect(starts(candidateSlots({ ...base, meetingMinutes: 45 }, from, to))).toEqual([
      "2027-03-16T13:00:00.000Z",
      "2027-03-16T13:45:00.000Z",
    ]);
  });
});

describe("withinCapacity", () => {
  it("leaves out slots in full months, counted in the alum's zone", () => {
    const slots = [
      { startsAt: at("2027-04-01T02:00:00Z"), endsAt: at("2027-04-01T02:30:00Z") }, // 31 March in New York
      { startsAt: at("2027-04-01T14:00:00Z"), endsAt: at("2027-04-01T14:30:00Z") },
    ];
    expect(withinCapacity(slots, "America/New_York", new Set(["2027-03"]))).toEqual([slots[1]]);
    expect(withinCapacity(slots, "UTC", new Set(["2027-03"]))).toEqual(slots);
  });
});

describe("isCovered", () => {
  const windows: WeeklyWindow[] = [
    { weekday: 2, startMinute: 540, endMinute: 600, timeZone: "America/New_York" },
    { weekday: 2, startMinute: 600, endMinute: 660, timeZone: "America/New_York" },
  ];
  const interval = (start: string, minutes = 30) => ({ startsAt: at(start), endsAt: new Date(at(start).getTime() + minutes * 60_000) });

  it("accepts a time inside a window, on or off the slot grid", () => {
    expect(isCovered(interval("2027-03-16T13:00:00Z"), windows, [])).toBe(true);
    expect(isCovered(interval("2027-03-16T13:10:00Z"), windows, [])).toBe(true);
  });

  it("joins touching windows", () => {
    expect(isCovered(interval("2027-03-16T13:45:00Z"), windows, [])).toBe(true);
  });

  it("refuses a time sticking out of the windows, or on another day", () => {
    expect(isCovered(interval("2027-03-16T14:45:00Z"), windows, [])).toBe(false);
    expect(isCovered(interval("2027-03-16T12:45:00Z"), windows, [])).toBe(false);
    expect(isCovered(interval("2027-03-17T13:00:00Z"), windows, [])).toBe(false);
  });

  it("accepts a time inside a one-off slot", () => {
    const oneOff = [interval("2027-03-17T13:00:00Z", 60)];
    expect(isCovered(interval("2027-03-17T13:15:00Z"), windows, oneOff)).toBe(true);
  });
});
