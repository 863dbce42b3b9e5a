import { useSubscription } from "@apollo/client/react";
import { useRef } from "react";
import type { RequestNotificationKind } from "../../../graphql/types.generated";
import { useAnnouncer } from "../../../ui/Alert";
import { RequestUpdatesDocument } from "../graphql/RequestUpdates.generated";

const KIND_WORDS: Partial<Record<RequestNotificationKind, string>> = {
  ACCEPTED: "was accepted: your meeting is booked",
  DECLINED: "was declined",
  EXPIRED: "expired",
  CANCELLED: "was cancelled",
  COMPLETED: "was marked completed",
  RESCHEDULED: "moved to a new time",
  TIME_PROPOSED: "has a new time proposed",
  WITHDRAWN: "was withdrawn",
  NO_SHOW: "was recorded as missed",
};

/**
 * Live changes to the student's requests over the WebSocket: calls `onUpdate` for each new one
 * (ids only; the caller refetches what it shows) and keeps a sentence to announce.
 */
export function useRequestUpdates(onUpdate: (requestId: string) => void, nameOf?: (requestId: string) => string | undefined) {
  const seen = useRef(new Set<string>());
  const [announcement, say] = useAnnouncer();
  useSubscription(RequestUpdatesDocument, {
    onData: ({ data }) => {
      const event = data.data?.requestUpdates;
      if (!event || seen.current.has(event.id)) return;
      seen.current.add(event.id);
      onUpdate(event.requestId);
      const words = KIND_WORDS[event.kind];
      if (words) {
        const name = nameOf?.(event.requestId);
        say(`Update: your request${name ? ` to ${name}` : ""} ${words}.`);
      }
    },
  });
  return announcement;
}
