import { Max, Min } from "class-validator";
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Role, Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import { RoleEnum } from "../accounts";
import { AddIdentityProviderInput, IdentityProviderInput } from "./providers.inputs";
import { IdentityProvider, SignInEvent, SsoSettings, SsoTestStart } from "./providers.types";
import { CurrentViewer } from "../../graphql/current-viewer";

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
  identityProviders(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<IdentityProvider[]> {
    return services.identity.providers.list(viewer);
  }

  @Access("ADMIN")
  @Mutation(() => IdentityProvider, {
    description: "Add an OIDC or SAML identity provider. It starts switched off: test it, then switch it on.",
  })
  addIdentityProvider(
    @Arg("input") input: AddIdentityProviderInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<IdentityProvider> {
    return services.identity.providers.add(viewer, input);
  }

  @Access("ADMIN")
  @Mutation(() => IdentityProvider, { description: "Change a provider's settings; fields left out keep their values." })
  updateIdentityProvider(
    @Arg("id", () => ID) id: string,
    @Arg("input") input: IdentityProviderInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<IdentityProvider> {
    return services.identity.providers.update(viewer, id, input);
  }

  @Access("ADMIN")
  @Mutation(() => IdentityProvider, { description: "Switch a provider on (people may sign in with it) or off." })
  setIdentityProviderEnabled(
    @Arg("id", () => ID) id: string,
    @Arg("enabled") enabled: boolean,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<IdentityProvider> {
    return services.identity.providers.setEnabled(viewer, id, enabled);
  }

  @Access("ADMIN")
  @Mutation(() => Boolean, { description: "Remove a provider. Removing the last switched-on one lifts enforcement." })
  removeIdentityProvider(@Arg("id", () => ID) id: string, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    return services.identity.providers.remove(viewer, id);
  }

  @Access("ADMIN")
  @Mutation(() => SsoTestStart, {
    description: "Test mode: a URL that signs in at the provider and shows what it sent and whom it matched, signing nobody in.",
  })
  async testIdentityProvider(
    @Arg("id", () => ID) id: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<SsoTestStart> {
    return { url: await services.identity.sso.startTest(viewer, id) };
  }

  @Access("ADMIN")
  @Query(() => SsoSettings, { description: "Which roles must use campus sign-in." })
  ssoSettings(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<SsoSettings> {
    return services.identity.providers.settings(viewer);
  }

  @Access("ADMIN")
  @Mutation(() => SsoSettings, {
    description:
      "Require campus sign-in for these roles (e.g. STUDENT, ADVISOR); the others keep email sign-in. Needs a switched-on provider.",
  })
  setSsoEnforcement(
    @Arg("roles", () => [RoleEnum]) roles: Role[],
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<SsoSettings> {
    return services.identity.providers.setEnforcement(viewer, roles);
  }

  @Access("ADMIN")
  @Query(() => [SignInEvent], { description: "The sign-in log: sign-ins, refusals and why, configuration changes; newest first." })
  signInLog(@Args() { first }: SignInLogArgs, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<SignInEvent[]> {
    return services.identity.providers.signInLog(viewer, first);
  }
}
