import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { t, type MessageId } from "../../../i18n";
import type { RequestNotificationKind } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { formatTimestamp } from "../../../lib/time";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { MarkAllNotificationsReadDocument } from "../graphql/MarkAllNotificationsRead.generated";
import { MarkNotificationsReadDocument } from "../graphql/MarkNotificationsRead.generated";
import { MyNotificationsDocument, type MyNotificationsQuery } from "../graphql/MyNotifications.generated";
import { UnreadNotificationCountDocument } from "../graphql/UnreadNotificationCount.generated";

type Item = MyNotificationsQuery["myNotifications"]["edges"][number]["node"];

const PAGE = 10;

/** What happened, by event: worded in the reader's language with the other person's current name. */
const EVENT_WORDS: Record<RequestNotificationKind, MessageId> = {
  CREATED: "notificationCentre.event.CREATED",
  ACCEPTED: "notificationCentre.event.ACCEPTED",
  RESCHEDULED: "notificationCentre.event.RESCHEDULED",
  TIME_PROPOSED: "notificationCentre.event.TIME_PROPOSED",
  DECLINED: "notificationCentre.event.DECLINED",
  EXPIRED: "notificationCentre.event.EXPIRED",
  WITHDRAWN: "notificationCentre.event.WITHDRAWN",
  COMPLETED: "notificationCentre.event.COMPLETED",
  CANCELLED: "notificationCentre.event.CANCELLED",
  NO_SHOW: "notificationCentre.event.NO_SHOW",
  UPDATED: "notificationCentre.event.UPDATED",
  MEETING_REMINDER: "notificationCentre.event.MEETING_REMINDER",
  MEETING_CHECK: "notificationCentre.event.MEETING_CHECK",
  THANK_YOU_DUE: "notificationCentre.event.THANK_YOU_DUE",
  UPDATE_DUE: "notificationCentre.event.UPDATE_DUE",
  EXPIRY_REMINDER: "notificationCentre.event.EXPIRY_REMINDER",
};

const wording = (item: Pick<Item, "event" | "otherName">): string =>
  t(EVENT_WORDS[item.event], { name: item.otherName ?? t("notificationCentre.someone") });

/** The notification centre's list (its own chunk): newest first, older on demand; opening one marks it read. */
export function NotificationList({ onNavigate }: { onNavigate: () => void }) {
  const { data, error, fetchMore } = useQuery(MyNotificationsDocument, {
    variables: { first: PAGE },
    fetchPolicy: "cache-and-network",
  });
  const [markRead] = useMutation(MarkNotificationsReadDocument, {
    refetchQueries: [MyNotificationsDocument],
    update: (cache, { data: done }) => {
      if (done) cache.writeQuery({ query: UnreadNotificationCountDocument, data: { unreadNotificationCount: done.markNotificationsRead } });
    },
  });
  const [markAll, { loading: markingAll }] = useMutation(MarkAllNotificationsReadDocument, {
    refetchQueries: [MyNotificationsDocument],
    awaitRefetchQueries: true,
    update: (cache, { data: done }) => {
      if (done)
        cache.writeQuery({ query: UnreadNotificationCountDocument, data: { unreadNotificationCount: done.markAllNotificationsRead } });
    },
  });
  const [status, say] = useAnnouncer();
  const [more, setMore] = useState(false);

  if (error && !data) return <Alert tone="error">{describeError(error).message}</Alert>;
  if (!data) return <Loading label={t("notificationCentre.loading")} />;
  const page = data.myNotifications;
  const items = page.edges.map((e) => e.node);
  const anyUnread = items.some((i) => !i.readAt);

  return (
    <div className="bell-list">
      {items.length === 0 ? (
        <p className="bell-empty">{t("notificationCentre.empty")}</p>
      ) : (
        <ul className="bell-items">
          {items.map((item) => (
            <li key={item.id} className={item.readAt ? "bell-item" : "bell-item bell-item-unread"}>
              <Link
                to={item.link ?? "/"}
                className="bell-link"
                onClick={() => {
                  if (!item.readAt) void markRead({ variables: { ids: [item.id] } });
                  onNavigate();
                }}
              >
                {!item.readAt && <span className="visually-hidden">{`${t("notificationCentre.unread")}: `}</span>}
                <span className="bell-text">{wording(item)}</span>
                <span className="bell-time">{formatTimestamp(item.createdAt)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div className="bell-actions">
        {page.pageInfo.hasNextPage && (
          <Button
            variant="quiet"
            busyLabel={more ? t("notificationCentre.loadingMore") : null}
            onPress={() => {
              setMore(true);
              void fetchMore({
                variables: { first: PAGE, after: page.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({
                  myNotifications: {
                    ...fetchMoreResult.myNotifications,
                    edges: [...previous.myNotifications.edges, ...fetchMoreResult.myNotifications.edges],
                  },
                }),
              }).finally(() => setMore(false));
            }}
          >
            {t("notificationCentre.more")}
          </Button>
        )}
        {anyUnread && (
          <Button
            variant="secondary"
            busyLabel={markingAll ? t("notificationCentre.markingAll") : null}
            onPress={() => {
              markAll()
                .then(() => say(t("notificationCentre.allRead")))
                .catch((e: unknown) => say(describeError(e).message, "error"));
            }}
          >
            {t("notificationCentre.markAll")}
          </Button>
        )}
        <Link to="/notifications" className="bell-preferences" onClick={onNavigate}>
          {t("notificationCentre.preferences")}
        </Link>
      </div>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
    </div>
  );
}
