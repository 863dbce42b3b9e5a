import { EmailSignInResolver } from "./email-sign-in.resolver";
import { IdentityProvidersResolver } from "./identity-providers.resolver";
import { SignInResolver } from "./sign-in.resolver";

export const identityModule = {
  entities: [],
  resolvers: [IdentityProvidersResolver, SignInResolver, EmailSignInResolver],
} as const;
