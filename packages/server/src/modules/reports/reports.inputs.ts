import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { OutcomeKind } from "./reports.enums";
import { IdempotencyKeyField } from "../../graphql/idempotency-key";

@InputType({ description: "What came of a conversation (or of the search as a whole, without requestId)." })
export class RecordOutcomeInput {
  @Field(() => ID, {
    nullable: true,
    description: "One of the student's own completed conversations; omit for an outcome of the search as a whole.",
  })
  @IsOptional()
  @IsUUID("all", { message: "Choose one of your conversations." })
  requestId?: string | null;

  @Field(() => OutcomeKind)
  @IsEnum(OutcomeKind)
  kind: OutcomeKind;

  @Field(() => String, {
    nullable: true,
    description: "In your own words, up to 1,000 characters. Advisors see it on your timeline while you share your activity with them.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: "Keep the note to 1,000 characters." })
  note?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
