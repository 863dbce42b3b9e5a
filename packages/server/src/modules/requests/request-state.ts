/**
 * The life of an interview request, as data. Pure: no database, no GraphQL. The service asks
 * `checkAction` before it changes anything; the state CHECK constraint and the exclusion constraint in
 * PostgreSQL are the second wall.
 */

export const REQUEST_STATES = ["REQUESTED", "ACCEPTED", "DECLINED", "EXPIRED", "WITHDRAWN", "COMPLETED", "CANCELLED", "NO_SHOW"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** The two sides of a request. */
export const SIDES = ["STUDENT", "ALUMNUS"] as const;
export type Side = (typeof SIDES)[number];
/** Who acts: one of the sides, or the scheduler (expiry). */
export type Actor = Side | "SYSTEM";
export const ACTORS: readonly Actor[] = [...SIDES, "SYSTEM"];

export type RequestAction =
  | "ACCEPT"
  | "PROPOSE_TIME"
  | "CONFIRM_TIME"
  | "DECLINE"
  | "WITHDRAW"
  | "EXPIRE"
  | "COMPLETE"
  | "CANCEL"
  | "MARK_NO_SHOW"
  | "PROPOSE_RESCHEDULE"
  | "CONFIRM_RESCHEDULE";

export interface Transition {
  action: RequestAction;
  from: RequestState;
  /** Equal to `from` for actions that change the meeting, not the state. */
  to: RequestState;
  who: readonly Actor[];
}

const EITHER: readonly Side[] = SIDES;

export const TRANSITIONS: readonly Transition[] = [
  { action: "ACCEPT", from: "REQUESTED", to: "ACCEPTED", who: ["ALUMNUS"] },
  // The alum offers another time instead; the request waits for the student.
  { action: "PROPOSE_TIME", from: "REQUESTED", to: "REQUESTED", who: ["ALUMNUS"] },
  // The student takes the alum's other time.
  { action: "CONFIRM_TIME", from: "REQUESTED", to: "ACCEPTED", who: ["STUDENT"] },
  { action: "DECLINE", from: "REQUESTED", to: "DECLINED", who: ["ALUMNUS"] },
  { action: "WITHDRAW", from: "REQUESTED", to: "WITHDRAWN", who: ["STUDENT"] },
  { action: "EXPIRE", from: "REQUESTED", to: "EXPIRED", who: ["SYSTEM"] },
  { action: "COMPLETE", from: "ACCEPTED", to: "COMPLETED", who: EITHER },
  { action: "CANCEL", from: "ACCEPTED", to: "CANCELLED", who: EITHER },
  { action: "MARK_NO_SHOW", from: "ACCEPTED", to: "NO_SHOW", who: EITHER },
  { action: "PROPOSE_RESCHEDULE", from: "ACCEPTED", to: "ACCEPTED", who: EITHER },
  { action: "CONFIRM_RESCHEDULE", from: "ACCEPTED", to: "ACCEPTED", who: EITHER },
];

/** States nothing leaves. */
export const TERMINAL_STATES: readonly RequestState[] = REQUEST_STATES.filter((s) => !TRANSITIONS.some((t) => t.from === s));

/** States in which the student–alum pair counts as open (mirrors interview_requests_one_open_pair). */
export const OPEN_STATES: readonly RequestState[] = ["REQUESTED", "ACCEPTED"];

/** Whether `who` may move a request from `from` to `to` (a state change, not a same-state action). */
export function canTransition(from: RequestState, to: RequestState, who: Actor): boolean {
  return from !== to && TRANSITIONS.some((t) => t.from === from && t.to === to && t.who.includes(who));
}

export type ActionCheck =
  | { ok: true; to: RequestState }
  /** STATE: the action does not apply in this state; ACTOR: it does, but not by this actor. */
  | { ok: false; problem: "STATE" | "ACTOR"; to: RequestState };

/** Whether `actor` may take `action` on a request in state `from`, and the state it leads to. */
export function checkAction(action: RequestAction, from: RequestState, actor: Actor): ActionCheck {
  const candidates = TRANSITIONS.filter((t) => t.action === action);
  const here = candidates.find((t) => t.from === from);
  if (!here) return { ok: false, problem: "STATE", to: candidates[0].to };
  if (!here.who.includes(actor)) return { ok: false, problem: "ACTOR", to: here.to };
  return { ok: true, to: here.to };
}

/** The state a request is really in: one left unanswered past its expiry is expired, even before the scheduler runs. */
export function effectiveState(state: RequestState, expiresAt: Date, now: Date): RequestState {
  return state === "REQUESTED" && expiresAt.getTime() <= now.getTime() ? "EXPIRED" : state;
}
