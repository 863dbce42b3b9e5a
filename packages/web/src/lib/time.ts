/**
 * The one place dates and times become words: every date the web client shows goes through here, on Intl,
 * in the reader's language (set by the LocaleProvider) and time zone (their browser's unless one is given),
 * with the other person's zone beside it when it differs, and relative words ("tomorrow", "in 5 hours")
 * where they read more naturally than a date.
 */

let currentLocale = "en";

/** The language dates are written in; the LocaleProvider sets it before the pages render. */
export function setDateLocale(locale: string): void {
  currentLocale = locale;
}

export function dateLocale(): string {
  return currentLocale;
}

/** Intl's tag for a language: US English dates ("Mar 16, 2027"), Latin-American Spanish ("16 mar 2027"). */
function intlTag(locale: string): string {
  if (locale === "es") return "es-419";
  if (locale === "en") return "en-US";
  return locale;
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface FormatOptions {
  /** IANA zone; the browser's when omitted. */
  timeZone?: string;
  /** "en" or "es"; the current language when omitted. */
  locale?: string;
}

function format(iso: string | Date, options: Intl.DateTimeFormatOptions, { timeZone, locale }: FormatOptions): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  const fmt = (zone: string | undefined) => new Intl.DateTimeFormat(intlTag(locale ?? currentLocale), { ...options, timeZone: zone });
  try {
    return fmt(timeZone ?? browserTimeZone()).format(date);
  } catch {
    return fmt("UTC").format(date);
  }
}

/** A moment with its day, time and zone: "Tue, Mar 16, 10:00 AM EDT" / "mar, 16 mar, 10:00 a. m. GMT-4". */
export function formatDateTime(iso: string, timeZone?: string, locale?: string): string {
  return format(
    iso,
    { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit", timeZoneName: "short" },
    { timeZone, locale },
  ).replace(/ at /, ", ");
}

/** A moment's date and time without the zone, for logs and tables: "Mar 16, 2027, 10:00 AM". */
export function formatTimestamp(iso: string, timeZone?: string, locale?: string): string {
  return format(iso, { day: "numeric", month: "short", year: "numeric", hour: "numeric", minute: "2-digit" }, { timeZone, locale }).replace(
    / at /,
    ", ",
  );
}

/** A day: "Mar 16, 2027" / "16 mar 2027". */
export function formatDate(iso: string, timeZone?: string, locale?: string): string {
  return format(iso, { day: "numeric", month: "short", year: "numeric" }, { timeZone, locale });
}

/** A day within the year, for chart axes and short lists: "Mar 16" / "16 mar". */
export function formatShortDate(iso: string, timeZone?: string, locale?: string): string {
  return format(iso, { day: "numeric", month: "short" }, { timeZone, locale });
}

/** A day written out, for headings: "Tuesday, March 16" / "martes, 16 de marzo". */
export function formatLongDay(iso: string, timeZone?: string, locale?: string): string {
  return format(iso, { weekday: "long", day: "numeric", month: "long" }, { timeZone, locale });
}

/** A calendar date with no time of day ("2027-03-16", as a date input holds it), the same day everywhere. */
export function formatCalendarDate(day: string, locale?: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return formatDate(`${day}T12:00:00Z`, "UTC", locale);
}

/** The name of a weekday (0 = Sunday), in the reader's language. */
export function weekdayName(day: number, locale?: string): string {
  // 2023-01-01 was a Sunday.
  return format(new Date(Date.UTC(2023, 0, 1 + day, 12)), { weekday: "long" }, { timeZone: "UTC", locale });
}

export interface TwoZoneTime {
  /** The time on the reader's clock. */
  mine: string;
  /** The same moment on the other person's clock; null when both share a zone. */
  theirs: string | null;
}

/** A moment for the reader, and the same moment for the other person when their clocks differ. */
export function inBothZones(iso: string, myZone: string, theirZone: string, locale?: string): TwoZoneTime {
  const mine = formatDateTime(iso, myZone, locale);
  const theirs = formatDateTime(iso, theirZone, locale);
  return { mine, theirs: theirs === mine ? null : theirs };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function relative(value: number, unit: Intl.RelativeTimeFormatUnit, locale?: string): string {
  return new Intl.RelativeTimeFormat(intlTag(locale ?? currentLocale), { numeric: "auto" }).format(value, unit);
}

/** How far a day is, in words: "today", "tomorrow", "in 3 days", "2 days ago" / "hoy", "mañana", "dentro de 3 días". */
export function relativeDays(iso: string, now = Date.now(), locale?: string): string {
  const days = Math.round((Date.parse(iso) - now) / DAY_MS);
  return relative(days, "day", locale);
}

/** How long until a moment, in words: "in 5 hours", "in 3 days"; "now" once it has come. */
export function timeUntil(iso: string, now = Date.now(), locale?: string): string {
  const ms = Date.parse(iso) - now;
  if (ms <= 0) return relative(0, "second", locale);
  const hours = Math.round(ms / HOUR_MS);
  if (hours < 1) return relative(Math.max(1, Math.round(ms / 60_000)), "minute", locale);
  if (hours < 48) return relative(hours, "hour", locale);
  return relative(Math.round(hours / 24), "day", locale);
}

/** A count in the reader's language: "1,200" / "1200". */
export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(intlTag(locale ?? currentLocale)).format(value);
}

/** A rate (0.45) as a percentage in the reader's language: "45%" / "45 %". */
export function formatPercent(rate: number, locale?: string): string {
  return new Intl.NumberFormat(intlTag(locale ?? currentLocale), { style: "percent", maximumFractionDigits: 0 }).format(rate);
}

/** The value of an <input type="datetime-local"> as an instant, read in the browser's zone. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The offset of a zone from UTC at an instant, in milliseconds. */
function zoneOffset(utcMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
  return asUtc - utcMs;
}

/** A wall-clock date ("2026-03-16") and time ("09:00") in a zone, as an instant (ISO, UTC). */
export function zonedToIso(date: string, time: string, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
  let guess = wall - zoneOffset(wall, timeZone);
  guess = wall - zoneOffset(guess, timeZone);
  return new Date(guess).toISOString();
}

/** A time of day on the wall clock ("22:00") in the reader's words: "10:00 PM" / "10:00 p. m.". */
export function formatTimeOfDay(hhmm: string, locale?: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  return format(new Date(Date.UTC(2023, 0, 1, +m[1], +m[2])), { hour: "numeric", minute: "2-digit" }, { timeZone: "UTC", locale });
}

/** Every IANA zone the browser knows, sorted, with `current` kept in the list even when the browser lacks it. */
export function timeZoneNames(current?: string | null): string[] {
  const zones = (() => {
    try {
      return (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
    } catch {
      return [];
    }
  })();
  const all = new Set([...zones, "UTC", browserTimeZone()]);
  if (current) all.add(current);
  return [...all].sort();
}
