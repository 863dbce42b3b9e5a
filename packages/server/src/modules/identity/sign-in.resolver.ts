import { IsEmail, IsOptional, Matches, MaxLength } from "class-validator";
import { Arg, ArgsType, Args, Ctx, Field, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { AuthPayload } from "../accounts";
import { SsoOption } from "./providers.types";

@ArgsType()
class SignInOptionsArgs {
  @Field({ nullable: true })
  @IsOptional()
  @IsEmail({}, { message: "Enter a valid email address." })
  @MaxLength(254)
  email?: string;

  @Field({ nullable: true, description: "The institution's slug, from its own sign-in URL /i/<slug>." })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,60}$/)
  slug?: string;
}

@Resolver()
export class SignInResolver {
  @Access("PUBLIC")
  @Query(() => [SsoOption], {
    description:
      "Campus sign-in buttons to offer for an email's domain or an institution's slug. Says nothing about whether an account exists.",
  })
  signInOptions(@Args() { email, slug }: SignInOptionsArgs, @Ctx() { services }: Context): Promise<SsoOption[]> {
    return services.identity.sso.options(email ?? null, slug ?? null);
  }

  @Access("PUBLIC")
  @Mutation(() => AuthPayload, {
    description: "Finish a campus sign-in: trade the one-time code from the redirect (valid 60 s, once) for a session.",
  })
  completeCampusSignIn(@Arg("code") code: string, @Ctx() { services }: Context): Promise<AuthPayload> {
    return services.identity.sso.completeSignIn(code);
  }
}
