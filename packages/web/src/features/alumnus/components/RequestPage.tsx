import { useMutation, useQuery } from "@apollo/client/react";
import { lazy, Suspense, useRef, useState, type FormEvent } from "react";
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
  AlumnusRequestDetailDocument,
  AlumnusRequestsDocument,
  DeclineRequestDocument,
  type AlumnusRequestDetailQuery,
} from "../graphql/Requests.generated";
import { MeetingActions } from "./MeetingActions";
import { AlumnusMeetingChanges } from "./AlumnusMeetingChanges";
import { StudentFactRows } from "./StudentFacts";
import { EMPTY_MEETING_DETAILS, meetingDetailRules, useAcceptRequest } from "../hooks/useAcceptRequest";
import { LazyAccommodationsPanel } from "../../../ui/accommodations";
import { t } from "../../../i18n";

// The week grid to offer another time arrives when the alum asks for it, in its own chunk.
const CounterTimeGrid = lazy(() => import("./CounterTimeGrid").then((m) => ({ default: m.CounterTimeGrid })));
/** The choice that means "none of the student's times: offer another". */
const OTHER_TIME = "other";

type Detail = AlumnusRequestDetailQuery["interviewRequest"];

/** One request: the student's message and questions, then accept (choosing a time) or decline. */
export function RequestPage() {
  const { requestId = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(AlumnusRequestDetailDocument, { variables: { id: requestId } });
  const request = data?.interviewRequest;

  if (!request) {
    return (
      <div className="page">
        <PageHeading title={t("alumnus.request.request")}>{t("alumnus.request.request")}</PageHeading>
        {error ? (
          <ErrorState error={error} title={t("alumnus.request.weCouldnT")} onRetry={() => void refetch()} />
        ) : (
          loading && <Loading label={t("alumnus.request.loadingTheRequest")} />
        )}
        <p>
          <Link to="/alumni">{t("alumnus.request.backToYour")}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="page">
      <p className="eyebrow">{STATE_LABELS[request.state]}</p>
      <PageHeading title={t("alumnus.request.requestFrom", { name: request.studentName })}>
        {t("alumnus.request.requestFrom", { name: request.studentName })}
      </PageHeading>
      <RequestSummary request={request} />
      <LazyAccommodationsPanel
        requestId={request.id}
        side="ALUMNUS"
        otherName={request.studentName}
        editable={request.state === "REQUESTED" || request.state === "ACCEPTED"}
        times={
          request.meetingStartsAt
            ? [request.meetingStartsAt]
            : request.proposedTimes.filter((p) => p.status === "OPEN").map((p) => p.startsAt)
        }
      />
      {request.state === "REQUESTED" && <AnswerForms request={request} />}
      {request.state === "ACCEPTED" && <MeetingActions request={request} onChanged={() => void refetch()} />}
      <AlumnusMeetingChanges request={request} onChanged={() => void refetch()} />
      {request.declineReason && (
        <section className="card" aria-labelledby="declined-heading">
          <h2 id="declined-heading">{t("alumnus.request.whyYouDeclined")}</h2>
          <p>{request.declineReason}</p>
        </section>
      )}
      <p>
        <Link to="/alumni">{t("alumnus.request.backToYour")}</Link>
      </p>
    </div>
  );
}

function RequestSummary({ request }: { request: Detail }) {
  return (
    <>
      <section className="card" aria-labelledby="message-heading">
        <h2 id="message-heading">{t("alumnus.request.theirMessage")}</h2>
        <dl className="details">
          <div>
            <dt>{t("alumnus.request.how")}</dt>
            <dd>{MODALITY_LABELS[request.modality]}</dd>
          </div>
          <div>
            <dt>{t("alumnus.request.theirTimeZone")}</dt>
            <dd>{request.studentTimeZone}</dd>
          </div>
          <StudentFactRows summary={request.studentSummary} />
          {request.referredByName && (
            <div>
              <dt>{t("alumnus.request.referredBy")}</dt>
              <dd>{request.referredByName}</dd>
            </div>
          )}
        </dl>
        {request.message ? <p className="message">{request.message}</p> : <p>{t("alumnus.request.theStudentS")}</p>}
      </section>
      <section className="card" aria-labelledby="questions-heading">
        <h2 id="questions-heading">{t("alumnus.request.questionsTheyD")}</h2>
        {request.questions && request.questions.length > 0 ? (
          <ol>
            {request.questions.map((q) => (
              <li key={q.id}>{q.text}</li>
            ))}
          </ol>
        ) : (
          <p>{request.questionsShared ? t("alumnus.request.theyHavenT") : t("alumnus.request.theyChoseTo")}</p>
        )}
      </section>
    </>
  );
}

function AnswerForms({ request }: { request: Detail }) {
  const navigate = useNavigate();
  const times = request.proposedTimes.filter((t) => t.status === "OPEN" && t.proposedBy === "STUDENT");
  const zone = request.alumnusTimeZone;
  const [mode, setMode] = useState<"accept" | "decline">("accept");
  const detailRules = meetingDetailRules(request.modality);

  const accept = useDraftForm(
    `accept:${request.id}`,
    { proposedTimeId: "", counterStartsAt: "", ...EMPTY_MEETING_DETAILS },
    {
      proposedTimeId: (v) => (v ? null : t("alumnus.request.chooseOne")),
      counterStartsAt: (v, all) => (all.proposedTimeId === OTHER_TIME && !v ? t("alumnus.request.chooseOther") : null),
      ...detailRules,
    },
  );
  const decline = useDraftForm(
    `decline:${request.id}`,
    { reason: "", referralName: "", referralContact: "", referralNote: "" },
    {
      reason: (v) => (String(v).length > 1000 ? t("alumnus.request.reasonTooLong") : null),
      referralContact: (v, all) => (String(all.referralName).trim() && !String(v).trim() ? t("alumnus.request.sayHowReach") : null),
    },
  );
  const { accept: acceptRequest, accepting } = useAcceptRequest();
  const [declineRequest, declining] = useMutation(DeclineRequestDocument, { refetchQueries: [AlumnusRequestsDocument] });
  const [failure, say] = useAnnouncer();
  const firstRadio = useRef<HTMLInputElement>(null);

  async function onAccept(event: FormEvent) {
    event.preventDefault();
    const invalid = accept.validateAll();
    if (invalid) {
      if (invalid === "proposedTimeId") firstRadio.current?.focus();
      else if (invalid === "counterStartsAt") document.querySelector<HTMLElement>('[role="grid"] [tabindex="0"]')?.focus();
      else document.querySelector<HTMLElement>(`[name="${invalid}"]`)?.focus();
      return;
    }
    const v = accept.values;
    const counter = v.proposedTimeId === OTHER_TIME;
    try {
      await acceptRequest(request, counter ? { startsAt: v.counterStartsAt } : { proposedTimeId: v.proposedTimeId }, v);
      accept.clear();
      if (counter) say(t("alumnus.request.offered", { name: request.studentName, time: formatDateTime(v.counterStartsAt, zone) }), "info");
      else void navigate("/alumni/upcoming", { state: { accepted: request.studentName } });
    } catch (error) {
      const described = describeError(error);
      accept.setServerErrors(described.fields);
      say(t("alumnus.request.enteredKept", { error: described.message }), "error");
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
      say(t("alumnus.request.enteredKept", { error: described.message }), "error");
    }
  }

  return (
    <section className="card" aria-labelledby="answer-heading">
      <h2 id="answer-heading">{t("alumnus.request.yourAnswer")}</h2>
      <div className="segmented" role="group" aria-label={t("alumnus.request.acceptOrDecline")}>
        <Button variant={mode === "accept" ? "primary" : "secondary"} onPress={() => setMode("accept")} aria-pressed={mode === "accept"}>
          {t("alumnus.request.accept")}
        </Button>
        <Button variant={mode === "decline" ? "primary" : "secondary"} onPress={() => setMode("decline")} aria-pressed={mode === "decline"}>
          {t("alumnus.request.decline")}
        </Button>
      </div>
      <Alert announcementKey={failure?.n}>{failure?.message}</Alert>
      {mode === "accept" ? (
        <form className="form" noValidate onSubmit={onAccept} aria-label={t("alumnus.request.acceptTheRequest")}>
          <fieldset className="fieldset" aria-describedby={accept.errors.proposedTimeId ? "time-error" : undefined}>
            <legend className="field-label">{t("alumnus.request.chooseATime", { zone })}</legend>
            {times.length === 0 ? (
              <p>{t("alumnus.request.noneOfThe")}</p>
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
                    <span className="fine-print">
                      {" "}
                      {t("alumnus.request.forTheStudent", { time: formatDateTime(time.startsAt, request.studentTimeZone) })}
                    </span>
                  </span>
                </label>
              ))
            )}
            <label className="radio-option">
              <input
                type="radio"
                name="proposedTimeId"
                value={OTHER_TIME}
                checked={accept.values.proposedTimeId === OTHER_TIME}
                onChange={() => accept.set("proposedTimeId", OTHER_TIME)}
              />
              <span>{t("alumnus.request.offerAnother")}</span>
            </label>
            {accept.errors.proposedTimeId && (
              <span id="time-error" className="field-error">
                {accept.errors.proposedTimeId}
              </span>
            )}
          </fieldset>
          {accept.values.proposedTimeId === OTHER_TIME && (
            <Suspense fallback={<Loading />}>
              <CounterTimeGrid
                alumnusId={request.alumnusId}
                myZone={zone}
                studentZone={request.studentTimeZone}
                studentName={request.studentName}
                startsAt={accept.values.counterStartsAt}
                onChange={(startsAt) => accept.set("counterStartsAt", startsAt)}
                errorMessage={accept.errors.counterStartsAt ?? undefined}
              />
            </Suspense>
          )}
          {request.modality === "VIDEO" && (
            <TextField
              {...accept.fieldProps("meetingLink")}
              label={t("alumnus.request.videoCallLink")}
              type="url"
              description={t("alumnus.request.startsWithHttps")}
              isRequired
            />
          )}
          {request.modality === "PHONE" && (
            <TextField
              {...accept.fieldProps("meetingPhone")}
              label={t("alumnus.request.numberToCall")}
              type="tel"
              autoComplete="tel"
              isRequired
            />
          )}
          {request.modality === "IN_PERSON" && (
            <>
              <TextField {...accept.fieldProps("meetingLocation")} label={t("alumnus.request.whereToMeet")} isRequired />
              <TextAreaField
                {...accept.fieldProps("inPersonNotes")}
                label={t("alumnus.request.notesForThe")}
                description={t("alumnus.request.parkingAttireHow")}
                rows={3}
              />
            </>
          )}
          <div className="actions">
            <Button type="submit" busyLabel={accepting ? t("alumnus.request.accepting") : null}>
              {t("alumnus.request.acceptAtThis")}
            </Button>
          </div>
        </form>
      ) : (
        <form className="form" noValidate onSubmit={onDecline} aria-label={t("alumnus.request.declineTheRequest")}>
          <TextAreaField
            {...decline.fieldProps("reason")}
            label={t("alumnus.request.reasonOptional")}
            description={t("alumnus.request.theStudentSees")}
            rows={3}
          />
          <fieldset className="fieldset">
            <legend className="field-label">{t("alumnus.request.suggestSomeoneElse")}</legend>
            <TextField {...decline.fieldProps("referralName")} label={t("alumnus.request.theirName")} />
            <TextField
              {...decline.fieldProps("referralContact")}
              label={t("alumnus.request.howToReach")}
              description={t("alumnus.request.anEmailA")}
            />
            <TextAreaField {...decline.fieldProps("referralNote")} label={t("alumnus.request.whyThemOptional")} rows={2} />
          </fieldset>
          <div className="actions">
            <Button type="submit" busyLabel={declining.loading ? t("alumnus.request.declining") : null}>
              {t("alumnus.request.declineTheRequest")}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
