import { Max, Min } from "class-validator";
import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import { RoleEnum } from "../accounts";
import { Modality } from "../profiles";
import { PageInfo } from "../../shared/paging";
import { RequestStateEnum } from "../requests";
import { PersonKind } from "./people.types";

@ArgsType()
export class SyncPageArgs {
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Only rows changed at or after this time." })
  updatedSince?: Date | null;

  @Field(() => Int, { defaultValue: PAGE_SIZES.sync.default, description: `Page size, 1–${PAGE_SIZES.sync.max}.` })
  @Min(1)
  @Max(PAGE_SIZES.sync.max)
  first: number;

  @Field(() => String, {
    nullable: true,
    description: "`endCursor` of the previous page. Keep the last one: it is where the next sync starts.",
  })
  after?: string | null;
}

@ArgsType()
export class PeopleArgs extends SyncPageArgs {
  @Field(() => PersonKind, { nullable: true, description: "Students or alumni; both when omitted." })
  kind?: PersonKind | null;
}

@ArgsType()
export class DeletionsArgs {
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Only deletions at or after this time." })
  since?: Date | null;

  @Field(() => Int, { defaultValue: PAGE_SIZES.sync.default, description: `Page size, 1–${PAGE_SIZES.sync.max}.` })
  @Min(1)
  @Max(PAGE_SIZES.sync.max)
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ObjectType({ description: "A student or alum as the institution's systems know them: roster data only, no profile contents." })
export class Person {
  @Field(() => ID, { description: "The membership id; what requests and webhooks refer to." })
  membershipId: string;

  @Field(() => RoleEnum)
  role: string;

  @Field(() => String, { nullable: true })
  externalId: string | null;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field({ description: "Whether the person has set a password and signed in." })
  activated: boolean;

  @Field({ description: "False once the institution deactivated the person (deactivatePeople); true again after reactivatePeople." })
  active: boolean;

  @Field(() => Date, { nullable: true, description: "When the person was deactivated; null while active." })
  deactivatedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class PersonEdge {
  @Field()
  cursor: string;

  @Field(() => Person)
  node: Person;
}

@ObjectType({ description: "A page of people in change order (oldest change first)." })
export class PersonConnection {
  @Field(() => [PersonEdge])
  edges: PersonEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({ description: "An interview request for sync: states and times, never the messages people wrote." })
export class RequestRecord {
  @Field(() => ID)
  id: string;

  @Field(() => RequestStateEnum)
  state: string;

  @Field(() => Modality)
  modality: string;

  @Field(() => ID)
  studentId: string;

  @Field(() => String, { nullable: true })
  studentExternalId: string | null;

  @Field(() => ID)
  alumnusId: string;

  @Field(() => String, { nullable: true })
  alumnusExternalId: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field()
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  meetingStartsAt: Date | null;

  @Field(() => Date, { nullable: true })
  meetingEndsAt: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;
}

@ObjectType()
export class RequestRecordEdge {
  @Field()
  cursor: string;

  @Field(() => RequestRecord)
  node: RequestRecord;
}

@ObjectType({ description: "A page of requests in change order (oldest change first)." })
export class RequestRecordConnection {
  @Field(() => [RequestRecordEdge])
  edges: RequestRecordEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

export const DeletedEntity = { PERSON: "PERSON", REQUEST: "REQUEST" } as const;
registerEnumType(DeletedEntity, { name: "DeletedEntity" });

@ObjectType({ description: "Something that no longer exists: remove it on your side." })
export class DeletedRecord {
  @Field(() => DeletedEntity)
  entity: string;

  @Field(() => ID, { description: "The membership id (PERSON) or request id (REQUEST)." })
  id: string;

  @Field(() => RoleEnum, { nullable: true })
  role: string | null;

  @Field(() => String, { nullable: true })
  externalId: string | null;

  @Field()
  deletedAt: Date;
}

@ObjectType()
export class DeletedRecordEdge {
  @Field()
  cursor: string;

  @Field(() => DeletedRecord)
  node: DeletedRecord;
}

@ObjectType({ description: "A page of deletions, oldest first." })
export class DeletedRecordConnection {
  @Field(() => [DeletedRecordEdge])
  edges: DeletedRecordEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
