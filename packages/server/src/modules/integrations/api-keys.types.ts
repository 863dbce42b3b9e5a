import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ArrayMinSize, ArrayUnique, IsString, Length } from "class-validator";
import type { Scope } from "../../auth/viewer";
import { ApiKeyScope } from "./scopes";

@ObjectType({ description: "An institution's API key. The secret is shown once, when the key is created or rotated, and never again." })
export class ApiKey {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => [ApiKeyScope])
  scopes: Scope[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: "When the secret was last replaced." })
  rotatedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "Set once the key is revoked; it stops working at once." })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the key was last used, to within a minute." })
  lastUsedAt: Date | null;
}

@ObjectType({ description: "A key and its secret. Store the secret now: only a hash of it is kept." })
export class ApiKeyWithSecret {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field({ description: "Send as `Authorization: Bearer <secret>`. Shown only this once." })
  secret: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field({ description: "What the key is for, e.g. “Student information system nightly sync”." })
  @IsString()
  @Length(1, 100)
  name: string;

  @Field(() => [ApiKeyScope])
  @ArrayMinSize(1, { message: "Give the key at least one scope." })
  @ArrayUnique()
  scopes: Scope[];
}
