/**
 * The week grid's pure logic: which days a week holds, which times of day are rows, which open slot sits in each
 * cell, where focus goes on a key, what a selection becomes. Days are calendar dates ("2026-03-08") counted on
 * the calendar, never by adding 24 hours, and every slot is placed by the wall clock of the zone the grid is
 * shown in, so a week across a daylight-saving change keeps 10:00 in the 10:00 row. No formatting here: the
 * component shows dates and times with lib/time.ts.
 */

export interface Slot {
  startsAt: string;
  endsAt: string;
}

export interface WallClock {
  /** "2026-03-08" */
  date: string;
  /** "09:30", 24-hour */
  time: string;
}

/** The date and time of day an instant shows on a zone's clock (calendar arithmetic, not display). */
export function wallClock(iso: string, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    // Calendar arithmetic, not display: the parts of a fixed en-US format are read as numbers.
    // eslint-disable-next-line no-restricted-syntax
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${String(+parts.hour % 24).padStart(2, "0")}:${parts.minute}` };
}

function dateParts(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a calendar date: ${day}`);
  return [+m[1], +m[2] - 1, +m[3]];
}

/** A calendar date `n` days later (or earlier): the same in every zone. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = dateParts(day);
  return new Date(Date.UTC(y, m, d + n)).toISOString().slice(0, 10);
}

/** The day of the week of a calendar date, 0 = Sunday. */
export function dayOfWeek(day: string): number {
  const [y, m, d] = dateParts(day);
  return new Date(Date.UTC(y, m, d)).getUTCDay();
}

/** The first day of the week that holds `day`; weeks start on Sunday (0) or Monday (1). */
export function weekStartOf(day: string, weekStartsOn: 0 | 1): string {
  return addDays(day, -((dayOfWeek(day) - weekStartsOn + 7) % 7));
}

/** English readers' weeks start on Sunday, Spanish readers' on Monday. */
export function weekStartsOnFor(locale: string): 0 | 1 {
  return locale === "en" ? 0 : 1;
}

export interface WeekRow {
  /** The time of day on the grid's clock, "09:30". */
  time: string;
  /** One cell per day: the open slot starting then, or null. */
  cells: Array<Slot | null>;
}

export interface Week {
  /** The seven calendar dates shown, in order. */
  days: string[];
  /** One row per time of day at which some slot of the week starts, earliest first. */
  rows: WeekRow[];
}

/** The week starting on `start` as the grid shows it in `timeZone`: days as columns, times of day as rows. */
export function buildWeek(slots: readonly Slot[], start: string, timeZone: string): Week {
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const byTime = new Map<string, Array<Slot | null>>();
  for (const slot of slots) {
    const { date, time } = wallClock(slot.startsAt, timeZone);
    const column = days.indexOf(date);
    if (column < 0) continue;
    const cells = byTime.get(time) ?? days.map(() => null);
    // On the day clocks go back, an hour's times happen twice: the first one keeps the cell.
    if (!cells[column]) cells[column] = slot;
    byTime.set(time, cells);
  }
  const rows = [...byTime.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([time, cells]) => ({ time, cells }));
  return { days, rows };
}

export interface Position {
  row: number;
  col: number;
}

export type Move = { kind: "focus"; to: Position } | { kind: "week"; by: -1 | 1 } | { kind: "toggle" } | { kind: "none" };

/**
 * What a key does in the grid (WAI-ARIA APG grid pattern): arrows move one cell, Home/End go to the row's first
 * or last day (with Ctrl, the grid's first or last cell), PageUp/PageDown change the week, Space/Enter select.
 */
export function keyMove(key: string, at: Position, size: { rows: number; cols: number }, ctrl = false): Move {
  const clampRow = (row: number) => Math.max(0, Math.min(size.rows - 1, row));
  const clampCol = (col: number) => Math.max(0, Math.min(size.cols - 1, col));
  const to = (row: number, col: number): Move => ({ kind: "focus", to: { row: clampRow(row), col: clampCol(col) } });
  switch (key) {
    case "ArrowRight":
      return to(at.row, at.col + 1);
    case "ArrowLeft":
      return to(at.row, at.col - 1);
    case "ArrowDown":
      return to(at.row + 1, at.col);
    case "ArrowUp":
      return to(at.row - 1, at.col);
    case "Home":
      return ctrl ? to(0, 0) : to(at.row, 0);
    case "End":
      return ctrl ? to(size.rows - 1, size.cols - 1) : to(at.row, size.cols - 1);
    case "PageUp":
      return { kind: "week", by: -1 };
    case "PageDown":
      return { kind: "week", by: 1 };
    case " ":
    case "Enter":
      return { kind: "toggle" };
    default:
      return { kind: "none" };
  }
}

/** Where focus starts in a week: the first selected cell, else the first open one, else the top-left cell. */
export function firstFocus(week: Week, selected: readonly string[]): Position {
  let open: Position | null = null;
  for (let row = 0; row < week.rows.length; row++) {
    for (let col = 0; col < 7; col++) {
      const cell = week.rows[row].cells[col];
      if (cell && selected.includes(cell.startsAt)) return { row, col };
      if (cell && !open) open = { row, col };
    }
  }
  return open ?? { row: 0, col: 0 };
}

/** Selecting a time: adds it (unless `max` are already chosen, or one is the limit and it replaces), removes it if chosen. */
export function toggleTime(selected: readonly string[], startsAt: string, max: number): string[] {
  if (selected.includes(startsAt)) return selected.filter((s) => s !== startsAt);
  if (max === 1) return [startsAt];
  if (selected.length >= max) return [...selected];
  return [...selected, startsAt].sort((a, b) => Date.parse(a) - Date.parse(b));
}

/**
 * The instants to ask the server for, to fill the week starting on `start` in any zone: a day either side, never the
 * past (from the next full hour, so going back to a week asks the same question and the cache answers it).
 */
export function weekQueryRange(start: string, now = Date.now()): { from: string; to: string } {
  const nextHour = Math.ceil((now + 60_000) / 3_600_000) * 3_600_000;
  const from = Math.max(Date.parse(`${addDays(start, -1)}T00:00:00Z`), nextHour);
  return { from: new Date(from).toISOString(), to: `${addDays(start, 8)}T00:00:00.000Z` };
}

/** The week a moment falls in, on a zone's clock. */
export function weekOf(iso: string, timeZone: string, weekStartsOn: 0 | 1): string {
  return weekStartOf(wallClock(iso, timeZone).date, weekStartsOn);
}
