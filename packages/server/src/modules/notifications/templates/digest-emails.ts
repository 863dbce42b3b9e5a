import { localTime } from "../../../shared/calendar-invite";
import type { PlannedEmail } from "../notification-plan";
import { emailText } from "./email-layout";

/**
 * The digests' words (ADR 0024), written once from data already read: digests.ts reads what is waiting at delivery,
 * the admins' preview (email-catalog.ts) passes made-up people. English only, like every email (see docs/notifications.md).
 */

/** Who a digest goes to, read at delivery time. */
export interface DigestReader {
  membershipId: string;
  name: string;
  email: string;
  timeZone: string;
  institutionName: string;
}

export interface WaitingRequest {
  id: string;
  studentName: string;
  message: string;
  expiresAt: Date;
  /** The student's open proposed times, earliest first. */
  times: Array<{ id: string; startsAt: Date }>;
}

/** A digest action link (signed, single use), or undefined when the deliverer has no signer. */
export type RequestActionLink = (requestId: string, action: "ACCEPT" | "DECLINE", proposedTimeId?: string) => string | undefined;

export interface DueFollowUp {
  requestId: string;
  alumnusName: string;
  /** Null when sent already, or not due within the digest's week. */
  thankYouDueAt: Date | null;
  updateDueAt: Date | null;
}

export interface UnansweredCheck {
  requestId: string;
  alumnusName: string;
  meetingStartsAt: Date;
  /** The one-click answer links ("did it happen?"), when the deliverer can sign them. */
  answers: { happened: string; noShow: string; moved: string } | null;
}

/** The needs-action lists an advisor's digest shows: the reports module's `needsAction`, as the dashboard reads them. */
export interface NeedsActionLists {
  inactiveStudents: Array<{ studentMembershipId: string; studentName: string; daysInactive: number }>;
  overdueThankYous: Array<{
    requestId: string;
    studentMembershipId: string;
    studentName: string;
    alumnusName: string;
    daysOverdue: number;
  }>;
  expiringRequests: Array<{ requestId: string; studentMembershipId: string; studentName: string; alumnusName: string; hoursLeft: number }>;
  unsettledMeetings: Array<{
    requestId: string;
    studentMembershipId: string;
    studentName: string;
    alumnusName: string;
    meetingEndsAt: Date;
  }>;
  overloadedAlumni: Array<{ alumnusMembershipId: string; alumnusName: string; openRequests: number; monthlyCapacity: number }>;
  unresponsiveAlumni: Array<{ alumnusMembershipId: string; alumnusName: string; waitingOver3Days: number; expiredLast90Days: number }>;
}

/** Whose students an advisor's digest covers: their caseload, or everyone when no student is assigned to them. */
export type AdvisorScope = "CASELOAD" | "EVERYONE";

/** The most items of one list an advisor's email shows; the rest are on the dashboard. */
export const ADVISOR_LIST_ITEMS_SHOWN = 10;

export const needsActionCount = (l: NeedsActionLists): number =>
  l.inactiveStudents.length +
  l.overdueThankYous.length +
  l.expiringRequests.length +
  l.unsettledMeetings.length +
  l.overloadedAlumni.length +
  l.unresponsiveAlumni.length;

function wrap(reader: DigestReader, side: PlannedEmail["side"], subject: string, body: string[]): PlannedEmail {
  const paragraphs = [`Hello ${reader.name},`, ...body, `— Infoview, for ${reader.institutionName}`];
  return {
    side,
    to: { membershipId: reader.membershipId, name: reader.name, email: reader.email, timeZone: reader.timeZone },
    subject,
    text: emailText({ paragraphs }),
    paragraphs,
    institutionName: reader.institutionName,
    attachments: [],
  };
}

const at = (d: Date, reader: DigestReader) => localTime(d, reader.timeZone);

/** Alumni: the requests waiting for an answer, each time with its accept link, a decline link, the request's page. */
export function requestsDigestEmail(
  reader: DigestReader,
  requests: WaitingRequest[],
  publicUrl: string,
  link: RequestActionLink,
): PlannedEmail {
  const items = requests.map((r) => {
    const lines = [
      `${r.studentName} — expires ${at(r.expiresAt, reader)}`,
      ...r.message
        .trim()
        .split(/\r?\n/)
        .slice(0, 3)
        .map((l) => `> ${l}`),
    ];
    for (const t of r.times) {
      const accept = link(r.id, "ACCEPT", t.id);
      lines.push(`  - ${at(t.startsAt, reader)}${accept ? `: accept this time ${accept}` : ""}`);
    }
    const decline = link(r.id, "DECLINE");
    if (decline) lines.push(`  Decline: ${decline}`);
    lines.push(`  Open the request: ${publicUrl}/alumni/requests/${r.id}`);
    return lines.join("\n");
  });
  return wrap(reader, "ALUMNUS", `${requests.length === 1 ? "1 request is" : `${requests.length} requests are`} waiting for your answer`, [
    `Students are waiting to hear from you. Each link below does one thing, once: it accepts that time, or declines, after you confirm on the page it opens.`,
    ...items,
  ]);
}

