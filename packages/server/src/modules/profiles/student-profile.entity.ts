import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn, UpdateDateColumn, VirtualColumn } from "typeorm";
import { displayNameSql } from "./display-name.sql";

@ObjectType({ description: "What a student is exploring and how they introduce themselves." })
@Entity({ name: "student_profiles" })
export class StudentProfile {
  @Field(() => ID, { description: "The student's membership id." })
  @PrimaryColumn({ name: "membership_id", type: "uuid" })
  membershipId: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Field({ description: "The student's name, from their account." })
  @VirtualColumn({ type: "text", query: displayNameSql })
  displayName: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  major: string | null;

  @Field(() => Int, { nullable: true, description: "Expected graduation year." })
  @Column({ name: "class_year", type: "int", nullable: true })
  classYear: number | null;

  @Field(() => [String], { description: "Career field ids being explored; see `careerFields`." })
  @Column({ type: "text", array: true })
  fields: string[];

  @Field(() => [String], { description: "Industry ids being explored; see `industries`." })
  @Column({ type: "text", array: true })
  industries: string[];

  @Field(() => [String], { description: "Places the student would like to live or work, free text." })
  @Column({ type: "text", array: true })
  locations: string[];

  @Field({ description: "A short background abstract (the elevator pitch), up to 600 characters." })
  @Column({ type: "text" })
  pitch: string;

  @Field(() => [String], { description: "Up to five http(s) links, e.g. a portfolio." })
  @Column({ type: "text", array: true })
  links: string[];

  @Field({ description: "First in their family to attend college; used to suggest alumni with a shared background." })
  @Column({ name: "first_generation", type: "boolean" })
  firstGeneration: boolean;

  /** Caseload assignment; exposed when advisor caseloads are built. */
  @Column({ name: "advisor_id", type: "uuid", nullable: true })
  advisorId: string | null;

  @Field()
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
