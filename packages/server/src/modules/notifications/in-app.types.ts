import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo } from "../../shared/paging";
import { NotificationKindEnum } from "./preferences.resolver";
import { RequestNotificationKindEnum } from "./notifications.types";
import type { NotificationKind } from "./notification-kinds";
import type { RequestNotificationKind } from "./pubsub";
import type { Side } from "./notification-plan";

export const NotificationSideEnum = { STUDENT: "STUDENT", ALUMNUS: "ALUMNUS" } as const;
registerEnumType(NotificationSideEnum, {
  name: "NotificationSide",
  description: "The side of the request the person was told from: as the student who asked, or as the alum asked.",
});

@ObjectType({
  description:
    "One item of the person's notification centre (ADR 0028). Structured, not worded: the client words it in the reader's language from `kind`, `event`, `side` and `otherName`.",
})
export class InAppNotification {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKindEnum, { description: "The kind of notification (the preference it follows)." })
  kind: NotificationKind;

  @Field(() => RequestNotificationKindEnum, { description: "What happened to the request." })
  event: RequestNotificationKind;

  @Field(() => NotificationSideEnum)
  side: Side;

  @Field(() => ID, { nullable: true, description: "The request it is about." })
  requestId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The other person's name as it is now (an erased person reads as their placeholder); null when gone.",
  })
  otherName: string | null;

  @Field(() => String, { nullable: true, description: "Where it leads in the web client: a path such as /alumni/requests/<id>." })
  link: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: "When the person marked it read; null while unread." })
  readAt: Date | null;
}

@ObjectType()
export class InAppNotificationEdge {
  @Field()
  cursor: string;

  @Field(() => InAppNotification)
  node: InAppNotification;
}

@ObjectType({ description: "The person's notification centre, newest first." })
export class InAppNotificationConnection {
  @Field(() => [InAppNotificationEdge])
  edges: InAppNotificationEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({ description: "A change to the person's notification centre, pushed over the WebSocket." })
export class NotificationCentreUpdate {
  @Field(() => [InAppNotification], { description: "The new items (usually one)." })
  added: InAppNotification[];

  @Field(() => Int, { description: "How many of the person's items are unread now." })
  unreadCount: number;
}
