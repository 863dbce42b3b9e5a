import type { DataSource } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import { buildAlumnus, buildInstitution, buildStudent, type BuiltInstitution, type BuiltMember } from "../../test/factories";
import type { RequestState } from "../requests/request-state";
import type { OutboxTopic } from "../../db/outbox";

const HOUR = 3_600_000;

export interface RequestScene {
  institution: BuiltInstitution;
  student: BuiltMember;
  alumnus: BuiltMember;
  requestId: string;
}

export interface SceneOverrides {
  institution?: BuiltInstitution;
  student?: BuiltMember;
  alumnus?: BuiltMember;
  state?: RequestState;
  modality?: "VIDEO" | "PHONE" | "IN_PERSON";
  /** Default: a week from now. */
  expiresAt?: Date;
  /** Default: now. */
  createdAt?: Date;
  /** Default for ACCEPTED, COMPLETED, NO_SHOW and CANCELLED: 2026-03-03 15:00 UTC, 30 minutes. */
  meetingStartsAt?: Date | null;
  calendarSequence?: number;
  closedAt?: Date | null;
}

const WITH_MEETING: RequestState[] = ["ACCEPTED", "COMPLETED", "NO_SHOW", "CANCELLED"];

/**
 * A student, an alum and one request between them, written straight to the database (a New York
 * student, a Chicago alum, two proposed times), so these tests do not depend on the requests module's API.
 */
export async function buildRequestScene(ds: DataSource, o: SceneOverrides = {}): Promise<RequestScene> {
  const institution = o.institution ?? (await buildInstitution(ds));
  const student = o.student ?? (await buildStudent(ds, { institution, displayName: "Sam Student" }));
  const alumnus = o.alumnus ?? (await buildAlumnus(ds, { institution, displayName: "Alex Alum" }));
  const state = o.state ?? "REQUESTED";
  const startsAt =
    o.meetingStartsAt !== undefined ? o.meetingStartsAt : WITH_MEETING.includes(state) ? new Date("2026-03-03T15:00:00Z") : null;
  const endsAt = startsAt ? new Date(startsAt.getTime() + HOUR / 2) : null;
  const requestId = await tenantTransaction(ds, { institutionId: institution.id }, async (m) => {
    const [row] = await m.query(
      `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone,
                                       expires_at, created_at, meeting_starts_at, meeting_ends_at, meeting_link, meeting_phone, meeting_location,
                                       calendar_sequence, closed_at)
       VALUES ($1, $2, $3, $4, $5, 'I am exploring data science and would love to hear how you got into it.', 'America/New_York', 'America/Chicago',
               $6, $7, $8, $9, 'https://meet.example/abc', '+1 555 0100', 'Cafe Central, 1 Main St', $10, $11)
       RETURNING id`,
      [
        institution.id,
        student.membershipId,
        alumnus.membershipId,
        state,
        o.modality ?? "VIDEO",
        o.expiresAt ?? new Date(Date.now() + 7 * 24 * HOUR),
        o.createdAt ?? new Date(),
        startsAt,
        endsAt,
        o.calendarSequence ?? 0,
        o.closedAt ?? null,
      ],
    );
    await m.query(
      `INSERT INTO proposed_times (institution_id, request_id, starts_at, ends_at, proposed_by, kind)
       VALUES ($1, $2, '2026-03-03T15:00:00Z', '2026-03-03T15:30:00Z', 'STUDENT', 'REQUEST'),
              ($1, $2, '2026-03-04T18:00:00Z', '2026-03-04T18:30:00Z', 'STUDENT', 'REQUEST')`,
      [institution.id, row.id],
    );
    return row.id as string;
  });
  return { institution, student, alumnus, requestId };
}

/** An outbox row as the requests module writes it; returns its id. */
export async function addOutboxRow(
  ds: DataSource,
  scene: RequestScene,
  topic: OutboxTopic,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const ids = await addOutboxRows(ds, scene, topic, 1, extra);
  return ids[0];
}

export async function addOutboxRows(
  ds: DataSource,
  scene: RequestScene,
  topic: OutboxTopic,
  count: number,
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  const payload = {
    requestId: scene.requestId,
    studentId: scene.student.membershipId,
    alumnusId: scene.alumnus.membershipId,
    ...extra,
  };
  const rows: Array<{ id: string }> = await tenantTransaction(ds, { institutionId: scene.institution.id }, (m) =>
    m.query(`INSERT INTO outbox (institution_id, topic, payload) SELECT $1, $2, $3 FROM generate_series(1, $4) RETURNING id`, [
      scene.institution.id,
      topic,
      JSON.stringify(payload),
      count,
    ]),
  );
  return rows.map((r) => String(r.id));
}

export interface OutboxState {
  id: string;
  attempts: number;
  delivered: boolean;
  failed: boolean;
  lastError: string | null;
  availableInSeconds: number;
  lockedForSeconds: number | null;
}

/** The outbox rows of an institution, oldest first, as the tests look at them. */
export async function outboxState(ds: DataSource, institutionId: string): Promise<OutboxState[]> {
  const rows: Array<Record<string, unknown>> = await tenantTransaction(ds, { institutionId }, (m) =>
    m.query(
      `SELECT id, attempts, delivered_at IS NOT NULL AS delivered, failed_at IS NOT NULL AS failed, last_error,
              extract(epoch FROM available_at - now())::float8 AS available_in,
              extract(epoch FROM locked_until - now())::float8 AS locked_for
         FROM outbox ORDER BY id`,
    ),
  );
  return rows.map((r) => ({
    id: String(r.id),
    attempts: r.attempts as number,
    delivered: r.delivered as boolean,
    failed: r.failed as boolean,
    lastError: r.last_error as string | null,
    availableInSeconds: r.available_in as number,
    lockedForSeconds: r.locked_for as number | null,
  }));
}

/** Polls until check() returns a value (not undefined/false), or fails after timeoutMs. For a loaded machine: generous. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
