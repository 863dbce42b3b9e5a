import { IsOptional, IsString, Length } from "class-validator";
import { Field } from "type-graphql";

export const IDEMPOTENCY_KEY_DESCRIPTION =
  "Any unique string (e.g. a UUID), up to 200 characters. Sending the same request again with the same key returns the first result and changes nothing; the same key with a different input is refused with IDEMPOTENCY_KEY_REUSED.";

/** The optional `idempotencyKey` of an input type (ADR 0018); the service passes it to runIdempotent (db/idempotency.ts). */
export function IdempotencyKeyField(): PropertyDecorator {
  return (target, property) => {
    Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })(target, property);
    IsOptional()(target, property);
    IsString()(target, property);
    Length(1, 200)(target, property);
  };
}
