import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { PAGE_SIZES } from "../graphql/page-sizes";

/** Cursor paging (shared/cursor-pagination.ts encodes the cursors): the arguments and the page info of every list. */
const PAGE = PAGE_SIZES.list;
const PAGE_MESSAGE = `Ask for 1 to ${PAGE.max} items at a time.`;

/** The paging arguments of every list (first, after), with the list page size (graphql/page-sizes.ts). */
@ArgsType()
export class PageArgs {
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
}

@ObjectType({ description: "Where a page ends, and whether there is more." })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page; null on an empty page." })
  endCursor: string | null;
}
