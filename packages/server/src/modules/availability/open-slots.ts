import { addDays, compareDates, instantAt, localDateOf, monthKey, weekdayOf } from "../../shared/zoned-time";

/** Nobody may book a slot that starts sooner than this. */
export const NOTICE_HOURS = 12;
/** The widest range openSlots answers for, so one query stays cheap. */
export const MAX_RANGE_DAYS = 31;

export interface WeeklyWindow {
  weekday: number;
  startMinute: number;
  endMinute: number;
  timeZone: string;
}

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export interface ZonedInterval extends Interval {
  timeZone: string;
}

export const overlaps = (a: Interval, b: Interval): boolean => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

export const earliestBookableStart = (now: Date): Date => new Date(now.getTime() + NOTICE_HOURS * 3600_000);

/**
 * Every occurrence of the weekly windows that overlaps [from, to). Each one is computed for its own
 * calendar date in the window's zone, so 09:00 local stays 09:00 local across daylight-saving changes.
 */
export function windowOccurrences(windows: WeeklyWindow[], from: Date, to: Date): ZonedInterval[] {
  const byZone = new Map<string, WeeklyWindow[]>();
  for (const w of windows) byZone.set(w.timeZone, [...(byZone.get(w.timeZone) ?? []), w]);
  const occurrences: ZonedInterval[] = [];
  for (const [zone, zoneWindows] of byZone) {
    const last = addDays(localDateOf(to, zone), 1);
    for (let date = addDays(localDateOf(from, zone), -1); compareDates(date, last) <= 0; date = addDays(date, 1)) {
      const weekday = weekdayOf(date);
      for (const w of zoneWindows) {
        if (w.weekday !== weekday) continue;
        const startsAt = instantAt(date, w.startMinute, zone);
        const endsAt = instantAt(date, w.endMinute, zone);
        // A window inside a spring-forward gap has no moments at all that day.
        if (endsAt > startsAt && endsAt > from && startsAt < to) occurrences.push({ startsAt, endsAt, timeZone: zone });
      }
    }
  }
  return occurrences;
}

/**
 * Back-to-back pieces of the meeting length from the start of the interval, in real time, so every piece
 * lasts exactly the meeting length even when a clock change falls inside. A shorter remainder is dropped.
 */
export function splitIntoSlots(interval: ZonedInterval, meetingMinutes: number): ZonedInterval[] {
  const step = meetingMinutes * 60_000;
  const pieces: ZonedInterval[] = [];
  for (let t = interval.startsAt.getTime(); t + step <= interval.endsAt.getTime(); t += step) {
    pieces.push({ startsAt: new Date(t), endsAt: new Date(t + step), timeZone: interval.timeZone });
  }
  return pieces;
}

export interface SlotSources {
  windows: WeeklyWindow[];
  oneOffSlots: ZonedInterval[];
  meetingMinutes: number;
  /** Booked meetings (ACCEPTED or COMPLETED requests): nothing overlapping them is offered. */
  booked: Interval[];
}

/**
 * Slots that start in [from, to), by start time: window occurrences and one-off slots cut into
 * meeting-length pieces, minus anything overlapping a booked meeting. When a one-off slot and a window
 * give a piece with the same start, it is offered once; pieces that merely overlap are both offered,
 * as alternatives (booking one makes the other overlap a booked meeting).
 */
export function candidateSlots(sources: SlotSources, from: Date, to: Date): ZonedInterval[] {
  const seen = new Set<number>();
  const slots: ZonedInterval[] = [];
  const intervals = [...windowOccurrences(sources.windows, from, to), ...sources.oneOffSlots];
  for (const piece of intervals.flatMap((i) => splitIntoSlots(i, sources.meetingMinutes))) {
    const start = piece.startsAt.getTime();
    if (piece.startsAt < from || piece.startsAt >= to || seen.has(start)) continue;
    if (sources.booked.some((b) => overlaps(b, piece))) continue;
    seen.add(start);
    slots.push(piece);
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Leaves out slots in calendar months (in `zone`) whose capacity is used up. */
export function withinCapacity<T extends Interval>(slots: T[], zone: string, fullMonths: ReadonlySet<string>): T[] {
  if (fullMonths.size === 0) return slots;
  return slots.filter((s) => !fullMonths.has(monthKey(s.startsAt, zone)));
}

/** Whether `interval` lies wholly inside published availability; touching or overlapping pieces join up. */
export function isCovered(interval: Interval, windows: WeeklyWindow[], oneOffSlots: Interval[]): boolean {
  const around = windowOccurrences(
    windows,
    new Date(interval.startsAt.getTime() - 86_400_000),
    new Date(interval.endsAt.getTime() + 86_400_000),
  );
  const pieces = [...around, ...oneOffSlots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  let joined: { start: number; end: number } | null = null;
  for (const piece of pieces) {
    const [start, end] = [piece.startsAt.getTime(), piece.endsAt.getTime()];
    joined = joined !== null && start <= joined.end ? { start: joined.start, end: Math.max(joined.end, end) } : { start, end };
    if (joined.start <= interval.startsAt.getTime() && interval.endsAt.getTime() <= joined.end) return true;
  }
  return false;
}
