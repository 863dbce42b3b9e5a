import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { badInput } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { decodeCursor, toPage, type Cursor } from "../../shared/cursor-pagination";
import type { PageArgs } from "../../shared/paging";
import type { RequestState } from "../requests";
import { cleanText, ownStudentId, referralsBySource } from "./conversation-queries";
import type { ContactChannel } from "./contact-log-entry.entity";
import { ContactLogEntry } from "./contact-log-entry.entity";
import type { ThankYouChannel } from "./follow-up.entity";
import type { AddContactLogEntryInput } from "./conversations.inputs";
import { ContactLogKind, type ContactLogConnection, type ContactLogItem } from "./conversations.types";
import { toCsv } from "../../shared/csv";
import type { FollowUpsService } from "./follow-ups.service";

interface LogRow {
  kind: ContactLogKind;
  id: string;
  sort_key: string;
  time_zone: string | null;
  person_name: string;
  organization: string | null;
  role: string | null;
  channel: ContactChannel;
  request_state: RequestState | null;
  meeting_starts_at: Date | null;
  advice: string | null;
  takeaways: string | null;
  new_questions: string[];
  thank_you_due_at: Date | null;
  thank_you_sent_at: Date | null;
  thank_you_channel: string | null;
  may_contact_again: boolean | null;
  update_due_at: Date | null;
  update_sent_at: Date | null;
  how_to_reach: string | null;
  notes: string | null;
}

/** A log item with the time zone its dates are read in, for the CSV. */
export interface LogItem extends ContactLogItem {
  timeZone: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const YES_NO = (value: boolean | null) => (value === null ? null : value ? "yes" : "no");

/** The day of an instant in a time zone, YYYY-MM-DD. */
function localDate(at: Date | null, timeZone: string): string | null {
  if (!at) return null;
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

export class ContactLogService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly followUps: FollowUpsService,
  ) {}

