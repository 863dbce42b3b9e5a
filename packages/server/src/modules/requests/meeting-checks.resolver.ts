import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import type { Viewer } from "../../auth/viewer";
import { MeetingCheckAnswer } from "./meeting-checks";
import { RequestSideEnum } from "./requests.enums";
import type { Side } from "./request-state";

@ObjectType({ description: 'What a "did it happen?" link is about, for the page it lands on. The link itself is the credential.' })
export class MeetingCheckLink {
  @Field(() => ID)
  requestId: string;
  @Field(() => RequestSideEnum, { description: "The side the link was sent to." })
  side: Side;
  @Field({ description: "The other person's name." })
  otherName: string;
  @Field(() => Date, { nullable: true })
  meetingStartsAt: Date | null;
  @Field(() => MeetingCheckAnswer, { nullable: true, description: "The answer already given by either person; null while open." })
  answer: MeetingCheckAnswer | null;
}

const LINK_ERRORS = "LINK_INVALID, LINK_EXPIRED (two weeks after the meeting) or LINK_USED (each link works once) when it cannot be used.";

/** "Did your conversation happen?": answered in the app, or with the signed single-use link of a nudge email. */
@Resolver()
export class MeetingChecksResolver {
  @Access("STUDENT", "ALUMNUS")
  @Mutation(() => MeetingCheckAnswer, {
    description:
      'Answer "did it happen?" for a booked meeting that has started. The first answer settles it and the other person is told: HAPPENED completes the request, NO_SHOW records the other person\'s no-show, MOVED keeps it booked for a new time. MEETING_ALREADY_SETTLED when answered already; MEETING_NOT_YET_HELD before the start.',
  })
  answerMeetingCheck(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("answer", () => MeetingCheckAnswer) answer: MeetingCheckAnswer,
    @Ctx() { services, viewer }: Context,
  ): Promise<MeetingCheckAnswer> {
    return services.meetingChecks.answer(viewer as Viewer, requestId, answer);
  }

  @Access("PUBLIC")
  @Query(() => MeetingCheckLink, { description: `What a "did it happen?" link from a nudge email is about. ${LINK_ERRORS}` })
  meetingCheckLink(@Arg("token") token: string, @Ctx() { services }: Context): Promise<MeetingCheckLink> {
    return services.meetingChecks.describeLink(token);
  }

  @Access("PUBLIC")
  @Mutation(() => MeetingCheckAnswer, {
    description: `Answer "did it happen?" with the signed link of a nudge email, without signing in: for that meeting and person only. The link is used up by this call. ${LINK_ERRORS} MEETING_ALREADY_SETTLED when someone answered first or the meeting moved since.`,
  })
  answerMeetingCheckByLink(
    @Arg("token") token: string,
    @Arg("answer", () => MeetingCheckAnswer) answer: MeetingCheckAnswer,
    @Ctx() { services }: Context,
  ): Promise<MeetingCheckAnswer> {
    return services.meetingChecks.answerByLink(token, answer);
  }
}
