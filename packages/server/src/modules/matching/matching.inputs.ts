import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, Int } from "type-graphql";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import { NotUuid } from "../../graphql/input-checks";

const PAGE = PAGE_SIZES.alumniMatches;
const PAGE_MESSAGE = `Ask for 1 to ${PAGE.max} matches at a time.`;

@ArgsType()
export class AlumniMatchesArgs {
  @Field(() => Int, { defaultValue: PAGE.default, description: `How many to return, 1–${PAGE.max}.` })
  @IsInt()
  @Min(1, { message: PAGE_MESSAGE })
  @Max(PAGE.max, { message: PAGE_MESSAGE })
  first: number;

  @Field(() => String, { nullable: true, description: "`pageInfo.endCursor` of the previous page." })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string | null;

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

  @Field(() => Boolean, {
    nullable: true,
    description: "Also list the alumni the student already wrote to (an open request), marked with `openRequestId`. Default false.",
  })
  @IsOptional()
  @IsBoolean()
  includeContacted?: boolean | null;

  @Field(() => ID, { nullable: true, description: "Advisors and admins: whose matches to show. Students see their own and leave it out." })
  @IsOptional()
  @IsString()
  studentMembershipId?: string | null;
}

@ArgsType()
export class SuggestAlumnusArgs {
  @Field(() => ID)
  @IsString()
  studentMembershipId: string;

  @Field(() => ID)
  @IsString()
  alumnusMembershipId: string;

  @Field(() => String, { nullable: true, description: "Why this alum, up to 1000 characters; the student sees it." })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}
