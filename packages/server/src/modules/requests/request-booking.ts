import type { EntityManager } from "typeorm";
import type { AvailabilityService } from "../availability";
import { capacityReached, proposedTimeInvalid, slotTaken } from "./requests.errors";

/** What requests need from availability; the availability service provides it. */
export type RequestAvailability = Pick<AvailabilityService, "hasAvailability" | "isBookable" | "capacityLeft" | "isPaused">;

export interface TimeRange {
  startsAt: Date;
  endsAt: Date;
}

const MINUTE = 60_000;

export const rangeFrom = (startsAt: Date, minutes: number): TimeRange => ({
  startsAt,
  endsAt: new Date(startsAt.getTime() + minutes * MINUTE),
});

/** SQLSTATE of a failed query, whether pg's error or TypeORM's wrapper of it. */
function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === "string" ? code : undefined;
}

export const isExclusionViolation = (error: unknown): boolean => sqlState(error) === "23P01";

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as {
    constraint?: unknown;
    driverError?: { constraint?: unknown };
  };
  return sqlState(error) === "23505" && (e?.driverError?.constraint ?? e?.constraint) === constraint;
}

/**
 * Serialises bookings of one alum, so two meetings in the same month cannot both pass the capacity
 * check. Overlap needs no lock: the exclusion constraint refuses it whatever the order.
 */
export async function lockAlumnusBookings(m: EntityManager, alumnusId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`bookings:${alumnusId}`]);
}

/** The calendar month of an instant in a zone, e.g. "2026-03". */
export function monthIn(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(date);
  return `${parts.find((p) => p.type === "year")?.value}-${parts.find((p) => p.type === "month")?.value}`;
}

export async function ensureCapacity(
  m: EntityManager,
  availability: RequestAvailability,
  alumnusId: string,
  startsAt: Date,
): Promise<void> {
  if ((await availability.capacityLeft(m, alumnusId, startsAt)) <= 0) throw capacityReached();
}

/** Whether the alum already has a booked meeting overlapping the range (other than on this request). */
export async function overlapsBooking(
  m: EntityManager,
  alumnusId: string,
  range: TimeRange,
  exceptRequestId: string | null,
): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM interview_requests
      WHERE alumnus_id = $1 AND state IN ('ACCEPTED','COMPLETED') AND meeting_range && tstzrange($2, $3, '[)')
        AND ($4::uuid IS NULL OR id <> $4) LIMIT 1`,
    [alumnusId, range.startsAt, range.endsAt, exceptRequestId],
  );
  return rows.length > 0;
}

export interface Booking {
  requestId: string;
  range: TimeRange;
  /** The proposal that became the meeting time; every other open or chosen one is superseded. */
  proposedTimeId: string;
  /** A reschedule or a first booking of a request that was accepted before: the invite's SEQUENCE grows. */
  newSequence: boolean;
}

/**
 * Books the meeting time: the request becomes (or stays) ACCEPTED with this time. The exclusion
 * constraint interview_requests_no_double_booking refuses an overlap with another booked meeting of
 * the alum, even one committed a moment ago by a concurrent transaction: that becomes SLOT_TAKEN.
 */
export async function bookMeeting(m: EntityManager, booking: Booking): Promise<void> {
  try {
    await m.query(
      `UPDATE interview_requests
          SET state = 'ACCEPTED', meeting_starts_at = $2, meeting_ends_at = $3, answered_at = coalesce(answered_at, now()),
              calendar_sequence = calendar_sequence + $4, updated_at = now()
        WHERE id = $1`,
      [booking.requestId, booking.range.startsAt, booking.range.endsAt, booking.newSequence ? 1 : 0],
    );
  } catch (error) {
    if (isExclusionViolation(error)) throw slotTaken();
    throw error;
  }
  await m.query(
    `UPDATE proposed_times SET status = CASE WHEN id = $2 THEN 'CHOSEN' ELSE 'SUPERSEDED' END
      WHERE request_id = $1 AND (id = $2 OR status IN ('OPEN','CHOSEN'))`,
    [booking.requestId, booking.proposedTimeId],
  );
}

/** Closes every proposal still open on the request (of one kind, or all). */
export async function supersedeOpenProposals(m: EntityManager, requestId: string, kind?: "COUNTER" | "RESCHEDULE"): Promise<void> {
  await m.query(
    `UPDATE proposed_times SET status = 'SUPERSEDED' WHERE request_id = $1 AND status = 'OPEN' AND ($2::text IS NULL OR kind = $2)`,
    [requestId, kind ?? null],
  );
}

/** A time must start in the future; the field names the input that held it. */
export function ensureFuture(field: string, startsAt: Date, now: Date): void {
  if (startsAt.getTime() <= now.getTime()) throw proposedTimeInvalid(field, "That time has already passed. Choose a time in the future.");
}

/**
 * A student's proposed time: in the future and, when the alum has published availability, one of
 * their open slots (availability decides, including notice, pause and capacity). Without any
 * availability, any future time may be proposed.
 */
export async function ensureStudentMayPropose(
  m: EntityManager,
  availability: RequestAvailability,
  alumnusId: string,
  field: string,
  range: TimeRange,
  now: Date,
  alumnusHasAvailability?: boolean,
): Promise<void> {
  ensureFuture(field, range.startsAt, now);
  const has = alumnusHasAvailability ?? (await availability.hasAvailability(m, alumnusId));
  if (has && !(await availability.isBookable(m, { alumnusId, ...range }))) {
    throw proposedTimeInvalid(field, "This is not one of the alum's open slots. Choose a time from their availability.");
  }
}
