import { AppError, badInput } from "../../graphql/errors";
import type { RuleOneResult } from "./rule-one";
import type { Actor, RequestState } from "./request-state";

const ACTOR_WORDS: Record<Actor, string> = { STUDENT: "the student", ALUMNUS: "the alum", SYSTEM: "the system" };

export const requestNotFound = () => new AppError("REQUEST_NOT_FOUND", "This interview request was not found.");

export const invalidTransition = (from: RequestState, to: RequestState, actor: Actor, problem: "STATE" | "ACTOR") =>
  new AppError(
    "INVALID_TRANSITION",
    problem === "ACTOR"
      ? `A request cannot be moved from ${from} to ${to} by ${ACTOR_WORDS[actor]}.`
      : `This request is ${from}; it cannot be moved from ${from} to ${to}.`,
    { from, to, actor },
  );

export const notAParticipant = () => new AppError("NOT_A_PARTICIPANT", "Only the student and the alum of this request can do that.");

export const slotTaken = () =>
  new AppError("SLOT_TAKEN", "That time was just booked for another conversation with this alum. Please choose another time.");

export const pairAlreadyOpen = () =>
  new AppError(
    "PAIR_ALREADY_OPEN",
    "You already have an open request with this alum. Wait for their answer, or withdraw it before sending a new one.",
  );

export const tooManyOpenRequests = (max: number) =>
  new AppError(
    "TOO_MANY_OPEN_REQUESTS",
    `You have ${max} open request(s), the most your career center allows at a time. Wait for an answer or withdraw one first.`,
    { max },
  );

export const alumnusPaused = () =>
  new AppError("ALUMNUS_PAUSED", "This alum is taking a break from new requests. Try again later, or choose another alum.");

export const capacityReached = () =>
  new AppError(
    "CAPACITY_REACHED",
    "This alum has no conversations left in the month of the proposed time(s). Propose a time in another month, or choose another alum.",
  );

const CONSENT_MESSAGES = {
  ALUMNUS_CONTACT: "This alum is not accepting requests at the moment.",
  STUDENT_SHARE_WITH_ALUMNI: "To send a request, first agree to share your profile with the alumni you contact (in your consent settings).",
} as const;

export const consentRequired = (kind: keyof typeof CONSENT_MESSAGES) => new AppError("CONSENT_REQUIRED", CONSENT_MESSAGES[kind], { kind });

export const ruleOneConfirmationRequired = (result: RuleOneResult) =>
  new AppError(
    "RULE_ONE_CONFIRMATION_REQUIRED",
    "Your message seems to ask for a job, an internship or a referral for a position. An informational interview is for information and advice only: reword it, or confirm that it asks for information only.",
    { matches: result.matches, guidance: result.guidance },
  );

export const proposedTimeInvalid = (field: string, reason: string) =>
  new AppError("PROPOSED_TIME_INVALID", `${field}: ${reason}`, { field, reason });

export const meetingNotScheduled = () =>
  new AppError("MEETING_NOT_SCHEDULED", "There is no meeting on this request, so there is no calendar invite.");

export const meetingNotYetHeld = () =>
  new AppError("MEETING_NOT_YET_HELD", "This conversation has not started yet. Mark it completed or a no-show once its time has come.");

export const requestInputInvalid = (field: string, message: string) => badInput([{ field, message }]);

/** FERPA directory block (ADR 0023): a blocked student's request needs their explicit consent to disclosure, each time. */
export const directoryConsentRequired = () =>
  new AppError(
    "DIRECTORY_CONSENT_REQUIRED",
    "Your school keeps your directory information private. Tick the box to share your name and profile with this alum for this request.",
  );
