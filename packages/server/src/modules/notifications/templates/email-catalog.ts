import type { RequestOutboxPayload } from "../../../db/outbox";
import { planDelivery, type PlannedEmail } from "../notification-plan";
import type { RequestFacts } from "../request-facts";
import { accountLinkEmail, erasureRequestedEmail, invitationEmail } from "./account-emails";
import { volunteerInvitationEmail } from "../volunteer-invitation";
import { sampleDigests } from "./digest-samples";
import { sampleArrangementEmail } from "../accommodation-arrangement";
import { emailHtml, type EmailDraft } from "./email-layout";
import type { EmailLocale } from "./i18n/words";

/** One kind of email the platform sends, rendered with made-up people for the admins' preview. */
export interface EmailPreview {
  /** Stable name: an EMAIL_KINDS name (notification-kinds.ts), with its variant in brackets when it has several. */
  kind: string;
  /** Who receives it. */
  recipient: "STUDENT" | "ALUMNUS" | "ADVISOR" | "CAREER_CENTER" | "ANYONE" | "MEMBER" | "INVITEE";
  subject: string;
  text: string;
  html: string;
  /** The calendar part's METHOD, when the email carries an invitation. */
  calendarMethod: string | null;
}

interface RequestKind {
  kind: string;
  topic: string;
  payload?: Partial<RequestOutboxPayload>;
  facts?: Partial<RequestFacts>;
}

const DAY = 86_400_000;

/**
 * Every kind of email: each request/follow-up outbox topic (with its variants) and each account email.
 * A test renders them all and fails when a topic that planDelivery knows is missing here.
 */
export const REQUEST_EMAIL_KINDS: RequestKind[] = [
  { kind: "request.created", topic: "request.created", facts: { state: "REQUESTED" } },
  { kind: "request.accepted", topic: "request.accepted", payload: { sequence: 0 }, facts: { state: "ACCEPTED" } },
  {
    kind: "request.accepted (moved)",
    topic: "request.accepted",
    payload: { sequence: 1, rescheduled: true },
    facts: { state: "ACCEPTED", calendarSequence: 1 },
  },
  { kind: "request.time_proposed", topic: "request.time_proposed", facts: { state: "TIME_PROPOSED" } },
  {
    kind: "request.time_proposed (new time)",
    topic: "request.time_proposed",
    payload: { reschedule: true, actor: "ALUMNUS" },
    facts: { state: "ACCEPTED" },
  },
  { kind: "request.declined", topic: "request.declined", facts: { state: "DECLINED" } },
  { kind: "request.expired", topic: "request.expired", facts: { state: "EXPIRED" } },
  { kind: "request.withdrawn", topic: "request.withdrawn", facts: { state: "WITHDRAWN", closeReason: "I found the answers I needed." } },
  { kind: "request.completed", topic: "request.completed", facts: { state: "COMPLETED" } },
  {
    kind: "request.cancelled",
    topic: "request.cancelled",
    payload: { sequence: 1, actor: "ALUMNUS" },
    facts: { state: "CANCELLED", calendarSequence: 1 },
  },
  { kind: "request.no_show", topic: "request.no_show", payload: { reportedBy: "ALUMNUS" }, facts: { state: "NO_SHOW" } },
  { kind: "request.expiry_reminder", topic: "request.expiry_reminder", facts: { state: "REQUESTED" } },
  {
    kind: "request.meeting_reminder (24 h)",
    topic: "request.meeting_reminder",
    payload: { reminder: "BEFORE_24H", sequence: 0 },
    facts: { state: "ACCEPTED" },
  },
  {
    kind: "request.meeting_reminder (1 h)",
    topic: "request.meeting_reminder",
    payload: { reminder: "BEFORE_1H", sequence: 0 },
    facts: { state: "ACCEPTED" },
  },
  {
    kind: "request.meeting_check",
    topic: "request.meeting_check",
    payload: { reminder: "CHECK_1", sequence: 0 },
    facts: { state: "ACCEPTED" },
  },
  { kind: "request.meeting_moved", topic: "request.meeting_moved", payload: { actor: "STUDENT" }, facts: { state: "ACCEPTED" } },
  { kind: "followup.thank_you_due", topic: "followup.thank_you_due", facts: { state: "COMPLETED" } },
  { kind: "followup.update_due", topic: "followup.update_due", facts: { state: "COMPLETED" } },
  {
    kind: "followup.thank_you_sent",
    topic: "followup.thank_you_sent",
    facts: {
      state: "COMPLETED",
      thankYouText:
        "Dear Alex Alum,\n\nThank you for taking the time to talk with me. Your advice to build a small portfolio of real projects was the most helpful part.\n\nI will start one this month.\n\nBest wishes,\nSam Student",
    },
  },
];

