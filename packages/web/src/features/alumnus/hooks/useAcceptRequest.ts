import { useMutation } from "@apollo/client/react";
import type { Modality } from "../../../graphql/types.generated";
import { t } from "../../../i18n";
import { AlumnusInboxDocument } from "../graphql/Inbox.generated";
import { AcceptRequestDocument, AlumnusRequestDetailDocument, AlumnusRequestsDocument } from "../graphql/Requests.generated";

/** How and where to meet, as the alum types it: which one is needed depends on the modality. */
export interface MeetingDetailsDraft {
  meetingLink: string;
  meetingPhone: string;
  meetingLocation: string;
  inPersonNotes: string;
}

export const EMPTY_MEETING_DETAILS: MeetingDetailsDraft = { meetingLink: "", meetingPhone: "", meetingLocation: "", inPersonNotes: "" };

/** The one detail field a modality needs before a meeting can be booked. */
export const DETAIL_FIELD: Record<Modality, keyof MeetingDetailsDraft> = {
  VIDEO: "meetingLink",
  PHONE: "meetingPhone",
  IN_PERSON: "meetingLocation",
};

const isHttps = (value: string) => /^https:\/\/\S+\.\S+/.test(value.trim());

/** The messages for the meeting details the modality needs, for useDraftForm (the request page) and the inbox card. */
export function meetingDetailRules(modality: Modality): Record<keyof MeetingDetailsDraft, (value: unknown) => string | null> {
  return {
    meetingLink: (v) =>
      modality !== "VIDEO"
        ? null
        : !String(v).trim()
          ? t("alumnus.request.addLink")
          : isHttps(String(v))
            ? null
            : t("alumnus.request.useHttps"),
    meetingPhone: (v) => (modality === "PHONE" && !String(v).trim() ? t("alumnus.request.addNumber") : null),
    meetingLocation: (v) => (modality === "IN_PERSON" && !String(v).trim() ? t("alumnus.request.sayWhere") : null),
    inPersonNotes: () => null,
  };
}

/** One of the student's times, or another one the alum offers for the student to confirm. */
export type AcceptChoice = { proposedTimeId: string } | { startsAt: string };

/**
 * Accepting a request, the same way from the request page and from an inbox card: the choice of time, and only the
 * meeting details the modality uses. `keepInList` leaves the inbox list as it is (the card shows what happened)
 * instead of fetching it again.
 */
export function useAcceptRequest() {
  const [mutate, state] = useMutation(AcceptRequestDocument);
  const accept = (
    request: { id: string; modality: Modality },
    choice: AcceptChoice,
    details: MeetingDetailsDraft,
    options: { keepInList?: boolean } = {},
  ) =>
    mutate({
      variables: {
        input: {
          requestId: request.id,
          ...choice,
          ...(request.modality === "VIDEO" ? { meetingLink: details.meetingLink.trim() } : {}),
          ...(request.modality === "PHONE" ? { meetingPhone: details.meetingPhone.trim() } : {}),
          ...(request.modality === "IN_PERSON"
            ? { meetingLocation: details.meetingLocation.trim(), inPersonNotes: details.inPersonNotes.trim() || undefined }
            : {}),
        },
      },
      refetchQueries: options.keepInList
        ? [AlumnusRequestsDocument]
        : [AlumnusRequestsDocument, AlumnusInboxDocument, AlumnusRequestDetailDocument],
    });
  return { accept, accepting: state.loading };
}