  /**
   * The viewer for reading one's own student history (ADR 0032): an alum whose student membership here was deactivated
   * (at or after graduation) reads it as that student — contact log, CSV, notes, referrals, export — and nothing else:
   * only those queries use it; every write still needs an active student membership. Anyone else: the viewer as is.
   */
  async historyViewer(viewer: Viewer): Promise<Viewer> {
    if (viewer.memberships.STUDENT || !viewer.memberships.ALUMNUS) return viewer;
    const [former] = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      sqlRows<{ id: string }>(
        m,
        `SELECT id FROM memberships WHERE institution_id = $1 AND identity_id = $2 AND role = 'STUDENT'
            AND deactivated_at IS NOT NULL AND erased_at IS NULL`,
        [viewer.institutionId, viewer.identityId],
      ),
    );
    if (!former) return viewer;
    return { ...viewer, roles: [...viewer.roles, "STUDENT"], memberships: { ...viewer.memberships, STUDENT: former.id } };
  }

  /** Every request of the student and every contact they logged, newest first. */
  async contactLog(viewer: Viewer, args: PageArgs): Promise<ContactLogConnection> {
    const studentId = ownStudentId(viewer);
    const after = decodeCursor(args.after);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await this.followUps.syncFollowUps(m, { studentId });
      const items = await this.items(m, viewer.institutionId, studentId, { after, limit: args.first + 1 });
      return toPage(
        items.slice(0, args.first),
        items.length > args.first,
        (item) => item.cursor,
        (item) => item.item,
      );
    });
  }

  /** The whole log as CSV (RFC 4180), with cells that a spreadsheet would run as formulas defused. */
  async contactLogCsv(viewer: Viewer): Promise<string> {
    const studentId = ownStudentId(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await this.followUps.syncFollowUps(m, { studentId });
      return logCsv((await this.items(m, viewer.institutionId, studentId)).map((i) => i.item));
    });
  }

  async addContactLogEntry(viewer: Viewer, input: AddContactLogEntryInput): Promise<ContactLogEntry> {
    const studentId = ownStudentId(viewer);
    checkContactDay(input.contactedOn);
    const name = cleanText(input.name);
    if (!name) throw badInput([{ field: "name", message: "Give a name of at most 120 characters." }]);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const [row] = await sqlRows<{ id: string }>(
        m,
        `INSERT INTO contact_log_entries (institution_id, student_id, name, organization, role, contacted_on, channel, how_to_reach, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          viewer.institutionId,
          studentId,
          name,
          cleanText(input.organization),
          cleanText(input.role),
          input.contactedOn,
          input.channel,
          cleanText(input.howToReach),
          input.notes?.trim() ?? "",
        ],
      );
      return m.getRepository(ContactLogEntry).findOneByOrFail({ id: row.id });
    });
  }

  /** The student's log, newest first: a page after a cursor, or all of it. Two queries, whatever the size. */
  async items(
    m: EntityManager,
    institutionId: string,
    studentId: string,
    page: { after?: Cursor | null; limit?: number } = {},
  ): Promise<Array<{ cursor: Cursor; item: LogItem }>> {
    const rows: LogRow[] = await m.query(
      `SELECT * FROM (
         SELECT 'INTERVIEW_REQUEST' AS kind, r.id,
                to_char(coalesce(r.meeting_starts_at, r.created_at) AT TIME ZONE r.student_time_zone, 'YYYY-MM-DD"T"HH24:MI:SS.US') AS sort_key,
                r.student_time_zone AS time_zone, idn.display_name AS person_name, ap.employer AS organization, ap.title AS role,
                r.modality AS channel, r.state AS request_state, r.meeting_starts_at,
                n.advice, n.takeaways, coalesce(n.new_questions, '{}') AS new_questions,
                f.thank_you_due_at, f.thank_you_sent_at, f.thank_you_channel, f.may_contact_again, f.update_due_at, f.update_sent_at,
                NULL::text AS how_to_reach, NULL::text AS notes
           FROM interview_requests r
           JOIN memberships ms ON ms.institution_id = r.institution_id AND ms.id = r.alumnus_id JOIN identities idn ON idn.id = ms.identity_id
           LEFT JOIN alumni_profiles ap ON ap.institution_id = r.institution_id AND ap.membership_id = r.alumnus_id
           LEFT JOIN conversation_notes n ON n.institution_id = r.institution_id AND n.request_id = r.id
           LEFT JOIN follow_ups f ON f.institution_id = r.institution_id AND f.request_id = r.id
          WHERE r.institution_id = $1 AND r.student_id = $2
         UNION ALL
         SELECT 'MANUAL', e.id, to_char(e.contacted_on, 'YYYY-MM-DD') || 'T00:00:00.000000', NULL, e.name, e.organization, e.role,
                e.channel, NULL, NULL, NULL, NULL, '{}'::text[], NULL, NULL, NULL, NULL, NULL, NULL, e.how_to_reach, e.notes
           FROM contact_log_entries e
          WHERE e.institution_id = $1 AND e.student_id = $2
       ) log
       WHERE $3::text IS NULL OR (log.sort_key COLLATE "C" < $3::text COLLATE "C") OR (log.sort_key = $3::text AND log.id < $4::uuid)
       ORDER BY log.sort_key COLLATE "C" DESC, log.id DESC
       LIMIT $5`,
      [institutionId, studentId, page.after?.key ?? null, page.after?.id ?? null, page.limit ?? null],
    );
    const referrals = await referralsBySource(
      m,
      rows.filter((r) => r.kind === ContactLogKind.INTERVIEW_REQUEST).map((r) => r.id),
    );
    return rows.map((r) => ({
      cursor: { key: r.sort_key, id: r.id },
      item: {
        id: r.id,
        kind: r.kind,
        date: r.sort_key.slice(0, 10),
        timeZone: r.time_zone ?? "UTC",
        personName: r.person_name,
        organization: r.organization,
        role: r.role,
        channel: r.channel,
        requestState: r.request_state,
        meetingStartsAt: r.meeting_starts_at,
        advice: r.advice,
        takeaways: r.takeaways,
        newQuestions: r.new_questions,
        namesSuggested: referrals.get(r.id) ?? [],
        thankYouDueAt: r.thank_you_due_at,
        thankYouSentAt: r.thank_you_sent_at,
        thankYouChannel: r.thank_you_channel as ThankYouChannel | null,
        mayContactAgain: r.may_contact_again,
        updateDueAt: r.update_due_at,
        updateSentAt: r.update_sent_at,
        howToReach: r.how_to_reach,
        notes: r.notes,
      },
    }));
  }
}

const CSV_HEADER = [
  "Date",
  "Type",
  "Name",
  "Organization",
  "Role",
  "Channel",
  "Status",
  "Advice",
  "Takeaways",
  "New questions",
  "Names suggested",
  "Thank-you due",
  "Thank-you sent",
  "May contact again",
  "Update due",
  "Update sent",
  "How to reach",
  "Notes",
];

/** The contact log as CSV; dates are days in the student's time zone. */
export function logCsv(items: LogItem[]): string {
  return toCsv(
    CSV_HEADER,
    items.map((i) => [
      i.date,
      i.kind === ContactLogKind.MANUAL ? "Logged contact" : "Interview request",
      i.personName,
      i.organization,
      i.role,
      i.channel,
      i.requestState,
      i.advice,
      i.takeaways,
      i.newQuestions.join("; "),
      i.namesSuggested
        .map((n) => [n.name, n.role && `(${n.role})`, n.howToReach && `– ${n.howToReach}`, `[${n.status}]`].filter(Boolean).join(" "))
        .join("; "),
      localDate(i.thankYouDueAt, i.timeZone),
      localDate(i.thankYouSentAt, i.timeZone),
      YES_NO(i.mayContactAgain),
      localDate(i.updateDueAt, i.timeZone),
      localDate(i.updateSentAt, i.timeZone),
      i.howToReach,
      i.notes,
    ]),
  );
}

/** A real calendar day, not in the future (allowing for time zones ahead of UTC), not before 1900. */
function checkContactDay(value: string): void {
  const day = new Date(`${value}T00:00:00Z`);
  const problem =
    Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value
      ? "Use a real date like 2025-03-14."
      : day.getTime() > Date.now() + DAY_MS
        ? "The contact cannot be in the future."
        : day.getUTCFullYear() < 1900
          ? "Use a date after 1900."
          : null;
  if (problem) throw badInput([{ field: "contactedOn", message: problem }]);
}