/** Made-up people and a made-up meeting, a week from `now`, at the institution being previewed; both read `locale`. */
export function sampleFacts(
  institutionName: string,
  now: Date,
  overrides: Partial<RequestFacts> = {},
  locale: EmailLocale = "en",
): RequestFacts {
  const starts = new Date(Math.ceil((now.getTime() + 7 * DAY) / 3_600_000) * 3_600_000);
  return {
    id: "00000000-0000-4000-8000-000000000001",
    institutionId: "00000000-0000-4000-8000-000000000000",
    institutionName,
    meetingMinutes: 30,
    thankYouDays: 2,
    state: "REQUESTED",
    modality: "VIDEO",
    message: "I am exploring data science and would love to hear how you got into it.",
    student: {
      membershipId: "00000000-0000-4000-8000-000000000002",
      name: "Sam Student",
      email: "sam@example.edu",
      timeZone: "America/Chicago",
      locale,
    },
    alumnus: {
      membershipId: "00000000-0000-4000-8000-000000000003",
      name: "Alex Alum",
      email: "alex@example.com",
      timeZone: "America/New_York",
      locale,
    },
    expiresAt: new Date(starts.getTime() - 2 * DAY),
    meetingStartsAt: starts,
    meetingEndsAt: new Date(starts.getTime() + 30 * 60_000),
    meetingLocation: null,
    meetingLink: "https://meet.jit.si/infoview-sample-room",
    meetingPhone: null,
    inPersonNotes: null,
    calendarSequence: 0,
    declineReason: "I am travelling for work all month.",
    declineReferral: { name: "Jordan Lee", contact: "jordan@example.com", note: "Jordan moved into data science two years ago." },
    closeReason: null,
    updatedAt: now,
    openTimes: [
      { startsAt: starts, endsAt: new Date(starts.getTime() + 30 * 60_000), proposedBy: "STUDENT", kind: "INITIAL" },
      {
        startsAt: new Date(starts.getTime() + DAY),
        endsAt: new Date(starts.getTime() + DAY + 30 * 60_000),
        proposedBy: "ALUMNUS",
        kind: "OTHER",
      },
      {
        startsAt: new Date(starts.getTime() + 2 * DAY),
        endsAt: new Date(starts.getTime() + 2 * DAY + 30 * 60_000),
        proposedBy: "ALUMNUS",
        kind: "RESCHEDULE",
      },
    ],
    thankYouDueAt: new Date(starts.getTime() + 2 * DAY),
    meetingCheck: null,
    ...overrides,
  };
}

/** Every email kind rendered (text and HTML) with sample data for `institutionName`, in `locale` (English by default). */
export async function emailPreviews(input: {
  institutionName: string;
  publicUrl: string;
  now?: Date;
  locale?: EmailLocale;
}): Promise<EmailPreview[]> {
  const now = input.now ?? new Date();
  const locale = input.locale ?? "en";
  const previews: EmailPreview[] = [];
  for (const k of REQUEST_EMAIL_KINDS) {
    const facts = sampleFacts(input.institutionName, now, k.facts, locale);
    const plan = planDelivery(k.topic, { requestId: facts.id, ...k.payload }, facts, {
      publicUrl: input.publicUrl,
      meetingCheckToken: () => "sample-token",
    });
    for (const email of plan.emails) {
      const invite = email.attachments.find((a) => /method=/i.test(a.contentType));
      previews.push({
        kind: k.kind,
        recipient: email.side,
        subject: email.subject,
        text: email.text,
        html: await emailHtml(email),
        calendarMethod: invite?.contentType.match(/method=([A-Z]+)/i)?.[1] ?? null,
      });
    }
  }
  const digestFacts = sampleFacts(input.institutionName, now, { state: "REQUESTED" }, locale);
  for (const { kind, email } of sampleDigests(digestFacts, input.publicUrl, now)) previews.push(await previewOf(kind, email));
  previews.push(await previewOf("accommodation.arrange", sampleArrangementEmail(input.institutionName, input.publicUrl, now, locale)));
  const link = (path: string) => `${input.publicUrl}/${path}#token=sample-token`;
  const accounts: Array<[string, EmailPreview["recipient"], EmailDraft]> = [
    ["account.sign_in_link", "ANYONE", accountLinkEmail({ purpose: "SIGN_IN_LINK", link: link("sign-in/link"), minutes: 15, locale })],
    [
      "account.password_reset",
      "ANYONE",
      accountLinkEmail({ purpose: "PASSWORD_RESET", link: link("reset-password"), minutes: 30, locale }),
    ],
    ["account.verify_email", "ANYONE", accountLinkEmail({ purpose: "VERIFY_EMAIL", link: link("verify-email"), minutes: 24 * 60, locale })],
    [
      "account.invitation",
      "INVITEE",
      invitationEmail({
        institutionName: input.institutionName,
        role: "STUDENT",
        link: `${input.publicUrl}/invitations/accept?token=sample-token`,
        expiresAt: new Date(now.getTime() + 14 * DAY),
        timeZone: "America/Chicago",
        locale,
      }),
    ],
    [
      "account.erasure_requested",
      "MEMBER",
      erasureRequestedEmail({
        name: "Sam Student",
        institutionName: input.institutionName,
        dueAt: new Date(now.getTime() + 14 * DAY),
        publicUrl: input.publicUrl,
        locale,
      }),
    ],
    [
      "graduation.volunteer_invitation",
      "ALUMNUS",
      volunteerInvitationEmail({ name: "Sam Graduate", institutionName: input.institutionName, publicUrl: input.publicUrl, locale }),
    ],
  ];
  for (const [kind, recipient, draft] of accounts) {
    previews.push({
      kind,
      recipient,
      subject: draft.subject,
      text: `${draft.paragraphs.join("\n\n")}\n`,
      html: await emailHtml(draft),
      calendarMethod: null,
    });
  }
  return previews;
}

async function previewOf(kind: string, email: PlannedEmail): Promise<EmailPreview> {
  return { kind, recipient: email.side, subject: email.subject, text: email.text, html: await emailHtml(email), calendarMethod: null };
}
