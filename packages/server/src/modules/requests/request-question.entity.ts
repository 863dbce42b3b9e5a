import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { checkQuestion } from "./question-check";

@ObjectType({ description: "A question the student prepared for the conversation." })
@Entity({ name: "request_questions" })
export class RequestQuestion {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Column({ name: "request_id", type: "uuid" })
  requestId: string;

  @Field(() => Int, { description: "Order in the student's list, from 1." })
  @Column({ type: "int" })
  position: number;

  @Field(() => String, { nullable: true, description: "The question bank entry it started from, if any." })
  @Column({ name: "bank_id", type: "text", nullable: true })
  bankId: string | null;

  @Field()
  @Column({ type: "text" })
  text: string;

  @Field({ description: "A yes/no question: better opened up with What, How or Why." })
  @Column({ type: "boolean" })
  closed: boolean;

  @Field(() => String, { nullable: true, description: "For a closed question, an open way to ask it." })
  get suggestion(): string | null {
    return this.closed ? checkQuestion(this.text).suggestion : null;
  }
}
