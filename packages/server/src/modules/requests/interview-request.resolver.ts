import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { InterviewRequest } from "./interview-request.entity";
import { ProposedTime } from "./proposed-time.entity";
import { RequestQuestion } from "./request-question.entity";
import { canReadMeetingDetails, canReadMessage, canReadQuestions, isParticipant, isStaff } from "./requests.policy";
import { AlumnusContact, DeclineReferral, StudentSummary } from "./requests.types";
import { messageSnippet, SNIPPET_LENGTH } from "./student-summaries";
import { CurrentViewer } from "../../graphql/current-viewer";

const DETAILS_RULE = "Shown to the student and the alum only; null for everyone else.";

/** The request's fields that load related rows or depend on who is asking. Batched per GraphQL request. */
@Resolver(() => InterviewRequest)
export class InterviewRequestResolver {
  @Access("SIGNED_IN")
  @FieldResolver(() => String, {
    nullable: true,
    description: "The student's message. Shown to the two sides, and to advisors and admins only while the student shares with advisors.",
  })
  async message(@Root() request: InterviewRequest, @Ctx() ctx: Context, @CurrentViewer() viewer: Viewer): Promise<string | null> {
    const shares = await this.sharesWithAdvisors(request, ctx, viewer);
    return canReadMessage(viewer, request, shares) ? request.message : null;
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => [RequestQuestion], {
    nullable: true,
    description:
      "The questions the student prepared. The student always sees them; the alum when the student shares them; advisors and admins while the student shares with advisors. Null otherwise.",
  })
  async questions(
    @Root() request: InterviewRequest,
    @Ctx() ctx: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<RequestQuestion[] | null> {
    const shares = await this.sharesWithAdvisors(request, ctx, viewer);
    if (!canReadQuestions(viewer, request, shares)) return null;
    return ctx.loaders
      .get<string, RequestQuestion[]>("requests.questions", (ids) => ctx.services.requestQueries.questions(viewer, ids))
      .load(request.id);
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => [ProposedTime], {
    description: "Every time proposed on the request, earliest first, with who proposed it and its status.",
  })
  proposedTimes(@Root() request: InterviewRequest, @Ctx() ctx: Context, @CurrentViewer() viewer: Viewer): Promise<ProposedTime[]> {
    return ctx.loaders
      .get<string, ProposedTime[]>("requests.proposedTimes", (ids) => ctx.services.requestQueries.proposedTimes(viewer, ids))
      .load(request.id);
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => AlumnusContact, {
    nullable: true,
    description:
      "The alum's email and phone: for the student only, once the request is ACCEPTED or COMPLETED, and only while the alum shares contact details (ALUMNUS_SHARE_CONTACT). Null otherwise.",
  })
  alumnusContact(@Root() request: InterviewRequest, @Ctx() ctx: Context, @CurrentViewer() viewer: Viewer): Promise<AlumnusContact | null> {
    return ctx.loaders
      .get<InterviewRequest, AlumnusContact | null>("requests.alumnusContact", (requests) =>
        ctx.services.requestQueries.alumnusContacts(viewer, requests),
      )
      .load(request);
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => DeclineReferral, {
    nullable: true,
    description: `Whom the alum suggested instead, when declining. ${DETAILS_RULE}`,
  })
  declineReferral(@Root() request: InterviewRequest, @CurrentViewer() viewer: Viewer): DeclineReferral | null {
    const r = request.declineReferral;
    if (!r || !isParticipant(viewer, request)) return null;
    return { alumnusId: r.alumnusId ?? null, name: r.name ?? null, contact: r.contact ?? null, note: r.note ?? null };
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => String, {
    nullable: true,
    description: `In person: where to meet. ${DETAILS_RULE}`,
  })
  meetingLocation(@Root() request: InterviewRequest, @CurrentViewer() viewer: Viewer): string | null {
    return canReadMeetingDetails(viewer, request) ? request.meetingLocation : null;
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => String, {
    nullable: true,
    description: `Video: the meeting link. ${DETAILS_RULE}`,
  })
  meetingLink(@Root() request: InterviewRequest, @CurrentViewer() viewer: Viewer): string | null {
    return canReadMeetingDetails(viewer, request) ? request.meetingLink : null;
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => String, {
    nullable: true,
    description: `Phone: the number to call. ${DETAILS_RULE}`,
  })
  meetingPhone(@Root() request: InterviewRequest, @CurrentViewer() viewer: Viewer): string | null {
    return canReadMeetingDetails(viewer, request) ? request.meetingPhone : null;
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => String, {
    nullable: true,
    description: `In person: parking, attire, how to find the place. ${DETAILS_RULE}`,
  })
  inPersonNotes(@Root() request: InterviewRequest, @CurrentViewer() viewer: Viewer): string | null {
    return canReadMeetingDetails(viewer, request) ? request.inPersonNotes : null;
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => String, {
    nullable: true,
    description: `The start of the student's message for lists (the inbox): whitespace folded, cut on a word boundary within ${SNIPPET_LENGTH} characters, then "…" when cut. Shown to whoever may read the message.`,
  })
  async messageSnippet(@Root() request: InterviewRequest, @Ctx() ctx: Context, @CurrentViewer() viewer: Viewer): Promise<string | null> {
    const message = await this.message(request, ctx, viewer);
    return message === null ? null : messageSnippet(message);
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => StudentSummary, {
    nullable: true,
    description:
      "The student's major, class year and fields, as their consent to share with alumni says: for the alum of the request only, while the student shares with alumni (STUDENT_SHARE_WITH_ALUMNI); a student under a FERPA directory block only on a request sent with their explicit consent. Null otherwise.",
  })
  studentSummary(@Root() request: InterviewRequest, @Ctx() ctx: Context, @CurrentViewer() viewer: Viewer): Promise<StudentSummary | null> {
    return ctx.loaders
      .get<InterviewRequest, StudentSummary | null>("requests.studentSummary", (requests) =>
        ctx.services.requestQueries.studentSummaries(viewer, requests),
      )
      .load(request);
  }

  /** Only staff need the student's sharing choice; participants never cost a query. */
  private async sharesWithAdvisors(request: InterviewRequest, ctx: Context, viewer: Viewer): Promise<boolean> {
    if (isParticipant(viewer, request) || !isStaff(viewer, request)) return false;
    return ctx.loaders
      .get<string, boolean>("requests.sharesWithAdvisors", (ids) => ctx.services.requestQueries.studentsSharingWithAdvisors(viewer, ids))
      .load(request.studentId);
  }
}
