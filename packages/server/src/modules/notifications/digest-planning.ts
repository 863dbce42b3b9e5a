import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import type { DigestContext, DigestPayload } from "./digest-types";
import type { PlannedEmail } from "./notification-plan";
import { loadRequestFacts } from "./request-facts";
import { emailLocale, emailLocaleSql } from "./templates/i18n/words";
import {
  followUpsDigestEmail,
  requestsDigestEmail,
  type DigestReader,
  type DueFollowUp,
  type UnansweredCheck,
} from "./templates/digest-emails";

/** How long a "did it happen?" link is valid after the meeting's end: modules/requests/meeting-checks CHECK_LINK_DAYS. */
const CHECK_LINK_DAYS = 14;

/** The person a digest goes to (name, address, zone, institution), or null when the membership is gone. */
export async function readDigestReader(m: EntityManager, institutionId: string, membershipId: string): Promise<DigestReader | null> {
  const [reader] = await sqlRows<DigestReader>(
    m,
    `SELECT mb.id AS "membershipId", i.display_name AS name, i.email, coalesce(ns.time_zone, inst.time_zone) AS "timeZone",
            inst.name AS "institutionName", ${emailLocaleSql("i", "inst")} AS locale
       FROM memberships mb JOIN identities i ON i.id = mb.identity_id JOIN institutions inst ON inst.id = mb.institution_id
       LEFT JOIN notification_settings ns ON ns.institution_id = mb.institution_id AND ns.identity_id = mb.identity_id
      WHERE mb.institution_id = $1 AND mb.id = $2 AND mb.deactivated_at IS NULL AND mb.erased_at IS NULL`,
    [institutionId, membershipId],
  );
  return reader ? { ...reader, locale: emailLocale(reader.locale) } : null;
}

/** Alumni: the requests still waiting, with the student's open times. */
export async function planRequestsDigest(
  m: EntityManager,
  institutionId: string,
  reader: DigestReader,
  payload: DigestPayload,
  ctx: DigestContext,
): Promise<PlannedEmail[]> {
  const requests = await sqlRows<{ id: string; student_name: string; message: string; expires_at: Date }>(
    m,
    `SELECT r.id, si.display_name AS student_name, r.message, r.expires_at
       FROM interview_requests r JOIN memberships sm ON sm.institution_id = r.institution_id AND sm.id = r.student_id
       JOIN identities si ON si.id = sm.identity_id
      WHERE r.institution_id = $1 AND r.alumnus_id = $2 AND r.state = 'REQUESTED' AND r.expires_at > now()
      ORDER BY r.expires_at, r.id`,
    [institutionId, payload.membershipId],
  );
  if (requests.length === 0) return [];
  const times = await sqlRows<{ id: string; request_id: string; starts_at: Date }>(
    m,
    `SELECT id, request_id, starts_at FROM proposed_times
      WHERE institution_id = $1 AND request_id = ANY($2::uuid[]) AND status = 'OPEN' AND proposed_by = 'STUDENT' AND starts_at > now()
      ORDER BY starts_at, id`,
    [institutionId, requests.map((r) => r.id)],
  );
  const link = (requestId: string, action: "ACCEPT" | "DECLINE", proposedTimeId?: string) =>
    ctx.actionLink?.({ institutionId, requestId, membershipId: payload.membershipId, action, proposedTimeId });
  const waiting = requests.map((r) => ({
    id: r.id,
    studentName: r.student_name,
    message: r.message,
    expiresAt: r.expires_at,
    times: times.filter((t) => t.request_id === r.id).map((t) => ({ id: t.id, startsAt: t.starts_at })),
  }));
  return [requestsDigestEmail(reader, waiting, ctx.publicUrl, link)];
}

/** Students: thank-yous and updates due within a week or overdue, and booked meetings past their end with no answer. */
export async function planFollowUpsDigest(
  m: EntityManager,
  institutionId: string,
  reader: DigestReader,
  payload: DigestPayload,
  ctx: DigestContext,
): Promise<PlannedEmail[]> {
  const due = await sqlRows<DueFollowUp>(
    m,
    `SELECT f.request_id AS "requestId", ai.display_name AS "alumnusName",
            CASE WHEN f.thank_you_sent_at IS NULL AND f.thank_you_due_at <= now() + interval '7 days' THEN f.thank_you_due_at END AS "thankYouDueAt",
            CASE WHEN f.update_sent_at IS NULL AND f.update_due_at <= now() + interval '7 days' THEN f.update_due_at END AS "updateDueAt"
       FROM follow_ups f JOIN interview_requests r ON r.institution_id = f.institution_id AND r.id = f.request_id
       JOIN memberships am ON am.institution_id = r.institution_id AND am.id = r.alumnus_id JOIN identities ai ON ai.id = am.identity_id
      WHERE f.institution_id = $1 AND f.student_id = $2
        AND ((f.thank_you_sent_at IS NULL AND f.thank_you_due_at <= now() + interval '7 days')
          OR (f.update_sent_at IS NULL AND f.update_due_at <= now() + interval '7 days'))
      ORDER BY least(f.thank_you_due_at, f.update_due_at), f.request_id`,
    [institutionId, payload.membershipId],
  );
  const unanswered = await sqlRows<{ id: string; alumnus_name: string; meeting_starts_at: Date; meeting_ends_at: Date }>(
    m,
    `SELECT r.id, ai.display_name AS alumnus_name, r.meeting_starts_at, r.meeting_ends_at
       FROM interview_requests r JOIN memberships am ON am.institution_id = r.institution_id AND am.id = r.alumnus_id
       JOIN identities ai ON ai.id = am.identity_id
      WHERE r.institution_id = $1 AND r.student_id = $2 AND r.state = 'ACCEPTED' AND r.meeting_ends_at <= now()
        AND NOT EXISTS (SELECT 1 FROM meeting_checks mc WHERE mc.institution_id = r.institution_id AND mc.request_id = r.id
                           AND mc.sequence = r.calendar_sequence)
      ORDER BY r.meeting_starts_at, r.id`,
    [institutionId, payload.membershipId],
  );
  if (due.length === 0 && unanswered.length === 0) return [];
  const checks: UnansweredCheck[] = [];
  for (const u of unanswered) {
    // The nudges' own signed links, one set per digest period (each link works once), while such a link is still valid;
    // after that, only the conversation's page.
    const linkable = u.meeting_ends_at.getTime() + CHECK_LINK_DAYS * 86_400_000 > Date.now();
    const facts = ctx.meetingCheckToken && linkable ? await loadRequestFacts(m, u.id) : null;
    const token = facts && ctx.meetingCheckToken?.(facts, "STUDENT", `DIGEST-${payload.period}`);
    const answer = (a: string) => `${ctx.publicUrl}/meeting-check#token=${token}&answer=${a}`;
    checks.push({
      requestId: u.id,
      alumnusName: u.alumnus_name,
      meetingStartsAt: u.meeting_starts_at,
      answers: token ? { happened: answer("HAPPENED"), noShow: answer("NO_SHOW"), moved: answer("MOVED") } : null,
    });
  }
  return [followUpsDigestEmail(reader, due, checks, ctx.publicUrl)];
}
