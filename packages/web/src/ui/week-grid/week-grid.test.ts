import { addDays, buildWeek, firstFocus, keyMove, toggleTime, wallClock, weekQueryRange, weekStartOf, weekStartsOnFor } from "./week-grid";
import { slotLabel } from "./slot-label";

/** A 30-minute slot starting at an instant. */
const slot = (startsAt: string) => ({ startsAt, endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString() });

describe("weeks on the calendar", () => {
  it("counts days on the calendar, across a daylight-saving change and a year's end", () => {
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
    expect(addDays("2026-12-29", 7)).toBe("2027-01-05");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("starts English weeks on Sunday and Spanish ones on Monday", () => {
    // 2026-03-11 is a Wednesday.
    expect(weekStartOf("2026-03-11", weekStartsOnFor("en"))).toBe("2026-03-08");
    expect(weekStartOf("2026-03-11", weekStartsOnFor("es"))).toBe("2026-03-09");
    expect(weekStartOf("2026-03-08", 0)).toBe("2026-03-08");
    expect(weekStartOf("2026-03-08", 1)).toBe("2026-03-02");
  });

  it("reads the wall clock of a zone, with the offset of that day", () => {
    expect(wallClock("2026-03-07T15:00:00.000Z", "America/New_York")).toEqual({ date: "2026-03-07", time: "10:00" });
    expect(wallClock("2026-03-09T14:00:00.000Z", "America/New_York")).toEqual({ date: "2026-03-09", time: "10:00" });
    expect(wallClock("2026-03-10T04:30:00.000Z", "America/New_York")).toEqual({ date: "2026-03-10", time: "00:30" });
  });
});

describe("building a week across daylight-saving changes", () => {
  it("keeps 10:00 in New York in one row the week clocks go forward (8 March 2026)", () => {
    const slots = [slot("2026-03-07T15:00:00.000Z"), slot("2026-03-09T14:00:00.000Z"), slot("2026-03-10T14:00:00.000Z")];
    const week = buildWeek(slots, "2026-03-08", "America/New_York");
    expect(week.days).toEqual(["2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-14"]);
    // The Saturday before belongs to the previous week.
    expect(week.rows).toEqual([{ time: "10:00", cells: [null, slots[1], slots[2], null, null, null, null] }]);
  });

  it("keeps 09:30 in Madrid in one row the week clocks go back (25 October 2026)", () => {
    // Saturday 24 Oct: CEST (UTC+2); Monday 26 Oct: CET (UTC+1).
    const slots = [slot("2026-10-24T07:30:00.000Z"), slot("2026-10-26T08:30:00.000Z")];
    const week = buildWeek(slots, weekStartOf("2026-10-24", 1), "Europe/Madrid");
    expect(week.days[0]).toBe("2026-10-19");
    expect(week.rows).toEqual([{ time: "09:30", cells: [null, null, null, null, null, slots[0], null] }]);
    const next = buildWeek(slots, "2026-10-26", "Europe/Madrid");
    expect(next.rows).toEqual([{ time: "09:30", cells: [slots[1], null, null, null, null, null, null] }]);
  });

  it("shows the same slots on the other person's clock, rows sorted, when the grid is shown in their zone", () => {
    // 10:00 and 16:00 in New York on Tuesday 10 March 2026 (EDT); Madrid is still on CET: 15:00 and 21:00.
    const slots = [slot("2026-03-10T20:00:00.000Z"), slot("2026-03-10T14:00:00.000Z")];
    const ny = buildWeek(slots, "2026-03-08", "America/New_York");
    expect(ny.rows.map((r) => r.time)).toEqual(["10:00", "16:00"]);
    const madrid = buildWeek(slots, "2026-03-09", "Europe/Madrid");
    expect(madrid.rows.map((r) => r.time)).toEqual(["15:00", "21:00"]);
    expect(madrid.rows[0].cells[1]).toEqual(slots[1]);
  });

  it("moves a late slot to the next day when the other zone's clock has passed midnight", () => {
    const late = slot("2026-03-11T02:00:00.000Z"); // 22:00 Tuesday in New York, 03:00 Wednesday in Madrid
    expect(buildWeek([late], "2026-03-08", "America/New_York").rows[0]).toEqual({
      time: "22:00",
      cells: [null, null, late, null, null, null, null],
    });
    expect(buildWeek([late], "2026-03-09", "Europe/Madrid").rows[0]).toEqual({
      time: "03:00",
      cells: [null, null, late, null, null, null, null],
    });
  });

  it("asks for a day either side of the week (any zone's week fits), never for the past, the same question for an hour", () => {
    const now = Date.parse("2026-03-04T10:20:00.000Z");
    expect(weekQueryRange("2026-03-08", now)).toEqual({ from: "2026-03-07T00:00:00.000Z", to: "2026-03-16T00:00:00.000Z" });
    expect(weekQueryRange("2026-03-01", now)).toEqual({ from: "2026-03-04T11:00:00.000Z", to: "2026-03-09T00:00:00.000Z" });
    expect(weekQueryRange("2026-03-01", now + 30 * 60_000)).toEqual(weekQueryRange("2026-03-01", now));
  });
});

describe("a slot in both zones", () => {
  it("names the time on both clocks, five hours apart in the weeks New York has changed and Madrid has not", () => {
    const label = slotLabel("2026-03-10T14:00:00.000Z", "America/New_York", "Europe/Madrid", "en");
    expect(label.mine).toMatch(/10:00\sAM/);
    expect(label.mine).toMatch(/EDT/);
    expect(label.theirs).toMatch(/3:00\sPM/);
    expect(label.myTime).toMatch(/^10:00\sAM$/);
    expect(label.theirTime).toMatch(/^3:00\sPM$/);
  });

  it("six hours apart once both have changed, and in Spanish", () => {
    const label = slotLabel("2026-04-07T14:00:00.000Z", "America/New_York", "Europe/Madrid", "es");
    expect(label.myTime).toMatch(/^10:00\sa\.\s?m\.$/);
    expect(label.theirTime).toMatch(/^16:00$|^4:00\sp\.\s?m\.$/);
  });

  it("gives no second time when both share a clock", () => {
    const label = slotLabel("2026-04-07T14:00:00.000Z", "America/New_York", "America/New_York", "en");
    expect(label.theirs).toBeNull();
    expect(label.theirTime).toBeNull();
  });
});

describe("moving with the keyboard", () => {
  const size = { rows: 3, cols: 7 };
  const at = { row: 1, col: 3 };

  it("moves one cell with the arrows and stops at the edges", () => {
    expect(keyMove("ArrowRight", at, size)).toEqual({ kind: "focus", to: { row: 1, col: 4 } });
    expect(keyMove("ArrowLeft", at, size)).toEqual({ kind: "focus", to: { row: 1, col: 2 } });
    expect(keyMove("ArrowDown", at, size)).toEqual({ kind: "focus", to: { row: 2, col: 3 } });
    expect(keyMove("ArrowUp", at, size)).toEqual({ kind: "focus", to: { row: 0, col: 3 } });
    expect(keyMove("ArrowRight", { row: 1, col: 6 }, size)).toEqual({ kind: "focus", to: { row: 1, col: 6 } });
    expect(keyMove("ArrowUp", { row: 0, col: 0 }, size)).toEqual({ kind: "focus", to: { row: 0, col: 0 } });
    expect(keyMove("ArrowDown", { row: 2, col: 0 }, size)).toEqual({ kind: "focus", to: { row: 2, col: 0 } });
  });

  it("goes to the row's ends with Home and End, the grid's with Ctrl", () => {
    expect(keyMove("Home", at, size)).toEqual({ kind: "focus", to: { row: 1, col: 0 } });
    expect(keyMove("End", at, size)).toEqual({ kind: "focus", to: { row: 1, col: 6 } });
    expect(keyMove("Home", at, size, true)).toEqual({ kind: "focus", to: { row: 0, col: 0 } });
    expect(keyMove("End", at, size, true)).toEqual({ kind: "focus", to: { row: 2, col: 6 } });
  });

  it("changes the week with PageUp and PageDown, selects with Space and Enter, ignores other keys", () => {
    expect(keyMove("PageUp", at, size)).toEqual({ kind: "week", by: -1 });
    expect(keyMove("PageDown", at, size)).toEqual({ kind: "week", by: 1 });
    expect(keyMove(" ", at, size)).toEqual({ kind: "toggle" });
    expect(keyMove("Enter", at, size)).toEqual({ kind: "toggle" });
    expect(keyMove("a", at, size)).toEqual({ kind: "none" });
  });

  it("starts on a chosen time, else the first open one", () => {
    const slots = [slot("2026-03-10T14:00:00.000Z"), slot("2026-03-09T20:00:00.000Z")];
    const week = buildWeek(slots, "2026-03-08", "America/New_York");
    expect(firstFocus(week, [])).toEqual({ row: 0, col: 2 });
    expect(firstFocus(week, [slots[1].startsAt])).toEqual({ row: 1, col: 1 });
    expect(firstFocus(buildWeek([], "2026-03-08", "UTC"), [])).toEqual({ row: 0, col: 0 });
  });
});

describe("choosing times", () => {
  it("adds up to the limit in time order, removes a chosen one, replaces when one is the limit", () => {
    const [a, b, c, d] = ["2026-03-10T14:00:00.000Z", "2026-03-09T14:00:00.000Z", "2026-03-11T14:00:00.000Z", "2026-03-12T14:00:00.000Z"];
    let chosen = toggleTime([], a, 3);
    chosen = toggleTime(chosen, b, 3);
    chosen = toggleTime(chosen, c, 3);
    expect(chosen).toEqual([b, a, c]);
    expect(toggleTime(chosen, d, 3)).toEqual([b, a, c]);
    expect(toggleTime(chosen, a, 3)).toEqual([b, c]);
    expect(toggleTime([a], b, 1)).toEqual([b]);
    expect(toggleTime([a], a, 1)).toEqual([]);
  });
});
