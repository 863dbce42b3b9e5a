import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { PageHeading } from "../../../ui/PageHeading";
import { LoadError, Loading } from "../../../ui/QueryState";
import { TextField } from "../../../ui/TextField";
import { CalendarInviteDocument } from "../graphql/CalendarInvite.generated";
import { CancelMeetingDocument } from "../graphql/CancelMeeting.generated";
import { ConfirmProposedTimeDocument } from "../graphql/ConfirmProposedTime.generated";
import { ConversationDocument, type ConversationQuery } from "../graphql/Conversation.generated";
import { ConversationNotesDocument } from "../graphql/ConversationNotes.generated";
import { FollowUpsDueDocument } from "../graphql/FollowUpsDue.generated";
import { MarkCompletedDocument } from "../graphql/MarkCompleted.generated";
import { SetContactAgainPermissionDocument } from "../graphql/SetContactAgainPermission.generated";
import { WithdrawRequestDocument } from "../graphql/WithdrawRequest.generated";
import { useRequestUpdates } from "../hooks/useRequestUpdates";
import { downloadText } from "../../../lib/download";
import { STATE_LABELS } from "../lib/labels";
import { MODALITY_LABELS } from "../../../lib/labels";
import { browserTimeZone, formatDateTime } from "../../../lib/time";
import { FollowUpChecklist } from "./FollowUpChecklist";
import { NotesSection } from "./NotesSection";
import { StateBadge } from "./StateBadge";
import { SuggestedNames } from "./SuggestedNames";
import { TwoZoneLabel } from "./TimePicker";

type Request = ConversationQuery["interviewRequest"];
type Message = { text: string; tone: "info" | "error"; n: number } | null;

