import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo } from "../../shared/paging";
import type { RequestState } from "../requests";
import { RequestStateEnum } from "../requests";
import { ContactChannel } from "./contact-log-entry.entity";
import { ThankYouChannel } from "./follow-up.entity";
import { Referral } from "./referral.entity";

@ObjectType({ description: "One step of a referral chain: `referral.suggestedByName` led the student to `referral.name`." })
export class ReferralLink {
  @Field(() => Int, { description: "1 for names suggested where the chain starts, 2 for names suggested by those people, and so on." })
  depth: number;

  @Field(() => ID, { nullable: true, description: "The referral whose request this name came up in; null at the start of the chain." })
  parentReferralId: string | null;

  @Field(() => Referral)
  referral: Referral;
}

export enum FollowUpKind {
  THANK_YOU = "THANK_YOU",
  UPDATE = "UPDATE",
}
registerEnumType(FollowUpKind, {
  name: "FollowUpKind",
  valuesConfig: {
    THANK_YOU: { description: "A thank-you note, due within the institution's thank-you days." },
    UPDATE: { description: "A note telling the alum how their advice helped, after the follow-up days." },
  },
});

@ObjectType({ description: "A follow-up the student still has to send." })
export class FollowUpDue {
  @Field(() => FollowUpKind)
  kind: FollowUpKind;

  @Field(() => ID)
  requestId: string;

  @Field({ description: "Who to write to." })
  alumnusName: string;

  @Field()
  dueAt: Date;

  @Field({ description: "The due time has passed." })
  overdue: boolean;
}

export enum ContactLogKind {
  INTERVIEW_REQUEST = "INTERVIEW_REQUEST",
  MANUAL = "MANUAL",
}
registerEnumType(ContactLogKind, {
  name: "ContactLogKind",
  valuesConfig: {
    INTERVIEW_REQUEST: { description: "An interview request made on the platform, whatever became of it." },
    MANUAL: { description: "A contact the student logged by hand." },
  },
});

@ObjectType({ description: "One contact in the student's contact log: an interview request, or a contact logged by hand." })
export class ContactLogItem {
  @Field(() => ID, { description: "The interview request's id, or the logged contact's." })
  id: string;

  @Field(() => ContactLogKind)
  kind: ContactLogKind;

  @Field({ description: "The day of the contact (the meeting, else the request), YYYY-MM-DD in the student's time zone." })
  date: string;

  @Field()
  personName: string;

  @Field(() => String, { nullable: true })
  organization: string | null;

  @Field(() => String, { nullable: true })
  role: string | null;

  @Field(() => ContactChannel)
  channel: ContactChannel;

  @Field(() => RequestStateEnum, { nullable: true, description: "Requests only." })
  requestState: RequestState | null;

  @Field(() => Date, { nullable: true, description: "Requests only: the booked meeting's start." })
  meetingStartsAt: Date | null;

  @Field(() => String, { nullable: true, description: "From the student's notes." })
  advice: string | null;

  @Field(() => String, { nullable: true, description: "From the student's notes." })
  takeaways: string | null;

  @Field(() => [String])
  newQuestions: string[];

  @Field(() => [Referral])
  namesSuggested: Referral[];

  @Field(() => Date, { nullable: true })
  thankYouDueAt: Date | null;

  @Field(() => Date, { nullable: true })
  thankYouSentAt: Date | null;

  @Field(() => ThankYouChannel, { nullable: true, description: "How the thank-you went (PLATFORM: sent through Infoview)." })
  thankYouChannel: ThankYouChannel | null;

  @Field(() => Boolean, { nullable: true })
  mayContactAgain: boolean | null;

  @Field(() => Date, { nullable: true })
  updateDueAt: Date | null;

  @Field(() => Date, { nullable: true })
  updateSentAt: Date | null;

  @Field(() => String, { nullable: true, description: "Logged contacts only." })
  howToReach: string | null;

  @Field(() => String, { nullable: true, description: "Logged contacts only." })
  notes: string | null;
}

@ObjectType()
export class ContactLogItemEdge {
  @Field()
  cursor: string;

  @Field(() => ContactLogItem)
  node: ContactLogItem;
}

@ObjectType({ description: "A page of the contact log, newest first." })
export class ContactLogConnection {
  @Field(() => [ContactLogItemEdge])
  edges: ContactLogItemEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
