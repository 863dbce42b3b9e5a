import { useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { MODALITY_LABELS } from "../../../lib/labels";
import { formatDateTime, timeUntil } from "../../../lib/time";
import { Button } from "../../../ui/Button";
import { TextField } from "../../../ui/TextField";
import type { AlumnusInboxQuery } from "../graphql/Inbox.generated";
import { DETAIL_FIELD, EMPTY_MEETING_DETAILS, meetingDetailRules, useAcceptRequest } from "../hooks/useAcceptRequest";
import { StudentFactTags } from "./StudentFacts";
import { t } from "../../../i18n";

export type InboxRequest = AlumnusInboxQuery["myRequests"]["edges"][number]["node"];

const DETAIL_LABEL = {
  meetingLink: "alumnus.request.videoCallLink",
  meetingPhone: "alumnus.request.numberToCall",
  meetingLocation: "alumnus.request.whereToMeet",
} as const;

/**
 * One request waiting for the alum: who, what they study, the start of their message, and the student's open
 * times as buttons. Choosing a time asks to confirm (accepting books the meeting), with the one detail the
 * meeting needs (the link, the number or the place); then the card says it is accepted.
 */
export function InboxCard({ request, onAccepted }: { request: InboxRequest; onAccepted: (request: InboxRequest) => void }) {
  const zone = request.alumnusTimeZone;
  const times = request.proposedTimes.filter((p) => p.status === "OPEN" && p.proposedBy === "STUDENT");
  const [chosen, setChosen] = useState<string | null>(null);
  const [details, setDetails] = useState(EMPTY_MEETING_DETAILS);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [acceptedAt, setAcceptedAt] = useState<string | null>(null);
  const { accept, accepting } = useAcceptRequest();
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const field = DETAIL_FIELD[request.modality];
  const chosenTime = times.find((p) => p.id === chosen) ?? null;
  const idBase = `inbox-${request.id}`;

  // Each step takes focus to what it shows: the question to confirm, the error, or the result.
  useEffect(() => {
    if (chosen) confirmRef.current?.focus();
  }, [chosen]);
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);
  useEffect(() => {
    if (acceptedAt) doneRef.current?.focus();
  }, [acceptedAt]);

  function cancel() {
    const back = chosen;
    setChosen(null);
    setDetailError(null);
    if (back) requestAnimationFrame(() => document.getElementById(`${idBase}-time-${back}`)?.focus());
  }

  async function confirm() {
    if (!chosenTime) return;
    const problem = meetingDetailRules(request.modality)[field](details[field]);
    setDetailError(problem);
    if (problem) {
      document.getElementById(`${idBase}-detail`)?.querySelector("input")?.focus();
      return;
    }
    setFailure(null);
    try {
      await accept(request, { proposedTimeId: chosenTime.id }, details, { keepInList: true });
      setAcceptedAt(chosenTime.startsAt);
      setChosen(null);
      onAccepted(request);
    } catch (error) {
      const described = describeError(error, { SLOT_TAKEN: () => t("alumnus.inbox.slotTaken") });
      if (described.fields[field]) setDetailError(described.fields[field]);
      setFailure(described.message);
    }
  }

  return (
    <li className="card item inbox-card" aria-labelledby={`${idBase}-name`}>
      <Link id={`${idBase}-name`} to={`/alumni/requests/${request.id}`} className="item-title">
        {request.studentName}
      </Link>
      <StudentFactTags summary={request.studentSummary} />
      <p className="item-meta">
        {t("alumnus.inbox.cardMeta", {
          modality: MODALITY_LABELS[request.modality],
          received: formatDateTime(request.createdAt, zone),
          expires: timeUntil(request.expiresAt),
        })}
      </p>
      {request.messageSnippet && <blockquote className="inbox-snippet">{request.messageSnippet}</blockquote>}
      {acceptedAt ? (
        <p ref={doneRef} tabIndex={-1} role="status" className="alert alert-info">
          {t("alumnus.inbox.acceptedAt", { time: formatDateTime(acceptedAt, zone) })}{" "}
          <Link to={`/alumni/requests/${request.id}`}>{t("alumnus.inbox.seeTheRequest")}</Link>
        </p>
      ) : chosenTime ? (
        <div className="inbox-confirm" role="group" aria-labelledby={`${idBase}-confirm`}>
          <p id={`${idBase}-confirm`} ref={confirmRef} tabIndex={-1}>
            {t("alumnus.inbox.confirmTime", { time: formatDateTime(chosenTime.startsAt, zone), name: request.studentName })}
          </p>
          <div id={`${idBase}-detail`}>
            <TextField
              label={t(DETAIL_LABEL[field as keyof typeof DETAIL_LABEL])}
              name={field}
              type={field === "meetingLink" ? "url" : field === "meetingPhone" ? "tel" : "text"}
              value={details[field]}
              onChange={(value) => {
                setDetails((d) => ({ ...d, [field]: value }));
                setDetailError(null);
              }}
              errorMessage={detailError ?? undefined}
              isRequired
            />
          </div>
          <div className="actions">
            <Button onPress={() => void confirm()} busyLabel={accepting ? t("alumnus.request.accepting") : null}>
              {t("alumnus.inbox.confirmAccept")}
            </Button>
            <Button variant="secondary" onPress={cancel} isDisabled={accepting}>
              {t("alumnus.inbox.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        request.state === "REQUESTED" &&
        times.length > 0 && (
          <div className="inbox-times" role="group" aria-labelledby={`${idBase}-times`}>
            <p id={`${idBase}-times`} className="inbox-times-label">
              {t("alumnus.inbox.acceptATime", { zone })}
            </p>
            <div className="actions">
              {times.map((time) => (
                <Button
                  key={time.id}
                  variant="secondary"
                  id={`${idBase}-time-${time.id}`}
                  onPress={() => {
                    setFailure(null);
                    setDetailError(null);
                    setChosen(time.id);
                  }}
                >
                  {formatDateTime(time.startsAt, zone)}
                </Button>
              ))}
            </div>
          </div>
        )
      )}
      {failure && (
        <p ref={failureRef} tabIndex={-1} role="alert" className="alert alert-error">
          {failure}
        </p>
      )}
    </li>
  );
}
