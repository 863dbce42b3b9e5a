import { useQuery, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { Alert } from "../../../ui/Alert";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { useMembershipId } from "../../../lib/auth/viewer";
import { MyConsentStateDocument } from "../graphql/Consents.generated";
import { AlumnusInboxDocument } from "../graphql/Inbox.generated";
import { IncomingRequestsDocument } from "../graphql/Requests.generated";
import { InboxCard, type InboxRequest } from "./InboxCard";
import "../alumnus.css";
import { rich, t } from "../../../i18n";

/**
 * New requests, live: a request a student sends appears here without reloading. A request accepted from its card
 * stays where it was, saying so, until the alum leaves the page.
 */
export function InboxPage() {
  const alumnusId = useMembershipId("ALUMNUS");
  const { data, loading, error, refetch } = useQuery(AlumnusInboxDocument, {
    variables: { first: 50 },
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: false,
  });
  const consents = useQuery(MyConsentStateDocument);
  const [acceptedHere, setAcceptedHere] = useState<InboxRequest[]>([]);
  const [arrival, setArrival] = useState<{ message: string; count: number } | null>(null);

  useSubscription(IncomingRequestsDocument, {
    onData: async ({ data: event }) => {
      const requestId = event.data?.incomingRequests.requestId;
      const result = await refetch();
      const request = result.data?.myRequests.edges.find((e) => e.node.id === requestId)?.node;
      setArrival((previous) => ({
        message: request ? t("alumnus.inbox.newRequestFrom", { name: request.studentName }) : t("alumnus.inbox.newRequest"),
        count: (previous?.count ?? 0) + 1,
      }));
    },
  });

  const listed = (data?.myRequests.edges ?? []).map((e) => e.node).filter((r) => r.alumnusId === alumnusId);
  const requests = withAcceptedHere(listed, acceptedHere);
  const contactActive = consents.data?.myConsents.some((c) => c.kind === "ALUMNUS_CONTACT" && c.active);

  return (
    <div className="page">
      <PageHeading title={t("alumnus.inbox.inbox")}>{t("alumnus.inbox.yourInbox")}</PageHeading>
      <p className="lede">{t("alumnus.inbox.studentsRequestsFor")}</p>
      <Alert tone="info" announcementKey={arrival?.count}>
        {arrival?.message}
      </Alert>
      {consents.data && !contactActive && (
        <div className="notice">
          <p>{rich("alumnus.inbox.studentsCanT", { link: (chunks) => <Link to="/alumni/welcome">{chunks}</Link> })}</p>
        </div>
      )}
      <section aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">{t("alumnus.inbox.waitingForYour")}</h2>
        {error && !data ? (
          <ErrorState error={error} title={t("alumnus.inbox.weCouldnT")} onRetry={() => void refetch()} />
        ) : loading && !data ? (
          <Loading label={t("alumnus.inbox.loadingYourRequests")} />
        ) : requests.length === 0 ? (
          <EmptyState title={t("alumnus.inbox.noRequestsWaiting")}>
            <p>{t("alumnus.inbox.whenAStudent")}</p>
          </EmptyState>
        ) : (
          <ul className="item-list" aria-label={t("alumnus.inbox.requestsWaitingFor")}>
            {requests.map((request) => (
              <InboxCard
                key={request.id}
                request={request}
                onAccepted={(accepted) => setAcceptedHere((kept) => [...kept.filter((k) => k.id !== accepted.id), accepted])}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The list as fetched, with the requests accepted from their cards kept in place (newest first, as listed). */
function withAcceptedHere(listed: InboxRequest[], acceptedHere: InboxRequest[]): InboxRequest[] {
  const missing = acceptedHere.filter((kept) => !listed.some((r) => r.id === kept.id));
  if (missing.length === 0) return listed;
  return [...listed, ...missing].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}
