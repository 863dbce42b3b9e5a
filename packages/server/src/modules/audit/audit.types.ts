import { IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import { PageInfo } from "../../shared/paging";

export const AuditActorKind = { PERSON: "PERSON", API_KEY: "API_KEY", SYSTEM: "SYSTEM" } as const;
export type AuditActorKind = (typeof AuditActorKind)[keyof typeof AuditActorKind];
registerEnumType(AuditActorKind, {
  name: "AuditActorKind",
  description: "Who acted: a signed-in person, an API key, or the platform itself (a scheduled job).",
});

@ObjectType({ description: "One recorded action. Rows are never changed or removed, except by the retention purge." })
export class AuditLogEntry {
  @Field(() => ID)
  id: string;

  @Field({ description: "When it happened." })
  occurredAt: Date;

  @Field({ description: "A stable dotted name, e.g. membership.deactivated or student.timeline_viewed (docs/privacy.md)." })
  action: string;

  @Field(() => AuditActorKind)
  actorKind: AuditActorKind;

  @Field(() => ID, { nullable: true, description: "The membership the person acted with; null for API keys and the platform." })
  actorMembershipId: string | null;

  @Field(() => String, { nullable: true, description: "The acting person's name and email, or the API key's name." })
  actorName: string | null;

  @Field(() => ID, { nullable: true })
  actorApiKeyId: string | null;

  @Field({ description: "The kind of thing acted on, e.g. membership, institution, api_key, student." })
  targetType: string;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => ID, { nullable: true, description: "The member the action is about, if any." })
  subjectMembershipId: string | null;

  @Field(() => String, { nullable: true, description: "That member's name and email." })
  subjectName: string | null;

  @Field(() => String, { nullable: true, description: "For settings-like changes: the changed values before, as a JSON object." })
  before: string | null;

  @Field(() => String, { nullable: true, description: "For settings-like changes: the changed values after, as a JSON object." })
  after: string | null;

  @Field(() => String, { nullable: true, description: "The X-Request-Id of the request that did it." })
  requestId: string | null;

  @Field(() => String, { nullable: true, description: "The caller's IP address." })
  ip: string | null;
}

@ObjectType()
export class AuditLogEdge {
  @Field()
  cursor: string;

  @Field(() => AuditLogEntry)
  node: AuditLogEntry;
}

@ObjectType()
export class AuditLogConnection {
  @Field(() => [AuditLogEdge])
  edges: AuditLogEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@InputType({ description: "Narrows the audit log; every field is optional and they combine with AND." })
export class AuditLogFilter {
  @Field(() => String, {
    nullable: true,
    description: "The person the entries are about: a membership id, or an email address (exact, any case).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  person?: string | null;

  @Field(() => String, { nullable: true, description: "Who acted: a membership id, an API key id, or an email address." })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  actor?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "An action name (membership.deactivated), or a prefix ending in a dot (membership.) for a family of actions.",
  })
  @IsOptional()
  @Matches(/^[a-z_]+(\.[a-z_]*)*$/, { message: "Use an action name such as membership.deactivated, or a prefix such as membership." })
  @MaxLength(80)
  action?: string | null;

  @Field(() => Date, { nullable: true, description: "From this moment (inclusive)." })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Before this moment (exclusive)." })
  @IsOptional()
  @IsDate()
  to?: Date | null;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: AuditLogFilter | null;

  @Field(() => Int, {
    defaultValue: PAGE_SIZES.auditLog.default,
    description: `Entries per page, newest first: 1–${PAGE_SIZES.auditLog.max}.`,
  })
  @IsInt()
  @Min(1, { message: `Use 1 to ${PAGE_SIZES.auditLog.max}.` })
  @Max(PAGE_SIZES.auditLog.max, { message: `Use 1 to ${PAGE_SIZES.auditLog.max}.` })
  first: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  @IsOptional()
  @IsString()
  after?: string | null;
}
