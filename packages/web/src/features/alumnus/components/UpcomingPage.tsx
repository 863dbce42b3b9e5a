import { useQuery } from "@apollo/client/react";
import { Link, useLocation } from "react-router-dom";
import { Alert } from "../../../ui/Alert";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { useMembershipId } from "../../../lib/auth/viewer";
import { formatDateTime, timeUntil } from "../../../lib/time";
import { MODALITY_LABELS } from "../../../lib/labels";
import { AlumnusRequestsDocument } from "../graphql/Requests.generated";
import { rich, t } from "../../../i18n";

/** Booked conversations, soonest first. */
export function UpcomingPage() {
  const alumnusId = useMembershipId("ALUMNUS");
  const location = useLocation();
  const accepted = (location.state as { accepted?: string } | null)?.accepted;
  const { data, loading, error, refetch } = useQuery(AlumnusRequestsDocument, {
    variables: { state: "ACCEPTED", first: 100 },
    fetchPolicy: "cache-and-network",
  });
  const meetings = (data?.myRequests.edges ?? [])
    .map((e) => e.node)
    .filter((r) => r.alumnusId === alumnusId)
    .sort((a, b) => Date.parse(a.meetingStartsAt ?? a.createdAt) - Date.parse(b.meetingStartsAt ?? b.createdAt));

  return (
    <div className="page">
      <PageHeading title={t("alumnus.upcoming.upcomingConversations")}>{t("alumnus.upcoming.upcomingConversations")}</PageHeading>
      <Alert tone="info">{accepted ? t("alumnus.upcoming.youAccepted", { name: accepted }) : null}</Alert>
      {error && !data ? (
        <ErrorState error={error} title={t("alumnus.upcoming.weCouldnT")} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading label={t("alumnus.upcoming.loadingYourConversations")} />
      ) : meetings.length === 0 ? (
        <EmptyState title={t("alumnus.upcoming.nothingBookedYet")}>
          <p>{rich("alumnus.upcoming.whenYouAccept", { link: (chunks) => <Link to="/alumni">{chunks}</Link> })}</p>
        </EmptyState>
      ) : (
        <ul className="item-list" aria-label={t("alumnus.upcoming.bookedConversations")}>
          {meetings.map((meeting) => (
            <li key={meeting.id} className="card item">
              <Link to={`/alumni/requests/${meeting.id}`} className="item-title">
                {meeting.studentName}
              </Link>
              <p className="item-meta">
                {meeting.meetingStartsAt
                  ? formatDateTime(meeting.meetingStartsAt, meeting.alumnusTimeZone)
                  : t("alumnus.upcoming.timeToBe")}{" "}
                · {MODALITY_LABELS[meeting.modality]}
                {meeting.meetingStartsAt ? ` · ${timeUntil(meeting.meetingStartsAt)}` : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
