/** Dates and times for people: in their own zone, with the other person's zone beside it when it differs. */

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

/** "Tue, Mar 16, 10:00 AM EDT" in the given zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  })
    .format(new Date(iso))
    .replace(/ at /, ", ");
}

/** "March 16, 2027" in the given zone. */
export function formatDate(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-US", { day: "numeric", month: "long", year: "numeric", timeZone }).format(new Date(iso));
}

export interface TwoZoneTime {
  /** The time on the reader's clock. */
  mine: string;
  /** The same moment on the other person's clock; null when both share a zone. */
  theirs: string | null;
}

/** A moment for the reader, and the same moment for the other person when their clocks differ. */
export function inBothZones(iso: string, myZone: string, theirZone: string): TwoZoneTime {
  const mine = formatDateTime(iso, myZone);
  const theirs = formatDateTime(iso, theirZone);
  return { mine, theirs: theirs === mine ? null : theirs };
}

const DAY_MS = 86_400_000;

/** "today", "tomorrow", "in 3 days", "2 days ago". */
export function relativeDays(iso: string, now = Date.now()): string {
  const days = Math.round((Date.parse(iso) - now) / DAY_MS);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** The value of an <input type="datetime-local"> as an instant, read in the browser's zone. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
