import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { emailLocale, emailLocaleSql, type EmailLocale } from "./templates/i18n/words";

export type Modality = "PHONE" | "VIDEO" | "IN_PERSON";

export interface Person {
  membershipId: string;
  name: string;
  email: string;
  timeZone: string;
  /** The language their emails are written in: their own choice, else the institution's default, else English (ADR 0033). */
  locale: EmailLocale;
}

export interface ProposedTimeFacts {
  startsAt: Date;
  endsAt: Date;
  proposedBy: "STUDENT" | "ALUMNUS";
  kind: string;
}

export interface DeclineReferralFacts {
  name?: string;
  contact?: string;
  note?: string;
}

/** What an email about a request may say, read at delivery time inside the institution's transaction. */
export interface RequestFacts {
  id: string;
  institutionId: string;
  institutionName: string;
  meetingMinutes: number;
  thankYouDays: number;
  state: string;
  modality: Modality;
  message: string;
  student: Person;
  alumnus: Person;
  expiresAt: Date;
  meetingStartsAt: Date | null;
  meetingEndsAt: Date | null;
  meetingLocation: string | null;
  meetingLink: string | null;
  meetingPhone: string | null;
  inPersonNotes: string | null;
  calendarSequence: number;
  declineReason: string | null;
  declineReferral: DeclineReferralFacts | null;
  closeReason: string | null;
  updatedAt: Date;
  /** Open proposals, earliest first: the student's times, the alum's other time, or a new time for a booked meeting. */
  openTimes: ProposedTimeFacts[];
  /** Follow-up due dates, when the conversation has been completed. */
  thankYouDueAt: Date | null;
  /** The answer to "did it happen?" for the meeting's current version, if any. */
  meetingCheck: string | null;
  /** Either participant asked for captions (accommodations, ADR 0031): a video invitation says so. */
  captionsRequested?: boolean;
  /** The thank-you the student sent through the platform, word for word (null until then). */
  thankYouText?: string | null;
}

interface Row {
  id: string;
  institution_id: string;
  institution_name: string;
  meeting_minutes: number;
  thank_you_days: number;
  state: string;
  modality: Modality;
  message: string;
  student_id: string;
  student_name: string;
  student_email: string;
  student_time_zone: string;
  student_locale: string;
  alumnus_id: string;
  alumnus_name: string;
  alumnus_email: string;
  alumnus_time_zone: string;
  alumnus_locale: string;
  expires_at: Date;
  meeting_starts_at: Date | null;
  meeting_ends_at: Date | null;
  meeting_location: string | null;
  meeting_link: string | null;
  meeting_phone: string | null;
  in_person_notes: string | null;
  calendar_sequence: number;
  decline_reason: string | null;
  decline_referral: DeclineReferralFacts | null;
  close_reason: string | null;
  updated_at: Date;
  thank_you_due_at: Date | null;
  meeting_check: string | null;
  captions_requested: boolean;
  thank_you_text: string | null;
}

/**
 * Reads one request with both people's names and account emails (memberships → identities). Runs in the
 * institution's tenantTransaction, so row-level security keeps it to that institution. Null when gone.
 */
export async function loadRequestFacts(m: EntityManager, requestId: string): Promise<RequestFacts | null> {
  const [r] = await sqlRows<Row>(
    m,
    `SELECT r.id, r.institution_id, inst.name AS institution_name, inst.meeting_minutes, inst.thank_you_days,
            r.state, r.modality, r.message,
            r.student_id, si.display_name AS student_name, si.email AS student_email, r.student_time_zone,
            ${emailLocaleSql("si", "inst")} AS student_locale,
            r.alumnus_id, ai.display_name AS alumnus_name, ai.email AS alumnus_email, r.alumnus_time_zone,
            ${emailLocaleSql("ai", "inst")} AS alumnus_locale,
            r.expires_at, r.meeting_starts_at, r.meeting_ends_at, r.meeting_location, r.meeting_link, r.meeting_phone,
            r.in_person_notes, r.calendar_sequence, r.decline_reason, r.decline_referral, r.close_reason, r.updated_at,
            (SELECT f.thank_you_due_at FROM follow_ups f WHERE f.institution_id = r.institution_id AND f.request_id = r.id) AS thank_you_due_at,
            (SELECT f.thank_you_text FROM follow_ups f WHERE f.institution_id = r.institution_id AND f.request_id = r.id) AS thank_you_text,
            (SELECT mc.answer FROM meeting_checks mc WHERE mc.institution_id = r.institution_id AND mc.request_id = r.id
                AND mc.sequence = r.calendar_sequence) AS meeting_check,
            EXISTS (SELECT 1 FROM request_accommodations ra WHERE ra.institution_id = r.institution_id AND ra.request_id = r.id
                AND 'CAPTIONS' = ANY (ra.needs)) AS captions_requested
       FROM interview_requests r
       JOIN institutions inst ON inst.id = r.institution_id
       JOIN memberships sm ON sm.institution_id = r.institution_id AND sm.id = r.student_id JOIN identities si ON si.id = sm.identity_id
       JOIN memberships am ON am.institution_id = r.institution_id AND am.id = r.alumnus_id JOIN identities ai ON ai.id = am.identity_id
      WHERE r.id = $1`,
    [requestId],
  );
  if (!r) return null;
  const times = await sqlRows<{
    starts_at: Date;
    ends_at: Date;
    proposed_by: "STUDENT" | "ALUMNUS";
    kind: string;
  }>(
    m,
    `SELECT starts_at, ends_at, proposed_by, kind FROM proposed_times WHERE request_id = $1 AND status = 'OPEN' ORDER BY starts_at, id`,
    [requestId],
  );
  return {
    id: r.id,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    meetingMinutes: r.meeting_minutes,
    thankYouDays: r.thank_you_days,
    state: r.state,
    modality: r.modality,
    message: r.message,
    student: {
      membershipId: r.student_id,
      name: r.student_name,
      email: r.student_email,
      timeZone: r.student_time_zone,
      locale: emailLocale(r.student_locale),
    },
    alumnus: {
      membershipId: r.alumnus_id,
      name: r.alumnus_name,
      email: r.alumnus_email,
      timeZone: r.alumnus_time_zone,
      locale: emailLocale(r.alumnus_locale),
    },
    expiresAt: r.expires_at,
    meetingStartsAt: r.meeting_starts_at,
    meetingEndsAt: r.meeting_ends_at,
    meetingLocation: r.meeting_location,
    meetingLink: r.meeting_link,
    meetingPhone: r.meeting_phone,
    inPersonNotes: r.in_person_notes,
    calendarSequence: r.calendar_sequence,
    declineReason: r.decline_reason,
    declineReferral: r.decline_referral,
    closeReason: r.close_reason,
    updatedAt: r.updated_at,
    openTimes: times.map((t) => ({
      startsAt: t.starts_at,
      endsAt: t.ends_at,
      proposedBy: t.proposed_by,
      kind: t.kind,
    })),
    thankYouDueAt: r.thank_you_due_at,
    meetingCheck: r.meeting_check,
    captionsRequested: r.captions_requested,
    thankYouText: r.thank_you_text,
  };
}
