import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VirtualColumn } from "typeorm";

/** Where a suggested name stands. Mirrors the CHECK constraint on referrals.status. */
export enum ReferralStatus {
  SUGGESTED = "SUGGESTED",
  CONTACTED = "CONTACTED",
  REQUESTED = "REQUESTED",
  MET = "MET",
  NOT_PURSUED = "NOT_PURSUED",
}
registerEnumType(ReferralStatus, {
  name: "ReferralStatus",
  description: "Where a suggested name stands.",
  valuesConfig: {
    SUGGESTED: { description: "Suggested; nothing done yet." },
    CONTACTED: { description: "The student got in touch (outside a request)." },
    REQUESTED: { description: "The student asked for a conversation (through a request, or outside the platform)." },
    MET: { description: "The conversation took place." },
    NOT_PURSUED: { description: "The student decided not to follow this one up." },
  },
});

/** Statuses a referral already turned into a request may still take. Mirrors a CHECK constraint. */
export const LINKED_STATUSES: readonly ReferralStatus[] = [ReferralStatus.REQUESTED, ReferralStatus.MET, ReferralStatus.NOT_PURSUED];

const suggestedByName = (alias: string) =>
  `SELECT idn.display_name FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id WHERE ms.institution_id = ${alias}.institution_id AND ms.id = ${alias}.suggested_by_id`;

@ObjectType({
  description:
    "A name suggested to a student in a conversation (or by an alum who declined): someone in the alumni directory, or anyone else. Turned into a request, it continues the referral chain.",
})
@Entity({ name: "referrals" })
export class Referral {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Field(() => ID, { description: "The student the name was suggested to." })
  @Column({ name: "student_id", type: "uuid" })
  studentId: string;

  @Field(() => ID, { description: "The request (conversation or decline) in which the name came up." })
  @Column({ name: "source_request_id", type: "uuid" })
  sourceRequestId: string;

  @Field(() => ID, { nullable: true, description: "Who suggested the name: the alum of the source request." })
  @Column({ name: "suggested_by_id", type: "uuid", nullable: true })
  suggestedById: string | null;

  @Field(() => String, { nullable: true, description: "The name of whoever suggested it." })
  @VirtualColumn({ type: "text", query: suggestedByName })
  suggestedByName: string | null;

  @Field(() => ID, { nullable: true, description: "The suggested person when they are an alum in the directory (membership id)." })
  @Column({ name: "referred_alumnus_id", type: "uuid", nullable: true })
  referredAlumnusId: string | null;

  @Field({ description: "The suggested person's name." })
  @Column({ type: "text" })
  name: string;

  @Field(() => String, { nullable: true, description: "Their job or role." })
  @Column({ type: "text", nullable: true })
  role: string | null;

  /** Exposed through a field resolver: only the student sees it. */
  @Column({ name: "how_to_reach", type: "text", nullable: true })
  howToReach: string | null;

  @Field(() => String, { nullable: true, description: "Why this person, in the suggester's or the student's words." })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Field(() => ReferralStatus)
  @Column({ type: "text" })
  status: ReferralStatus;

  @Field(() => ID, { nullable: true, description: "The request the student made to this person, once there is one." })
  @Column({ name: "resulting_request_id", type: "uuid", nullable: true })
  resultingRequestId: string | null;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
