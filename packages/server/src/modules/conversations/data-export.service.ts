import type { EntityManager } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import type { ServiceDeps } from "../../service-deps";
import { ownStudentId } from "./conversation-queries";
import type { ContactLogService } from "./contact-log.service";
import type { FollowUpsService } from "./follow-ups.service";

/** Rows as a JSON array, for one section of the export. `sql` selects one row per item with camelCase names. */
async function section(m: EntityManager, sql: string, params: unknown[]): Promise<unknown[]> {
  const [row] = await m.query(`SELECT coalesce(json_agg(x), '[]'::json) AS items FROM (${sql}) x`, params);
  return row.items;
}

/**
 * "A person can export their data": everything this institution holds about the student in one JSON document.
 * Every section is filtered to the student's own membership; other people appear only by name.
 */
export class DataExportService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly followUps: FollowUpsService,
    private readonly contactLog: ContactLogService,
  ) {}

  async myDataExport(viewer: Viewer): Promise<string> {
    const studentId = ownStudentId(viewer);
    const p = [viewer.institutionId, studentId];
    const document = await tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await this.followUps.syncFollowUps(m, { studentId });
      const [person] = await section(
        m,
        `SELECT idn.display_name AS "displayName", idn.email, i.name AS "institution", ms.role, ms.created_at AS "memberSince"
           FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id JOIN institutions i ON i.id = ms.institution_id
          WHERE ms.institution_id = $1 AND ms.id = $2`,
        p,
      );
      const [profile] = await section(
        m,
        `SELECT major, class_year AS "classYear", fields, industries, locations, pitch, links, first_generation AS "firstGeneration", updated_at AS "updatedAt"
           FROM student_profiles WHERE institution_id = $1 AND membership_id = $2`,
        p,
      );
      return {
        exportedAt: new Date().toISOString(),
        person: person ?? null,
        profile: profile ?? null,
        consents: await section(
          m,
          `SELECT c.kind, t.version AS "textVersion", t.body AS "text", c.given_at AS "givenAt", c.withdrawn_at AS "withdrawnAt"
             FROM consents c JOIN consent_texts t ON t.institution_id = c.institution_id AND t.id = c.consent_text_id
            WHERE c.institution_id = $1 AND c.membership_id = $2 ORDER BY c.given_at, c.id`,
          p,
        ),
        requests: await section(
          m,
          `SELECT r.id, idn.display_name AS "alumnusName", r.state, r.modality, r.message, r.created_at AS "createdAt", r.expires_at AS "expiresAt",
                  r.answered_at AS "answeredAt", r.decline_reason AS "declineReason", r.meeting_starts_at AS "meetingStartsAt",
                  r.meeting_ends_at AS "meetingEndsAt", r.closed_at AS "closedAt", r.close_reason AS "closeReason",
                  (SELECT ri.display_name FROM memberships rm JOIN identities ri ON ri.id = rm.identity_id WHERE rm.institution_id = r.institution_id AND rm.id = r.referred_by_id) AS "referredByName",
                  (SELECT rf.id FROM referrals rf WHERE rf.institution_id = r.institution_id AND rf.resulting_request_id = r.id) AS "fromReferralId",
                  (SELECT coalesce(json_agg(json_build_object('position', q.position, 'text', q.text) ORDER BY q.position), '[]'::json)
                     FROM request_questions q WHERE q.institution_id = r.institution_id AND q.request_id = r.id) AS questions,
                  (SELECT coalesce(json_agg(json_build_object('from', e.from_state, 'to', e.to_state, 'reason', e.reason, 'at', e.at) ORDER BY e.at, e.id), '[]'::json)
                     FROM request_events e WHERE e.institution_id = r.institution_id AND e.request_id = r.id) AS events
             FROM interview_requests r JOIN memberships ms ON ms.institution_id = r.institution_id AND ms.id = r.alumnus_id JOIN identities idn ON idn.id = ms.identity_id
            WHERE r.institution_id = $1 AND r.student_id = $2 ORDER BY r.created_at, r.id`,
          p,
        ),
        notes: await section(
          m,
          `SELECT request_id AS "requestId", advice, takeaways, new_questions AS "newQuestions", shared_with_advisor AS "sharedWithAdvisor",
                  created_at AS "createdAt", updated_at AS "updatedAt"
             FROM conversation_notes WHERE institution_id = $1 AND student_id = $2 ORDER BY created_at, request_id`,
          p,
        ),
        referrals: await section(
          m,
          `SELECT id, source_request_id AS "sourceRequestId", referred_alumnus_id AS "alumnusId", name, role, how_to_reach AS "howToReach", note,
                  status, resulting_request_id AS "resultingRequestId", created_at AS "createdAt", updated_at AS "updatedAt"
             FROM referrals WHERE institution_id = $1 AND student_id = $2 ORDER BY created_at, id`,
          p,
        ),
        followUps: await section(
          m,
          `SELECT request_id AS "requestId", completed_at AS "completedAt", thank_you_due_at AS "thankYouDueAt", thank_you_sent_at AS "thankYouSentAt",
                  thank_you_reminded_at AS "thankYouRemindedAt", may_contact_again AS "mayContactAgain", update_due_at AS "updateDueAt",
                  update_sent_at AS "updateSentAt", update_reminded_at AS "updateRemindedAt"
             FROM follow_ups WHERE institution_id = $1 AND student_id = $2 ORDER BY completed_at, request_id`,
          p,
        ),
        contactLogEntries: await section(
          m,
          `SELECT id, name, organization, role, to_char(contacted_on, 'YYYY-MM-DD') AS "contactedOn", channel, how_to_reach AS "howToReach", notes,
                  created_at AS "createdAt"
             FROM contact_log_entries WHERE institution_id = $1 AND student_id = $2 ORDER BY contacted_on, id`,
          p,
        ),
        outcomes: await section(
          m,
          `SELECT id, request_id AS "requestId", kind, note, created_at AS "createdAt"
             FROM outcomes WHERE institution_id = $1 AND student_id = $2 ORDER BY created_at, id`,
          p,
        ),
        contactLog: (await this.contactLog.items(m, viewer.institutionId, studentId)).map(({ item }) => ({
          ...item,
          namesSuggested: item.namesSuggested.map((n) => ({
            id: n.id,
            name: n.name,
            role: n.role,
            howToReach: n.howToReach,
            status: n.status,
          })),
        })),
      };
    });
    return JSON.stringify(document, null, 2);
  }
}
