import "../messages";
import "../notifications.css";
import { useApolloClient, useQuery, useSubscription } from "@apollo/client/react";
import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { t } from "../../../i18n";
import { Loading } from "../../../ui/Loading";
import { MyNotificationsDocument } from "../graphql/MyNotifications.generated";
import { NotificationCentreDocument } from "../graphql/NotificationCentre.generated";
import { UnreadNotificationCountDocument } from "../graphql/UnreadNotificationCount.generated";

// The list and its queries load when the bell is first opened.
const NotificationList = lazy(() => import("./NotificationList").then((m) => ({ default: m.NotificationList })));

/**
 * The header's bell: the unread count in its name ("Notifications, 3 unread"), kept live over the notificationCentre
 * subscription; a polite live region says when something new arrives. It discloses the list in a non-modal panel
 * (plain elements, so the first download's shared chunks stay as they are): Escape or the bell closes it, and focus
 * goes back to the bell; a press outside closes it.
 */
export function NotificationBell() {
  const client = useApolloClient();
  const { data } = useQuery(UnreadNotificationCountDocument, { fetchPolicy: "cache-and-network" });
  const [open, setOpen] = useState(false);
  const [arrived, setArrived] = useState<{ text: string; n: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  useSubscription(NotificationCentreDocument, {
    onData: ({ data: pushed }) => {
      const update = pushed.data?.notificationCentre;
      if (!update) return;
      client.cache.writeQuery({ query: UnreadNotificationCountDocument, data: { unreadNotificationCount: update.unreadCount } });
      void client.refetchQueries({ include: [MyNotificationsDocument] });
      setArrived((p) => ({ text: t("notificationCentre.bell.arrived", { count: update.unreadCount }), n: (p?.n ?? 0) + 1 }));
    },
  });
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    // A press outside the bell and its panel closes it, as a popover does. Heard in the capture phase: React Aria's
    // buttons stop their presses from bubbling, and a press on one of them is a press outside all the same.
    const outside = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside, true);
    return () => document.removeEventListener("pointerdown", outside, true);
  }, [open]);
  const unread = data?.unreadNotificationCount ?? 0;

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close(true);
    }
  };

  return (
    <div ref={root} className="bell" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={t("notificationCentre.bell.label", { count: unread })}
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div ref={panel} id={panelId} className="bell-panel" role="region" aria-labelledby={`${panelId}-title`} tabIndex={-1}>
          <h2 id={`${panelId}-title`} className="bell-title">
            {t("notificationCentre.title")}
          </h2>
          <Suspense fallback={<Loading label={t("notificationCentre.loading")} />}>
            <NotificationList onNavigate={() => close(false)} />
          </Suspense>
        </div>
      )}
      <div className="visually-hidden" aria-live="polite">
        <span key={arrived?.n}>{arrived?.text}</span>
      </div>
    </div>
  );
}
