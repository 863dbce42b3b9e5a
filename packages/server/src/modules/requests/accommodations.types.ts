import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { RequestSideEnum } from "./requests.enums";
import type { Side } from "./request-state";

export const ACCOMMODATION_NEEDS = [
  "CAPTIONS",
  "SIGN_LANGUAGE_INTERPRETER",
  "STEP_FREE_VENUE",
  "MATERIALS_IN_ADVANCE",
  "EXTRA_TIME",
  "OTHER",
] as const;
export type AccommodationNeed = (typeof ACCOMMODATION_NEEDS)[number];
/** Needs someone must be booked for (an interpreter, a captioner): they take the institution's lead time. */
export const NEEDS_WITH_LEAD_TIME: AccommodationNeed[] = ["CAPTIONS", "SIGN_LANGUAGE_INTERPRETER"];

export const AccommodationNeedEnum = Object.fromEntries(ACCOMMODATION_NEEDS.map((n) => [n, n])) as { [K in AccommodationNeed]: K };
registerEnumType(AccommodationNeedEnum, {
  name: "AccommodationNeed",
  description: "What a person needs for the conversation. They are asked what, never why.",
  valuesConfig: {
    CAPTIONS: { description: "Live captions (a captioner, booked ahead)." },
    SIGN_LANGUAGE_INTERPRETER: { description: "A sign-language interpreter (booked ahead)." },
    STEP_FREE_VENUE: { description: "A venue reachable without steps." },
    MATERIALS_IN_ADVANCE: { description: "Questions or materials sent ahead of the conversation." },
    EXTRA_TIME: { description: "More time than the usual length." },
    OTHER: { description: "Something else, in the person's own words (`other`)." },
  },
});

@InputType()
export class SetAccommodationsInput {
  @Field(() => ID)
  requestId: string;

  @Field(() => [AccommodationNeedEnum], { description: "Everything needed; an empty list removes what was said before." })
  needs: AccommodationNeed[];

  @Field(() => String, { nullable: true, description: "With OTHER: what is needed, in the person's own words (at most 500 characters)." })
  other?: string | null;

  @Field({
    defaultValue: false,
    description: "The student only: let the career center's advisors see it too. Alumni's needs are never shown to advisors.",
  })
  shareWithAdvisors: boolean;
}

@ObjectType({
  description:
    "What one person needs for one conversation. Shown to the other participant (and to advisors when the student shares it); every view is recorded in the audit log.",
})
export class Accommodation {
  @Field(() => ID)
  requestId: string;

  @Field(() => RequestSideEnum, { description: "Whose needs these are." })
  side: Side;

  @Field(() => [AccommodationNeedEnum])
  needs: AccommodationNeed[];

  @Field(() => String, { nullable: true })
  other: string | null;

  @Field()
  sharedWithAdvisors: boolean;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: "An interpreter or captioner asked for a meeting sooner than the institution's lead time." })
export class AccommodationLeadTime {
  @Field(() => Int, { description: "The institution's lead time, in days (10 unless the institution set another)." })
  leadDays: number;

  @Field({ description: "The earliest start that leaves the career center the lead time to arrange it." })
  notBefore: Date;

  @Field(() => [Date], {
    description: "The times proposed on this request that start on or after notBefore: the later times to offer instead.",
  })
  laterTimes: Date[];
}

@ObjectType()
export class SetAccommodationsResult {
  @Field(() => Accommodation, { nullable: true, description: "What is now recorded; null when the list was emptied." })
  accommodation: Accommodation | null;

  @Field(() => AccommodationLeadTime, {
    nullable: true,
    description:
      "Set when an interpreter or captioner is asked for and the meeting (or the earliest proposed time) is sooner than the lead time.",
  })
  tooSoon: AccommodationLeadTime | null;
}
