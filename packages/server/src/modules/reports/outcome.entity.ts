import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { OutcomeKind } from "./reports.enums";

@ObjectType({ description: "What a student says came of their conversations; counted in advisors' reports." })
@Entity({ name: "outcomes" })
export class Outcome {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Column({ name: "student_id", type: "uuid" })
  studentId: string;

  @Field(() => ID, { nullable: true, description: "The conversation it came from; null for an outcome of the search as a whole." })
  @Column({ name: "request_id", type: "uuid", nullable: true })
  requestId: string | null;

  @Field(() => OutcomeKind)
  @Column({ type: "text" })
  kind: OutcomeKind;

  @Field(() => String, { nullable: true, description: "The student's own words, up to 1,000 characters." })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
