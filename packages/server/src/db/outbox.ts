import type { EntityManager } from "typeorm";

/** What the outbox announces. Each topic is delivered as email, real-time event and (later) webhook. */
export type OutboxTopic =
  | "request.created"
  | "request.accepted"
  | "request.declined"
  | "request.expired"
  | "request.withdrawn"
  | "request.completed"
  | "request.cancelled"
  | "request.no_show"
  | "request.time_proposed"
  | "request.expiry_reminder"
  | "request.meeting_reminder"
  | "request.meeting_check"
  | "request.meeting_moved"
  | "followup.thank_you_due"
  | "followup.update_due"
  | "followup.thank_you_sent"
  | "digest.requests"
  | "digest.follow_ups"
  | "digest.advisor_lists"
  | "consent.withdrawn"
  | "consent.given"
  | "person.erased"
  | "account.erasure_requested"
  | "graduation.volunteer_invitation"
  | "accommodation.arrange";

/**
 * What request topics carry (written by modules/requests' recordChange): ids and facts of the change,
 * never personal data; the worker reads what it shows at delivery time.
 */
export interface RequestOutboxPayload {
  requestId: string;
  studentId?: string;
  alumnusId?: string;
  from?: string | null;
  to?: string;
  actor?: "STUDENT" | "ALUMNUS" | "SYSTEM";
  /** The calendar SEQUENCE after the change; an invite older than the meeting's current one is not attached. */
  sequence?: number;
  /** request.accepted for a booked meeting that moved to a new time. */
  rescheduled?: boolean;
  /** request.time_proposed for a booked meeting (a reschedule proposal) rather than the alum's other time. */
  reschedule?: boolean;
  reportedBy?: "STUDENT" | "ALUMNUS";
  /** request.meeting_reminder and request.meeting_check: which one (BEFORE_24H, BEFORE_1H, CHECK_1, CHECK_2). */
  reminder?: string;
  /** The request was closed because this side was deactivated by the institution: that side gets no email. */
  deactivated?: "STUDENT" | "ALUMNUS";
}

/** What follow-up reminders carry: the completed request they are about. */
export interface FollowUpOutboxPayload {
  requestId: string;
}

/**
 * Records an announcement in the same transaction as the change it announces, so a change is
 * never announced without happening, nor happens without being announced. A trigger adds the row's
 * graphile-worker job (`outbox`, payload: the two ids) in that same transaction (ADR 0013).
 */
export async function enqueue(
  manager: EntityManager,
  institutionId: string,
  topic: OutboxTopic,
  payload: Record<string, unknown>,
): Promise<void> {
  await manager.query(`INSERT INTO outbox (institution_id, topic, payload) VALUES ($1, $2, $3)`, [
    institutionId,
    topic,
    JSON.stringify(payload),
  ]);
}
