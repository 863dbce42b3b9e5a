import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({
  description: "A downloadable zip archive, base64-encoded: data.json per institution and CSVs of its lists, plus README.txt.",
})
export class DataArchive {
  @Field({ description: "A file name for the download, e.g. infoview-data-2026-12-07.zip." })
  filename!: string;

  @Field({ description: "Always application/zip." })
  contentType!: string;

  @Field(() => Int, { description: "Size of the archive in bytes (before base64)." })
  bytes!: number;

  @Field({ description: "The archive's bytes, base64-encoded." })
  base64!: string;
}

@ObjectType({ description: "A person's request to delete their account, pending until dueAt unless cancelled." })
export class AccountErasure {
  @Field(() => Date, { nullable: true, description: "When the request was made; null when none is pending." })
  requestedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When the account will be erased (the institution's grace period after the request)." })
  dueAt!: Date | null;
}
