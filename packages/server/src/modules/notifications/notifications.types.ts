import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { REQUEST_NOTIFICATION_KINDS, type RequestNotificationKind } from "./pubsub";

export const RequestNotificationKindEnum = Object.fromEntries(REQUEST_NOTIFICATION_KINDS.map((k) => [k, k])) as {
  [K in RequestNotificationKind]: K;
};
registerEnumType(RequestNotificationKindEnum, {
  name: "RequestNotificationKind",
  description: "What happened to an interview request.",
  valuesConfig: {
    CREATED: { description: "A student sent the request." },
    ACCEPTED: {
      description: "A meeting was booked: the alum accepted, or the student confirmed the alum's other time.",
    },
    RESCHEDULED: { description: "A booked meeting moved to a new time." },
    TIME_PROPOSED: {
      description: "Another time was proposed: the alum's other time, or a new time for a booked meeting.",
    },
    DECLINED: { description: "The alum declined." },
    EXPIRED: { description: "The request expired unanswered." },
    WITHDRAWN: { description: "The student withdrew the request." },
    COMPLETED: { description: "The conversation took place." },
    CANCELLED: { description: "The booked meeting was cancelled." },
    NO_SHOW: { description: "The meeting was recorded as a no-show." },
    UPDATED: { description: "Something else changed; read the request." },
  },
});

@ObjectType({
  description:
    "A change to one of your interview requests, pushed over the WebSocket. It carries ids only: read the request (`interviewRequest`) for what you may see of it.",
})
export class RequestNotification {
  @Field(() => ID, {
    description: "The event's id. Stable: an event is never sent twice, and a client can ignore one it has seen.",
  })
  id: string;

  @Field(() => ID)
  requestId: string;

  @Field(() => RequestNotificationKindEnum)
  kind: RequestNotificationKind;

  @Field({ description: "When the change happened." })
  occurredAt: Date;
}
