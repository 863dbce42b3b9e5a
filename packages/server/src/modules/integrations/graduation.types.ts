import { Field, Int, ObjectType } from "type-graphql";
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
