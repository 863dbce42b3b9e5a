import { useQuery } from "@apollo/client/react";
import { Link, useLocation, useParams } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { browserTimeZone, formatDateTime } from "../../../lib/time";
import { Alert } from "../../../ui/Alert";
import { PageHeading } from "../../../ui/PageHeading";
import { LoadError, Loading } from "../../../ui/QueryState";
import { ConversationDocument } from "../graphql/Conversation.generated";
import { useRequestUpdates } from "../hooks/useRequestUpdates";
import { STATE_LABELS } from "../lib/labels";
import { AfterTheMeeting } from "./AfterTheMeeting";
import { ConversationActions } from "./ConversationActions";
import { ProposedTimes } from "./ProposedTimes";
import { StateBadge } from "./StateBadge";
import { StudentMeeting } from "./StudentMeeting";
import { MeetingChanges } from "./MeetingChanges";
import { t } from "../../../i18n";
import { LazyAccommodationsPanel } from "../../../ui/accommodations";

/** The thank-you composer's route, loaded from this chunk so the initial route table stays as it was. */
export const loadThankYouComposer = () => import("./ThankYouComposerPage").then((m) => ({ Component: m.ThankYouComposerPage }));
/** Before you meet and the meeting view (issue 15), loaded the same way. */
export const loadBeforeYouMeet = () => import("./BeforeYouMeetPage").then((m) => ({ Component: m.BeforeYouMeetPage }));
export const loadMeetingView = () => import("./MeetingViewPage").then((m) => ({ Component: m.MeetingViewPage }));

/** One conversation: where it stands, the meeting and contact once booked, and what follows it. */
export function ConversationPage() {
  const { requestId = "" } = useParams();
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(ConversationDocument, {
    variables: { id: requestId },
    fetchPolicy: "cache-and-network",
  });
  const announcement = useRequestUpdates((id) => {
    if (id === requestId) void refetch();
  });
  const request = data?.interviewRequest;
  const justSent = (location.state as { sent?: boolean } | null)?.sent === true;

  if (!request) {
    const notFound = error && ["REQUEST_NOT_FOUND", "NOT_A_PARTICIPANT"].includes(describeError(error).code ?? "");
    return (
      <div className="page">
        <PageHeading title={t("student.conversation.conversation")}>
          {notFound ? t("student.conversation.weCouldnTFind") : t("student.conversation.conversation")}
        </PageHeading>
        {!error && loading && <Loading label={t("student.conversation.loadingTheConversation")} />}
        {notFound && (
          <p className="lede">
            {t("student.conversation.otherAccount")}{" "}
            <Link to="/student/conversations">{t("student.conversation.seeYourConversations")}</Link>
          </p>
        )}
        {error && !notFound && <LoadError error={error} retry={() => void refetch()} what={t("student.conversation.what")} />}
      </div>
    );
  }

  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/student/conversations">{t("student.conversation.myConversations")}</Link> / {request.alumnusName}
      </p>
      <PageHeading title={t("student.conversation.with", { name: request.alumnusName })}>
        {t("student.conversation.with", { name: request.alumnusName })}
      </PageHeading>
      {justSent && request.state === "REQUESTED" && (
        <Alert tone="info">{t("student.conversation.justSent", { name: request.alumnusName })}</Alert>
      )}
      <Alert tone="info" announcementKey={announcement?.n}>
        {announcement?.message}
      </Alert>
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t("student.conversation.whereItStands")}</h2>
        <p>
          <StateBadge state={request.state} /> {STATE_LABELS[request.state].explain}
        </p>
        {request.declineReason && <p>{t("student.conversation.theirReason", { reason: request.declineReason })}</p>}
        {request.declineReferral?.name && (
          <p>
            {t("student.conversation.suggestedInstead", {
              name: request.declineReferral.name,
              note: request.declineReferral.note || "none",
            })}
            {request.declineReferral.alumnusId && (
              <>
                {" "}
                <Link to={`/student/alumni/${request.declineReferral.alumnusId}`}>
                  {t("student.conversation.seeProfile", { name: request.declineReferral.name })}
                </Link>
              </>
            )}
          </p>
        )}
        {request.closeReason && <p>{t("student.conversation.reasonGiven", { reason: request.closeReason })}</p>}
        <ConversationActions request={request} onChanged={() => void refetch()} />
      </section>
      {request.state === "ACCEPTED" || request.state === "COMPLETED" ? (
        <StudentMeeting request={request} />
      ) : (
        <ProposedTimes request={request} />
      )}
      <MeetingChanges request={request} onChanged={() => void refetch()} />
      <LazyAccommodationsPanel
        requestId={request.id}
        side="STUDENT"
        otherName={request.alumnusName}
        editable={request.state === "REQUESTED" || request.state === "ACCEPTED"}
        times={
          request.meetingStartsAt
            ? [request.meetingStartsAt]
            : request.proposedTimes.filter((p) => p.status === "OPEN").map((p) => p.startsAt)
        }
      />
      <section className="card" aria-labelledby="message-heading">
        <h2 id="message-heading">{t("student.conversation.whatYouSent")}</h2>
        <p className="prewrap">{request.message}</p>
        {request.questions && request.questions.length > 0 && (
          <>
            <h3 className="subheading">
              {t("student.conversation.yourQuestions")}{" "}
              {request.questionsShared ? t("student.conversation.sharedWithThem") : t("student.conversation.onlyYouSeeThese")}
            </h3>
            <ol>
              {request.questions.map((q) => (
                <li key={q.id}>
                  {q.text}
                  {q.closed && <span className="tag tag-warning">{t("student.conversation.yesNoQuestion")}</span>}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      <AfterTheMeeting request={request} />
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("student.conversation.history")}</h2>
        <ol className="history">
          {data.requestEvents.map((e) => (
            <li key={e.id}>
              {formatDateTime(e.at, browserTimeZone())}:{" "}
              {e.fromState ? `${STATE_LABELS[e.fromState].label} → ` : t("student.conversation.sent")}
              {STATE_LABELS[e.toState].label}
              {e.kind === "TIME_PROPOSED"
                ? t("student.conversation.newTimeProposed")
                : e.kind === "RESCHEDULED"
                  ? t("student.conversation.rescheduled")
                  : ""}
              {e.reason ? `. ${e.reason}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
