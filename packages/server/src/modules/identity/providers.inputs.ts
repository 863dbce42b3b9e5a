import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { ROLES, type Role } from "../../auth/viewer";
import { RoleEnum } from "../accounts";
import { IDP_KINDS, IdpKindEnum, type IdpKind } from "./providers.types";

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

@InputType({
  description: "Settings of an identity provider. On update, a field left out keeps its value; a secret is replaced only when given.",
})
export class IdentityProviderInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 80, { message: "Give the provider a name of up to 80 characters." })
  name?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(DOMAIN, { each: true, message: "Each email domain must look like northfield.edu." })
  emailDomains?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  matchAttribute?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  matchByVerifiedEmail?: boolean;

  @Field(() => RoleEnum, { nullable: true, description: "Creating people on first sign-in: the role to give; null turns it off." })
  @IsOptional()
  @IsIn(ROLES)
  createPeopleRole?: Role | null;

  @Field({ nullable: true, description: "OIDC issuer URL; discovery reads <issuer>/.well-known/openid-configuration." })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ["https", "http"], require_protocol: true }, { message: "Enter the issuer's URL." })
  @MaxLength(500)
  oidcIssuer?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  oidcClientId?: string;

  @Field({ nullable: true, description: "Write-only." })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  oidcClientSecret?: string;

  @Field({ nullable: true, description: "Space-separated; openid is always asked for. Default: openid email profile." })
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, { message: "Scopes are separated by single spaces." })
  @MaxLength(500)
  oidcScopes?: string;

  @Field({ nullable: true, description: "SAML: the IdP's metadata XML." })
  @IsOptional()
  @IsString()
  @Length(1, 500_000)
  samlMetadataXml?: string;

  @Field({ nullable: true, description: "SAML: where to read the IdP's metadata (read when saved)." })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ["https", "http"], require_protocol: true })
  @MaxLength(1000)
  samlMetadataUrl?: string;

  @Field({ nullable: true, description: "SAML: our SP's private key (PEM), to sign requests. Write-only." })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  samlSpPrivateKey?: string;

  @Field({ nullable: true, description: "SAML: our SP's certificate (PEM), published in our metadata." })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  samlSpCertificate?: string;
}

@InputType()
export class AddIdentityProviderInput extends IdentityProviderInput {
  @Field(() => IdpKindEnum)
  @IsIn(IDP_KINDS)
  kind: IdpKind;
}
