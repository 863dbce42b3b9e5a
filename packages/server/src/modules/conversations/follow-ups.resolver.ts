import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import { IDEMPOTENCY_KEY_DESCRIPTION } from "../../graphql/idempotency-key";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { FollowUpDue } from "./conversations.types";
import { FollowUp, ThankYouChannel } from "./follow-up.entity";
import { CurrentViewer } from "../../graphql/current-viewer";

const OPEN_RULE = "On the student's own completed conversations only (FOLLOW_UP_NOT_OPEN otherwise).";
const SENT_RULE = "`sentAt` defaults to now; it may not be in the future or before the conversation (SENT_AT_INVALID).";

@Resolver(() => FollowUp)
export class FollowUpsResolver {
  @Access("STUDENT")
  @Mutation(() => FollowUp, {
    description: `Record that the thank-you was sent. Recording again corrects the date. ${SENT_RULE} ${OPEN_RULE}`,
  })
  recordThankYou(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("sentAt", () => Date, { nullable: true }) sentAt: Date | null,
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("channel", () => ThankYouChannel, {
      nullable: true,
      description: "How it was sent: EMAIL, CARD, LETTER or OTHER (PLATFORM is THANK_YOU_CHANNEL_INVALID: use sendThankYou).",
    })
    channel?: ThankYouChannel | null,
  ): Promise<FollowUp> {
    return services.conversations.followUps.recordThankYou(viewer, requestId, sentAt, idempotencyKey, channel ?? null);
  }

  @Access("STUDENT")
  @Mutation(() => FollowUp, {
    description: `Send the thank-you through Infoview: the alum is emailed these words (as their notification preferences allow; THANK_YOU_EMAIL_OFF when they turned these emails off) and it is recorded as sent (PLATFORM), on the contact log too. THANK_YOU_TEXT_REQUIRED, THANK_YOU_TEXT_TOO_LONG (over 4,000 characters), THANK_YOU_RULE_ONE (asks for a job), THANK_YOU_ALREADY_SENT (sent through Infoview before; a retry with the same idempotency key returns the first result). ${OPEN_RULE}`,
  })
  sendThankYou(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("text") text: string,
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<FollowUp> {
    return services.conversations.thankYou.sendThankYou(viewer, requestId, text, idempotencyKey);
  }

  @Access("STUDENT")
  @Mutation(() => FollowUp, {
    description: `Record whether the alum agreed to be contacted again; with false, no update is suggested. ${OPEN_RULE}`,
  })
  setContactAgainPermission(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("allowed") allowed: boolean,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<FollowUp> {
    return services.conversations.followUps.setContactAgainPermission(viewer, requestId, allowed);
  }

  @Access("STUDENT")
  @Mutation(() => FollowUp, {
    description: `Record that the later update was sent to the alum. CONTACT_NOT_PERMITTED when the alum did not wish to be contacted again. ${SENT_RULE} ${OPEN_RULE}`,
  })
  recordFollowUpUpdate(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("sentAt", () => Date, { nullable: true }) sentAt: Date | null,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<FollowUp> {
    return services.conversations.followUps.recordFollowUpUpdate(viewer, requestId, sentAt);
  }

  @Access("STUDENT")
  @Query(() => [FollowUpDue], {
    description: "The student's unsent thank-yous (due soon or overdue) and the updates whose time has come, soonest first.",
  })
  followUpsDue(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<FollowUpDue[]> {
    return services.conversations.followUps.followUpsDue(viewer);
  }
}
