import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn, VirtualColumn } from "typeorm";
import { Modality } from "../profiles";
import type { RequestState } from "./request-state";
import { RequestStateEnum } from "./requests.enums";

/** A member's name by membership id, as a subquery of the same SELECT. */
const nameOf = (column: string) => (alias: string) =>
  `SELECT idn.display_name FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id WHERE ms.id = ${alias}.${column}`;

/** Where the alum stands on one referral after a decline: stored as jsonb for the conversations module. */
export interface DeclineReferralData {
  alumnusId?: string;
  name?: string;
  contact?: string;
  note?: string;
}

@ObjectType({
  description:
    "A student's request for an informational interview with one alum, and the meeting it leads to. Who sees which field is said on each field.",
})
@Entity({ name: "interview_requests" })
export class InterviewRequest {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Field(() => ID, { description: "The student's membership id." })
  @Column({ name: "student_id", type: "uuid" })
  studentId: string;

  @Field(() => ID, { description: "The alum's membership id." })
  @Column({ name: "alumnus_id", type: "uuid" })
  alumnusId: string;

  @Field()
  @VirtualColumn({ type: "text", query: nameOf("student_id") })
  studentName: string;

  @Field()
  @VirtualColumn({ type: "text", query: nameOf("alumnus_id") })
  alumnusName: string;

  @Field(() => RequestStateEnum)
  @Column({ type: "text" })
  state: RequestState;

  @Field(() => Modality)
  @Column({ type: "text" })
  modality: Modality;

  /** Exposed through the message field resolver, which decides who may read it. */
  @Column({ type: "text" })
  message: string;

  @Field(() => ID, { nullable: true, description: "Who referred the student to this alum (a membership id), if anyone." })
  @Column({ name: "referred_by_id", type: "uuid", nullable: true })
  referredById: string | null;

  @Field(() => String, { nullable: true, description: "The referrer's name." })
  @VirtualColumn({ type: "text", query: nameOf("referred_by_id") })
  referredByName: string | null;

  @Field({ description: "The message was flagged by the Rule #1 check when it was sent." })
  @Column({ name: "rule_one_flagged", type: "boolean" })
  ruleOneFlagged: boolean;

  @Field({ description: "The student confirmed the flagged message asks for information only." })
  @Column({ name: "rule_one_confirmed", type: "boolean" })
  ruleOneConfirmed: boolean;

  @Field({ description: "The student shares their questions with the alum ahead of the meeting." })
  @Column({ name: "questions_shared", type: "boolean" })
  questionsShared: boolean;

  @Field({ description: "IANA time zone of the student." })
  @Column({ name: "student_time_zone", type: "text" })
  studentTimeZone: string;

  @Field({ description: "IANA time zone of the alum." })
  @Column({ name: "alumnus_time_zone", type: "text" })
  alumnusTimeZone: string;

  @Field({ description: "An unanswered request expires at this time." })
  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt: Date;

  @Field(() => Date, { nullable: true, description: "When the alum accepted or declined." })
  @Column({ name: "answered_at", type: "timestamptz", nullable: true })
  answeredAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "decline_reason", type: "text", nullable: true })
  declineReason: string | null;

  /** Exposed through the declineReferral field resolver. */
  @Column({ name: "decline_referral", type: "jsonb", nullable: true })
  declineReferral: DeclineReferralData | null;

  @Field(() => Date, { nullable: true, description: "Start of the booked meeting." })
  @Column({ name: "meeting_starts_at", type: "timestamptz", nullable: true })
  meetingStartsAt: Date | null;

  @Field(() => Date, { nullable: true, description: "End of the booked meeting." })
  @Column({ name: "meeting_ends_at", type: "timestamptz", nullable: true })
  meetingEndsAt: Date | null;

  /** The next four are the meeting's details, exposed to the two participants only. */
  @Column({ name: "meeting_location", type: "text", nullable: true })
  meetingLocation: string | null;

  @Column({ name: "meeting_link", type: "text", nullable: true })
  meetingLink: string | null;

  @Column({ name: "meeting_phone", type: "text", nullable: true })
  meetingPhone: string | null;

  @Column({ name: "in_person_notes", type: "text", nullable: true })
  inPersonNotes: string | null;

  @Field(() => Int, { description: "The calendar invite's SEQUENCE: it grows with every reschedule and with a cancellation." })
  @Column({ name: "calendar_sequence", type: "int" })
  calendarSequence: number;

  @Field(() => Date, { nullable: true, description: "When the request reached a final state." })
  @Column({ name: "closed_at", type: "timestamptz", nullable: true })
  closedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "The reason given when withdrawing, cancelling, completing or reporting a no-show.",
  })
  @Column({ name: "close_reason", type: "text", nullable: true })
  closeReason: string | null;

  @Field()
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field()
  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
