import { registerEnumType } from "type-graphql";
import { ACTORS, REQUEST_STATES, SIDES, type Actor, type RequestState, type Side } from "./request-state";

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const RequestStateEnum = asEnum<RequestState>(REQUEST_STATES);
registerEnumType(RequestStateEnum, {
  name: "RequestState",
  description:
    "Where a request is in its life: REQUESTED → ACCEPTED | DECLINED | EXPIRED | WITHDRAWN; ACCEPTED → COMPLETED | CANCELLED | NO_SHOW.",
  valuesConfig: {
    REQUESTED: { description: "Sent; waiting for the alum's answer (or for the student to confirm the alum's other time)." },
    ACCEPTED: { description: "A meeting is booked." },
    DECLINED: { description: "The alum said no, possibly suggesting someone else." },
    EXPIRED: { description: "No answer before the institution's expiry period ran out." },
    WITHDRAWN: { description: "The student took the request back before an answer." },
    COMPLETED: { description: "The conversation took place." },
    CANCELLED: { description: "The booked meeting was called off; its time is free again." },
    NO_SHOW: { description: "One side did not turn up." },
  },
});

export const RequestSideEnum = asEnum<Side>(SIDES);
registerEnumType(RequestSideEnum, { name: "RequestSide", description: "The two sides of an interview request." });

export const RequestActorEnum = asEnum<Actor>(ACTORS);
registerEnumType(RequestActorEnum, { name: "RequestActor", description: "Who made a change: one of the sides, or the system (expiry)." });

export const PROPOSED_TIME_KINDS = ["REQUEST", "COUNTER", "RESCHEDULE"] as const;
export type ProposedTimeKind = (typeof PROPOSED_TIME_KINDS)[number];
export const ProposedTimeKindEnum = asEnum<ProposedTimeKind>(PROPOSED_TIME_KINDS);
registerEnumType(ProposedTimeKindEnum, {
  name: "ProposedTimeKind",
  valuesConfig: {
    REQUEST: { description: "One of the student's times in the request." },
    COUNTER: { description: "Another time offered by the alum; the student confirms it." },
    RESCHEDULE: { description: "A new time for a booked meeting, offered by either side; the other confirms it." },
  },
});

export const PROPOSED_TIME_STATUSES = ["OPEN", "CHOSEN", "SUPERSEDED"] as const;
export type ProposedTimeStatus = (typeof PROPOSED_TIME_STATUSES)[number];
export const ProposedTimeStatusEnum = asEnum<ProposedTimeStatus>(PROPOSED_TIME_STATUSES);
registerEnumType(ProposedTimeStatusEnum, {
  name: "ProposedTimeStatus",
  valuesConfig: {
    OPEN: { description: "Can still be chosen or confirmed." },
    CHOSEN: { description: "The meeting's current time." },
    SUPERSEDED: { description: "Replaced by another time, or no longer applicable." },
  },
});

export const REQUEST_EVENT_KINDS = ["TRANSITION", "TIME_PROPOSED", "RESCHEDULED"] as const;
export type RequestEventKind = (typeof REQUEST_EVENT_KINDS)[number];
export const RequestEventKindEnum = asEnum<RequestEventKind>(REQUEST_EVENT_KINDS);
registerEnumType(RequestEventKindEnum, {
  name: "RequestEventKind",
  valuesConfig: {
    TRANSITION: { description: "The state changed (fromState → toState)." },
    TIME_PROPOSED: { description: "A side proposed another time; the state did not change." },
    RESCHEDULED: { description: "A booked meeting moved to a confirmed new time; the state did not change." },
  },
});
