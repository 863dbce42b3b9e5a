import { IsEnum, IsInt, IsOptional, IsString, Max, Min } from "class-validator";
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { Role } from "../../auth/viewer";
import { RoleEnum } from "../accounts";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import { PageInfo } from "../../shared/paging";
import { ConsentKind, ConsentWithdrawalReason } from "./consent-kind.enum";

export enum ConsentRecordStatus {
  ACTIVE = "ACTIVE",
  WITHDRAWN = "WITHDRAWN",
  ALL = "ALL",
}
registerEnumType(ConsentRecordStatus, {
  name: "ConsentRecordStatus",
  description: "Which agreements to list.",
  valuesConfig: {
    ACTIVE: { description: "Held now (not withdrawn, not replaced by an agreement to a newer version)." },
    WITHDRAWN: { description: "Withdrawn by the person (replacements by a newer version are not withdrawals)." },
    ALL: { description: "Every agreement ever given, whatever became of it." },
  },
});

@ObjectType({ description: "One person's agreement to one version of a consent text, as the institution's records show it." })
export class ConsentRecord {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  membershipId: string;

  @Field(() => String, { nullable: true, description: "The institution's own id for the person (externalId), if set." })
  externalId: string | null;

  @Field(() => RoleEnum)
  role: Role;

  @Field()
  displayName: string;

  @Field(() => ConsentKind)
  kind: ConsentKind;

  @Field(() => Int, { description: "The text version agreed to." })
  version: number;

  @Field({ description: "Since when." })
  givenAt: Date;

  @Field(() => Date, { nullable: true })
  withdrawnAt: Date | null;

  @Field(() => ConsentWithdrawalReason, { nullable: true })
  withdrawalReason: ConsentWithdrawalReason | null;

  @Field({ description: "Whether it applies now (see Consent.inForce)." })
  inForce: boolean;
}

@ObjectType()
export class ConsentRecordEdge {
  @Field()
  cursor: string;

  @Field(() => ConsentRecord)
  node: ConsentRecord;
}

@ObjectType()
export class ConsentRecordConnection {
  @Field(() => [ConsentRecordEdge])
  edges: ConsentRecordEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({ description: "How many agreements one version of a consent text has, by what became of them." })
export class ConsentVersionCount {
  @Field(() => ConsentKind)
  kind: ConsentKind;

  @Field(() => Int)
  version: number;

  @Field(() => Int, { description: "Held now on this version." })
  active: number;

  @Field(() => Int, { description: "Of those, in force now (under consentReviewPolicy PAUSE, older versions are not)." })
  inForce: number;

  @Field(() => Int, { description: "Replaced by the person's agreement to a newer version." })
  replaced: number;

  @Field(() => Int, { description: "Withdrawn by the person." })
  withdrawn: number;
}

@ArgsType()
export class ConsentRecordsArgs {
  @Field(() => ConsentKind)
  @IsEnum(ConsentKind)
  kind: ConsentKind;

  @Field(() => ConsentRecordStatus, { defaultValue: ConsentRecordStatus.ACTIVE })
  @IsEnum(ConsentRecordStatus)
  status: ConsentRecordStatus;

  @Field(() => Int, { nullable: true, description: "Only agreements to this text version." })
  @IsOptional()
  @IsInt()
  @Min(1, { message: "A version is 1 or more." })
  version?: number | null;

  @Field(() => Int, {
    defaultValue: PAGE_SIZES.consentRecords.default,
    description: `Records per page, most recent change first: 1–${PAGE_SIZES.consentRecords.max}.`,
  })
  @IsInt()
  @Min(1, { message: `Use 1 to ${PAGE_SIZES.consentRecords.max}.` })
  @Max(PAGE_SIZES.consentRecords.max, { message: `Use 1 to ${PAGE_SIZES.consentRecords.max}.` })
  first: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  after?: string | null;
}
