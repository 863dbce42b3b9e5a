import { Writer } from "./request-emails";
import { meetingCheckEmail, meetingReminderEmail } from "./meeting-emails";
import { completedAlumnusEmail, completedStudentEmail, thankYouDueEmail, thankYouSentEmail, updateDueEmail } from "./followup-emails";
import type { RequestOutboxPayload } from "../../db/outbox";
import type { RequestNotificationKind } from "./pubsub";
import type { RequestFacts } from "./request-facts";
import type { PlanContext, PlannedEmail, Side } from "./planned-email";

export type { PlanContext, PlannedEmail, Side } from "./planned-email";

/** What one outbox row turns into: a real-time event for the people concerned, and emails. */
export interface DeliveryPlan {
  realtime: { kind: RequestNotificationKind; recipients: string[] } | null;
  emails: PlannedEmail[];
}

/** The answers to "did it happen?", as the links and the page name them. */
export const MEETING_CHECK_ANSWERS = ["HAPPENED", "NO_SHOW", "MOVED"] as const;

/** A topic nobody taught the worker: the row fails, is retried, and is kept when the worker gives up. */
export class UnknownTopicError extends Error {
  constructor(topic: string) {
    super(`No delivery is defined for outbox topic "${topic}"`);
  }
}

/** Topics that are someone else's business (webhooks, later): delivered with nothing to send. */
export const SILENT_TOPICS = new Set(["consent.withdrawn", "consent.given", "person.erased"]);

/**
 * Decides who hears about an outbox row and what they read. Pure: the facts were read at delivery time,
 * and an invite older than the meeting's current version is left out rather than sent stale.
 */
export function planDelivery(topic: string, payload: RequestOutboxPayload, facts: RequestFacts | null, ctx: PlanContext): DeliveryPlan {
  if (SILENT_TOPICS.has(topic)) return { realtime: null, emails: [] };
  if (!topic.startsWith("request.") && !topic.startsWith("followup.")) throw new UnknownTopicError(topic);
  // The request was deleted (with its institution or person): there is no one left to tell.
  if (!facts) return { realtime: null, emails: [] };
  const w = new Writer(facts, ctx);
  const both = [facts.student.membershipId, facts.alumnus.membershipId];
  const event = (kind: RequestNotificationKind) => ({ kind, recipients: both });
  // A reminder or nudge changes nothing: its real-time event only carries the notification centre's items, so none when
  // nobody is told (the meeting moved, was cancelled or was settled before it went out).
  const nudge = (kind: RequestNotificationKind, emails: PlannedEmail[]): DeliveryPlan => ({
    realtime: emails.length > 0 ? event(kind) : null,
    emails,
  });
  const other = (actor: RequestOutboxPayload["actor"]): Side[] =>
    actor === "STUDENT" ? ["ALUMNUS"] : actor === "ALUMNUS" ? ["STUDENT"] : ["STUDENT", "ALUMNUS"];

  switch (topic) {
    case "request.created":
      // Withdrawn or answered before this went out: the later change's email says what matters.
      return { realtime: event("CREATED"), emails: facts.state === "REQUESTED" ? [w.newRequest()] : [] };
    case "request.accepted":
      return payload.rescheduled
        ? {
            realtime: event("RESCHEDULED"),
            emails: (["STUDENT", "ALUMNUS"] as Side[]).map((s) => w.booked(s, true, payload.sequence)),
          }
        : {
            realtime: event("ACCEPTED"),
            emails: (["STUDENT", "ALUMNUS"] as Side[]).map((s) => w.booked(s, false, payload.sequence)),
          };
    case "request.time_proposed":
      return payload.reschedule
        ? {
            realtime: event("TIME_PROPOSED"),
            emails: other(payload.actor).map((s) => w.newTimeProposed(s, payload.actor)),
          }
        : { realtime: event("TIME_PROPOSED"), emails: [w.otherTimeOffered()] };
    case "request.declined":
      return { realtime: event("DECLINED"), emails: [w.declined()] };
    case "request.expired":
      return { realtime: event("EXPIRED"), emails: [w.expired()] };
    case "request.withdrawn":
      return { realtime: event("WITHDRAWN"), emails: [w.withdrawn()] };
    case "request.completed":
      return {
        realtime: event("COMPLETED"),
        emails: [completedStudentEmail(w), completedAlumnusEmail(w)],
      };
    case "request.cancelled":
      return {
        realtime: event("CANCELLED"),
        emails: (["STUDENT", "ALUMNUS"] as Side[])
          .filter((s) => s !== payload.deactivated)
          .map((s) => w.cancelled(s, payload.actor, payload.sequence)),
      };
    case "request.no_show":
      return {
        realtime: event("NO_SHOW"),
        emails: other(payload.reportedBy ?? payload.actor).map((s) => w.noShow(s)),
      };
    case "request.expiry_reminder":
      return nudge("EXPIRY_REMINDER", facts.state === "REQUESTED" ? [w.expiryReminder()] : []);
    case "request.meeting_reminder":
      return nudge(
        "MEETING_REMINDER",
        stillBooked(facts, payload) ? (["STUDENT", "ALUMNUS"] as Side[]).map((s) => meetingReminderEmail(w, s, payload.reminder)) : [],
      );
    case "request.meeting_check":
      return nudge(
        "MEETING_CHECK",
        stillBooked(facts, payload) && !facts.meetingCheck
          ? (["STUDENT", "ALUMNUS"] as Side[]).map((s) => meetingCheckEmail(w, s, payload.reminder ?? "CHECK_1"))
          : [],
      );
    case "request.meeting_moved":
      return {
        realtime: event("UPDATED"),
        emails: other(payload.actor).map((s) => w.meetingMoved(s, payload.actor)),
      };
    case "followup.thank_you_due":
      return nudge("THANK_YOU_DUE", [thankYouDueEmail(w)]);
    case "followup.update_due":
      return nudge("UPDATE_DUE", [updateDueEmail(w)]);
    case "followup.thank_you_sent":
      return { realtime: null, emails: facts.thankYouText ? [thankYouSentEmail(w, facts.thankYouText)] : [] };
    default:
      // A request topic added later: both people hear that something changed, in general words.
      if (topic.startsWith("request."))
        return {
          realtime: event("UPDATED"),
          emails: (["STUDENT", "ALUMNUS"] as Side[]).map((s) => w.updated(s)),
        };
      throw new UnknownTopicError(topic);
  }
}

/** A reminder or nudge is about one version of a booked meeting: none once it moved, was cancelled or was settled. */
const stillBooked = (facts: RequestFacts, payload: RequestOutboxPayload): boolean =>
  facts.state === "ACCEPTED" && !!facts.meetingStartsAt && (payload.sequence === undefined || payload.sequence === facts.calendarSequence);
