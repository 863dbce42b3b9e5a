import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import { IsIanaTimeZone } from "../../shared/time-zone.validator";
import { Modality } from "../profiles";
import { REQUEST_STATES, type RequestState } from "./request-state";
import { RequestStateEnum } from "./requests.enums";
import { IdempotencyKeyField } from "../../graphql/idempotency-key";

const REQUEST_ID = { description: "The interview request's id." };
const PHONE = /^\+?[0-9 ().-]{5,40}$/;

@InputType({ description: "A question the student wants to ask." })
export class RequestQuestionInput {
  @Field()
  @IsString()
  @Length(1, 500, { message: "Write the question in 1 to 500 characters." })
  text: string;

  @Field(() => String, {
    nullable: true,
    description: "The question bank id it started from, if any (see `questionBank`).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  bankId?: string | null;
}

@InputType({ description: "A request for an informational interview: information and advice, never a job." })
export class RequestInterviewInput {
  @Field(() => ID, { description: "The alum's membership id." })
  @IsUUID("all", { message: "Choose an alum from the directory." })
  alumnusId: string;

  @Field({
    description: "The message, usually started from `requestTemplate` and edited. It is checked against Rule #1.",
  })
  @IsString()
  @Length(1, 5000, { message: "Write a message of 1 to 5000 characters." })
  message: string;

  @Field(() => Modality)
  @IsEnum(Modality)
  modality: Modality;

  @Field(() => [Date], {
    description:
      "One to three start times. Each lasts the institution's meeting length. When the alum has published availability, each must be one of their open slots; otherwise any future time.",
  })
  @ArrayMinSize(1, { message: "Propose at least one time." })
  @ArrayMaxSize(3, { message: "Propose at most three times." })
  @IsDate({ each: true })
  proposedTimes: Date[];

  @Field(() => [RequestQuestionInput], { defaultValue: [], description: "Up to 15 prepared questions, in order." })
  @ArrayMaxSize(15, { message: "Prepare at most 15 questions." })
  @ValidateNested({ each: true })
  questions: RequestQuestionInput[];

  @Field({ defaultValue: false, description: "Share the questions with the alum ahead of the meeting." })
  @IsBoolean()
  shareQuestions: boolean;

  @Field(() => ID, { nullable: true, description: "Who referred the student to this alum: a member of the institution." })
  @IsOptional()
  @IsUUID("all")
  referredById?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "A name suggested in an earlier conversation (a referral) that this request follows up: the referral is linked to it and marked REQUESTED.",
  })
  @IsOptional()
  @IsUUID("all")
  referralId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Set after RULE_ONE_CONFIRMATION_REQUIRED to send the message as it is: the student confirms it asks for information only.",
  })
  @IsOptional()
  @IsBoolean()
  confirmInformationOnly?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "For a student under a FERPA directory block: the explicit consent, given now, to disclose their name and profile to this alum with this request. Without it such a student's request is refused with DIRECTORY_CONSENT_REQUIRED; recorded on the request (directory_consent_at). Ignored for other students.",
  })
  @IsOptional()
  @IsBoolean()
  shareDirectoryInformation?: boolean | null;

  @Field(() => String, { nullable: true, description: "The student's IANA time zone; defaults to the institution's." })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Any unique string (e.g. a UUID). Sending the same request again with the same key returns the first result and creates nothing.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  idempotencyKey?: string | null;
}

@InputType({
  description: "Where and how to meet. What is required depends on the modality: a link for video, a number for phone, a place in person.",
})
export class MeetingDetailsInput {
  @Field(() => String, { nullable: true, description: "Video: the meeting link (https)." })
  @IsOptional()
  @IsUrl({ protocols: ["https", "http"], require_protocol: true }, { message: "Use a full link starting with https://." })
  @MaxLength(500)
  meetingLink?: string | null;

  @Field(() => String, { nullable: true, description: "Phone: the number to call." })
  @IsOptional()
  @Matches(PHONE, { message: "Use a phone number such as +1 555 0100." })
  meetingPhone?: string | null;

  @Field(() => String, { nullable: true, description: "In person: the address or place." })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  meetingLocation?: string | null;

  @Field(() => String, { nullable: true, description: "In person: parking, attire, how to find the room." })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  inPersonNotes?: string | null;
}

@InputType({
  description:
    "Accept a request by choosing one of the student's times (proposedTimeId), or offer another time (startsAt) for the student to confirm.",
})
export class AcceptRequestInput extends MeetingDetailsInput {
  @Field(() => ID, REQUEST_ID)
  @IsUUID("all")
  requestId: string;

  @Field(() => ID, { nullable: true, description: "One of the student's proposed times." })
  @IsOptional()
  @IsUUID("all")
  proposedTimeId?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "Another start time, instead of the student's: the student confirms it with `confirmProposedTime`.",
  })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({
  description: "Someone the student could talk to instead: an alum from the directory, or a name and how to reach them.",
})
export class DeclineReferralInput {
  @Field(() => ID, { nullable: true, description: "Another alum from the directory (membership id)." })
  @IsOptional()
  @IsUUID("all")
  alumnusId?: string | null;

  @Field(() => String, { nullable: true, description: "Someone outside the directory: their name." })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "How to reach them." })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  contact?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

@InputType()
export class DeclineRequestInput {
  @Field(() => ID, REQUEST_ID)
  @IsUUID("all")
  requestId: string;

  @Field(() => String, { nullable: true, description: "Optional; shown to the student." })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;

  @Field(() => DeclineReferralInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  referral?: DeclineReferralInput | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType()
export class WithdrawRequestInput {
  @Field(() => ID, REQUEST_ID)
  @IsUUID("all")
  requestId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: "Close a booked meeting, with a reason shown to the other side." })
export class CloseMeetingInput {
  @Field(() => ID, REQUEST_ID)
  @IsUUID("all")
  requestId: string;

  @Field()
  @IsString()
  @Length(1, 1000, { message: "Give a reason (up to 1000 characters)." })
  reason: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType()
export class MarkCompletedInput {
  @Field(() => ID, REQUEST_ID)
  @IsUUID("all")
  requestId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({
  description: "Propose a new time for a booked meeting; the other side confirms it with `confirmProposedTime`.",
})
export class RescheduleMeetingInput {
  @Field(() => ID, REQUEST_ID)
  @IsUUID("all")
  requestId: string;

  @Field()
  @IsDate()
  startsAt: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;
}

@ArgsType()
export class MyRequestsArgs {
  @Field(() => Int, { defaultValue: PAGE_SIZES.myRequests.default, description: `Page size, 1–${PAGE_SIZES.myRequests.max}.` })
  @IsInt()
  @Min(1)
  @Max(PAGE_SIZES.myRequests.max)
  first: number;

  @Field(() => String, {
    nullable: true,
    description: "`pageInfo.endCursor` of the previous page.",
  })
  @IsOptional()
  @IsString()
  after?: string | null;

  @Field(() => RequestStateEnum, { nullable: true })
  @IsOptional()
  @IsIn(REQUEST_STATES)
  state?: RequestState | null;
}
