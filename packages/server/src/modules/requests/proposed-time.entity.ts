import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import type { Side } from "./request-state";
import {
  ProposedTimeKindEnum,
  ProposedTimeStatusEnum,
  RequestSideEnum,
  type ProposedTimeKind,
  type ProposedTimeStatus,
} from "./requests.enums";

@ObjectType({ description: "A time proposed for the meeting, by the student or the alum." })
@Entity({ name: "proposed_times" })
export class ProposedTime {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Column({ name: "request_id", type: "uuid" })
  requestId: string;

  @Field()
  @Column({ name: "starts_at", type: "timestamptz" })
  startsAt: Date;

  @Field()
  @Column({ name: "ends_at", type: "timestamptz" })
  endsAt: Date;

  @Field(() => RequestSideEnum)
  @Column({ name: "proposed_by", type: "text" })
  proposedBy: Side;

  @Field(() => ProposedTimeKindEnum)
  @Column({ type: "text" })
  kind: ProposedTimeKind;

  @Field(() => ProposedTimeStatusEnum)
  @Column({ type: "text" })
  status: ProposedTimeStatus;

  @Field()
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
