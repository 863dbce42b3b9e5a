import { IdentityProvidersResolver } from "./identity-providers.resolver";
import { SignInResolver } from "./sign-in.resolver";

export const identityModule = {
  entities: [],
  resolvers: [IdentityProvidersResolver, SignInResolver],
} as const;
