import { IsEmail, IsString, Length, MaxLength } from "class-validator";
import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { AuthPayload } from "../accounts";
import { SsoOption } from "./providers.types";
import { CurrentViewer } from "../../graphql/current-viewer";

@ObjectType({ description: "One of the signed-in person's email addresses." })
export class PersonEmail {
  @Field()
  email: string;

  @Field({ description: "The address Infoview writes to and signs in with." })
  primary: boolean;

  @Field({ description: "Confirmed through a link sent to it; an unverified address is used for nothing." })
  verified: boolean;
}

@ObjectType({ description: "How the signed-in person can sign in." })
export class SignInMethods {
  @Field({ description: "Whether a password is set (email sign-in links work either way)." })
  hasPassword: boolean;

  @Field(() => [SsoOption], { description: "Campus sign-in offered by the institutions the person belongs to." })
  campusSignIn: SsoOption[];
}

@InputType()
class EmailInput {
  @Field()
  @IsEmail({}, { message: "Enter a valid email address." })
  @MaxLength(254)
  email: string;
}

@InputType()
class ResetPasswordInput {
  @Field({ description: "The token from the reset link." })
  @IsString()
  @Length(10, 200)
  token: string;

  @Field({ description: "At least 10 characters." })
  @IsString()
  @Length(10, 200, { message: "Use at least 10 characters." })
  password: string;
}

@Resolver()
export class EmailSignInResolver {
  @Access("PUBLIC")
  @Mutation(() => Boolean, {
    description: "Email a sign-in link (single use, 15 minutes). Answers true whether or not the address has an account.",
  })
  requestSignInLink(@Arg("input") input: EmailInput, @Ctx() { services }: Context): Promise<boolean> {
    return services.identity.email.requestEmail(input.email, "SIGN_IN_LINK");
  }

  @Access("PUBLIC")
  @Mutation(() => AuthPayload, { description: "Sign in with the token from a sign-in link." })
  signInWithLink(@Arg("token") token: string, @Ctx() { services }: Context): Promise<AuthPayload> {
    return services.identity.email.signInWithLink(token);
  }

  @Access("PUBLIC")
  @Mutation(() => Boolean, {
    description: "Forgot password: email a reset link (single use, 30 minutes). Answers true whether or not the address has an account.",
  })
  requestPasswordReset(@Arg("input") input: EmailInput, @Ctx() { services }: Context): Promise<boolean> {
    return services.identity.email.requestEmail(input.email, "PASSWORD_RESET");
  }

  @Access("PUBLIC")
  @Mutation(() => Boolean, { description: "Set a new password from a reset link. Every session the person had is signed out." })
  resetPassword(@Arg("input") input: ResetPasswordInput, @Ctx() { services }: Context): Promise<boolean> {
    return services.identity.email.resetPassword(input.token, input.password);
  }

  @Access("SIGNED_IN")
  @Query(() => [PersonEmail], { description: "The signed-in person's addresses, primary first." })
  myEmails(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<PersonEmail[]> {
    return services.identity.email.emails(viewer);
  }

  @Access("SIGNED_IN")
  @Mutation(() => [PersonEmail], { description: "Add an address (e.g. a personal one); a link is sent to verify it before it is used." })
  addEmail(@Arg("input") input: EmailInput, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<PersonEmail[]> {
    return services.identity.email.addEmail(viewer, input.email);
  }

  @Access("PUBLIC")
  @Mutation(() => Boolean, { description: "Confirm an address with the token from its verification link." })
  verifyEmail(@Arg("token") token: string, @Ctx() { services }: Context): Promise<boolean> {
    return services.identity.email.verifyEmail(token);
  }

  @Access("SIGNED_IN")
  @Mutation(() => [PersonEmail], { description: "Make a verified address the primary one." })
  makeEmailPrimary(@Arg("input") input: EmailInput, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<PersonEmail[]> {
    return services.identity.email.makePrimary(viewer, input.email);
  }

  @Access("SIGNED_IN")
  @Mutation(() => [PersonEmail], { description: "Remove one of the other addresses." })
  removeEmail(@Arg("input") input: EmailInput, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<PersonEmail[]> {
    return services.identity.email.removeEmail(viewer, input.email);
  }

  @Access("SIGNED_IN")
  @Query(() => SignInMethods, { description: "How the signed-in person can sign in: password, campus sign-in." })
  async mySignInMethods(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<SignInMethods> {
    const v = viewer;
    return { hasPassword: await services.identity.email.hasPassword(v), campusSignIn: await services.identity.sso.optionsForPerson(v) };
  }
}
