import { useQuery, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { Alert } from "../../../ui/Alert";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { formatDateTime, timeUntil } from "../../../lib/time";
import { browserTimeZone } from "../../../lib/time";
import { MODALITY_LABELS } from "../../../lib/labels";
import { useMembershipId } from "../../../lib/auth/viewer";
import { MyConsentStateDocument } from "../graphql/Consents.generated";
import { AlumnusRequestsDocument, IncomingRequestsDocument } from "../graphql/Requests.generated";

/** New requests, live: a request a student sends appears here without reloading. */
export function InboxPage() {
  const alumnusId = useMembershipId("ALUMNUS");
  const { data, loading, error, refetch } = useQuery(AlumnusRequestsDocument, {
    variables: { state: "REQUESTED", first: 50 },
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: false,
  });
  const consents = useQuery(MyConsentStateDocument);
  const [arrival, setArrival] = useState<{ message: string; count: number } | null>(null);

  useSubscription(IncomingRequestsDocument, {
    onData: async ({ data: event }) => {
      const requestId = event.data?.incomingRequests.requestId;
      const result = await refetch();
      const request = result.data?.myRequests.edges.find((e) => e.node.id === requestId)?.node;
      setArrival((previous) => ({
        message: request ? `New request from ${request.studentName}.` : "A new request arrived.",
        count: (previous?.count ?? 0) + 1,
      }));
    },
  });

  const requests = (data?.myRequests.edges ?? []).map((e) => e.node).filter((r) => r.alumnusId === alumnusId);
  const contactActive = consents.data?.myConsents.some((c) => c.kind === "ALUMNUS_CONTACT" && c.active);
  const zone = browserTimeZone();

  return (
    <div className="page">
      <PageHeading title="Inbox">Your inbox</PageHeading>
      <p className="lede">Students' requests for a conversation. New ones appear here as they arrive.</p>
      <Alert tone="info" announcementKey={arrival?.count}>
        {arrival?.message}
      </Alert>
      {consents.data && !contactActive && (
        <div className="notice">
          <p>
            Students can't send you requests yet. <Link to="/alumni/welcome">Choose what you agree to</Link> to start receiving them.
          </p>
        </div>
      )}
      <section aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">Waiting for your answer</h2>
        {error && !data ? (
          <ErrorState error={error} title="We couldn't load your requests" onRetry={() => void refetch()} />
        ) : loading && !data ? (
          <Loading label="Loading your requests…" />
        ) : requests.length === 0 ? (
          <EmptyState title="No requests waiting">
            <p>When a student asks you for a conversation, it shows up here straight away; you don't need to reload.</p>
          </EmptyState>
        ) : (
          <ul className="item-list" aria-label="Requests waiting for your answer">
            {requests.map((request) => (
              <li key={request.id} className="card item">
                <Link to={`/alumni/requests/${request.id}`} className="item-title">
                  {request.studentName}
                </Link>
                <p className="item-meta">
                  {MODALITY_LABELS[request.modality]} · received {formatDateTime(request.createdAt, zone)} · expires{" "}
                  {timeUntil(request.expiresAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
