import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
} from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../shared/paging";
import { IsIanaTimeZone } from "../../shared/time-zone.validator";
import { Modality } from "./alumnus-profile.entity";
import { NotUuid } from "../../graphql/input-checks";

const YEAR = { min: 1900, max: 2100, message: "Use a year between 1900 and 2100." };

@InputType({
  description:
    "Changes to the viewer's student profile. Omitted fields keep their value; null clears major and classYear and leaves the others unchanged.",
})
export class UpdateStudentProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(120, { message: "Use at most 120 characters." })
  major?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(YEAR.min, { message: YEAR.message })
  @Max(YEAR.max, { message: YEAR.message })
  classYear?: number | null;

  @Field(() => [String], { nullable: true, description: "Career field ids from `careerFields`, at most 20." })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20, { message: "Choose at most 20 career fields." })
  @IsString({ each: true })
  fields?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Industry ids from `industries`, at most 20." })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20, { message: "Choose at most 20 industries." })
  @IsString({ each: true })
  industries?: string[] | null;

  @Field(() => [String], { nullable: true, description: "At most 10 places, each up to 120 characters." })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10, { message: "List at most 10 locations." })
  @IsString({ each: true })
  @MaxLength(120, { each: true, message: "Use at most 120 characters per location." })
  locations?: string[] | null;

  @Field(() => String, { nullable: true, description: "Up to 600 characters." })
  @IsOptional()
  @IsString()
  @MaxLength(600, { message: "Keep the pitch to 600 characters." })
  pitch?: string | null;

  @Field(() => [String], { nullable: true, description: "At most 5 http(s) URLs." })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5, { message: "Add at most 5 links." })
  @MaxLength(2000, { each: true, message: "Each link must be at most 2000 characters." })
  @IsUrl(
    { protocols: ["http", "https"], require_protocol: true },
    { each: true, message: "Each link must be a full http:// or https:// address." },
  )
  links?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  firstGeneration?: boolean | null;
}

@InputType({
  description:
    "Changes to the viewer's alumni profile. Omitted fields keep their value; null clears the nullable ones (employer, title, industry, location, classYear, major, contactEmail, contactPhone) and leaves the others unchanged.",
})
export class UpdateAlumnusProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: "Use at most 200 characters." })
  employer?: string | null;

  @Field(() => String, { nullable: true, description: "Job title." })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: "Use at most 200 characters." })
  title?: string | null;

  @NotUuid("taxonomy key")
  @Field(() => ID, { nullable: true, description: "Industry id from `industries`." })
  @IsOptional()
  @IsString()
  industry?: string | null;

  @Field(() => [String], { nullable: true, description: "Career field ids from `careerFields`, at most 20." })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20, { message: "Choose at most 20 career fields." })
  @IsString({ each: true })
  fields?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(120, { message: "Use at most 120 characters." })
  location?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(YEAR.min, { message: YEAR.message })
  @Max(YEAR.max, { message: YEAR.message })
  classYear?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(120, { message: "Use at most 120 characters." })
  major?: string | null;

  @Field(() => [String], { nullable: true, description: "At most 20 topics, each up to 100 characters." })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20, { message: "List at most 20 topics." })
  @IsString({ each: true })
  @MaxLength(100, { each: true, message: "Use at most 100 characters per topic." })
  topics?: string[] | null;

  @Field(() => [Modality], { nullable: true, description: "At least one way to meet." })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: "Choose at least one way to meet." })
  @IsEnum(Modality, { each: true })
  modalities?: Modality[] | null;

  @Field(() => Int, { nullable: true, description: "0–50 conversations a month." })
  @IsOptional()
  @IsInt()
  @Min(0, { message: "Use 0 to 50." })
  @Max(50, { message: "Use 0 to 50." })
  monthlyCapacity?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  paused?: boolean | null;

  @Field(() => String, { nullable: true, description: "Up to 2000 characters." })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: "Keep the bio to 2000 characters." })
  bio?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Your LinkedIn page: https:// on linkedin.com, up to 500 characters; empty or null removes it. A bad link is PROFILE_LINK_INVALID.",
  })
  @IsOptional()
  @IsString()
  linkedinUrl?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Your own web page: https://, up to 500 characters; empty or null removes it. A bad link is PROFILE_LINK_INVALID.",
  })
  @IsOptional()
  @IsString()
  websiteUrl?: string | null;

  @Field(() => String, { nullable: true, description: "IANA time zone, e.g. America/Chicago." })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  firstGeneration?: boolean | null;

  @Field(() => String, { nullable: true, description: "Shown only to the alum (and, later, to students whose requests they accepted)." })
  @IsOptional()
  @IsEmail({}, { message: "Enter a valid email address." })
  @MaxLength(254)
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: "Shown only to the alum (and, later, to students whose requests they accepted)." })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 ().-]{4,30}$/, { message: "Enter a phone number: digits, spaces, ( ) . - and an optional leading +." })
  contactPhone?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Your personal meeting link (https://…), used for video meetings when your career center chooses personal links. Only you see it here.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^https:\/\/\S{3,}$/, { message: "Enter a link starting with https://" })
  personalMeetingLink?: string | null;
}

@ArgsType()
export class StudentsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Part of the student's name." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string | null;
}

@ArgsType()
export class AlumniDirectoryArgs extends PageArgs {
  @NotUuid("taxonomy key")
  @Field(() => ID, { nullable: true, description: "Only alumni in this career field (an id from `careerFields`)." })
  @IsOptional()
  @IsString()
  field?: string | null;

  @NotUuid("taxonomy key")
  @Field(() => ID, { nullable: true, description: "Only alumni in this industry (an id from `industries`)." })
  @IsOptional()
  @IsString()
  industry?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the alum's name, employer, job title or topics." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string | null;
}
