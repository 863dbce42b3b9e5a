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
      <PageHeading title="Upcoming conversations">Upcoming conversations</PageHeading>
      <Alert tone="info">{accepted ? `You accepted ${accepted}'s request. They have been told.` : null}</Alert>
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load your conversations" onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading label="Loading your conversations…" />
      ) : meetings.length === 0 ? (
        <EmptyState title="Nothing booked yet">
          <p>
            When you accept a request, the conversation appears here. <Link to="/alumni">Go to your inbox</Link>.
          </p>
        </EmptyState>
      ) : (
        <ul className="item-list" aria-label="Booked conversations">
          {meetings.map((meeting) => (
            <li key={meeting.id} className="card item">
              <Link to={`/alumni/requests/${meeting.id}`} className="item-title">
                {meeting.studentName}
              </Link>
              <p className="item-meta">
                {meeting.meetingStartsAt ? formatDateTime(meeting.meetingStartsAt, meeting.alumnusTimeZone) : "Time to be confirmed"} ·{" "}
                {MODALITY_LABELS[meeting.modality]}
                {meeting.meetingStartsAt ? ` · ${timeUntil(meeting.meetingStartsAt)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
