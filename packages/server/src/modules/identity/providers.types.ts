import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { Role } from "../../auth/viewer";
import { RoleEnum } from "../accounts";

export const IDP_KINDS = ["OIDC", "SAML"] as const;
export type IdpKind = (typeof IDP_KINDS)[number];
export const IdpKindEnum = { OIDC: "OIDC", SAML: "SAML" } as const;
registerEnumType(IdpKindEnum, { name: "IdentityProviderKind", description: "OpenID Connect or SAML 2.0." });

@ObjectType({ description: "One of the institution's identity providers. Secrets are write-only: only whether one is set shows." })
export class IdentityProvider {
  @Field(() => ID)
  id: string;

  @Field(() => IdpKindEnum)
  kind: IdpKind;

  @Field({ description: "Shown on the button: Sign in with <name>." })
  name: string;

  @Field({ description: "Whether people can sign in with it (test mode works either way, for admins)." })
  enabled: boolean;

  @Field(() => [String], { description: "Email domains that offer this provider on the sign-in page, e.g. northfield.edu." })
  emailDomains: string[];

  @Field({ description: "The claim or attribute matched against the roster's externalId, e.g. sub or eduPersonPrincipalName." })
  matchAttribute: string;

  @Field({ description: "Also match a person by the verified email the provider sends (off unless the admin turns it on)." })
  matchByVerifiedEmail: boolean;

  @Field(() => RoleEnum, { nullable: true, description: "When set, an unmatched campus login creates a person with this role." })
  createPeopleRole: Role | null;

  @Field(() => String, { nullable: true })
  oidcIssuer: string | null;

  @Field(() => String, { nullable: true })
  oidcClientId: string | null;

  @Field(() => String, { nullable: true })
  oidcScopes: string | null;

  @Field({ description: "Whether an OIDC client secret is stored (never returned)." })
  hasClientSecret: boolean;

  @Field(() => String, { nullable: true })
  samlIdpEntityId: string | null;

  @Field(() => String, { nullable: true })
  samlIdpSsoUrl: string | null;

  @Field(() => String, { nullable: true })
  samlIdpMetadataUrl: string | null;

  @Field({ description: "Whether an SP private key is stored (never returned)." })
  hasSpPrivateKey: boolean;

  @Field({ description: "OIDC: the redirect URI to register. SAML: the Assertion Consumer Service URL." })
  callbackUrl: string;

  @Field(() => String, { nullable: true, description: "SAML: our SP entity id (also the metadata URL to give the IdP)." })
  spEntityId: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: "Which roles must sign in with the campus account (the others keep email sign-in)." })
export class SsoSettings {
  @Field(() => [RoleEnum])
  enforcedRoles: Role[];
}

@ObjectType({ description: "A result of test mode: an admin's trial sign-in, which signs nobody in." })
export class SsoTestStart {
  @Field({ description: "Open this URL in the browser to try the provider." })
  url: string;
}

@ObjectType({ description: "One entry of the sign-in log: a sign-in, a refusal and why, or a configuration change." })
export class SignInEvent {
  @Field(() => ID)
  id: string;

  @Field()
  createdAt: Date;

  @Field({ description: "OIDC, SAML, PASSWORD, EMAIL_LINK, PASSWORD_RESET or CONFIGURATION." })
  method: string;

  @Field({ description: "SUCCEEDED, FAILED, TESTED or CHANGED." })
  outcome: string;

  @Field(() => String, { nullable: true, description: "The error code of a failure, or what changed." })
  reason: string | null;

  @Field(() => String, { nullable: true, description: "E.g. the identifier received from the provider." })
  detail: string | null;

  @Field(() => ID, { nullable: true })
  providerId: string | null;

  @Field(() => String, { nullable: true })
  providerName: string | null;

  @Field(() => String, { nullable: true, description: "Who signed in (or was refused), when known." })
  personEmail: string | null;

  @Field(() => String, { nullable: true, description: "The admin who changed the configuration." })
  actorEmail: string | null;
}

@ObjectType({ description: "A campus sign-in button to offer on the sign-in page." })
export class SsoOption {
  @Field(() => ID)
  providerId: string;

  @Field()
  providerName: string;

  @Field()
  institutionName: string;

  @Field()
  institutionSlug: string;

  @Field({ description: "Send the browser here to sign in (add ?returnTo=/path to come back to a page)." })
  startUrl: string;
}
