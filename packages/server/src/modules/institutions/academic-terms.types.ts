import { ArrayMaxSize, IsString, Length, Matches, ValidateNested } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";

/** One term of the institution's academic calendar: from its start date until the next term starts. */
@ObjectType({ description: "A term of the institution's academic calendar. It runs from startsOn until the next term starts." })
export class AcademicTerm {
  @Field(() => ID)
  id: string;
  @Field({ description: "As the institution names it, e.g. Fall 2026." })
  name: string;
  @Field({ description: "The first day, YYYY-MM-DD, in the institution's time zone." })
  startsOn: string;
  @Field(() => String, {
    nullable: true,
    description:
      "The last day (the day before the next term starts), YYYY-MM-DD; null for the latest term, which reports count as six months long.",
  })
  endsOn: string | null;
}

@InputType({ description: "A term to keep in the calendar." })
export class AcademicTermInput {
  @Field({ description: "1–80 characters." })
  @IsString()
  @Length(1, 80, { message: "Use 1 to 80 characters." })
  @Matches(/\S/, { message: "Enter the term's name." })
  name: string;

  @Field({ description: "The first day, YYYY-MM-DD." })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "Use a date like 2026-08-24." })
  startsOn: string;
}

@InputType({ description: "The whole calendar: the terms given replace the ones stored." })
export class SetAcademicTermsInput {
  @Field(() => [AcademicTermInput], { description: "Up to 60 terms, in any order; no two may start on the same day." })
  @ArrayMaxSize(60, { message: "Keep the calendar to 60 terms." })
  @ValidateNested({ each: true })
  terms: AcademicTermInput[];
}
