import { Max, Min } from "class-validator";
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context, Role, Viewer } from "../../graphql/context";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import { RoleEnum } from "../accounts/membership.entity";
import { AddIdentityProviderInput, IdentityProviderInput } from "./providers.inputs";
import { IdentityProvider, SignInEvent, SsoSettings, SsoTestStart } from "./providers.types";

@ArgsType()
class SignInLogArgs {
  @Field(() => Int, { defaultValue: PAGE_SIZES.signInLog.default, description: `Entries, 1–${PAGE_SIZES.signInLog.max}.` })
  @Min(1)
  @Max(PAGE_SIZES.signInLog.max)
  first: number;
}

@Resolver()
export class IdentityProvidersResolver {
  @Access("ADMIN")
  @Query(() => [IdentityProvider], { description: "The institution's identity providers (campus sign-in), oldest first." })
  identityProviders(@Ctx() { services, viewer }: Context): Promise<IdentityProvider[]> {
    return services.identity.providers.list(viewer as Viewer);
  }

  @Access("ADMIN")
  @Mutation(() => IdentityProvider, {
    description: "Add an OIDC or SAML identity provider. It starts switched off: test it, then switch it on.",
  })
  addIdentityProvider(@Arg("input") input: AddIdentityProviderInput, @Ctx() { services, viewer }: Context): Promise<IdentityProvider> {
    return services.identity.providers.add(viewer as Viewer, input);
  }

  @Access("ADMIN")
  @Mutation(() => IdentityProvider, { description: "Change a provider's settings; fields left out keep their values." })
  updateIdentityProvider(
    @Arg("id", () => ID) id: string,
    @Arg("input") input: IdentityProviderInput,
    @Ctx() { services, viewer }: Context,
  ): Promise<IdentityProvider> {
    return services.identity.providers.update(viewer as Viewer, id, input);
  }

  @Access("ADMIN")
  @Mutation(() => IdentityProvider, { description: "Switch a provider on (people may sign in with it) or off." })
  setIdentityProviderEnabled(
    @Arg("id", () => ID) id: string,
    @Arg("enabled") enabled: boolean,
    @Ctx() { services, viewer }: Context,
  ): Promise<IdentityProvider> {
    return services.identity.providers.setEnabled(viewer as Viewer, id, enabled);
  }

  @Access("ADMIN")
  @Mutation(() => Boolean, { description: "Remove a provider. Removing the last switched-on one lifts enforcement." })
  removeIdentityProvider(@Arg("id", () => ID) id: string, @Ctx() { services, viewer }: Context): Promise<boolean> {
    return services.identity.providers.remove(viewer as Viewer, id);
  }

  @Access("ADMIN")
  @Mutation(() => SsoTestStart, {
    description: "Test mode: a URL that signs in at the provider and shows what it sent and whom it matched, signing nobody in.",
  })
  async testIdentityProvider(@Arg("id", () => ID) id: string, @Ctx() { services, viewer }: Context): Promise<SsoTestStart> {
    return { url: await services.identity.sso.startTest(viewer as Viewer, id) };
  }

  @Access("ADMIN")
  @Query(() => SsoSettings, { description: "Which roles must use campus sign-in." })
  ssoSettings(@Ctx() { services, viewer }: Context): Promise<SsoSettings> {
    return services.identity.providers.settings(viewer as Viewer);
  }

  @Access("ADMIN")
  @Mutation(() => SsoSettings, {
    description:
      "Require campus sign-in for these roles (e.g. STUDENT, ADVISOR); the others keep email sign-in. Needs a switched-on provider.",
  })
  setSsoEnforcement(@Arg("roles", () => [RoleEnum]) roles: Role[], @Ctx() { services, viewer }: Context): Promise<SsoSettings> {
    return services.identity.providers.setEnforcement(viewer as Viewer, roles);
  }

  @Access("ADMIN")
  @Query(() => [SignInEvent], { description: "The sign-in log: sign-ins, refusals and why, configuration changes; newest first." })
  signInLog(@Args() { first }: SignInLogArgs, @Ctx() { services, viewer }: Context): Promise<SignInEvent[]> {
    return services.identity.providers.signInLog(viewer as Viewer, first);
  }
}
