import { useMutation, useQuery } from "@apollo/client/react";
import { lazy, Suspense, useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { browserTimeZone, formatDateTime, localInputToIso } from "../../../lib/time";
import { t } from "../../../i18n";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/QueryState";
import { TextField } from "../../../ui/TextField";
import { MarkNoShowDocument, RescheduleMeetingDocument } from "../graphql/MeetingChanges.generated";
import { OpenSlotsDocument } from "../graphql/OpenSlots.generated";
import type { ConversationRequest } from "../lib/conversation";

const SlotWeekGrid = lazy(() => import("./SlotWeekGrid").then((m) => ({ default: m.SlotWeekGrid })));
const DAYS_AHEAD = 28;

/**
 * A booked meeting that needs changing: before it, propose another time (from the alum's open times when they publish
 * them; the alum confirms it); once its time has come, report that the alum did not come.
 */
export function MeetingChanges({ request, onChanged }: { request: ConversationRequest; onChanged: () => void }) {
  const [asking, setAsking] = useState<"move" | "noShow" | null>(null);
  const [status, say] = useAnnouncer();
  if (request.state !== "ACCEPTED" || !request.meetingStartsAt) {
    // Closed by the answer just given (a no-show): its confirmation stays where the person was looking.
    return status ? (
      <Alert tone={status.tone} announcementKey={status.n}>
        {status.message}
      </Alert>
    ) : null;
  }
  const started = Date.parse(request.meetingStartsAt) <= Date.now();
  const mine = request.proposedTimes.find((p) => p.kind === "RESCHEDULE" && p.proposedBy === "STUDENT" && p.status === "OPEN");
  const done = (message: string) => {
    setAsking(null);
    say(message);
    onChanged();
  };

  return (
    <section className="card" aria-labelledby="meeting-changes-heading">
      <h2 id="meeting-changes-heading">{started ? t("student.meetingChanges.afterTitle") : t("student.meetingChanges.beforeTitle")}</h2>
      {!started && mine && (
        <p>{t("student.meetingChanges.waiting", { time: formatDateTime(mine.startsAt, browserTimeZone()), name: request.alumnusName })}</p>
      )}
      {asking === "move" ? (
        <MoveForm request={request} onDone={done} onCancel={() => setAsking(null)} />
      ) : asking === "noShow" ? (
        <NoShowForm request={request} onDone={done} onCancel={() => setAsking(null)} />
      ) : (
        <div className="actions">
          {started ? (
            <Button variant="secondary" onPress={() => setAsking("noShow")}>
              {t("student.meetingChanges.theyDidNotCome", { name: request.alumnusName })}
            </Button>
          ) : (
            <Button variant="secondary" onPress={() => setAsking("move")}>
              {mine ? t("student.meetingChanges.proposeAnother") : t("student.meetingChanges.propose")}
            </Button>
          )}
        </div>
      )}
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
    </section>
  );
}

interface FormProps {
  request: ConversationRequest;
  onDone: (message: string) => void;
  onCancel: () => void;
}

function MoveForm({ request, onDone, onCancel }: FormProps) {
  const myZone = browserTimeZone();
  const [range] = useState(() => {
    const from = new Date(Date.now() + 60_000);
    return { from: from.toISOString(), to: new Date(from.getTime() + DAYS_AHEAD * 86_400_000).toISOString() };
  });
  const slots = useQuery(OpenSlotsDocument, { variables: { alumnusId: request.alumnusId, ...range } });
  const [reschedule, { loading }] = useMutation(RescheduleMeetingDocument, { refetchQueries: ["MyRequests"] });
  const [chosen, setChosen] = useState("");
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const first = slots.data?.openSlots.slots[0]?.startsAt;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const startsAt = first ? chosen : localInputToIso(typed);
    if (!startsAt) {
      setError(first ? t("student.meetingChanges.chooseTime") : t("student.meetingChanges.enterTime"));
      return;
    }
    try {
      await reschedule({ variables: { input: { requestId: request.id, startsAt, reason: reason.trim() || null } } });
      onDone(t("student.meetingChanges.proposed", { name: request.alumnusName }));
    } catch (failure) {
      setError(describeError(failure).message);
    }
  }

  const label = t("student.meetingChanges.pick", { name: request.alumnusName });
  return (
    <form className="form" noValidate onSubmit={submit} aria-label={t("student.meetingChanges.formLabel")}>
      {slots.loading && !slots.data ? (
        <Loading label={t("student.time.loading", { name: request.alumnusName })} />
      ) : first ? (
        <Suspense fallback={<Loading label={t("student.time.loading", { name: request.alumnusName })} />}>
          <SlotWeekGrid
            alumnusId={request.alumnusId}
            firstSlot={first}
            label={label}
            selected={chosen ? [chosen] : []}
            onChange={(times) => {
              setChosen(times[0] ?? "");
              setError(undefined);
            }}
            max={1}
            myZone={myZone}
            theirZone={request.alumnusTimeZone}
            theirName={request.alumnusName}
            errorMessage={error}
          />
        </Suspense>
      ) : (
        <TextField
          label={label}
          description={t("student.time.yourZone", { zone: myZone.replace(/_/g, " ") })}
          type="datetime-local"
          value={typed}
          onChange={(value) => {
            setTyped(value);
            setError(undefined);
          }}
          errorMessage={error}
          isRequired
        />
      )}
      <TextField label={t("student.meetingChanges.reason")} value={reason} onChange={setReason} />
      <div className="actions">
        <Button type="submit" busyLabel={loading ? t("student.conversationActions.saving") : null}>
          {t("student.meetingChanges.send")}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          {t("student.conversationActions.keepIt")}
        </Button>
      </div>
    </form>
  );
}

function NoShowForm({ request, onDone, onCancel }: FormProps) {
  const [markNoShow, { loading }] = useMutation(MarkNoShowDocument, { refetchQueries: ["MyRequests"] });
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t("student.meetingChanges.whatHappenedRequired"));
      return;
    }
    try {
      await markNoShow({ variables: { input: { requestId: request.id, reason: reason.trim() } } });
      onDone(t("student.meetingChanges.noShowRecorded"));
    } catch (failure) {
      setError(describeError(failure).message);
    }
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-label={t("student.meetingChanges.noShowLabel", { name: request.alumnusName })}>
      <TextField
        label={t("student.meetingChanges.whatHappened")}
        description={t("student.meetingChanges.whatHappenedHelp", { name: request.alumnusName })}
        value={reason}
        onChange={(value) => {
          setReason(value);
          setError(undefined);
        }}
        errorMessage={error}
        isRequired
        autoFocus
      />
      <div className="actions">
        <Button type="submit" busyLabel={loading ? t("student.conversationActions.saving") : null}>
          {t("student.meetingChanges.recordNoShow")}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          {t("student.meetingChanges.back")}
        </Button>
      </div>
    </form>
  );
}
