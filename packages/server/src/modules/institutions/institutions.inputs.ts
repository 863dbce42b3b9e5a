import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { VideoLinks } from "./institution.entity";
import { IsIanaTimeZone } from "../../shared/time-zone.validator";
import { ConsentReviewPolicy } from "../consent";

@InputType({ description: "Settings to change. Omitted or null fields keep their current value." })
export class UpdateInstitutionSettingsInput {
  @Field(() => String, { nullable: true, description: "1–200 characters." })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: "Use 1 to 200 characters." })
  @Matches(/\S/, { message: "Enter a name." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "IANA time zone, e.g. America/Chicago." })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string | null;

  @Field(() => String, { nullable: true, description: "The language of emails to people who chose none: `en` or `es`." })
  @IsOptional()
  @IsIn(["en", "es"], { message: "Choose English (en) or Spanish (es)." })
  defaultLocale?: string | null;

  @Field(() => Int, { nullable: true, description: "Length of an informational interview: 15–60 minutes." })
  @IsOptional()
  @IsInt()
  @Min(15, { message: "Use 15 to 60 minutes." })
  @Max(60, { message: "Use 15 to 60 minutes." })
  meetingMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: "Days before an unanswered request expires: 1–60." })
  @IsOptional()
  @IsInt()
  @Min(1, { message: "Use 1 to 60 days." })
  @Max(60, { message: "Use 1 to 60 days." })
  requestExpiryDays?: number | null;

  @Field(() => Int, { nullable: true, description: "Days after a conversation by which a thank-you is due: 1–14." })
  @IsOptional()
  @IsInt()
  @Min(1, { message: "Use 1 to 14 days." })
  @Max(14, { message: "Use 1 to 14 days." })
  thankYouDays?: number | null;

  @Field(() => Int, { nullable: true, description: "Days after a conversation when a follow-up is suggested: 7–180." })
  @IsOptional()
  @IsInt()
  @Min(7, { message: "Use 7 to 180 days." })
  @Max(180, { message: "Use 7 to 180 days." })
  followUpDays?: number | null;

  @Field(() => Int, { nullable: true, description: "Open requests one student may have at a time: 1–50." })
  @IsOptional()
  @IsInt()
  @Min(1, { message: "Use 1 to 50 requests." })
  @Max(50, { message: "Use 1 to 50 requests." })
  maxOpenRequestsPerStudent?: number | null;

  @Field(() => Int, { nullable: true, description: "Years the audit log is kept: 1–30." })
  @IsOptional()
  @IsInt()
  @Min(1, { message: "Use 1 to 30 years." })
  @Max(30, { message: "Use 1 to 30 years." })
  auditRetentionYears?: number | null;

  @Field(() => Int, { nullable: true, description: "Days a person's own erasure request waits, cancellable: 0–90." })
  @IsOptional()
  @IsInt()
  @Min(0, { message: "Use 0 to 90 days." })
  @Max(90, { message: "Use 0 to 90 days." })
  erasureGraceDays?: number | null;

  @Field(() => Int, { nullable: true, description: "Days ahead an interpreter or captioner must be asked for: 0–60." })
  @IsOptional()
  @IsInt()
  @Min(0, { message: "Use 0 to 60 days." })
  @Max(60, { message: "Use 0 to 60 days." })
  accommodationLeadDays?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Graduate students by themselves once their class year has ended." })
  @IsOptional()
  @IsBoolean()
  autoGraduation?: boolean | null;

  @Field(() => String, { nullable: true, description: "The day a class year ends, MM-DD (e.g. 06-15)." })
  @IsOptional()
  @IsString()
  @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, { message: "Use a month and day like 06-15." })
  graduationDay?: string | null;

  @Field(() => ConsentReviewPolicy, {
    nullable: true,
    description: "KEEP or PAUSE older agreements until people review a new consent text.",
  })
  @IsOptional()
  @IsEnum(ConsentReviewPolicy)
  consentReviewPolicy?: ConsentReviewPolicy | null;

  @Field(() => VideoLinks, {
    nullable: true,
    description: "How video meetings get their link: a Jitsi room, the alum's personal link, or pasted.",
  })
  @IsOptional()
  @IsEnum(VideoLinks, { message: "Choose JITSI, PERSONAL or PASTED." })
  videoLinks?: VideoLinks | null;
}
