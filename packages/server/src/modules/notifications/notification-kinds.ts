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
  EXPIRY_REMINDERS: { choices: NOW_OR_OFF, defaultEmail: "IMMEDIATE", locked: null, urgent: false, inApp: false, audience: "ALUMNUS" },
  MEETING_REMINDERS: { choices: NOW_OR_OFF, defaultEmail: "IMMEDIATE", locked: null, urgent: true, inApp: false, audience: "ANYONE" },
  MEETING_CHECKS: { choices: NOW_OR_OFF, defaultEmail: "IMMEDIATE", locked: null, urgent: false, inApp: false, audience: "ANYONE" },
  FOLLOW_UPS: { choices: NOW_OR_DIGEST, defaultEmail: "IMMEDIATE", locked: null, urgent: false, inApp: false, audience: "STUDENT" },
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
};

export const isNotificationKind = (value: unknown): value is NotificationKind =>
  typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);

/** The kind an outbox row's email or real-time event belongs to; null for topics that are not notifications (digests carry their own). */
export function kindOfTopic(topic: string, payload: Partial<RequestOutboxPayload>): NotificationKind | null {
  switch (topic) {
    case "request.created":
      return "NEW_REQUEST";
    case "request.accepted":
      return payload.rescheduled ? "MEETING_CHANGES" : "REQUEST_ANSWERS";
    case "request.cancelled":
    case "request.meeting_moved":
      return "MEETING_CHANGES";
    case "request.expiry_reminder":
      return "EXPIRY_REMINDERS";
    case "request.meeting_reminder":
      return "MEETING_REMINDERS";
    case "request.meeting_check":
      return "MEETING_CHECKS";
    case "followup.thank_you_due":
    case "followup.update_due":
      return "FOLLOW_UPS";
    case "followup.thank_you_sent":
      // To the alum, about a conversation they had: with the other news of their requests (the "thank you for talking" email).
      return "REQUEST_ANSWERS";
    case "digest.requests":
      return "NEW_REQUEST";
    case "digest.follow_ups":
      return "FOLLOW_UPS";
    case "digest.advisor_lists":
      return "ADVISOR_LISTS";
    default:
      return topic.startsWith("request.") ? "REQUEST_ANSWERS" : null;
  }
}
