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
import { rich, t } from "../../../i18n";

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
        message: request ? t("alumnus.inbox.newRequestFrom", { name: request.studentName }) : t("alumnus.inbox.newRequest"),
        count: (previous?.count ?? 0) + 1,
      }));
    },
  });

  const requests = (data?.myRequests.edges ?? []).map((e) => e.node).filter((r) => r.alumnusId === alumnusId);
  const contactActive = consents.data?.myConsents.some((c) => c.kind === "ALUMNUS_CONTACT" && c.active);
  const zone = browserTimeZone();

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
              <li key={request.id} className="card item">
                <Link to={`/alumni/requests/${request.id}`} className="item-title">
                  {request.studentName}
                </Link>
                <p className="item-meta">
                  {t("alumnus.inbox.cardMeta", {
                    modality: MODALITY_LABELS[request.modality],
                    received: formatDateTime(request.createdAt, zone),
                    expires: timeUntil(request.expiresAt),
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
