import type { PlannedEmail } from "../notification-plan";
import { emailText } from "./email-layout";
import { wordsFor, type EmailLocale, type Words } from "./i18n/words";

/**
 * The digests' words (ADR 0024), written once from data already read: digests.ts reads what is waiting at delivery,
 * the admins' preview (email-catalog.ts) passes made-up people. In the reader's language (ADR 0033).
 */

/** Who a digest goes to, read at delivery time. */
export interface DigestReader {
  membershipId: string;
  name: string;
  email: string;
  timeZone: string;
  institutionName: string;
  /** The language the digest is written in (ADR 0033). */
  locale: EmailLocale;
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
  const w = wordsFor(reader.locale);
  const paragraphs = [w.t("common.hello", { name: reader.name }), ...body, w.t("common.signOff", { institution: reader.institutionName })];
  return {
    side,
    to: { membershipId: reader.membershipId, name: reader.name, email: reader.email, timeZone: reader.timeZone, locale: reader.locale },
    subject,
    text: emailText({ paragraphs }),
    paragraphs,
    institutionName: reader.institutionName,
    locale: reader.locale,
    attachments: [],
  };
}

/** The reader's words, and a time in their zone, formatted their way. */
const wordsOf = (reader: DigestReader): { w: Words; at: (d: Date) => string } => {
  const w = wordsFor(reader.locale);
  return { w, at: (d) => w.time(d, reader.timeZone) };
};

/** Alumni: the requests waiting for an answer, each time with its accept link, a decline link, the request's page. */
export function requestsDigestEmail(
  reader: DigestReader,
  requests: WaitingRequest[],
  publicUrl: string,
  link: RequestActionLink,
): PlannedEmail {
  const { w, at } = wordsOf(reader);
  const items = requests.map((r) => {
    const lines = [
      w.t("digest.requests.item", { student: r.studentName, expires: at(r.expiresAt) }),
      ...r.message
        .trim()
        .split(/\r?\n/)
        .slice(0, 3)
        .map((l) => `> ${l}`),
    ];
    for (const t of r.times) {
      const accept = link(r.id, "ACCEPT", t.id);
      lines.push(`  - ${at(t.startsAt)}${accept ? `: ${w.t("digest.requests.accept", { url: accept })}` : ""}`);
    }
    const decline = link(r.id, "DECLINE");
    if (decline) lines.push(`  ${w.t("digest.requests.decline", { url: decline })}`);
    lines.push(`  ${w.t("common.openRequest", { url: `${publicUrl}/alumni/requests/${r.id}` })}`);
    return lines.join("\n");
  });
  return wrap(reader, "ALUMNUS", w.t("digest.requests.subject", { count: requests.length }), [w.t("digest.requests.intro"), ...items]);
}

/** Students: thank-yous and updates due within a week or overdue, and meetings nobody said happened. */
export function followUpsDigestEmail(reader: DigestReader, due: DueFollowUp[], checks: UnansweredCheck[], publicUrl: string): PlannedEmail {
  const { w, at } = wordsOf(reader);
  const page = (requestId: string) => `${publicUrl}/student/conversations/${requestId}`;
  const body: string[] = [];
  if (due.length > 0) {
    body.push(
      [
        w.t("digest.followUps.heading"),
        ...due.flatMap((d) => [
          ...(d.thankYouDueAt ? [`  - ${w.t("digest.followUps.thankYou", { alumnus: d.alumnusName, due: at(d.thankYouDueAt) })}`] : []),
          ...(d.updateDueAt ? [`  - ${w.t("digest.followUps.update", { alumnus: d.alumnusName, due: at(d.updateDueAt) })}`] : []),
          `    ${page(d.requestId)}`,
        ]),
      ].join("\n"),
    );
  }
  for (const c of checks) {
    body.push(
      [
        w.t("digest.followUps.check", { alumnus: c.alumnusName, when: at(c.meetingStartsAt) }),
        ...(c.answers
          ? [
              `  - ${w.t("check.happened")}: ${c.answers.happened}`,
              `  - ${w.t("check.noShow", { name: c.alumnusName })}: ${c.answers.noShow}`,
              `  - ${w.t("check.moved")}: ${c.answers.moved}`,
            ]
          : []),
        `    ${page(c.requestId)}`,
      ].join("\n"),
    );
  }
  if (checks.length > 0) body.push(w.t("digest.followUps.checkOnce"));
  const count = due.length + checks.length;
  return wrap(reader, "STUDENT", w.t("digest.followUps.subject", { count }), body);
}

/** Advisors: the needs-action lists of their dashboard, each item linking to the student's page. */
export function advisorDigestEmail(reader: DigestReader, lists: NeedsActionLists, scope: AdvisorScope, publicUrl: string): PlannedEmail {
  const { w, at } = wordsOf(reader);
  const student = (id: string) => `${publicUrl}/advisor/students/${id}`;
  const section = <T>(title: string, items: T[], line: (item: T) => string): string | null => {
    if (items.length === 0) return null;
    const shown = items.slice(0, ADVISOR_LIST_ITEMS_SHOWN).map((i) => `  - ${line(i)}`);
    const more = items.length - shown.length;
    return [
      w.t("digest.advisor.section", { title, count: `${items.length}${items.length >= 50 ? "+" : ""}` }),
      ...shown,
      ...(more > 0 ? [`  - ${w.t("digest.advisor.more", { count: more })}`] : []),
    ].join("\n");
  };
  const pair = (i: { studentName: string; alumnusName: string; studentMembershipId: string }) => ({
    student: i.studentName,
    alumnus: i.alumnusName,
    url: student(i.studentMembershipId),
  });
  const sections = [
    section(w.t("digest.advisor.unsettled"), lists.unsettledMeetings, (u) =>
      w.t("digest.advisor.unsettledItem", { ...pair(u), ended: at(u.meetingEndsAt) }),
    ),
    section(w.t("digest.advisor.overdue"), lists.overdueThankYous, (o) =>
      w.t("digest.advisor.overdueItem", { ...pair(o), days: o.daysOverdue }),
    ),
    section(w.t("digest.advisor.expiring"), lists.expiringRequests, (r) =>
      w.t("digest.advisor.expiringItem", { ...pair(r), hours: Math.max(0, Math.round(r.hoursLeft)) }),
    ),
    section(w.t("digest.advisor.inactive"), lists.inactiveStudents, (s) =>
      w.t("digest.advisor.inactiveItem", { student: s.studentName, days: s.daysInactive, url: student(s.studentMembershipId) }),
    ),
    section(w.t("digest.advisor.overloaded"), lists.overloadedAlumni, (a) =>
      w.t("digest.advisor.overloadedItem", { alumnus: a.alumnusName, open: a.openRequests, capacity: a.monthlyCapacity }),
    ),
    section(w.t("digest.advisor.unresponsive"), lists.unresponsiveAlumni, (a) =>
      w.t("digest.advisor.unresponsiveItem", { alumnus: a.alumnusName, waiting: a.waitingOver3Days, expired: a.expiredLast90Days }),
    ),
  ].filter((s): s is string => s !== null);
  const count = needsActionCount(lists);
  return wrap(reader, "ADVISOR", w.t("digest.advisor.subject", { count }), [
    `${w.t(scope === "CASELOAD" ? "digest.advisor.caseload" : "digest.advisor.everyone")} ${w.t("digest.advisor.notSharing")}`,
    ...sections,
    w.t("digest.advisor.open", { url: `${publicUrl}/advisor` }),
  ]);
}
