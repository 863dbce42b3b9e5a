import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { AlumnusProfile } from "../profiles";
import { PageInfo } from "../../shared/paging";
import { MATCH_REASON_KINDS, type MatchReasonKind } from "./scoring";

export const MatchReasonKindEnum = Object.fromEntries(MATCH_REASON_KINDS.map((k) => [k, k])) as { [K in MatchReasonKind]: K };
registerEnumType(MatchReasonKindEnum, {
  name: "MatchReasonKind",
  description: "What a match reason is about, so a client can show an icon; `text` says it in words.",
  valuesConfig: {
    SUGGESTED: { description: "An advisor suggested this alum to the student." },
    FIELD: { description: "Works in a career field the student explores." },
    INDUSTRY: { description: "Works in an industry the student explores." },
    KEYWORDS: { description: "The alum's topics or job title share words with the student's pitch (both quoted in the terms)." },
    MAJOR: { description: "Same major." },
    LOCATION: { description: "Works in a place the student is interested in." },
    CLASS_YEAR: { description: "Graduated close to the student's class year." },
    AVAILABILITY: { description: "Has open slots in the next 14 days." },
    RESPONSIVE: { description: "Usually answers requests." },
    FIRST_GENERATION: { description: "Both are first-generation; shown only when both said so in their profiles." },
  },
});

@ObjectType({ description: "One reason an alum is a good match, in plain words." })
export class MatchReason {
  @Field(() => MatchReasonKindEnum)
  kind: MatchReasonKind;

  @Field({ description: "The reason in English, quoting what matched." })
  text: string;

  @Field(() => [String], {
    description:
      "What of the student's profile matched, as the student wrote it: the pitch's words (KEYWORDS), fields, industry, major, " +
      "a place, a class year. Empty for reasons about the alum alone (SUGGESTED, AVAILABILITY, RESPONSIVE, FIRST_GENERATION).",
  })
  studentTerms: string[];

  @Field(() => [String], {
    description:
      "What of the alum's profile matched, as written there: topics or job title (KEYWORDS), fields, industry, major, place, class year.",
  })
  alumnusTerms: string[];
}

@ObjectType({ description: "An advisor's suggestion that a student talk to an alum." })
export class AlumnusSuggestion {
  @Field(() => ID)
  id: string;

  @Field(() => AlumnusProfile)
  alumnus: AlumnusProfile;

  @Field({ description: "The advisor's (or admin's) name; 'An advisor' once their account is gone." })
  suggestedByName: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: "An alum ranked for a student, with the reasons in plain words." })
export class AlumnusMatch {
  @Field(() => AlumnusProfile)
  alumnus: AlumnusProfile;

  @Field(() => Float, { description: "Higher is a better match; only the order is meaningful (see docs/matching.md)." })
  score: number;

  @Field(() => [MatchReason], { description: "Why this alum, strongest first; a suggestion comes first." })
  reasons: MatchReason[];

  @Field({ description: "True when an advisor suggested this alum; suggestions are listed first." })
  suggested: boolean;

  @Field(() => AlumnusSuggestion, { nullable: true })
  suggestion: AlumnusSuggestion | null;

  @Field(() => Int, { description: "Bookable slots in the next 14 days, after capacity and booked meetings." })
  openSlotsNext14Days: number;

  @Field(() => ID, {
    nullable: true,
    description: "The student's open request (requested or accepted) to this alum; such alumni are listed only with `includeContacted`.",
  })
  openRequestId: string | null;
}

@ObjectType()
export class AlumnusMatchEdge {
  @Field()
  cursor: string;

  @Field(() => AlumnusMatch)
  node: AlumnusMatch;
}

@ObjectType({ description: "A page of matches, best first." })
export class AlumnusMatchConnection {
  @Field(() => [AlumnusMatchEdge])
  edges: AlumnusMatchEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, {
    description:
      "How many alumni who would be in this list are left out because the student already wrote to them (an open request); " +
      "0 with `includeContacted: true`, which lists them.",
  })
  leftOutAlreadyContacted: number;
}
