import { addDays, instantAt, localDateOf, localDateTime, weekdayOf, type LocalDate } from "../../shared/zoned-time";

/** A person's quiet hours: minutes of the day on their own wall clock; start > end wraps past midnight (22:00–07:00). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
  timeZone: string;
}

/**
 * When the quiet hours holding `now` end, or null when `now` is outside them (or they are empty). Worked out on the
 * person's wall clock, so a range keeps its local times across a daylight-saving change (the night is an hour shorter
 * or longer in UTC); an end that falls in a spring-forward gap resolves to the gap's end (shared/zoned-time).
 */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet || quiet.startMinute === quiet.endMinute) return null;
  const local = localDateTime(now, quiet.timeZone);
  const minute = local.hour * 60 + local.minute;
  const today: LocalDate = { year: local.year, month: local.month, day: local.day };
  const { startMinute: start, endMinute: end } = quiet;
  if (start < end) {
    // Within one day: 13:00–14:00.
    return minute >= start && minute < end ? instantAt(today, end, quiet.timeZone) : null;
  }
  // Wrapping past midnight: 22:00–07:00 is 22:00–24:00 today and 00:00–07:00.
  if (minute >= start) return instantAt(addDays(today, 1), end, quiet.timeZone);
  if (minute < end) return instantAt(today, end, quiet.timeZone);
  return null;
}

/** How often a digest goes: DAILY at the person's hour, WEEKLY on their weekday (1 = Monday … 7 = Sunday) at that hour. */
export interface DigestSchedule {
  frequency: "DAILY" | "WEEKLY";
  weekday: number;
  hour: number;
  timeZone: string;
}

/**
 * The period a digest sent at `now` belongs to: it starts at the latest occurrence of the person's day and hour at or
 * before `now` (their wall clock), and its key is that local date — one digest per person per key (digest_runs).
 */
export function digestPeriod(now: Date, s: DigestSchedule): { key: string; startsAt: Date } {
  const today = localDateOf(now, s.timeZone);
  let day = today;
  if (s.frequency === "WEEKLY") {
    const isoToday = ((weekdayOf(today) + 6) % 7) + 1;
    day = addDays(today, -((isoToday - s.weekday + 7) % 7));
  }
  let startsAt = instantAt(day, s.hour * 60, s.timeZone);
  if (startsAt.getTime() > now.getTime()) {
    day = addDays(day, s.frequency === "WEEKLY" ? -7 : -1);
    startsAt = instantAt(day, s.hour * 60, s.timeZone);
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  return { key: `${s.frequency === "WEEKLY" ? "W" : "D"}${day.year}-${pad(day.month)}-${pad(day.day)}`, startsAt };
}
