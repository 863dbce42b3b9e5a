import { useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { TextAreaField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { STATE_LABELS } from "../format";
import { formatDateTime } from "../../../lib/time";
import { MODALITY_LABELS } from "../../../lib/labels";
import {
  AcceptRequestDocument,
  AlumnusRequestDetailDocument,
  AlumnusRequestsDocument,
  DeclineRequestDocument,
  type AlumnusRequestDetailQuery,
} from "../graphql/Requests.generated";
import { MeetingActions } from "./MeetingActions";

type Detail = AlumnusRequestDetailQuery["interviewRequest"];

/** One request: the student's message and questions, then accept (choosing a time) or decline. */
export function RequestPage() {
  const { requestId = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(AlumnusRequestDetailDocument, { variables: { id: requestId } });
  const request = data?.interviewRequest;

  if (!request) {
    return (
      <div className="page">
        <PageHeading title="Request">Request</PageHeading>
        {error ? (
          <ErrorState error={error} title="We couldn't load this request" onRetry={() => void refetch()} />
        ) : (
          loading && <Loading label="Loading the request…" />
        )}
        <p>
          <Link to="/alumni">Back to your inbox</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="page">
      <p className="eyebrow">{STATE_LABELS[request.state]}</p>
      <PageHeading title={`Request from ${request.studentName}`}>Request from {request.studentName}</PageHeading>
      <RequestSummary request={request} />
      {request.state === "REQUESTED" && <AnswerForms request={request} />}
      {request.state === "ACCEPTED" && <MeetingActions request={request} onChanged={() => void refetch()} />}
      {request.declineReason && (
        <section className="card" aria-labelledby="declined-heading">
          <h2 id="declined-heading">Why you declined</h2>
          <p>{request.declineReason}</p>
        </section>
      )}
      <p>
        <Link to="/alumni">Back to your inbox</Link>
      </p>
    </div>
  );
}

function RequestSummary({ request }: { request: Detail }) {
  return (
    <>
      <section className="card" aria-labelledby="message-heading">
        <h2 id="message-heading">Their message</h2>
        <dl className="details">
          <div>
            <dt>How</dt>
            <dd>{MODALITY_LABELS[request.modality]}</dd>
          </div>
          <div>
            <dt>Their time zone</dt>
            <dd>{request.studentTimeZone}</dd>
          </div>
          {request.referredByName && (
            <div>
              <dt>Referred by</dt>
              <dd>{request.referredByName}</dd>
            </div>
          )}
        </dl>
        {request.message ? <p className="message">{request.message}</p> : <p>The student's message isn't shared with you.</p>}
      </section>
      <section className="card" aria-labelledby="questions-heading">
        <h2 id="questions-heading">Questions they'd like to ask</h2>
        {request.questions && request.questions.length > 0 ? (
          <ol>
            {request.questions.map((q) => (
              <li key={q.id}>{q.text}</li>
            ))}
          </ol>
        ) : (
          <p>
            {request.questionsShared ? "They haven't prepared questions yet." : "They chose to bring their questions to the conversation."}
          </p>
        )}
      </section>
    </>
  );
}

const isHttps = (value: string) => /^https:\/\/\S+\.\S+/.test(value.trim());

function AnswerForms({ request }: { request: Detail }) {
  const navigate = useNavigate();
  const times = request.proposedTimes.filter((t) => t.status === "OPEN" && t.proposedBy === "STUDENT");
  const zone = request.alumnusTimeZone;
  const [mode, setMode] = useState<"accept" | "decline">("accept");

  const accept = useDraftForm(
    `accept:${request.id}`,
    { proposedTimeId: "", meetingLink: "", meetingPhone: "", meetingLocation: "", inPersonNotes: "" },
    {
      proposedTimeId: (v) => (v ? null : "Choose one of the times."),
      meetingLink: (v) =>
        request.modality !== "VIDEO"
          ? null
          : !String(v).trim()
            ? "Add the video call link."
            : isHttps(String(v))
              ? null
              : "Use a link starting with https://.",
      meetingPhone: (v) => (request.modality === "PHONE" && !String(v).trim() ? "Add the number the student should call." : null),
      meetingLocation: (v) => (request.modality === "IN_PERSON" && !String(v).trim() ? "Say where to meet." : null),
    },
  );
  const decline = useDraftForm(
    `decline:${request.id}`,
    { reason: "", referralName: "", referralContact: "", referralNote: "" },
    {
      reason: (v) => (String(v).length > 1000 ? "Keep the reason under 1000 characters." : null),
      referralContact: (v, all) => (String(all.referralName).trim() && !String(v).trim() ? "Say how the student can reach them." : null),
    },
  );
  const [acceptRequest, accepting] = useMutation(AcceptRequestDocument, { refetchQueries: [AlumnusRequestsDocument] });
  const [declineRequest, declining] = useMutation(DeclineRequestDocument, { refetchQueries: [AlumnusRequestsDocument] });
  const [failure, say] = useAnnouncer();
  const firstRadio = useRef<HTMLInputElement>(null);

  async function onAccept(event: FormEvent) {
    event.preventDefault();
    const invalid = accept.validateAll();
    if (invalid) {
      if (invalid === "proposedTimeId") firstRadio.current?.focus();
      else document.querySelector<HTMLElement>(`[name="${invalid}"]`)?.focus();
      return;
    }
    const v = accept.values;
    try {
      await acceptRequest({
        variables: {
          input: {
            requestId: request.id,
            proposedTimeId: v.proposedTimeId,
            ...(request.modality === "VIDEO" ? { meetingLink: v.meetingLink.trim() } : {}),
            ...(request.modality === "PHONE" ? { meetingPhone: v.meetingPhone.trim() } : {}),
            ...(request.modality === "IN_PERSON"
              ? { meetingLocation: v.meetingLocation.trim(), inPersonNotes: v.inPersonNotes.trim() || undefined }
              : {}),
          },
        },
      });
      accept.clear();
      void navigate("/alumni/upcoming", { state: { accepted: request.studentName } });
    } catch (error) {
      const described = describeError(error);
      accept.setServerErrors(described.fields);
      say(`${described.message} What you entered is kept.`, "error");
    }
  }

  async function onDecline(event: FormEvent) {
    event.preventDefault();
    if (decline.validateAll()) return;
    const v = decline.values;
    try {
      await declineRequest({
        variables: {
          input: {
            requestId: request.id,
            reason: v.reason.trim() || undefined,
            referral: v.referralName.trim()
              ? { name: v.referralName.trim(), contact: v.referralContact.trim(), note: v.referralNote.trim() || undefined }
              : undefined,
          },
        },
      });
      decline.clear();
      void navigate("/alumni", { replace: true });
    } catch (error) {
      const described = describeError(error);
      decline.setServerErrors(described.fields);
      say(`${described.message} What you entered is kept.`, "error");
    }
  }

  return (
    <section className="card" aria-labelledby="answer-heading">
      <h2 id="answer-heading">Your answer</h2>
      <div className="segmented" role="group" aria-label="Accept or decline">
        <Button variant={mode === "accept" ? "primary" : "secondary"} onPress={() => setMode("accept")} aria-pressed={mode === "accept"}>
          Accept
        </Button>
        <Button variant={mode === "decline" ? "primary" : "secondary"} onPress={() => setMode("decline")} aria-pressed={mode === "decline"}>
          Decline
        </Button>
      </div>
      <Alert announcementKey={failure?.n}>{failure?.message}</Alert>
      {mode === "accept" ? (
        <form className="form" noValidate onSubmit={onAccept} aria-label="Accept the request">
          <fieldset className="fieldset" aria-describedby={accept.errors.proposedTimeId ? "time-error" : undefined}>
            <legend className="field-label">Choose a time (shown in your time zone, {zone})</legend>
            {times.length === 0 ? (
              <p>None of the proposed times can still be chosen.</p>
            ) : (
              times.map((time, index) => (
                <label key={time.id} className="radio-option">
                  <input
                    ref={index === 0 ? firstRadio : undefined}
                    type="radio"
                    name="proposedTimeId"
                    value={time.id}
                    checked={accept.values.proposedTimeId === time.id}
                    onChange={() => accept.set("proposedTimeId", time.id)}
                  />
                  <span>
                    {formatDateTime(time.startsAt, zone)}
                    <span className="fine-print"> · for the student: {formatDateTime(time.startsAt, request.studentTimeZone)}</span>
                  </span>
                </label>
              ))
            )}
            {accept.errors.proposedTimeId && (
              <span id="time-error" className="field-error">
                {accept.errors.proposedTimeId}
              </span>
            )}
          </fieldset>
          {request.modality === "VIDEO" && (
            <TextField
              {...accept.fieldProps("meetingLink")}
              label="Video call link"
              type="url"
              description="Starts with https://"
              isRequired
            />
          )}
          {request.modality === "PHONE" && (
            <TextField {...accept.fieldProps("meetingPhone")} label="Number to call" type="tel" autoComplete="tel" isRequired />
          )}
          {request.modality === "IN_PERSON" && (
            <>
              <TextField {...accept.fieldProps("meetingLocation")} label="Where to meet" isRequired />
              <TextAreaField
                {...accept.fieldProps("inPersonNotes")}
                label="Notes for the student (optional)"
                description="Parking, attire, how to find the room."
                rows={3}
              />
            </>
          )}
          <div className="actions">
            <Button type="submit" busyLabel={accepting.loading ? "Accepting…" : null}>
              Accept at this time
            </Button>
          </div>
        </form>
      ) : (
        <form className="form" noValidate onSubmit={onDecline} aria-label="Decline the request">
          <TextAreaField
            {...decline.fieldProps("reason")}
            label="Reason (optional)"
            description="The student sees this. A kind word helps."
            rows={3}
          />
          <fieldset className="fieldset">
            <legend className="field-label">Suggest someone else (optional)</legend>
            <TextField {...decline.fieldProps("referralName")} label="Their name" />
            <TextField
              {...decline.fieldProps("referralContact")}
              label="How to reach them"
              description="An email, a phone number, or 'ask me for an introduction'."
            />
            <TextAreaField {...decline.fieldProps("referralNote")} label="Why them (optional)" rows={2} />
          </fieldset>
          <div className="actions">
            <Button type="submit" busyLabel={declining.loading ? "Declining…" : null}>
              Decline the request
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
