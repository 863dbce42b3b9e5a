import { Field, ID, Int, ObjectType } from "type-graphql";
import { RowError } from "./people.types";

@ObjectType({ description: "What graduateStudents did." })
export class GraduationResult {
  @Field(() => Int, { description: "Students who now also hold an alum membership, with a prefilled profile." })
  graduated: number;
  @Field(() => Int, { description: "Students who already held an alum membership here: nothing was written for them." })
  alreadyAlumni: number;
  @Field(() => [RowError], { description: "Codes: INVALID, DUPLICATE_IN_BATCH, NOT_FOUND; `row` is the index in studentMembershipIds." })
  errors: RowError[];
}

@ObjectType({ description: "A student of one class year, as the admins' Graduate page lists them before graduating." })
export class GraduationCandidate {
  @Field(() => ID)
  studentMembershipId: string;
  @Field()
  displayName: string;
  @Field({ description: "The address they sign in with today." })
  email: string;
  @Field(() => Int, { nullable: true })
  classYear: number | null;
  @Field({ description: "Already an alum here: graduating them writes nothing." })
  alreadyAlumnus: boolean;
  @Field({
    description:
      "They hold a verified address outside the institution's campus email domains (those of its sign-in providers), so they can still sign in by email once campus sign-in ends.",
  })
  personalEmailVerified: boolean;
}

/** What the automatic graduation did in one institution on one of its days (the job's outcome, not in the schema). */
export interface AutomaticGraduationRun {
  /** The institution's local day the run claimed (YYYY-MM-DD). */
  day: string;
  result: GraduationResult;
}

@ObjectType({ description: "Whether the student should add and verify a personal email before graduating (the prompt on their overview)." })
export class GraduationEmailPrompt {
  @Field({
    description:
      "True while the student's class year ends within a year (or has ended) and they hold no verified address outside the campus email domains: once campus sign-in ends, they sign in with that address.",
  })
  due: boolean;
  @Field(() => String, {
    nullable: true,
    description: "The day their class year ends (YYYY-MM-DD), from their class year and the institution's graduation day.",
  })
  graduatesOn: string | null;
}
