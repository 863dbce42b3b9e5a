import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/** How a thank-you went. Mirrors the CHECK constraint on follow_ups.thank_you_channel. */
export enum ThankYouChannel {
  PLATFORM = "PLATFORM",
  EMAIL = "EMAIL",
  CARD = "CARD",
  LETTER = "LETTER",
  OTHER = "OTHER",
}
registerEnumType(ThankYouChannel, {
  name: "ThankYouChannel",
  description: "How the thank-you reached the alum.",
  valuesConfig: {
    PLATFORM: { description: "Sent through Infoview (sendThankYou): the alum was emailed the student's words." },
    EMAIL: { description: "Sent by the student's own email." },
    CARD: { description: "A card." },
    LETTER: { description: "A letter." },
    OTHER: { description: "Another way (in person, by phone, a message)." },
  },
});

@ObjectType({
  description:
    "What follows a completed conversation: a thank-you due within the institution's thank-you days, permission to contact the alum again, and an update after the follow-up days.",
})
@Entity({ name: "follow_ups" })
export class FollowUp {
  @Field(() => ID)
  @PrimaryColumn({ name: "request_id", type: "uuid" })
  requestId: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Column({ name: "student_id", type: "uuid" })
  studentId: string;

  @Field({ description: "When the conversation was marked completed; the due dates count from here." })
  @Column({ name: "completed_at", type: "timestamptz" })
  completedAt: Date;

  @Field({ description: "Completion plus the institution's thank-you days." })
  @Column({ name: "thank_you_due_at", type: "timestamptz" })
  thankYouDueAt: Date;

  @Field(() => Date, { nullable: true, description: "When the student sent the thank-you; null until recorded." })
  @Column({ name: "thank_you_sent_at", type: "timestamptz", nullable: true })
  thankYouSentAt: Date | null;

  @Field(() => ThankYouChannel, {
    nullable: true,
    description: "How the thank-you went; null until recorded (or recorded without saying how).",
  })
  @Column({ name: "thank_you_channel", type: "text", nullable: true })
  thankYouChannel: ThankYouChannel | null;

  @Field(() => String, { nullable: true, description: "The words sent through Infoview (PLATFORM only); null otherwise." })
  @Column({ name: "thank_you_text", type: "text", nullable: true })
  thankYouText: string | null;

  /** Reminder bookkeeping for the notifications scheduler: set once the reminder went out. */
  @Column({ name: "thank_you_reminded_at", type: "timestamptz", nullable: true })
  thankYouRemindedAt: Date | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the alum agreed to be contacted again; null until recorded." })
  @Column({ name: "may_contact_again", type: "boolean", nullable: true })
  mayContactAgain: boolean | null;

  @Field({ description: "Completion plus the institution's follow-up days: time to tell the alum how their advice helped." })
  @Column({ name: "update_due_at", type: "timestamptz" })
  updateDueAt: Date;

  @Field(() => Date, { nullable: true, description: "When the student sent that update; null until recorded." })
  @Column({ name: "update_sent_at", type: "timestamptz", nullable: true })
  updateSentAt: Date | null;

  @Column({ name: "update_reminded_at", type: "timestamptz", nullable: true })
  updateRemindedAt: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
