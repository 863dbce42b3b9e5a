import type { RequestOutboxPayload } from "../../db/outbox";

/**
 * The kinds of notification a person chooses about (ADR 0024), derived from what notification-plan.ts sends. Each kind
 * lists the email choices it offers; a kind that cannot be turned off says why, and a kind that cannot wait is not held
 * by quiet hours.
 */
export const NOTIFICATION_KINDS = [
  "NEW_REQUEST",
  "REQUEST_ANSWERS",
  "EXPIRY_REMINDERS",
  "MEETING_REMINDERS",
  "MEETING_CHECKS",
  "FOLLOW_UPS",
  "ADVISOR_LISTS",
  "MEETING_CHANGES",
  "SIGN_IN_LINKS",
  "ACCOMMODATION_ARRANGEMENTS",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EMAIL_CHOICES = ["IMMEDIATE", "DAILY_DIGEST", "WEEKLY_DIGEST", "OFF"] as const;
export type EmailChoice = (typeof EMAIL_CHOICES)[number];

export interface KindRule {
  /** The email choices offered, the built-in default first. */
  choices: readonly EmailChoice[];
  /** Built-in default when the institution set none. */
  defaultEmail: EmailChoice;
  /** Why it cannot be turned off (null: it can). */
  locked: string | null;
  /** Sent even during quiet hours: it is about something imminent or was asked for. */
  urgent: boolean;
  /** Has an in-app (real-time) side at all. */
  inApp: boolean;
  /** Who it is for, for the page. */
  audience: "ALUMNUS" | "STUDENT" | "ADVISOR" | "ANYONE";
}

const NOW_OR_DIGEST = ["IMMEDIATE", "DAILY_DIGEST", "WEEKLY_DIGEST", "OFF"] as const;
const NOW_OR_OFF = ["IMMEDIATE", "OFF"] as const;

export const KIND_RULES: Readonly<Record<NotificationKind, KindRule>> = {
  NEW_REQUEST: { choices: NOW_OR_DIGEST, defaultEmail: "IMMEDIATE", locked: null, urgent: false, inApp: true, audience: "ALUMNUS" },
  REQUEST_ANSWERS: { choices: NOW_OR_OFF, defaultEmail: "IMMEDIATE", locked: null, urgent: false, inApp: true, audience: "ANYONE" },
  EXPIRY_REMINDERS: { choices: NOW_OR_OFF, defaultEmail: "IMMEDIATE", locked: null, urgent: false, inApp: true, audience: "ALUMNUS" },
  MEETING_REMINDERS: { choices: NOW_OR_OFF, defaultEmail: "IMMEDIATE", locked: null, urgent: true, inApp: true, audience: "ANYONE" },
  MEETING_CHECKS: { choices: NOW_OR_OFF, defaultEmail: "IMMEDIATE", locked: null, urgent: false, inApp: true, audience: "ANYONE" },
  FOLLOW_UPS: { choices: NOW_OR_DIGEST, defaultEmail: "IMMEDIATE", locked: null, urgent: false, inApp: true, audience: "STUDENT" },
  ADVISOR_LISTS: {
    choices: ["DAILY_DIGEST", "WEEKLY_DIGEST", "OFF"],
    defaultEmail: "WEEKLY_DIGEST",
    locked: null,
    urgent: false,
    inApp: false,
    audience: "ADVISOR",
  },
  MEETING_CHANGES: {
    choices: ["IMMEDIATE"],
    defaultEmail: "IMMEDIATE",
    locked: "A meeting that is cancelled or moved changes your calendar and someone's plans: you always hear about it at once.",
    urgent: true,
    inApp: true,
    audience: "ANYONE",
  },
  SIGN_IN_LINKS: {
    choices: ["IMMEDIATE"],
    defaultEmail: "IMMEDIATE",
    locked: "A sign-in link is only sent when you ask for one, and you need it at once to sign in.",
    urgent: true,
    inApp: false,
    audience: "ANYONE",
  },
  ACCOMMODATION_ARRANGEMENTS: {
    choices: ["IMMEDIATE"],
    defaultEmail: "IMMEDIATE",
    locked:
      "An interpreter or captioner asked for at short notice must be booked in time for someone's conversation: the career center always hears at once.",
    urgent: true,
    inApp: false,
    audience: "ADVISOR",
  },
};

export const isNotificationKind = (value: unknown): value is NotificationKind =>
  typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);

/**
 * Every email Infoview can send, by name — its outbox topic, or `account.…` for the ones identity and accounts send
 * directly — with the kind a person controls it by. Null for those that are nobody's preference: an invitation (the
 * person is not a member yet), the confirmation of a person's own erasure request, and the one invitation to volunteer a
 * new alum gets at graduation. The admins' preview
 * (templates/email-catalog.ts) shows each one; its tests derive from this list and fail when one is missing.
 */
export const EMAIL_KINDS = {
  "request.created": "NEW_REQUEST",
  "request.accepted": "REQUEST_ANSWERS",
  "request.time_proposed": "REQUEST_ANSWERS",
  "request.declined": "REQUEST_ANSWERS",
  "request.expired": "REQUEST_ANSWERS",
  "request.withdrawn": "REQUEST_ANSWERS",
  "request.completed": "REQUEST_ANSWERS",
  "request.no_show": "REQUEST_ANSWERS",
  "request.cancelled": "MEETING_CHANGES",
  "request.meeting_moved": "MEETING_CHANGES",
  "request.expiry_reminder": "EXPIRY_REMINDERS",
  "request.meeting_reminder": "MEETING_REMINDERS",
  "request.meeting_check": "MEETING_CHECKS",
  "followup.thank_you_due": "FOLLOW_UPS",
  "followup.update_due": "FOLLOW_UPS",
  // To the alum, about a conversation they had: with the other news of their requests.
  "followup.thank_you_sent": "REQUEST_ANSWERS",
  "digest.requests": "NEW_REQUEST",
  "digest.follow_ups": "FOLLOW_UPS",
  "digest.advisor_lists": "ADVISOR_LISTS",
  "accommodation.arrange": "ACCOMMODATION_ARRANGEMENTS",
  "account.erasure_requested": null,
  "account.sign_in_link": "SIGN_IN_LINKS",
  "account.password_reset": "SIGN_IN_LINKS",
  "account.verify_email": "SIGN_IN_LINKS",
  "account.invitation": null,
  // Once, at graduation: the new alum has chosen nothing yet (no consent, no preferences) — it asks them to.
  "graduation.volunteer_invitation": null,
} as const satisfies Record<string, NotificationKind | null>;
export type EmailName = keyof typeof EMAIL_KINDS;
export const EMAIL_NAMES = Object.keys(EMAIL_KINDS) as EmailName[];

/** The kind an outbox row's email or real-time event belongs to; null for topics that are not notifications. */
export function kindOfTopic(topic: string, payload: Partial<RequestOutboxPayload>): NotificationKind | null {
  // A booked meeting that moved changes someone's calendar: it cannot be turned off, unlike the first booking.
  if (topic === "request.accepted" && payload.rescheduled) return "MEETING_CHANGES";
  if (topic in EMAIL_KINDS) return EMAIL_KINDS[topic as EmailName];
  return topic.startsWith("request.") ? "REQUEST_ANSWERS" : null;
}
