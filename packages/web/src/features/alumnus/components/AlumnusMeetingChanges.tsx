import { useMutation } from "@apollo/client/react";
import { lazy, Suspense, useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/time";
import { t } from "../../../i18n";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { TextField } from "../../../ui/TextField";
import {
  AlumnusConfirmRescheduleDocument,
  AlumnusMarkNoShowDocument,
  AlumnusRescheduleMeetingDocument,
} from "../graphql/AlumnusMeetingChanges.generated";
import { AlumnusRequestsDocument, type AlumnusRequestDetailQuery } from "../graphql/Requests.generated";

const CounterTimeGrid = lazy(() => import("./CounterTimeGrid").then((m) => ({ default: m.CounterTimeGrid })));

type Detail = AlumnusRequestDetailQuery["interviewRequest"];

/**
 * A booked meeting that needs changing, for the alum: confirm the student's new time, propose another from their own
 * open times (the student confirms it), or, once its time has come, report that the student did not come.
 */
export function AlumnusMeetingChanges({ request, onChanged }: { request: Detail; onChanged: () => void }) {
  const [asking, setAsking] = useState<"move" | "noShow" | null>(null);
  const [status, say] = useAnnouncer();
  const [confirm, confirming] = useMutation(AlumnusConfirmRescheduleDocument, { refetchQueries: [AlumnusRequestsDocument] });
  if (request.state !== "ACCEPTED" || !request.meetingStartsAt) {
    // Closed by the answer just given (a no-show): its confirmation stays where the person was looking.
    return status ? (
      <Alert tone={status.tone} announcementKey={status.n}>
        {status.message}
      </Alert>
    ) : null;
  }
  const zone = request.alumnusTimeZone;
  const started = Date.parse(request.meetingStartsAt) <= Date.now();
  const open = (side: "STUDENT" | "ALUMNUS") =>
    request.proposedTimes.find((p) => p.kind === "RESCHEDULE" && p.proposedBy === side && p.status === "OPEN");
  const theirs = open("STUDENT");
  const mine = open("ALUMNUS");
  const done = (message: string) => {
    setAsking(null);
    say(message);
    onChanged();
  };

  async function confirmTheirs(id: string) {
    try {
      await confirm({ variables: { requestId: request.id, proposedTimeId: id } });
      done(t("alumnus.meetingChanges.confirmed"));
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  return (
    <section className="card" aria-labelledby="meeting-changes-heading">
      <h2 id="meeting-changes-heading">{started ? t("alumnus.meetingChanges.afterTitle") : t("alumnus.meetingChanges.beforeTitle")}</h2>
      {!started && theirs && (
        <>
          <p>{t("alumnus.meetingChanges.theyProposed", { name: request.studentName, time: formatDateTime(theirs.startsAt, zone) })}</p>
          <div className="actions">
            <Button
              onPress={() => void confirmTheirs(theirs.id)}
              busyLabel={confirming.loading ? t("alumnus.meetingActions.saving") : null}
            >
              {t("alumnus.meetingChanges.confirm", { time: formatDateTime(theirs.startsAt, zone) })}
            </Button>
          </div>
        </>
      )}
      {!started && mine && (
        <p>{t("alumnus.meetingChanges.waiting", { time: formatDateTime(mine.startsAt, zone), name: request.studentName })}</p>
      )}
      {asking === "move" ? (
        <MoveForm request={request} onDone={done} onCancel={() => setAsking(null)} />
      ) : asking === "noShow" ? (
        <NoShowForm request={request} onDone={done} onCancel={() => setAsking(null)} />
      ) : (
        <div className="actions">
          {started ? (
            <Button variant="secondary" onPress={() => setAsking("noShow")}>
              {t("alumnus.meetingChanges.theyDidNotCome", { name: request.studentName })}
            </Button>
          ) : (
            <Button variant="secondary" onPress={() => setAsking("move")}>
              {t("alumnus.meetingChanges.propose")}
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
  request: Detail;
  onDone: (message: string) => void;
  onCancel: () => void;
}

function MoveForm({ request, onDone, onCancel }: FormProps) {
  const [reschedule, { loading }] = useMutation(AlumnusRescheduleMeetingDocument, { refetchQueries: [AlumnusRequestsDocument] });
  const [startsAt, setStartsAt] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!startsAt) {
      setError(t("alumnus.meetingChanges.chooseTime"));
      return;
    }
    try {
      await reschedule({ variables: { input: { requestId: request.id, startsAt, reason: reason.trim() || null } } });
      onDone(t("alumnus.meetingChanges.proposed", { name: request.studentName }));
    } catch (failure) {
      setError(describeError(failure).message);
    }
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-label={t("alumnus.meetingChanges.formLabel")}>
      <Suspense fallback={<Loading label={t("alumnus.meetingChanges.loadingTimes")} />}>
        <CounterTimeGrid
          alumnusId={request.alumnusId}
          myZone={request.alumnusTimeZone}
          studentZone={request.studentTimeZone}
          studentName={request.studentName}
          startsAt={startsAt}
          onChange={(value) => {
            setStartsAt(value);
            setError(undefined);
          }}
          errorMessage={error}
          label={t("alumnus.meetingChanges.pick", { name: request.studentName })}
        />
      </Suspense>
      <TextField label={t("alumnus.meetingChanges.reason")} value={reason} onChange={setReason} />
      <div className="actions">
        <Button type="submit" busyLabel={loading ? t("alumnus.meetingActions.saving") : null}>
          {t("alumnus.meetingChanges.send")}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          {t("alumnus.meetingChanges.keep")}
        </Button>
      </div>
    </form>
  );
}

function NoShowForm({ request, onDone, onCancel }: FormProps) {
  const [markNoShow, { loading }] = useMutation(AlumnusMarkNoShowDocument, { refetchQueries: [AlumnusRequestsDocument] });
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t("alumnus.meetingChanges.whatHappenedRequired"));
      return;
    }
    try {
      await markNoShow({ variables: { input: { requestId: request.id, reason: reason.trim() } } });
      onDone(t("alumnus.meetingChanges.noShowRecorded"));
    } catch (failure) {
      setError(describeError(failure).message);
    }
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-label={t("alumnus.meetingChanges.noShowLabel", { name: request.studentName })}>
      <TextField
        label={t("alumnus.meetingChanges.whatHappened")}
        description={t("alumnus.meetingChanges.whatHappenedHelp", { name: request.studentName })}
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
        <Button type="submit" busyLabel={loading ? t("alumnus.meetingActions.saving") : null}>
          {t("alumnus.meetingChanges.recordNoShow")}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          {t("alumnus.meetingChanges.back")}
        </Button>
      </div>
    </form>
  );
}
