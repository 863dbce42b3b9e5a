import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { AcceptInvitationInput, InviteMemberInput, SignInInput, UpdateMyPreferencesInput } from "./accounts.inputs";
import { AuthPayload, Me } from "./accounts.types";
import { Invitation } from "./invitation.entity";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver()
export class AccountsResolver {
  @Access("SIGNED_IN")
  @Query(() => Me, { description: "Who is signed in, in which institution, with which roles." })
  me(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<Me> {
    return services.accounts.me(viewer);
  }

  @Access("SIGNED_IN")
  @Mutation(() => Me, { description: "Save the viewer's preferences (their language), for every device they sign in on." })
  updateMyPreferences(@Arg("input") input: UpdateMyPreferencesInput, @Ctx() { services, viewer }: Context): Promise<Me> {
    return services.accounts.updateMyPreferences(viewer as Viewer, input);
  }

  @Access("PUBLIC")
  @Mutation(() => AuthPayload, { description: "Sign in with email and password. Errors never say which of the two was wrong." })
  signIn(@Arg("input") input: SignInInput, @Ctx() { services }: Context): Promise<AuthPayload> {
    return services.accounts.signIn(input);
  }

  @Access("PUBLIC")
  @Mutation(() => AuthPayload, { description: "Trade a refresh token for a new access token; the refresh token is rotated." })
  refreshSession(
    @Arg("refreshToken") refreshToken: string,
    @Arg("institutionId", () => ID, { nullable: true }) institutionId: string | null,
    @Ctx() { services }: Context,
  ): Promise<AuthPayload> {
    return services.accounts.refreshSession(refreshToken, institutionId ?? null);
  }

  @Access("SIGNED_IN")
  @Mutation(() => Boolean, { description: "End this session; its tokens stop working at once." })
  signOut(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    return services.accounts.signOut(viewer);
  }

  @Access("SIGNED_IN")
  @Mutation(() => AuthPayload, { description: "Act in another institution the viewer belongs to." })
  switchInstitution(
    @Arg("institutionId", () => ID) institutionId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AuthPayload> {
    return services.accounts.switchInstitution(viewer, institutionId);
  }

  @Access("ADMIN", "ADVISOR")
  @Mutation(() => Invitation, { description: "Invite a person by email. Advisors may invite students and alumni." })
  inviteMember(@Arg("input") input: InviteMemberInput, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<Invitation> {
    return services.accounts.invite(viewer, input);
  }

  @Access("ADMIN", "ADVISOR")
  @Query(() => [Invitation], { description: "Invitations not yet accepted or revoked, newest first." })
  invitations(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<Invitation[]> {
    return services.accounts.invitations(viewer);
  }

  @Access("ADMIN", "ADVISOR")
  @Mutation(() => Boolean, { description: "Revoke a pending invitation; its link stops working." })
  revokeInvitation(@Arg("id", () => ID) id: string, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    return services.accounts.revokeInvitation(viewer, id);
  }

  @Access("PUBLIC")
  @Mutation(() => AuthPayload, { description: "Accept an invitation: set a password (or confirm yours) and sign in." })
  acceptInvitation(@Arg("input") input: AcceptInvitationInput, @Ctx() { services }: Context): Promise<AuthPayload> {
    return services.accounts.acceptInvitation(input);
  }
}
