import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { InterviewRequest } from "./interview-request.entity";
import { RequestEvent } from "./request-event.entity";
import { MyRequestsArgs, RequestInterviewInput } from "./requests.inputs";
import { InterviewRequestConnection, QuestionBankTheme, QuestionCheckResult, RequestTemplate, RuleOneCheck } from "./requests.types";
import { CurrentViewer } from "../../graphql/current-viewer";

/** Preparing and sending requests, and reading them. The life cycle's mutations are in RequestLifecycleResolver. */
@Resolver()
export class RequestsResolver {
  @Access("STUDENT")
  @Query(() => RequestTemplate, {
    description:
      "A prefilled request message to one alum, built from the student's pitch and the alum's work the way the guides suggest (who I am, who referred me, why this person, what I want to learn, a 20–30 minute ask). The student edits it before sending. CONSENT_REQUIRED when the alum does not accept requests.",
  })
  requestTemplate(
    @Arg("alumnusId", () => ID) alumnusId: string,
    @Arg("referredById", () => ID, { nullable: true, description: "Who referred the student, if anyone." })
    referredById: string | null,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<RequestTemplate> {
    return services.requests.requestTemplate(viewer, alumnusId, referredById ?? null);
  }

  @Access("STUDENT")
  @Query(() => RuleOneCheck, {
    description:
      "Rule #1 check of a draft message, for live guidance: phrases that ask for a job, an internship, a referral for a position or a resume forward.",
  })
  checkRequestMessage(
    @Arg("text") text: string,
    @Arg("alumnusId", () => ID, { nullable: true, description: "The alum written to: suggestions are then worded for their field." })
    alumnusId: string | null,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { services }: Context,
  ): Promise<RuleOneCheck> {
    return services.requests.checkMessage(viewer, text, alumnusId ?? null);
  }

  @Access("SIGNED_IN")
  @Query(() => [QuestionBankTheme], { description: "Sample questions from the career-center guides, grouped by theme." })
  questionBank(@Ctx() { services }: Context): QuestionBankTheme[] {
    return services.requests.questionBank();
  }

  @Access("SIGNED_IN")
  @Query(() => QuestionCheckResult, { description: "Whether a question is a closed yes/no question, with an open way to ask it." })
  checkQuestion(@Arg("text") text: string, @Ctx() { services }: Context): QuestionCheckResult {
    return services.requests.checkQuestion(text);
  }

  @Access("STUDENT")
  @Mutation(() => InterviewRequest, {
    description:
      "Send a request to one alum. Refused with RULE_ONE_CONFIRMATION_REQUIRED (extensions: matches, guidance) until a flagged message is reworded or sent with confirmInformationOnly; with CONSENT_REQUIRED, ALUMNUS_PAUSED, PAIR_ALREADY_OPEN, TOO_MANY_OPEN_REQUESTS, CAPACITY_REACHED or PROPOSED_TIME_INVALID when a limit applies. With an idempotencyKey a retry returns the first request.",
  })
  requestInterview(
    @Arg("input") input: RequestInterviewInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequest> {
    return services.requests.requestInterview(viewer, input);
  }

  @Access("STUDENT", "ALUMNUS")
  @Query(() => InterviewRequestConnection, {
    description: "The viewer's own requests (sent as a student, received as an alum), newest first.",
  })
  myRequests(
    @Args() args: MyRequestsArgs,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequestConnection> {
    return services.requestQueries.myRequests(viewer, args);
  }

  @Access("STUDENT", "ALUMNUS", "ADVISOR", "ADMIN")
  @Query(() => InterviewRequest, {
    description:
      "One request: for its student and alum, and for the institution's advisors and admins (who see the message and questions only when the student shares with advisors). NOT_A_PARTICIPANT for other members; REQUEST_NOT_FOUND for an unknown id or another institution's.",
  })
  interviewRequest(
    @Arg("id", () => ID) id: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequest> {
    return services.requestQueries.request(viewer, id);
  }

  @Access("STUDENT", "ALUMNUS", "ADVISOR", "ADMIN")
  @Query(() => [RequestEvent], {
    description: "A request's history, oldest first. Same visibility as `interviewRequest`.",
  })
  requestEvents(
    @Arg("requestId", () => ID) requestId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<RequestEvent[]> {
    return services.requestQueries.events(viewer, requestId);
  }

  @Access("STUDENT", "ALUMNUS")
  @Query(() => String, {
    description:
      "The meeting as an iCalendar (.ics) file for the student and the alum: UTC times, a stable UID, SEQUENCE growing with each reschedule; METHOD:PUBLISH (a file to import: the emails carry the METHOD:REQUEST invitation), STATUS:CANCELLED once cancelled. MEETING_NOT_SCHEDULED before a meeting is booked.",
  })
  calendarInvite(
    @Arg("requestId", () => ID) requestId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<string> {
    return services.requestQueries.calendarInvite(viewer, requestId);
  }
}
