import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ConsentReviewPolicy } from "../consent";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** Where a video meeting's link comes from (a link pasted when accepting always wins). */
export enum VideoLinks {
  JITSI = "JITSI",
  PERSONAL = "PERSONAL",
  PASTED = "PASTED",
}
registerEnumType(VideoLinks, {
  name: "VideoLinks",
  description: "How video meetings get their link when the alum accepts without pasting one.",
  valuesConfig: {
    JITSI: { description: "A new Jitsi Meet room per meeting (https://meet.jit.si/<unguessable>), no account needed." },
    PERSONAL: { description: "The alum's personal meeting link saved on their profile (or one pasted when accepting)." },
    PASTED: { description: "The alum pastes a link when accepting." },
  },
});

@ObjectType({ description: "A tenant: a university, college or bootcamp, with its settings." })
@Entity({ name: "institutions" })
export class Institution {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "Short unique name used in URLs." })
  @Column()
  slug: string;

  @Field()
  @Column()
  name: string;

  @Field({ description: "IANA time zone used for reminders and reports, e.g. America/Chicago." })
  @Column({ name: "time_zone" })
  timeZone: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The language (`en` or `es`) of emails to people who chose none; null is English. A person's own choice comes first (ADR 0033).",
  })
  @Column({ name: "default_locale", type: "text", nullable: true })
  defaultLocale: string | null;

  @Field(() => Int, { description: "Length of an informational interview in minutes (15–60)." })
  @Column({ name: "meeting_minutes", type: "int" })
  meetingMinutes: number;

  @Field(() => VideoLinks, { description: "How video meetings get their link." })
  @Column({ name: "video_links", type: "text" })
  videoLinks: VideoLinks;

  @Field(() => Int, { description: "Days an unanswered request stays open before it expires." })
  @Column({ name: "request_expiry_days", type: "int" })
  requestExpiryDays: number;

  @Field(() => Int, { description: "Days after a conversation by which a thank-you is due." })
  @Column({ name: "thank_you_days", type: "int" })
  thankYouDays: number;

  @Field(() => Int, { description: "Days after a conversation when a follow-up update is suggested." })
  @Column({ name: "follow_up_days", type: "int" })
  followUpDays: number;

  @Field(() => Int, { description: "How many open requests one student may have at a time." })
  @Column({ name: "max_open_requests_per_student", type: "int" })
  maxOpenRequestsPerStudent: number;

  @Field(() => Int, { description: "Years the audit log is kept before the daily purge removes older entries (1–30, default 7)." })
  @Column({ name: "audit_retention_years", type: "int" })
  auditRetentionYears: number;

  @Field(() => Int, {
    description:
      "Days a person's own request to delete their account waits before it is carried out (0–90, default 14); they can cancel it until then.",
  })
  @Column({ name: "erasure_grace_days", type: "int" })
  erasureGraceDays: number;

  @Field(() => Int, {
    description:
      "Days ahead an interpreter or captioner must be asked for (0–60, default 10): sooner, the person is told and the career center is asked to arrange it at short notice.",
  })
  @Column({ name: "accommodation_lead_days", type: "int" })
  accommodationLeadDays: number;

  @Field({
    description:
      "Students graduate by themselves (graduateStudents, by the daily job) once their class year has ended: on the institution's graduationDay of that year, in its time zone. Off by default.",
  })
  @Column({ name: "auto_graduation", type: "boolean" })
  autoGraduation: boolean;

  @Field({ description: "The day a class year ends, MM-DD (default 06-15): the class of 2027 has graduated from 2027-06-15 on." })
  @Column({ name: "graduation_day", type: "text" })
  graduationDay: string;

  @Field(() => ConsentReviewPolicy, {
    description:
      "Until a person reviews a newly published consent text, whether their agreement to the older version applies (KEEP) or is paused (PAUSE).",
  })
  @Column({ name: "consent_review_policy", type: "text" })
  consentReviewPolicy: ConsentReviewPolicy;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
