import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import type { Actor, RequestState } from "./request-state";
import { RequestActorEnum, RequestEventKindEnum, RequestStateEnum, type RequestEventKind } from "./requests.enums";

@ObjectType({ description: "One entry in a request's history. The history is append-only: entries never change." })
@Entity({ name: "request_events" })
export class RequestEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Column({ name: "request_id", type: "uuid" })
  requestId: string;

  @Column({ name: "actor_id", type: "uuid", nullable: true })
  actorId: string | null;

  @Field(() => RequestEventKindEnum)
  @Column({ type: "text" })
  kind: RequestEventKind;

  @Field(() => RequestStateEnum, { nullable: true, description: "Null for the request's creation." })
  @Column({ name: "from_state", type: "text", nullable: true })
  fromState: RequestState | null;

  @Field(() => RequestStateEnum)
  @Column({ name: "to_state", type: "text" })
  toState: RequestState;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  reason: string | null;

  @Field()
  @Column({ type: "timestamptz" })
  at: Date;

  /** Set by the service from actor_id and the request's two sides. */
  @Field(() => RequestActorEnum)
  actor: Actor;
}