/** One conversation: where it stands, the meeting and contact once booked, and what follows it. */
export function ConversationPage() {
  const { requestId = "" } = useParams();
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(ConversationDocument, {
    variables: { id: requestId },
    fetchPolicy: "cache-and-network",
  });
  const announcement = useRequestUpdates((id) => {
    if (id === requestId) void refetch();
  });
  const request = data?.interviewRequest;
  const justSent = (location.state as { sent?: boolean } | null)?.sent === true;

  if (!request) {
    const notFound = error && ["REQUEST_NOT_FOUND", "NOT_A_PARTICIPANT"].includes(describeError(error).code ?? "");
    return (
      <div className="page">
        <PageHeading title="Conversation">{notFound ? "We couldn't find this conversation" : "Conversation"}</PageHeading>
        {!error && loading && <Loading label="Loading the conversation…" />}
        {notFound && (
          <p className="lede">
            It may belong to another account. <Link to="/student/conversations">See your conversations</Link>
          </p>
        )}
        {error && !notFound && <LoadError error={error} retry={() => void refetch()} what="this conversation" />}
      </div>
    );
  }

  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/student/conversations">My conversations</Link> / {request.alumnusName}
      </p>
      <PageHeading title={`Conversation with ${request.alumnusName}`}>Conversation with {request.alumnusName}</PageHeading>
      {justSent && request.state === "REQUESTED" && (
        <Alert tone="info">Request sent. We'll let you know here as soon as {request.alumnusName} answers.</Alert>
      )}
      <Alert tone="info" announcementKey={announcement?.n}>
        {announcement?.text}
      </Alert>
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">Where it stands</h2>
        <p>
          <StateBadge state={request.state} /> {STATE_LABELS[request.state].explain}
        </p>
        {request.declineReason && <p>Their reason: {request.declineReason}</p>}
        {request.declineReferral?.name && (
          <p>
            They suggested {request.declineReferral.name} instead
            {request.declineReferral.note ? `: ${request.declineReferral.note}` : "."}
            {request.declineReferral.alumnusId && (
              <>
                {" "}
                <Link to={`/student/alumni/${request.declineReferral.alumnusId}`}>See {request.declineReferral.name}'s profile</Link>
              </>
            )}
          </p>
        )}
        {request.closeReason && <p>Reason given: {request.closeReason}</p>}
        <Actions request={request} onChanged={() => void refetch()} />
      </section>
      {request.state === "ACCEPTED" || request.state === "COMPLETED" ? <Meeting request={request} /> : <ProposedTimes request={request} />}
      <section className="card" aria-labelledby="message-heading">
        <h2 id="message-heading">What you sent</h2>
        <p className="prewrap">{request.message}</p>
        {request.questions && request.questions.length > 0 && (
          <>
            <h3 className="subheading">Your questions {request.questionsShared ? "(shared with them)" : "(only you see these)"}</h3>
            <ol>
              {request.questions.map((q) => (
                <li key={q.id}>
                  {q.text}
                  {q.closed && <span className="tag tag-warning">Yes/no question</span>}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      <AfterTheMeeting request={request} />
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <ol className="history">
          {data.requestEvents.map((e) => (
            <li key={e.id}>
              {formatDateTime(e.at, browserTimeZone())}: {e.fromState ? `${STATE_LABELS[e.fromState].label} → ` : "Sent → "}
              {STATE_LABELS[e.toState].label}
              {e.kind === "TIME_PROPOSED" ? " (new time proposed)" : e.kind === "RESCHEDULED" ? " (rescheduled)" : ""}
              {e.reason ? `. ${e.reason}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function ProposedTimes({ request }: { request: Request }) {
  const zone = browserTimeZone();
  const times = request.proposedTimes.filter((t) => t.status !== "SUPERSEDED");
  if (times.length === 0) return null;
  return (
    <section className="card" aria-labelledby="times-heading">
      <h2 id="times-heading">Times proposed</h2>
      <ul>
        {times.map((t) => (
          <li key={t.id}>
            <TwoZoneLabel iso={t.startsAt} myZone={zone} theirZone={request.alumnusTimeZone} theirName={request.alumnusName} />
            {t.proposedBy === "ALUMNUS" && " (their suggestion)"}
          </li>
        ))}
      </ul>
      <p className="fine-print">{MODALITY_LABELS[request.modality]}. Times are in your time zone, with theirs beside them.</p>
    </section>
  );
}

function Meeting({ request }: { request: Request }) {
  const client = useApolloClient();
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const zone = browserTimeZone();

  async function addToCalendar() {
    setBusy(true);
    try {
      const { data } = await client.query({
        query: CalendarInviteDocument,
        variables: { requestId: request.id },
        fetchPolicy: "network-only",
      });
      if (data)
        downloadText(
          `infoview-${request.alumnusName.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.ics`,
          data.calendarInvite,
          "text/calendar",
        );
      setMessage((m) => ({
        text: "Calendar file downloaded: open it to add the meeting to your calendar.",
        tone: "info",
        n: (m?.n ?? 0) + 1,
      }));
    } catch (error) {
      setMessage((m) => ({ text: describeError(error).message, tone: "error", n: (m?.n ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="meeting-heading">
      <h2 id="meeting-heading">The meeting</h2>
      <dl className="details">
        {request.meetingStartsAt && (
          <div>
            <dt>When</dt>
            <dd>
              <TwoZoneLabel
                iso={request.meetingStartsAt}
                myZone={zone}
                theirZone={request.alumnusTimeZone}
                theirName={request.alumnusName}
              />
            </dd>
          </div>
        )}
        <div>
          <dt>How</dt>
          <dd>{MODALITY_LABELS[request.modality]}</dd>
        </div>
        {request.meetingLink && (
          <div>
            <dt>Link</dt>
            <dd>
              <a href={request.meetingLink} rel="noreferrer" target="_blank">
                {request.meetingLink}
              </a>
            </dd>
          </div>
        )}
        {request.meetingPhone && (
          <div>
            <dt>Call</dt>
            <dd>
              <a href={`tel:${request.meetingPhone}`}>{request.meetingPhone}</a>
            </dd>
          </div>
        )}
        {request.meetingLocation && (
          <div>
            <dt>Where</dt>
            <dd>{request.meetingLocation}</dd>
          </div>
        )}
        {request.inPersonNotes && (
          <div>
            <dt>Good to know</dt>
            <dd>{request.inPersonNotes}</dd>
          </div>
        )}
      </dl>
      <h3 className="subheading">Contact</h3>
      {request.alumnusContact && (request.alumnusContact.email || request.alumnusContact.phone) ? (
        <ul className="plain-list" aria-label={`How to reach ${request.alumnusName}`}>
          {request.alumnusContact.email && (
            <li>
              Email: <a href={`mailto:${request.alumnusContact.email}`}>{request.alumnusContact.email}</a>
            </li>
          )}
          {request.alumnusContact.phone && (
            <li>
              Phone: <a href={`tel:${request.alumnusContact.phone}`}>{request.alumnusContact.phone}</a>
            </li>
          )}
        </ul>
      ) : (
        <p>{request.alumnusName} keeps their contact details private. Use the meeting details above.</p>
      )}
      <div className="actions">
        <Button variant="secondary" onPress={() => void addToCalendar()} busyLabel={busy ? "Preparing…" : null}>
          Add to calendar (.ics)
        </Button>
      </div>
      <Alert tone={message?.tone === "info" ? "info" : "error"} announcementKey={message?.n}>
        {message?.text}
      </Alert>
    </section>
  );
}

/** What the student can do now: withdraw, confirm the alum's time, cancel, or mark the meeting done. */
function Actions({ request, onChanged }: { request: Request; onChanged: () => void }) {
  const [withdraw] = useMutation(WithdrawRequestDocument, { refetchQueries: ["MyRequests"] });
  const [confirmTime] = useMutation(ConfirmProposedTimeDocument, { refetchQueries: ["MyRequests"] });
  const [cancel] = useMutation(CancelMeetingDocument, { refetchQueries: ["MyRequests"] });
  const [complete] = useMutation(MarkCompletedDocument, { refetchQueries: ["MyRequests", "FollowUpsDue"] });
  const [reason, setReason] = useState("");
  const [asking, setAsking] = useState<"withdraw" | "cancel" | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const zone = browserTimeZone();

  async function run(label: string, action: () => Promise<unknown>, done: string) {
    setBusy(label);
    try {
      await action();
      setMessage((m) => ({ text: done, tone: "info", n: (m?.n ?? 0) + 1 }));
      setAsking(null);
      setReason("");
      onChanged();
    } catch (error) {
      setMessage((m) => ({ text: describeError(error).message, tone: "error", n: (m?.n ?? 0) + 1 }));
    } finally {
      setBusy(null);
    }
  }

  const counter = request.proposedTimes.find((t) => t.proposedBy === "ALUMNUS" && t.status === "OPEN");
  const started = request.meetingStartsAt ? Date.parse(request.meetingStartsAt) <= Date.now() : false;

  return (
    <>
      <div className="actions">
        {counter && request.state !== "COMPLETED" && (
          <Button
            onPress={() =>
              void run(
                "confirm",
                () => confirmTime({ variables: { requestId: request.id, proposedTimeId: counter.id } }),
                "Time confirmed: your meeting is booked.",
              )
            }
            busyLabel={busy === "confirm" ? "Confirming…" : null}
          >
            {`Confirm ${formatDateTime(counter.startsAt, zone)}`}
          </Button>
        )}
        {request.state === "REQUESTED" && asking !== "withdraw" && (
          <Button variant="secondary" onPress={() => setAsking("withdraw")}>
            Withdraw request
          </Button>
        )}
        {request.state === "ACCEPTED" && started && (
          <Button
            onPress={() =>
              void run(
                "complete",
                () => complete({ variables: { input: { requestId: request.id } } }),
                "Marked as completed. Time for your notes and thank-you.",
              )
            }
            busyLabel={busy === "complete" ? "Saving…" : null}
          >
            We had the conversation
          </Button>
        )}
        {request.state === "ACCEPTED" && asking !== "cancel" && (
          <Button variant="secondary" onPress={() => setAsking("cancel")}>
            Cancel meeting
          </Button>
        )}
      </div>
      {asking && (
        <form
          className="form"
          noValidate
          aria-label={asking === "withdraw" ? "Withdraw the request" : "Cancel the meeting"}
          onSubmit={(e) => {
            e.preventDefault();
            if (asking === "cancel" && !reason.trim()) {
              setReasonError("Tell them why, in a sentence: they gave you their time.");
              return;
            }
            if (asking === "withdraw")
              void run(
                "withdraw",
                () => withdraw({ variables: { input: { requestId: request.id, reason: reason.trim() || null } } }),
                "Request withdrawn.",
              );
            else
              void run(
                "cancel",
                () => cancel({ variables: { input: { requestId: request.id, reason: reason.trim() } } }),
                "Meeting cancelled.",
              );
          }}
        >
          <TextField
            label={asking === "withdraw" ? "Reason (optional)" : "Reason, shown to them"}
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonError(undefined);
            }}
            errorMessage={reasonError}
            isRequired={asking === "cancel"}
            autoFocus
          />
          <div className="actions">
            <Button type="submit" busyLabel={busy ? "Saving…" : null}>
              {asking === "withdraw" ? "Withdraw request" : "Cancel meeting"}
            </Button>
            <Button variant="quiet" onPress={() => setAsking(null)}>
              Keep it
            </Button>
          </div>
        </form>
      )}
      <Alert tone={message?.tone === "info" ? "info" : "error"} announcementKey={message?.n}>
        {message?.text}
      </Alert>
    </>
  );
}

/** Notes, names suggested, and the follow-ups owed, once the conversation has begun. */
function AfterTheMeeting({ request }: { request: Request }) {
  const started =
    request.state === "COMPLETED" ||
    (request.state === "ACCEPTED" && request.meetingStartsAt !== null && Date.parse(request.meetingStartsAt) <= Date.now());
  const notes = useQuery(ConversationNotesDocument, {
    variables: { requestId: request.id },
    skip: !started && request.state !== "DECLINED",
  });
  const followUps = useQuery(FollowUpsDueDocument, { skip: request.state !== "COMPLETED", fetchPolicy: "cache-and-network" });
  const [setPermission] = useMutation(SetContactAgainPermissionDocument);
  const [permission, setPermissionState] = useState<Message>(null);

  if (!started) return null;
  const mine = followUps.data?.followUpsDue.filter((f) => f.requestId === request.id) ?? [];

  async function recordPermission(allowed: boolean) {
    try {
      await setPermission({ variables: { requestId: request.id, allowed } });
      setPermissionState((m) => ({
        text: allowed ? "Noted: they're glad to hear from you again." : "Noted: we won't suggest writing to them again.",
        tone: "info",
        n: (m?.n ?? 0) + 1,
      }));
      void followUps.refetch();
    } catch (error) {
      setPermissionState((m) => ({ text: describeError(error).message, tone: "error", n: (m?.n ?? 0) + 1 }));
    }
  }

  return (
    <>
      {request.state === "COMPLETED" && (
        <section className="card" aria-labelledby="follow-up-heading">
          <h2 id="follow-up-heading">Follow up</h2>
          {followUps.loading && !followUps.data ? (
            <Loading label="Loading your follow-ups…" />
          ) : followUps.error && !followUps.data ? (
            <LoadError error={followUps.error} retry={() => void followUps.refetch()} what="your follow-ups" />
          ) : (
            <FollowUpChecklist items={mine} onChanged={() => void followUps.refetch()} showConversationLinks={false} />
          )}
          <p>May you contact {request.alumnusName} again?</p>
          <div className="actions">
            <Button variant="secondary" onPress={() => void recordPermission(true)}>
              Yes, they said so
            </Button>
            <Button variant="quiet" onPress={() => void recordPermission(false)}>
              No, better not
            </Button>
          </div>
          <Alert tone={permission?.tone === "info" ? "info" : "error"} announcementKey={permission?.n}>
            {permission?.text}
          </Alert>
        </section>
      )}
      <section className="card">
        {notes.loading && !notes.data ? (
          <Loading label="Loading your notes…" />
        ) : notes.error && !notes.data ? (
          <LoadError error={notes.error} retry={() => void notes.refetch()} what="your notes" />
        ) : (
          <NotesSection requestId={request.id} notes={notes.data?.notes ?? null} onSaved={() => void notes.refetch()} />
        )}
      </section>
      <section className="card" aria-labelledby="names-heading">
        <SuggestedNames
          requestId={request.id}
          names={notes.data?.notes?.namesSuggested ?? []}
          canAdd
          onChanged={() => void notes.refetch()}
        />
      </section>
    </>
  );
}
