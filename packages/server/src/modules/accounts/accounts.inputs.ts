import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ROLES, type Role } from "../../auth/viewer";
import { RoleEnum } from "./membership.entity";

/** The languages the web client is written in. */
export const LOCALES = ["en", "es"] as const;

@InputType({ description: "The viewer's own preferences; fields left out stay as they are." })
export class UpdateMyPreferencesInput {
  @Field(() => String, { nullable: true, description: "`en` or `es`; null goes back to following the browser's language." })
  @IsOptional()
  @IsIn(LOCALES, { message: "Choose English (en) or Spanish (es)." })
  locale?: string | null;
}

@InputType()
export class SignInInput {
  @Field()
  @IsEmail({}, { message: "Enter a valid email address." })
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @Length(1, 200)
  password: string;

  @Field(() => ID, { nullable: true, description: "Institution to act in; defaults to the first membership." })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

@InputType()
export class InviteMemberInput {
  @Field()
  @IsEmail({}, { message: "Enter a valid email address." })
  @MaxLength(254)
  email: string;

  @Field(() => RoleEnum)
  @IsIn(ROLES)
  role: Role;
}

@InputType()
export class AcceptInvitationInput {
  @Field({ description: "The token from the invitation link." })
  @IsString()
  @Length(10, 200)
  token: string;

  @Field()
  @IsString()
  @Length(1, 120, { message: "Enter your name (up to 120 characters)." })
  displayName: string;

  @Field({ description: "At least 10 characters. For an existing account, its current password." })
  @IsString()
  @Length(10, 200, { message: "Use at least 10 characters." })
  password: string;
}
