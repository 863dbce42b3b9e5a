import { DigestActionsResolver } from "./digest-actions.resolver";
import { InterviewRequest } from "./interview-request.entity";
import { InterviewRequestResolver } from "./interview-request.resolver";
import { ProposedTime } from "./proposed-time.entity";
import { RequestEvent } from "./request-event.entity";
import { RequestLifecycleResolver } from "./request-lifecycle.resolver";
import { RequestQuestion } from "./request-question.entity";
import { RequestsResolver } from "./requests.resolver";
import { MeetingChecksResolver } from "./meeting-checks.resolver";
import { CalendarFeedResolver } from "./calendar-feed.resolver";
import { AccommodationsResolver } from "./accommodations.resolver";

export const requestsModule = {
  entities: [InterviewRequest, ProposedTime, RequestQuestion, RequestEvent],
  resolvers: [
    RequestsResolver,
    RequestLifecycleResolver,
    InterviewRequestResolver,
    MeetingChecksResolver,
    CalendarFeedResolver,
    DigestActionsResolver,
    AccommodationsResolver,
  ],
} as const;