/** Students: thank-yous and updates due within a week or overdue, and meetings nobody said happened. */
export function followUpsDigestEmail(reader: DigestReader, due: DueFollowUp[], checks: UnansweredCheck[], publicUrl: string): PlannedEmail {
  const page = (requestId: string) => `${publicUrl}/student/conversations/${requestId}`;
  const body: string[] = [];
  if (due.length > 0) {
    body.push(
      [
        `Follow-ups due soon or overdue:`,
        ...due.flatMap((d) => [
          ...(d.thankYouDueAt ? [`  - A thank-you to ${d.alumnusName}, by ${at(d.thankYouDueAt, reader)}`] : []),
          ...(d.updateDueAt ? [`  - An update to ${d.alumnusName}, by ${at(d.updateDueAt, reader)}`] : []),
          `    ${page(d.requestId)}`,
        ]),
      ].join("\n"),
    );
  }
  for (const c of checks) {
    body.push(
      [
        `Did your conversation with ${c.alumnusName} on ${at(c.meetingStartsAt, reader)} happen?`,
        ...(c.answers
          ? [
              `  - It happened: ${c.answers.happened}`,
              `  - ${c.alumnusName} didn't come: ${c.answers.noShow}`,
              `  - We moved it: ${c.answers.moved}`,
            ]
          : []),
        `    ${page(c.requestId)}`,
      ].join("\n"),
    );
  }
  if (checks.length > 0)
    body.push(`Each answer link works once; the first answer from either of you settles it, and the other person is told.`);
  const count = due.length + checks.length;
  return wrap(reader, "STUDENT", `Follow-ups due: ${count}`, body);
}

/** Advisors: the needs-action lists of their dashboard, each item linking to the student's page. */
export function advisorDigestEmail(reader: DigestReader, lists: NeedsActionLists, scope: AdvisorScope, publicUrl: string): PlannedEmail {
  const student = (id: string) => `${publicUrl}/advisor/students/${id}`;
  const section = <T>(title: string, items: T[], line: (item: T) => string): string | null => {
    if (items.length === 0) return null;
    const shown = items.slice(0, ADVISOR_LIST_ITEMS_SHOWN).map((i) => `  - ${line(i)}`);
    const more = items.length - shown.length;
    return [
      `${title} (${items.length}${items.length >= 50 ? "+" : ""}):`,
      ...shown,
      ...(more > 0 ? [`  - …and ${more} more on your dashboard`] : []),
    ].join("\n");
  };
  const days = (n: number) => (n === 1 ? "1 day" : `${n} days`);
  const sections = [
    section(
      "Meetings nobody said happened (a week after the end)",
      lists.unsettledMeetings,
      (u) => `${u.studentName} with ${u.alumnusName}, ended ${at(u.meetingEndsAt, reader)}: ${student(u.studentMembershipId)}`,
    ),
    section(
      "Thank-yous overdue",
      lists.overdueThankYous,
      (o) => `${o.studentName} to ${o.alumnusName}, ${days(o.daysOverdue)} overdue: ${student(o.studentMembershipId)}`,
    ),
    section(
      "Requests expiring within 48 hours",
      lists.expiringRequests,
      (r) => `${r.studentName} to ${r.alumnusName}, ${Math.max(0, Math.round(r.hoursLeft))} h left: ${student(r.studentMembershipId)}`,
    ),
    section(
      "Students inactive for 21 days or more",
      lists.inactiveStudents,
      (s) => `${s.studentName}, ${days(s.daysInactive)}: ${student(s.studentMembershipId)}`,
    ),
    section(
      "Alumni asked more than their monthly capacity",
      lists.overloadedAlumni,
      (a) => `${a.alumnusName}: ${a.openRequests} open, capacity ${a.monthlyCapacity}`,
    ),
    section(
      "Alumni not answering",
      lists.unresponsiveAlumni,
      (a) => `${a.alumnusName}: ${a.waitingOver3Days} waiting over 3 days, ${a.expiredLast90Days} expired in 90 days`,
    ),
  ].filter((s): s is string => s !== null);
  const count = needsActionCount(lists);
  return wrap(reader, "ADVISOR", `${count === 1 ? "1 item needs" : `${count} items need`} your attention`, [
    `${
      scope === "CASELOAD"
        ? "These are the lists your advising dashboard shows for your caseload (the students assigned to you); the alumni lists are for the whole institution."
        : "These are the lists your advising dashboard shows for all students (no students are assigned to you)."
    } Students who do not share their activity with advisors are not listed.`,
    ...sections,
    `Open your dashboard: ${publicUrl}/advisor`,
  ]);
}
