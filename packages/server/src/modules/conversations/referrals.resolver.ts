import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { ReferralChainArgs, SuggestedNameInput } from "./conversations.inputs";
import { canSeeHowToReach } from "./conversations.policy";
import { ReferralLink } from "./conversations.types";
import { Referral, ReferralStatus } from "./referral.entity";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver(() => Referral)
export class ReferralsResolver {
  @Access("STUDENT")
  @Mutation(() => Referral, {
    description:
      "Record a name suggested in one of the student's conversations (once it has started) or in a decline: an alum from the directory (`alumnusId`) or anyone by `name`. CONVERSATION_NOT_STARTED before the conversation.",
  })
  addSuggestedName(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("input") input: SuggestedNameInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Referral> {
    return services.conversations.referrals.addSuggestedName(viewer, requestId, input);
  }

  @Access("STUDENT")
  @Mutation(() => Referral, {
    description:
      "Move one of the student's referrals along. Once a request was made to the person: REQUESTED, MET or NOT_PURSUED only (REFERRAL_ALREADY_REQUESTED).",
  })
  updateReferral(
    @Arg("id", () => ID) id: string,
    @Arg("status", () => ReferralStatus) status: ReferralStatus,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Referral> {
    return services.conversations.referrals.updateReferral(viewer, id, status);
  }

  @Access("STUDENT", "ADVISOR", "ALUMNUS")
  @Query(() => [ReferralLink], {
    description:
      "Who led to whom, depth first: from one request, or over all of a student's conversations. Students see their own (studentId may be omitted); advisors a student's while the student shares with advisors (ACTIVITY_NOT_SHARED otherwise); an alum their own from when they were a student here (a deactivated student membership, after graduating), other alumni FORBIDDEN.",
  })
  async referralChain(
    @Args() args: ReferralChainArgs,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ReferralLink[]> {
    return services.conversations.referrals.referralChain(await services.conversations.contactLog.historyViewer(viewer), args);
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => String, {
    nullable: true,
    description: "How to reach the suggested person. Only the student sees it; null for advisors.",
  })
  howToReach(@Root() referral: Referral, @CurrentViewer() viewer: Viewer): string | null {
    return canSeeHowToReach(viewer, referral) ? referral.howToReach : null;
  }
}
