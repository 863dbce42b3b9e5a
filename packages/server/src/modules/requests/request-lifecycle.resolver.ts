import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { InterviewRequest } from "./interview-request.entity";
import {
  AcceptRequestInput,
  CloseMeetingInput,
  DeclineRequestInput,
  MarkCompletedInput,
  RescheduleMeetingInput,
  WithdrawRequestInput,
} from "./requests.inputs";
import { CurrentViewer } from "../../graphql/current-viewer";

const STATE_ERRORS =
  "INVALID_TRANSITION names the from→to move when the state or the side does not allow it; NOT_A_PARTICIPANT for anyone but the two sides.";

/** The request's life after it is sent: every move checked against the state machine in request-state.ts. */
@Resolver()
export class RequestLifecycleResolver {
  @Access("ALUMNUS")
  @Mutation(() => InterviewRequest, {
    description: `The alum accepts: chooses one of the student's times (proposedTimeId) and gives the meeting details the modality needs. Or offers another time (startsAt): the request stays REQUESTED until the student confirms it. SLOT_TAKEN when the alum is already booked then; CAPACITY_REACHED when that month is full. ${STATE_ERRORS}`,
  })
  acceptRequest(
    @Arg("input") input: AcceptRequestInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequest> {
    return services.requestLifecycle.accept(viewer, input);
  }

  @Access("STUDENT", "ALUMNUS")
  @Mutation(() => InterviewRequest, {
    description: `Take the other side's proposed time: the student confirms the alum's other time (the request becomes ACCEPTED), or either side confirms the other's reschedule (the invite's SEQUENCE grows). SLOT_TAKEN if it was booked meanwhile. ${STATE_ERRORS}`,
  })
  confirmProposedTime(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("proposedTimeId", () => ID) proposedTimeId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequest> {
    return services.requestLifecycle.confirmProposedTime(viewer, requestId, proposedTimeId);
  }

  @Access("ALUMNUS")
  @Mutation(() => InterviewRequest, {
    description: `The alum declines, optionally with a reason and someone else to talk to. ${STATE_ERRORS}`,
  })
  declineRequest(
    @Arg("input") input: DeclineRequestInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequest> {
    return services.requestLifecycle.decline(viewer, input);
  }

  @Access("STUDENT")
  @Mutation(() => InterviewRequest, {
    description: `The student takes back a request the alum has not answered. ${STATE_ERRORS}`,
  })
  withdrawRequest(
    @Arg("input") input: WithdrawRequestInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequest> {
    return services.requestLifecycle.withdraw(viewer, input);
  }

  @Access("STUDENT", "ALUMNUS")
  @Mutation(() => InterviewRequest, {
    description: `Either side proposes a new time for a booked meeting; the other confirms it with confirmProposedTime. ${STATE_ERRORS}`,
  })
  rescheduleMeeting(
    @Arg("input") input: RescheduleMeetingInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequest> {
    return services.requestLifecycle.reschedule(viewer, input);
  }

  @Access("STUDENT", "ALUMNUS")
  @Mutation(() => InterviewRequest, {
    description: `Either side cancels a booked meeting, with a reason. Its time is free again. ${STATE_ERRORS}`,
  })
  cancelMeeting(
    @Arg("input") input: CloseMeetingInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequest> {
    return services.requestLifecycle.cancel(viewer, input);
  }

  @Access("STUDENT", "ALUMNUS")
  @Mutation(() => InterviewRequest, {
    description: `Either side records that the conversation took place (once its time has come). ${STATE_ERRORS}`,
  })
  markCompleted(
    @Arg("input") input: MarkCompletedInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequest> {
    return services.requestLifecycle.complete(viewer, input);
  }

  @Access("STUDENT", "ALUMNUS")
  @Mutation(() => InterviewRequest, {
    description: `Either side reports that the other did not turn up, with a reason (once the time has come). ${STATE_ERRORS}`,
  })
  markNoShow(
    @Arg("input") input: CloseMeetingInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<InterviewRequest> {
    return services.requestLifecycle.markNoShow(viewer, input);
  }
}
