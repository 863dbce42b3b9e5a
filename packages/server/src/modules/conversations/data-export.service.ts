import type { EntityManager } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import type { ServiceDeps } from "../../service-deps";
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

  /** The viewer's own document for the institution they are signed in to, whatever their roles (students, alumni, staff). */
  async myDataExport(viewer: Viewer): Promise<string> {
    const document = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      this.institutionDocument(m, viewer.institutionId, viewer.memberships),
    );
    return JSON.stringify(document, null, 2);
  }

  /**
   * Everything one institution holds about a person, given their memberships there (one per role), inside the caller's
   * tenant transaction: the student's sections when they are a student, the alum's when an alum, the staff member's
   * when staff. Other people appear only by name. The privacy module builds the archive of every institution from it.
   */
  async institutionDocument(
    m: EntityManager,
    institutionId: string,
    memberships: Partial<Record<string, string>>,
  ): Promise<Record<string, unknown>> {
    const document: Record<string, unknown> = { exportedAt: new Date().toISOString() };
    const ids = Object.values(memberships).filter((id): id is string => !!id);
    document.memberships = await section(
      m,
      `SELECT ms.id, ms.role, i.name AS "institution", ms.external_id AS "externalId", ms.created_at AS "memberSince", ms.deactivated_at AS "deactivatedAt",
              ms.erasure_due_at AS "erasureDueAt"
         FROM memberships ms JOIN institutions i ON i.id = ms.institution_id WHERE ms.institution_id = $1 AND ms.id = ANY($2::uuid[]) ORDER BY ms.role`,
      [institutionId, ids],
    );
    document.consents = await section(
      m,
      `SELECT ms.role, c.kind, t.version AS "textVersion", t.body AS "text", c.given_at AS "givenAt", c.withdrawn_at AS "withdrawnAt", c.withdrawal_reason AS "withdrawalReason"
         FROM consents c JOIN consent_texts t ON t.institution_id = c.institution_id AND t.id = c.consent_text_id
         JOIN memberships ms ON ms.institution_id = c.institution_id AND ms.id = c.membership_id
        WHERE c.institution_id = $1 AND c.membership_id = ANY($2::uuid[]) ORDER BY c.given_at, c.id`,
      [institutionId, ids],
    );
    // The notification centre (ADR 0028): what happened, about which request, and when it was read.
    document.notifications = await section(
      m,
      `SELECT n.id, ms.role, n.kind, n.event, n.request_id AS "requestId", n.created_at AS "createdAt", n.read_at AS "readAt"
         FROM in_app_notifications n JOIN memberships ms ON ms.institution_id = n.institution_id AND ms.id = n.membership_id
        WHERE n.institution_id = $1 AND n.membership_id = ANY($2::uuid[]) ORDER BY n.created_at, n.id`,
      [institutionId, ids],
    );
    if (memberships.STUDENT) Object.assign(document, await this.studentSections(m, institutionId, memberships.STUDENT));
    if (memberships.ALUMNUS) document.alumnus = await this.alumnusSections(m, institutionId, memberships.ALUMNUS);
    const staff = [memberships.ADVISOR, memberships.ADMIN].filter((id): id is string => !!id);
    if (staff.length > 0) document.staff = await this.staffSections(m, institutionId, staff);
    return document;
  }

  private async alumnusSections(m: EntityManager, institutionId: string, alumnusId: string): Promise<Record<string, unknown>> {
    const p = [institutionId, alumnusId];
    const [profile] = await section(
      m,
      `SELECT employer, title, industry, fields, location, class_year AS "classYear", major, topics, modalities, monthly_capacity AS "monthlyCapacity",
              paused, bio, time_zone AS "timeZone", first_generation AS "firstGeneration", contact_email AS "contactEmail", contact_phone AS "contactPhone",
              personal_meeting_link AS "personalMeetingLink", linkedin_url AS "linkedinUrl", website_url AS "websiteUrl", updated_at AS "updatedAt"
         FROM alumni_profiles WHERE institution_id = $1 AND membership_id = $2`,
      p,
    );
    return {
      profile: profile ?? null,
      requestsReceived: await section(
        m,
        `SELECT r.id, idn.display_name AS "studentName", r.state, r.modality, r.message, r.created_at AS "createdAt", r.answered_at AS "answeredAt",
                r.decline_reason AS "declineReason", r.decline_referral AS "declineReferral", r.meeting_starts_at AS "meetingStartsAt",
                r.meeting_ends_at AS "meetingEndsAt", r.meeting_location AS "meetingLocation", r.meeting_link AS "meetingLink",
                r.meeting_phone AS "meetingPhone", r.in_person_notes AS "inPersonNotes", r.closed_at AS "closedAt", r.close_reason AS "closeReason"
           FROM interview_requests r JOIN memberships ms ON ms.institution_id = r.institution_id AND ms.id = r.student_id JOIN identities idn ON idn.id = ms.identity_id
          WHERE r.institution_id = $1 AND r.alumnus_id = $2 ORDER BY r.created_at, r.id`,
        p,
      ),
      namesSuggested: await section(
        m,
        `SELECT id, source_request_id AS "sourceRequestId", name, role, how_to_reach AS "howToReach", note, created_at AS "createdAt"
           FROM referrals WHERE institution_id = $1 AND suggested_by_id = $2 ORDER BY created_at, id`,
        p,
      ),
      availabilityWindows: await section(
        m,
        `SELECT weekday, start_minute AS "startMinute", end_minute AS "endMinute", time_zone AS "timeZone", created_at AS "createdAt"
           FROM availability_windows WHERE institution_id = $1 AND alumnus_id = $2 ORDER BY weekday, start_minute`,
        p,
      ),
      availabilitySlots: await section(
        m,
        `SELECT starts_at AS "startsAt", ends_at AS "endsAt", time_zone AS "timeZone", created_at AS "createdAt"
           FROM availability_slots WHERE institution_id = $1 AND alumnus_id = $2 ORDER BY starts_at`,
        p,
      ),
    };
  }

  private async staffSections(m: EntityManager, institutionId: string, staffIds: string[]): Promise<Record<string, unknown>> {
    const p = [institutionId, staffIds];
    return {
      suggestionsMade: await section(
        m,
        `SELECT id, student_id AS "studentId", alumnus_id AS "alumnusId", note, created_at AS "createdAt", dismissed_at AS "dismissedAt"
           FROM alumnus_suggestions WHERE institution_id = $1 AND suggested_by_id = ANY($2::uuid[]) ORDER BY created_at, id`,
        p,
      ),
      caseload: await section(
        m,
        `SELECT membership_id AS "studentId" FROM student_profiles WHERE institution_id = $1 AND advisor_id = ANY($2::uuid[]) ORDER BY membership_id`,
        p,
      ),
      invitationsSent: await section(
        m,
        `SELECT id, email, role, created_at AS "createdAt", accepted_at AS "acceptedAt", revoked_at AS "revokedAt"
           FROM invitations WHERE institution_id = $1 AND invited_by_id = ANY($2::uuid[]) ORDER BY created_at, id`,
        p,
      ),
    };
  }

  private async studentSections(m: EntityManager, institutionId: string, studentId: string): Promise<Record<string, unknown>> {
    const p = [institutionId, studentId];
    {
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
          `SELECT request_id AS "requestId", advice, takeaways, new_questions AS "newQuestions", next_step AS "nextStep", shared_with_advisor AS "sharedWithAdvisor",
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
                  update_sent_at AS "updateSentAt", update_reminded_at AS "updateRemindedAt",
                  thank_you_channel AS "thankYouChannel", thank_you_text AS "thankYouText"
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
        contactLog: (await this.contactLog.items(m, institutionId, studentId)).map(({ item }) => ({
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
    }
  }
}
