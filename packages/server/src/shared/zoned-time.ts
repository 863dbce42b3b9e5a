/**
 * Wall-clock time in IANA time zones, with the platform's Intl (full ICU ships with Node) and no library.
 *
 * Rules for wall-clock times that do not map to exactly one instant (see instantAt):
 * - In a spring-forward gap (02:30 on the day New York jumps from 02:00 to 03:00) the time does not
 *   exist; it resolves to the instant the gap ends (03:00 EDT). A window 02:30–04:00 that day therefore
 *   covers 03:00–04:00 EDT: exactly the moments the alum's clock reads between 02:30 and 04:00.
 * - In an autumn overlap (01:30 on the day New York falls back from 02:00 EDT to 01:00 EST) the time
 *   happens twice; it resolves to the first occurrence (01:30 EDT).
 */

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * An IANA time zone name as given, with its case corrected where ICU knows the name (`utc` → `UTC`),
 * or null when it is not one. ICU's own "canonical" names are older aliases (Asia/Kolkata → Asia/Calcutta,
 * Europe/Kyiv → Europe/Kiev), so a valid name is kept rather than replaced. Offsets such as `+02:00` are
 * refused: they ignore daylight saving time.
 */
export function canonicalTimeZone(value: unknown): string | null {
  if (typeof value !== "string" || !/^[A-Za-z][A-Za-z0-9_/+-]*$/.test(value) || value.length > 64) return null;
  // Asking ICU builds a formatter (~50 µs): a page of matches asks for every alum's zone and window, so answers are kept.
  const known = canonicalZones.get(value);
  if (known !== undefined) return known;
  let answer: string | null;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
    answer = resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch {
    answer = null;
  }
  // The tz database has ~600 names; the bound only keeps made-up names from growing the map without end.
  if (canonicalZones.size >= 2_000) canonicalZones.clear();
  canonicalZones.set(value, answer);
  return answer;
}

const canonicalZones = new Map<string, string | null>();

/** What a wall clock in `zone` reads at `instant`. */
export function localDateTime(instant: Date, zone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

export function localDateOf(instant: Date, zone: string): LocalDate {
  const { year, month, day } = localDateTime(instant, zone);
  return { year, month, day };
}

/** Minutes the zone is ahead of UTC at `instant` (New York in summer: -240). */
export function offsetMinutes(instant: Date, zone: string): number {
  const l = localDateTime(instant, zone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE);
}

/**
 * The instant at which the wall clock in `zone` reads `minuteOfDay` (0–1440; 1440 is the next midnight)
 * on `date`. Gaps resolve to the end of the gap, overlaps to the first occurrence (see the file comment).
 */
export function instantAt(date: LocalDate, minuteOfDay: number, zone: string): Date {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE;
  // Offsets never exceed ±14 h, so the offsets a day either side bracket any transition near the answer.
  const before = offsetMinutes(new Date(wallAsUtc - DAY), zone);
  const after = offsetMinutes(new Date(wallAsUtc + DAY), zone);
  // Most days: no transition nearby (two transitions within two days do not occur in the tz database).
  if (before === after) return new Date(wallAsUtc - before * MINUTE);
  const candidates = [...new Set([before, after])]
    .map((offset) => ({ offset, at: wallAsUtc - offset * MINUTE }))
    .filter(({ offset, at }) => offsetMinutes(new Date(at), zone) === offset)
    .map(({ at }) => at);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // A gap: the clock jumps over this time. Find the first minute on the later offset.
  // The clock moved forward (after > before), so the transition lies between these two readings.
  let lo = Math.floor((wallAsUtc - after * MINUTE) / MINUTE);
  let hi = Math.ceil((wallAsUtc - before * MINUTE) / MINUTE);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMinutes(new Date(mid * MINUTE), zone) === after) hi = mid;
    else lo = mid + 1;
  }
  return new Date(lo * MINUTE);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The calendar month containing `instant` in `zone`, as instants: [first midnight, next first midnight). */
export function monthRange(instant: Date, zone: string): { start: Date; end: Date; key: string } {
  const { year, month } = localDateOf(instant, zone);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    start: instantAt({ year, month, day: 1 }, 0, zone),
    end: instantAt({ ...next, day: 1 }, 0, zone),
    key: monthKey(instant, zone),
  };
}

/** "2027-03": the calendar month of `instant` in `zone`. */
export function monthKey(instant: Date, zone: string): string {
  const { year, month } = localDateOf(instant, zone);
  return `${year}-${String(month).padStart(2, "0")}`;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes since midnight for "HH:MM" (00:00–24:00), or null. */
export function parseHhMm(value: string): number | null {
  const match = HH_MM.exec(value);
  if (!match) return null;
  return match[1] === undefined ? 1440 : Number(match[1]) * 60 + Number(match[2]);
}

export function formatHhMm(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}`;
}

const abbreviationFormatters = new Map<string, Intl.DateTimeFormat>();

function abbreviationIn(locale: string, instant: Date, zone: string): string {
  const cacheKey = `${locale}|${zone}`;
  let formatter = abbreviationFormatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" });
    abbreviationFormatters.set(cacheKey, formatter);
  }
  return formatter.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? zone;
}

/**
 * The zone's short name at `instant`: EDT, CST, BST, CET… ICU knows American names in en-US and
 * European ones in en-GB; elsewhere it is an offset such as GMT+5:30, which is still unambiguous.
 */
export function zoneAbbreviation(instant: Date, zone: string): string {
  const us = abbreviationIn("en-US", instant, zone);
  if (!/^GMT[+-]/.test(us)) return us;
  const gb = abbreviationIn("en-GB", instant, zone);
  return /^GMT[+-]/.test(gb) ? us : gb;
}

const dayLabel = (d: LocalDate) => `${WEEKDAYS[weekdayOf(d)]} ${d.day} ${MONTHS[d.month - 1]}`;
const timeLabel = (t: LocalDateTime) => formatHhMm(t.hour * 60 + t.minute);

/**
 * A meeting as the alum's clock shows it: "Tue 16 Mar, 09:00–09:30 EDT". Both ends carry their zone name
 * when a clock change falls inside ("Sun 7 Nov, 01:30 EDT–01:00 EST"), and a date when midnight does.
 */
export function localLabel(startsAt: Date, endsAt: Date, zone: string): string {
  const start = localDateTime(startsAt, zone);
  const end = localDateTime(endsAt, zone);
  const startZone = zoneAbbreviation(startsAt, zone);
  const endZone = zoneAbbreviation(endsAt, zone);
  const endDay = compareDates(start, end) === 0 ? "" : `${dayLabel(end)}, `;
  const head = `${dayLabel(start)}, ${timeLabel(start)}`;
  if (startZone === endZone) return `${head}–${endDay}${timeLabel(end)} ${endZone}`;
  return `${head} ${startZone}–${endDay}${timeLabel(end)} ${endZone}`;
}
