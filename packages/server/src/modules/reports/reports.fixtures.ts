import type { DataSource } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { BuiltMember } from "../../test/factories";
import type { RequestState } from "../requests/request-state";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const WITH_MEETING: RequestState[] = ["ACCEPTED", "COMPLETED", "NO_SHOW", "CANCELLED"];
let meetingOffset = 0;

export interface ReportRequest {
  state: RequestState;
  createdAt: Date;
  /** Hours from sending to the alum's answer; none when omitted. */
  answeredAfterHours?: number;
  /** Days from completion to the thank-you (COMPLETED only); none when omitted. */
  thankYouAfterDays?: number;
  /** Default: 7 days after createdAt. */
  expiresAt?: Date;
  /** Default: createdAt. */
  updatedAt?: Date;
  /** Default for states with a meeting: 2 days after createdAt (plus a unique offset, so no meetings overlap). */
  meetingStartsAt?: Date;
  /** Default for COMPLETED: 2 days after completion. */
  thankYouDueAt?: Date;
}

/** An interview request with exactly these dates, straight to the database, and its follow-up when COMPLETED. */
export async function insertRequest(ds: DataSource, student: BuiltMember, alumnus: BuiltMember, r: ReportRequest): Promise<string> {
  const hasMeeting = WITH_MEETING.includes(r.state);
  const startsAt = hasMeeting ? (r.meetingStartsAt ?? new Date(r.createdAt.getTime() + 2 * DAY + meetingOffset++ * HOUR)) : null;
  const endsAt = startsAt ? new Date(startsAt.getTime() + HOUR / 2) : null;
  const answeredAt = r.answeredAfterHours == null ? null : new Date(r.createdAt.getTime() + r.answeredAfterHours * HOUR);
  const closedAt = ["REQUESTED", "ACCEPTED"].includes(r.state) ? null : (endsAt ?? answeredAt ?? r.expiresAt ?? r.createdAt);
  return tenantTransaction(ds, { institutionId: student.institutionId }, async (m) => {
    const [row] = await m.query(
      `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone,
                                       expires_at, answered_at, meeting_starts_at, meeting_ends_at, closed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'VIDEO', 'I would love to learn about your work.', 'America/New_York', 'America/New_York',
               $5, $6, $7, $8, $9, $10, $11)
       RETURNING id`,
      [
        student.institutionId,
        student.membershipId,
        alumnus.membershipId,
        r.state,
        r.expiresAt ?? new Date(r.createdAt.getTime() + 7 * DAY),
        answeredAt,
        startsAt,
        endsAt,
        closedAt,
        r.createdAt,
        r.updatedAt ?? r.createdAt,
      ],
    );
    if (r.state === "COMPLETED" && endsAt) {
      await m.query(
        `INSERT INTO follow_ups (institution_id, request_id, student_id, completed_at, thank_you_due_at, thank_you_sent_at, update_due_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $4::timestamptz + interval '45 days', coalesce($6, $4))`,
        [
          student.institutionId,
          row.id,
          student.membershipId,
          endsAt,
          r.thankYouDueAt ?? new Date(endsAt.getTime() + 2 * DAY),
          r.thankYouAfterDays == null ? null : new Date(endsAt.getTime() + r.thankYouAfterDays * DAY),
        ],
      );
    }
    return row.id as string;
  });
}

export async function insertFlag(ds: DataSource, student: BuiltMember, alumnus: BuiltMember | null, createdAt: Date, requestId?: string) {
  await tenantTransaction(ds, { institutionId: student.institutionId }, (m) =>
    m.query(
      `INSERT INTO rule_one_flags (institution_id, student_id, alumnus_id, request_id, outcome, categories, created_at)
       VALUES ($1, $2, $3, $4, $5, '{JOB}', $6)`,
      [
        student.institutionId,
        student.membershipId,
        alumnus?.membershipId ?? null,
        requestId ?? null,
        requestId ? "CONFIRMED" : "RETURNED",
        createdAt,
      ],
    ),
  );
}

export async function insertOutcome(ds: DataSource, student: BuiltMember, kind: string, createdAt: Date, requestId?: string) {
  await tenantTransaction(ds, { institutionId: student.institutionId }, (m) =>
    m.query(`INSERT INTO outcomes (institution_id, student_id, request_id, kind, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      student.institutionId,
      student.membershipId,
      requestId ?? null,
      kind,
      createdAt,
    ]),
  );
}

/** Sets columns of the student's profile (class year, fields, advisor). */
export async function setStudentProfile(
  ds: DataSource,
  student: BuiltMember,
  values: { classYear?: number | null; fields?: string[]; advisor?: BuiltMember | null },
) {
  await tenantTransaction(ds, { institutionId: student.institutionId }, (m) =>
    m.query(
      `UPDATE student_profiles SET class_year = CASE WHEN $2 THEN $3::int ELSE class_year END, fields = coalesce($4::text[], fields),
              advisor_id = CASE WHEN $5 THEN $6::uuid ELSE advisor_id END
        WHERE membership_id = $1`,
      [
        student.membershipId,
        values.classYear !== undefined,
        values.classYear ?? null,
        values.fields ?? null,
        values.advisor !== undefined,
        values.advisor?.membershipId ?? null,
      ],
    ),
  );
}
