import { ArrayMinSize, ArrayUnique, IsOptional, IsString, MaxLength } from "class-validator";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo } from "../../shared/paging";

/** What an endpoint may subscribe to: outbox topics of a request's life and consent changes. */
export const WebhookEvent = {
  REQUEST_CREATED: "request.created",
  REQUEST_ACCEPTED: "request.accepted",
  REQUEST_DECLINED: "request.declined",
  REQUEST_EXPIRED: "request.expired",
  REQUEST_COMPLETED: "request.completed",
  REQUEST_CANCELLED: "request.cancelled",
  REQUEST_WITHDRAWN: "request.withdrawn",
  REQUEST_NO_SHOW: "request.no_show",
  REQUEST_TIME_PROPOSED: "request.time_proposed",
  CONSENT_WITHDRAWN: "consent.withdrawn",
  CONSENT_GIVEN: "consent.given",
  PERSON_ERASED: "person.erased",
} as const;
export type WebhookEvent = (typeof WebhookEvent)[keyof typeof WebhookEvent];
export const WEBHOOK_EVENTS = Object.values(WebhookEvent) as string[];
registerEnumType(WebhookEvent, {
  name: "WebhookEvent",
  description: "An event a webhook endpoint can receive; the body's `type` is the dotted name, e.g. request.created.",
});

export const WebhookDeliveryState = { PENDING: "PENDING", DELIVERED: "DELIVERED", FAILED: "FAILED" } as const;
export type WebhookDeliveryState = (typeof WebhookDeliveryState)[keyof typeof WebhookDeliveryState];
registerEnumType(WebhookDeliveryState, {
  name: "WebhookDeliveryState",
  description: "PENDING until a 2xx answer (DELIVERED) or the last retry fails (FAILED).",
});

@ObjectType({ description: "A URL the institution's events are POSTed to, signed with the endpoint's secret." })
export class WebhookEndpoint {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field()
  description: string;

  @Field(() => [WebhookEvent])
  events: WebhookEvent[];

  @Field()
  active: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint: WebhookEndpoint;

  @Field({ description: "The HMAC key for `Infoview-Signature`. Shown only this once." })
  secret: string;
}

@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: "https:// (http:// is accepted outside production, for local receivers)." })
  @IsString()
  @MaxLength(2000)
  url: string;

  @Field(() => [WebhookEvent])
  @ArrayMinSize(1, { message: "Choose at least one event." })
  @ArrayUnique()
  events: WebhookEvent[];

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(200)
  description?: string;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @Field(() => [WebhookEvent], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1, { message: "Choose at least one event." })
  @ArrayUnique()
  events?: WebhookEvent[];

  @Field({ nullable: true, description: "false pauses deliveries; pending ones fail instead of being sent." })
  @IsOptional()
  active?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(200)
  description?: string;
}

@ObjectType({ description: "One event sent (or being sent) to one endpoint: the delivery log." })
export class WebhookDelivery {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  endpointId: string;

  @Field({ description: "Sent as Infoview-Event-Id; the same for replays, so receivers can ignore repeats." })
  eventId: string;

  @Field(() => WebhookEvent)
  event: WebhookEvent;

  @Field(() => WebhookDeliveryState)
  state: WebhookDeliveryState;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int, { nullable: true, description: "The HTTP status of the last attempt; null when it got no answer." })
  lastStatus: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the next retry is due, while PENDING." })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => ID, { nullable: true, description: "The delivery this one replays." })
  replayOf: string | null;

  @Field()
  createdAt: Date;

  @Field({ description: "The JSON body as sent." })
  body: string;
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field()
  cursor: string;

  @Field(() => WebhookDelivery)
  node: WebhookDelivery;
}

@ObjectType({ description: "A page of deliveries, newest first." })
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge])
  edges: WebhookDeliveryEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
