import type { EntityManager } from "typeorm";
import { prepared } from "../../db/sql";
import {
  candidateSlots,
  earliestBookableStart,
  withinCapacity,
  type Interval,
  type WeeklyWindow,
  type ZonedInterval,
} from "../availability";
import { canonicalTimeZone, monthKey } from "../../shared/zoned-time";

export interface SlotAlumnus {
  alumnusId: string;
  timeZone: string;
  monthlyCapacity: number;
}

const DAY = 86_400_000;

/** Rows as json_build_object gives them: timestamps arrive as ISO strings. */
type WindowJson = WeeklyWindow & { alumnusId: string };
type ZonedJson = { alumnusId: string; startsAt: string; endsAt: string; timeZone: string };
type MeetingJson = { alumnusId: string; state: string; startsAt: string; endsAt: string };
/** Mirrors the availability module: booked meetings block their time; these states use up capacity. */
const BOOKED_STATES = new Set(["ACCEPTED", "COMPLETED"]);
const CAPACITY_STATES = ["ACCEPTED", "COMPLETED", "NO_SHOW"];

/**
 * Open (bookable) slots of many alumni in [now + notice, now + days), in one query whatever their number:
 * the same rules as AvailabilityService.openSlots (windows and one-off slots, minus booked meetings, minus
 * months whose capacity is used), for a page of matches. Paused alumni are never passed in.
 */
export async function openSlotCounts(
  m: EntityManager,
  alumni: SlotAlumnus[],
  meetingMinutes: number,
  now: Date,
  days: number,
): Promise<Map<string, number>> {
  const counts = new Map(alumni.map((a) => [a.alumnusId, 0]));
  if (alumni.length === 0) return counts;
  const ids = alumni.map((a) => a.alumnusId);
  const from = earliestBookableStart(now);
  const to = new Date(now.getTime() + days * DAY);
  if (from >= to) return counts;
  const horizon = new Date(to.getTime() + meetingMinutes * 60_000);
  // One statement for the three sets (each as a JSON array): on this page's path every round trip counts. Prepared
  // (db/sql.ts): its generic plan runs as fast and is not planned each time.
  const [sets]: Array<{ windows: WindowJson[]; oneOff: ZonedJson[]; meetings: MeetingJson[] }> = await prepared(
    m,
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('alumnusId', alumnus_id, 'weekday', weekday, 'startMinute', start_minute,
                 'endMinute', end_minute, 'timeZone', time_zone)), '[]')
          FROM availability_windows WHERE alumnus_id = ANY($1::uuid[])) AS windows,
       (SELECT coalesce(json_agg(json_build_object('alumnusId', alumnus_id, 'startsAt', starts_at, 'endsAt', ends_at, 'timeZone', time_zone)), '[]')
          FROM availability_slots WHERE alumnus_id = ANY($1::uuid[]) AND ends_at > $2 AND starts_at < $3) AS "oneOff",
       -- Wide enough to hold every calendar month the range touches, in any zone.
       (SELECT coalesce(json_agg(json_build_object('alumnusId', alumnus_id, 'state', state, 'startsAt', meeting_starts_at,
                 'endsAt', meeting_ends_at)), '[]')
          FROM interview_requests
         WHERE alumnus_id = ANY($1::uuid[]) AND state = ANY($4) AND meeting_starts_at >= $5 AND meeting_starts_at < $6) AS meetings`,
    [ids, from, horizon, CAPACITY_STATES, new Date(from.getTime() - 33 * DAY), new Date(horizon.getTime() + 33 * DAY)],
  );
  const windows: Array<WeeklyWindow & { alumnusId: string }> = sets.windows;
  const oneOff: Array<ZonedInterval & { alumnusId: string }> = sets.oneOff.map((s) => ({
    ...s,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
  }));
  const meetings: Array<Interval & { alumnusId: string; state: string }> = sets.meetings.map((s) => ({
    ...s,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
  }));
  const byAlum = <T extends { alumnusId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.alumnusId, [...(map.get(row.alumnusId) ?? []), row]);
    return map;
  };
  const windowsOf = byAlum(windows);
  const oneOffOf = byAlum(oneOff);
  const meetingsOf = byAlum(meetings);
  for (const alum of alumni) {
    const zone = canonicalTimeZone(alum.timeZone) ?? "UTC";
    const mine = meetingsOf.get(alum.alumnusId) ?? [];
    const slots = candidateSlots(
      {
        windows: (windowsOf.get(alum.alumnusId) ?? []).flatMap((w) => {
          const timeZone = canonicalTimeZone(w.timeZone);
          return timeZone ? [{ ...w, timeZone }] : [];
        }),
        oneOffSlots: (oneOffOf.get(alum.alumnusId) ?? []).map((s) => ({ ...s, timeZone: canonicalTimeZone(s.timeZone) ?? "UTC" })),
        booked: mine.filter((b) => BOOKED_STATES.has(b.state) && b.endsAt > from && b.startsAt < horizon),
        meetingMinutes,
      },
      from,
      to,
    );
    const used = new Map<string, number>();
    for (const meeting of mine) used.set(monthKey(meeting.startsAt, zone), (used.get(monthKey(meeting.startsAt, zone)) ?? 0) + 1);
    const full = new Set([...used].filter(([, n]) => n >= alum.monthlyCapacity).map(([key]) => key));
    counts.set(alum.alumnusId, withinCapacity(slots, zone, full).length);
  }
  return counts;
}
