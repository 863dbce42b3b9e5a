import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo } from "../../shared/paging";
import { InterviewRequest } from "./interview-request.entity";
import type { RuleOneCategory } from "./rule-one";

export const RuleOneCategoryEnum: { [K in RuleOneCategory]: K } = {
  JOB: "JOB",
  INTERNSHIP: "INTERNSHIP",
  REFERRAL_FOR_POSITION: "REFERRAL_FOR_POSITION",
  RESUME_FORWARD: "RESUME_FORWARD",
  HIRING: "HIRING",
};
registerEnumType(RuleOneCategoryEnum, {
  name: "RuleOneCategory",
  description: "What a flagged phrase asks for, against Rule #1 (do not ask for a job).",
});

@ObjectType({ description: "A phrase that asks for a job, an internship, a referral for a position or a resume forward." })
export class RuleOneMatch {
  @Field({ description: "The words as written." })
  phrase: string;

  @Field(() => RuleOneCategoryEnum)
  category: RuleOneCategory;

  @Field(() => Int, { description: "UTF-16 offset of the phrase in the text." })
  start: number;

  @Field(() => Int, { description: "UTF-16 offset just past the phrase." })
  end: number;

  @Field({ description: "The phrase with a little context, for display." })
  excerpt: string;
}

@ObjectType({ description: "The Rule #1 check of a message: flagged phrases and how to reword them." })
export class RuleOneCheck {
  @Field()
  flagged: boolean;

  @Field(() => [RuleOneMatch])
  matches: RuleOneMatch[];

  @Field(() => [String], { description: "Plain-words advice, one line per distinct problem." })
  guidance: string[];
}

@ObjectType({ description: "Whether a question is a closed yes/no question, and an open way to ask it." })
export class QuestionCheckResult {
  @Field()
  closed: boolean;

  @Field(() => String, { nullable: true })
  suggestion: string | null;
}

@ObjectType({ description: "A sample question from the career-center guides." })
export class BankQuestion {
  @Field(() => ID, {
    description: "Stable id; pass it as `bankId` when using the question.",
  })
  id: string;

  @Field()
  text: string;

  @Field({ description: "A yes/no question as written (kept because the guides recommend asking it)." })
  closed: boolean;
}

@ObjectType({ description: "Questions of one theme." })
export class QuestionBankTheme {
  @Field(() => ID)
  id: string;

  @Field()
  label: string;

  @Field()
  description: string;

  @Field(() => [BankQuestion])
  questions: BankQuestion[];
}

@ObjectType({ description: "The parts of a request message, as the guides lay them out." })
export class RequestTemplateSections {
  @Field({ description: "Who I am: name, school and the student's pitch." })
  whoIAm: string;

  @Field(() => String, { nullable: true, description: "Who referred me, if anyone." })
  whoReferredMe: string | null;

  @Field({ description: "Why this person." })
  whyThisPerson: string;

  @Field({ description: "What I want to learn." })
  whatIWantToLearn: string;

  @Field({ description: "The ask: a short conversation, for information only." })
  theAsk: string;
}

@ObjectType({ description: "A prefilled, editable request message." })
export class RequestTemplate {
  @Field({ description: "The whole message; the student edits it before sending." })
  message: string;

  @Field(() => RequestTemplateSections)
  sections: RequestTemplateSections;

  @Field(() => Int, { description: "The institution's meeting length in minutes." })
  meetingMinutes: number;
}

@ObjectType({ description: "The alum's contact details, as far as they share them." })
export class AlumnusContact {
  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;
}

@ObjectType({ description: "Someone the alum suggested the student talk to instead." })
export class DeclineReferral {
  @Field(() => ID, { nullable: true, description: "An alum from the directory." })
  alumnusId: string | null;

  @Field(() => String, { nullable: true, description: "Their name: the directory alum's, or the one the alum gave." })
  name: string | null;

  @Field(() => String, { nullable: true, description: "How to reach someone outside the directory." })
  contact: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;
}

@ObjectType()
export class InterviewRequestEdge {
  @Field()
  cursor: string;

  @Field(() => InterviewRequest)
  node: InterviewRequest;
}

@ObjectType({ description: "A page of interview requests, newest first." })
export class InterviewRequestConnection {
  @Field(() => [InterviewRequestEdge])
  edges: InterviewRequestEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({
  description:
    "What the student's consent to share with alumni (STUDENT_SHARE_WITH_ALUMNI) lets the alum of their request see: major, class year and the fields they explore.",
})
export class StudentSummary {
  @Field(() => String, { nullable: true })
  major: string | null;

  @Field(() => Int, { nullable: true, description: "Expected graduation year." })
  classYear: number | null;

  @Field(() => [String], { description: "The career fields the student explores, by name, in the student's order." })
  fields: string[];
}
