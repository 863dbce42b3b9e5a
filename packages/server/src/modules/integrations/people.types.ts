import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { NotUuid } from "../../graphql/input-checks";

export const PersonKind = { STUDENT: "STUDENT", ALUMNUS: "ALUMNUS" } as const;
export type PersonKind = (typeof PersonKind)[keyof typeof PersonKind];
registerEnumType(PersonKind, { name: "PersonKind", description: "Which roster a bulk upsert or import writes to." });

@InputType({ description: "One student from the institution's own records, keyed by its external id." })
export class StudentUpsertInput {
  @Field({ description: "The institution's id for this person (1–100 printable characters, no spaces); the upsert key." })
  externalId: string;

  @Field({ description: "Used to create the person's account (without a password; invite them to sign in). Not changed later." })
  email: string;

  @Field({ description: "Shown until the person signs in and chooses their own name." })
  displayName: string;

  @Field(() => Int, { nullable: true, description: "Left as is when omitted." })
  classYear?: number | null;

  @Field(() => String, { nullable: true, description: "Left as is when omitted." })
  major?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "FERPA directory block: the student asked the institution not to disclose their directory information. A blocked student never appears in anything other students or alumni can list or search, and reaches an alum only through a request they send with explicit consent (shareDirectoryInformation). Left as is when omitted.",
  })
  directoryBlock?: boolean | null;
}

@InputType({ description: "One alum from the institution's own records, keyed by its external id." })
export class AlumnusUpsertInput {
  @Field({ description: "The institution's id for this person (1–100 printable characters, no spaces); the upsert key." })
  externalId: string;

  @Field({ description: "Used to create the person's account (without a password; invite them to sign in). Not changed later." })
  email: string;

  @Field({ description: "Shown until the person signs in and chooses their own name." })
  displayName: string;

  @Field(() => Int, { nullable: true, description: "Left as is when omitted." })
  classYear?: number | null;

  @Field(() => String, { nullable: true, description: "Left as is when omitted." })
  major?: string | null;

  @Field(() => String, { nullable: true, description: "Left as is when omitted." })
  employer?: string | null;

  @Field(() => String, { nullable: true, description: "Job title. Left as is when omitted." })
  title?: string | null;
}

@ObjectType({ description: "Why one row was not written. The other rows were." })
export class RowError {
  @Field(() => Int, {
    description: "The row's position: its index in `rows` (from 0), or its line number in a CSV file (the header is line 1).",
  })
  row: number;

  @Field(() => String, { nullable: true })
  externalId: string | null;

  @Field({ description: "The field at fault, e.g. `email`; `row` when the row as a whole conflicts." })
  field: string;

  @Field({ description: "Stable: REQUIRED, INVALID, TOO_LONG, OUT_OF_RANGE, DUPLICATE_IN_BATCH, EMAIL_CONFLICT, EXTERNAL_ID_CONFLICT." })
  code: string;

  @Field()
  message: string;
}

@ObjectType({ description: "What a bulk upsert did. Every row is counted once: created, updated, unchanged, or in errors." })
export class UpsertResult {
  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => [RowError])
  errors: RowError[];
}

@ObjectType({ description: "What a CSV import did; `errors[].row` is the line number in the file." })
export class PeopleImportResult extends UpsertResult {
  @Field(() => ID)
  importId: string;

  @Field(() => Int, { description: "Rows in the file, not counting the header." })
  total: number;
}

@ObjectType({ description: "Where a running CSV import is: published after validation and after each chunk written." })
export class ImportProgress {
  @Field(() => ID)
  importId: string;

  @Field(() => PersonKind)
  kind: PersonKind;

  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: "Rows done so far, failed ones included." })
  processed: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  failed: number;

  @Field()
  done: boolean;
}

@InputType({ description: "Whom to deactivate or reactivate: external ids of one roster (with `kind`), membership ids, or both." })
export class PeopleSelectionInput {
  @Field(() => PersonKind, { nullable: true, description: "The roster the `externalIds` belong to; required with them." })
  kind?: PersonKind | null;

  @Field(() => [String], { nullable: true, description: "The institution's own ids; `errors[].row` is the index in this list." })
  externalIds?: string[] | null;

  @NotUuid("checked per row by the service")
  @Field(() => [ID], {
    nullable: true,
    description: "Membership ids of students or alumni; `errors[].row` is the index in this list (field `membershipIds`).",
  })
  membershipIds?: string[] | null;
}

@ObjectType({ description: "What a deactivation or reactivation did. Each person is counted once: changed, unchanged, or in errors." })
export class PeopleStatusResult {
  @Field(() => Int, { description: "People whose state changed by this call." })
  changed: number;

  @Field(() => Int, { description: "People already in the state asked for: nothing was written for them." })
  unchanged: number;

  @Field(() => Int, { description: "Open interview requests closed because one side was deactivated (0 for reactivation)." })
  requestsClosed: number;

  @Field(() => [RowError], { description: "Codes: REQUIRED, INVALID, DUPLICATE_IN_BATCH, NOT_FOUND." })
  errors: RowError[];
}
