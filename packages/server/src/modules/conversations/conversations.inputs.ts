import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { ContactChannel } from "./contact-log-entry.entity";

@InputType({ description: "The student's notes on one conversation. Omitted fields keep their value." })
export class SaveNotesInput {
  @Field(() => String, { nullable: true, description: "Advice the alum gave, up to 10,000 characters." })
  @IsOptional()
  @IsString()
  @MaxLength(10000, { message: "Keep the advice to 10,000 characters." })
  advice?: string | null;

  @Field(() => String, { nullable: true, description: "The most important takeaways, up to 10,000 characters." })
  @IsOptional()
  @IsString()
  @MaxLength(10000, { message: "Keep the takeaways to 10,000 characters." })
  takeaways?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "New questions for the next conversations: at most 30, each up to 500 characters.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30, { message: "Keep at most 30 new questions." })
  @IsString({ each: true })
  @MaxLength(500, { each: true, message: "Use at most 500 characters per question." })
  newQuestions?: string[] | null;

  @Field(() => String, { nullable: true, description: "One thing the student will do after this conversation, up to 2,000 characters." })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: "Keep the one thing you will do to 2,000 characters." })
  nextStep?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Share these notes with advisors (only while you share with advisors: STUDENT_SHARE_WITH_ADVISORS).",
  })
  @IsOptional()
  @IsBoolean()
  sharedWithAdvisor?: boolean | null;
}

@InputType({ description: "A name suggested in a conversation: an alum from the directory (alumnusId), or anyone else by name." })
export class SuggestedNameInput {
  @Field(() => ID, { nullable: true, description: "An alum from the directory (membership id); name and role default to theirs." })
  @IsOptional()
  @IsUUID("all", { message: "Choose an alum from the directory." })
  alumnusId?: string | null;

  @Field(() => String, { nullable: true, description: "The person's name; required without alumnusId." })
  @IsOptional()
  @IsString()
  @MaxLength(120, { message: "Use at most 120 characters." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Their job or role." })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: "Use at most 200 characters." })
  role?: string | null;

  @Field(() => String, { nullable: true, description: "How to reach them: an email, a phone number, 'ask Sam for an introduction'…" })
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: "Use at most 300 characters." })
  howToReach?: string | null;

  @Field(() => String, { nullable: true, description: "Why this person." })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: "Use at most 1000 characters." })
  note?: string | null;
}

@ArgsType()
export class ReferralChainArgs {
  @Field(() => ID, { nullable: true, description: "Start from this request: the names suggested there, and where they led." })
  @IsOptional()
  @IsString()
  requestId?: string | null;

  @Field(() => ID, { nullable: true, description: "The whole chain of this student (advisors); students may omit it for their own." })
  @IsOptional()
  @IsString()
  studentId?: string | null;
}

@InputType({ description: "A contact made outside the platform." })
export class AddContactLogEntryInput {
  @Field()
  @IsString()
  @Length(1, 120, { message: "Give a name of at most 120 characters." })
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: "Use at most 200 characters." })
  organization?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: "Use at most 200 characters." })
  role?: string | null;

  @Field({ description: "The day of the contact, YYYY-MM-DD; not in the future." })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "Use a date like 2025-03-14." })
  contactedOn: string;

  @Field(() => ContactChannel)
  @IsEnum(ContactChannel)
  channel: ContactChannel;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: "Use at most 300 characters." })
  howToReach?: string | null;

  @Field(() => String, { nullable: true, description: "Advice, names suggested, anything worth keeping; up to 5000 characters." })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: "Keep the notes to 5000 characters." })
  notes?: string | null;
}
