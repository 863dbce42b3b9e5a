import { useQuery } from "@apollo/client/react";
import { Link } from "react-router-dom";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, LoadError, Loading } from "../../../ui/QueryState";
import { MyRequestsDocument } from "../graphql/MyRequests.generated";
import { useRequestUpdates } from "../hooks/useRequestUpdates";
import { STATE_LABELS } from "../lib/labels";
import { MODALITY_LABELS } from "../../../lib/labels";
import { browserTimeZone, formatDate, formatDateTime, relativeDays } from "../../../lib/time";
import { StateBadge } from "./StateBadge";
import { t } from "../../../i18n";

const PAGE_SIZE = 50;

/** Every request the student sent, newest first, with its state kept live. */
export function ConversationsPage() {
  const { data, loading, error, refetch, fetchMore } = useQuery(MyRequestsDocument, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const requests = data?.myRequests.edges.map((e) => e.node) ?? [];
  const announcement = useRequestUpdates(
    () => void refetch(),
    (id) => requests.find((r) => r.id === id)?.alumnusName,
  );
  const zone = browserTimeZone();

  return (
    <div className="page">
      <p className="eyebrow">{t("student.conversations.student")}</p>
      <PageHeading title={t("student.conversations.myConversations")}>{t("student.conversations.myConversations")}</PageHeading>
      <p className="lede">{t("student.conversations.requestsYouVeSent")}</p>
      <Alert tone="info" announcementKey={announcement?.n}>
        {announcement?.message}
      </Alert>
      {!data && loading && <Loading label={t("student.conversations.loadingYourConversations")} />}
      {!data && error && <LoadError error={error} retry={() => void refetch()} what={t("student.what.conversations")} />}
      {data && requests.length === 0 && (
        <EmptyState title={t("student.conversations.noRequestsYet")}>
          <p>
            {t("student.conversations.emptyBody")} <Link to="/student/alumni">{t("student.conversations.findAlumniToTalk")}</Link>
          </p>
        </EmptyState>
      )}
      {requests.length > 0 && (
        <ul className="conversation-list" aria-label={t("student.conversations.yourRequests")}>
          {requests.map((r) => (
            <li key={r.id} className="card conversation-item">
              <h2 className="conversation-name">
                <Link to={`/student/conversations/${r.id}`}>{r.alumnusName}</Link>
              </h2>
              <p>
                <StateBadge state={r.state} />
              </p>
              <p className="fine-print">
                {r.state === "ACCEPTED" && r.meetingStartsAt
                  ? t("student.conversations.meeting", {
                      how: MODALITY_LABELS[r.modality],
                      when: formatDateTime(r.meetingStartsAt, zone),
                      relative: relativeDays(r.meetingStartsAt),
                    })
                  : r.state === "REQUESTED"
                    ? t("student.conversations.sentOpenUntil", {
                        sent: formatDate(r.createdAt, zone),
                        until: formatDate(r.expiresAt, zone),
                      })
                    : t("student.conversations.lastChange", {
                        explain: STATE_LABELS[r.state].explain,
                        date: formatDate(r.updatedAt, zone),
                      })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {data?.myRequests.pageInfo.hasNextPage && (
        <div className="actions">
          <Button
            variant="secondary"
            onPress={() =>
              void fetchMore({
                variables: { after: data.myRequests.pageInfo.endCursor },
                updateQuery: (prev, { fetchMoreResult }) => ({
                  myRequests: { ...fetchMoreResult.myRequests, edges: [...prev.myRequests.edges, ...fetchMoreResult.myRequests.edges] },
                }),
              })
            }
          >
            {t("student.conversations.showOlderRequests")}
          </Button>
        </div>
      )}
    </div>
  );
}
