import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { Referral } from "./referral.entity";

@ObjectType({
  description:
    "The student's notes on one conversation. Private to the student; an advisor reads them only while `sharedWithAdvisor` is on and the student shares with advisors (STUDENT_SHARE_WITH_ADVISORS). Never shown to the alum.",
})
@Entity({ name: "conversation_notes" })
export class ConversationNote {
  @Field(() => ID, { description: "The interview request the notes are about." })
  @PrimaryColumn({ name: "request_id", type: "uuid" })
  requestId: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Field(() => ID, { description: "The student's membership id." })
  @Column({ name: "student_id", type: "uuid" })
  studentId: string;

  @Field({ description: "Advice the alum gave." })
  @Column({ type: "text" })
  advice: string;

  @Field({ description: "What the student takes away from the conversation." })
  @Column({ type: "text" })
  takeaways: string;

  @Field({ description: "One thing the student will do after this conversation (empty when not written)." })
  @Column({ name: "next_step", type: "text" })
  nextStep: string;

  @Field(() => [String], { description: "Questions the conversation raised, for the next ones." })
  @Column({ name: "new_questions", type: "text", array: true })
  newQuestions: string[];

  @Field({ description: "The student shares these notes with advisors (effective only while STUDENT_SHARE_WITH_ADVISORS is active)." })
  @Column({ name: "shared_with_advisor", type: "boolean" })
  sharedWithAdvisor: boolean;

  @Field(() => [Referral], { description: "Names the alum suggested in this conversation, oldest first." })
  namesSuggested: Referral[];

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
