import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { DigestAction } from "./digest-actions";

const LINK_ERRORS = "LINK_INVALID, LINK_EXPIRED or LINK_USED when the link cannot be used.";

@Resolver()
export class DigestActionsResolver {
  @Access("PUBLIC")
  @Query(() => DigestAction, { description: `What a digest email's accept or decline link would do. ${LINK_ERRORS}` })
  digestAction(@Arg("token") token: string, @Ctx() { services }: Context): Promise<DigestAction> {
    return services.digestActions.describe(token);
  }

  @Access("PUBLIC")
  @Mutation(() => DigestAction, {
    description: `Does what a digest email's link says (accept that time, or decline), as the alum it was sent to, once. ${LINK_ERRORS} The request's own errors (INVALID_TRANSITION, SLOT_TAKEN…) when it can no longer be done.`,
  })
  confirmDigestAction(
    @Arg("token") token: string,
    @Ctx() { services }: Context,
    @Arg("meetingLink", () => String, { nullable: true, description: "Accepting a video call the institution does not make a room for." })
    meetingLink?: string | null,
    @Arg("meetingPhone", () => String, { nullable: true, description: "Accepting a phone call: the number to call." })
    meetingPhone?: string | null,
    @Arg("meetingLocation", () => String, { nullable: true, description: "Accepting a meeting in person: the place." })
    meetingLocation?: string | null,
  ): Promise<DigestAction> {
    return services.digestActions.confirm(token, { meetingLink, meetingPhone, meetingLocation });
  }
}
