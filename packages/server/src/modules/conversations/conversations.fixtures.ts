import type { DataSource } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { BuiltMember } from "../../test/factories";
import type { RequestState } from "../requests/request-state";

const HOUR = 60 * 60 * 1000;

export interface BuiltRequest {
  id: string;
  institutionId: string;
  studentId: string;
  alumnusId: string;
  meetingStartsAt: Date | null;
  closedAt: Date | null;
}

export interface RequestOverrides {
  state?: RequestState;
  /** Default: three days ago for states with a meeting; none for REQUESTED and the states that close it. */
  meetingStartsAt?: Date | null;
  /** Default for COMPLETED and other closed states: the meeting's end (or now). */
  closedAt?: Date | null;
}

const WITH_MEETING: RequestState[] = ["ACCEPTED", "COMPLETED", "NO_SHOW"];
const CLOSED: RequestState[] = ["DECLINED", "EXPIRED", "WITHDRAWN", "COMPLETED", "CANCELLED", "NO_SHOW"];

/**
 * An interview request written straight to the database, so these tests do not depend on the requests
 * module's API. Meetings last 30 minutes; pass distinct times when one alum has several meetings.
 */
export async function buildRequest(
  ds: DataSource,
  student: BuiltMember,
  alumnus: BuiltMember,
  overrides: RequestOverrides = {},
): Promise<BuiltRequest> {
  const state = overrides.state ?? "COMPLETED";
  const startsAt =
    overrides.meetingStartsAt !== undefined
      ? overrides.meetingStartsAt
      : WITH_MEETING.includes(state)
        ? new Date(Date.now() - 72 * HOUR)
        : null;
  const endsAt = startsAt ? new Date(startsAt.getTime() + HOUR / 2) : null;
  const closedAt = overrides.closedAt !== undefined ? overrides.closedAt : CLOSED.includes(state) ? (endsAt ?? new Date()) : null;
  const [row] = await tenantTransaction(ds, { institutionId: student.institutionId }, (m) =>
    m.query(
      `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone,
                                       expires_at, meeting_starts_at, meeting_ends_at, closed_at)
       VALUES ($1, $2, $3, $4, 'VIDEO', 'I would love to learn how you got into your field.', 'America/New_York', 'America/Chicago',
               now() + interval '7 days', $5, $6, $7)
       RETURNING id`,
      [student.institutionId, student.membershipId, alumnus.membershipId, state, startsAt, endsAt, closedAt],
    ),
  );
  return {
    id: row.id,
    institutionId: student.institutionId,
    studentId: student.membershipId,
    alumnusId: alumnus.membershipId,
    meetingStartsAt: startsAt,
    closedAt,
  };
}

/** Signs members in once per test file: argon2 makes each sign-in slow on a busy machine. */
export function tokenCache(signIn: (member: BuiltMember) => Promise<string>): (member: BuiltMember) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (member) => {
    const key = `${member.identityId}:${member.institutionId}`;
    let token = tokens.get(key);
    if (!token) {
      token = signIn(member);
      tokens.set(key, token);
    }
    return token;
  };
}
