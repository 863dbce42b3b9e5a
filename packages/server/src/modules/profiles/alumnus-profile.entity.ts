import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, UpdateDateColumn, VirtualColumn } from "typeorm";
import { displayNameSql } from "./display-name.sql";

/** How a conversation can take place. Mirrors the CHECK constraint on alumni_profiles.modalities. */
export enum Modality {
  PHONE = "PHONE",
  VIDEO = "VIDEO",
  IN_PERSON = "IN_PERSON",
}
registerEnumType(Modality, { name: "Modality", description: "How a conversation can take place." });

@ObjectType({ description: "An alumni volunteer: their work, what they can talk about and how much time they can give." })
@Entity({ name: "alumni_profiles" })
export class AlumnusProfile {
  @Field(() => ID, { description: "The alum's membership id." })
  @PrimaryColumn({ name: "membership_id", type: "uuid" })
  membershipId: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Field({ description: "The alum's name, from their account." })
  @VirtualColumn({ type: "text", query: displayNameSql })
  displayName: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  employer: string | null;

  @Field(() => String, { nullable: true, description: "Job title." })
  @Column({ type: "text", nullable: true })
  title: string | null;

  @Field(() => String, { nullable: true, description: "Industry id; see `industries`." })
  @Column({ type: "text", nullable: true })
  industry: string | null;

  @Field(() => [String], { description: "Career field ids; see `careerFields`." })
  @Column({ type: "text", array: true })
  fields: string[];

  @Field(() => String, { nullable: true, description: "Where they work, free text, e.g. Chicago, IL." })
  @Column({ type: "text", nullable: true })
  location: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: "class_year", type: "int", nullable: true })
  classYear: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  major: string | null;

  @Field(() => [String], { description: "Topics they are glad to talk about (up to 20)." })
  @Column({ type: "text", array: true })
  topics: string[];

  @Field(() => [Modality], { description: "Ways they can meet." })
  @Column({ type: "text", array: true })
  modalities: Modality[];

  @Field(() => Int, { description: "Conversations a month they can take (0–50)." })
  @Column({ name: "monthly_capacity", type: "int" })
  monthlyCapacity: number;

  @Field({ description: "True while they take a break from new requests." })
  @Column({ type: "boolean" })
  paused: boolean;

  @Field({ description: "A short bio, up to 2000 characters." })
  @Column({ type: "text" })
  bio: string;

  @Field(() => String, { nullable: true, description: "Their LinkedIn page (https://…linkedin.com/…), shown with the profile." })
  @Column({ name: "linkedin_url", type: "text", nullable: true })
  linkedinUrl: string | null;

  @Field(() => String, { nullable: true, description: "Their own web page (https://…), shown with the profile." })
  @Column({ name: "website_url", type: "text", nullable: true })
  websiteUrl: string | null;

  @Field({ description: "IANA time zone their availability is given in." })
  @Column({ name: "time_zone", type: "text" })
  timeZone: string;

  @Field({ description: "First in their family to attend college." })
  @Column({ name: "first_generation", type: "boolean" })
  firstGeneration: boolean;

  /** Exposed only through the contactEmail field resolver, which decides who may see it. */
  @Column({ name: "contact_email", type: "text", nullable: true })
  contactEmail: string | null;

  /** Exposed only through the contactPhone field resolver, which decides who may see it. */
  @Column({ name: "contact_phone", type: "text", nullable: true })
  contactPhone: string | null;

  /** Exposed only through the personalMeetingLink field resolver: the alum's own, used for their video meetings. */
  @Column({ name: "personal_meeting_link", type: "text", nullable: true })
  personalMeetingLink: string | null;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
