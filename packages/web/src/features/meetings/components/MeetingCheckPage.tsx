import { useApolloClient } from "@apollo/client/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { formatDateTime, browserTimeZone } from "../../../lib/time";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { RadioGroup } from "../../../ui/RadioGroup";
import { AnswerMeetingCheckByLinkDocument } from "../graphql/AnswerMeetingCheckByLink.generated";
import { MeetingCheckLinkDocument, type MeetingCheckLinkQuery } from "../graphql/MeetingCheckLink.generated";
import "../messages";
import { rich, t, translatedLabels } from "../../../i18n";

type Answer = "HAPPENED" | "NO_SHOW" | "MOVED";
const ANSWERS: Answer[] = ["HAPPENED", "NO_SHOW", "MOVED"];

const MESSAGES = translatedLabels({
  LINK_INVALID: "meetings.meetingCheck.linkInvalid",
  LINK_EXPIRED: "meetings.meetingCheck.linkExpired",
  LINK_USED: "meetings.meetingCheck.linkUsed",
  MEETING_ALREADY_SETTLED: "meetings.meetingCheck.alreadySettled",
});

const DONE: Record<Answer, (other: string) => string> = {
  HAPPENED: (other) => t("meetings.meetingCheck.doneHappened", { other }),
  NO_SHOW: (other) => t("meetings.meetingCheck.doneNoShow", { other }),
  MOVED: (other) => t("meetings.meetingCheck.doneMoved", { other }),
};

/** Reads the token and the suggested answer from the fragment once, then clears it from the address bar. */
function takeFragment(): { token: string | null; answer: Answer | null } {
  const params = new URLSearchParams(window.location.hash.slice(1));
  if (window.location.hash) window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  const answer = params.get("answer");
  return { token: params.get("token"), answer: ANSWERS.includes(answer as Answer) ? (answer as Answer) : null };
}

type State =
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "asking"; link: MeetingCheckLinkQuery["meetingCheckLink"] }
  | { kind: "done"; message: string };

/**
 * Where the "did it happen?" email's links land (ADR 0021): the answer the person clicked is chosen already and they
 * confirm it with one press. The link is the credential, for this meeting only; it works once.
 */
export function MeetingCheckPage() {
  const client = useApolloClient();
  const fragment = useRef<{ token: string | null; answer: Answer | null } | null>(null);
  if (fragment.current === null) fragment.current = takeFragment();
  const { token } = fragment.current;
  const [state, setState] = useState<State>({ kind: "loading" });
  const [answer, setAnswer] = useState<Answer | null>(fragment.current.answer);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<{ message: string; n: number } | null>(null);

  useEffect(() => {
    if (!token) {
      setState({ kind: "failed", message: t("meetings.meetingCheck.linkIncomplete") });
      return;
    }
    client.query({ query: MeetingCheckLinkDocument, variables: { token }, fetchPolicy: "network-only" }).then(
      ({ data }) =>
        data?.meetingCheckLink.answer
          ? setState({ kind: "failed", message: MESSAGES.MEETING_ALREADY_SETTLED })
          : data && setState({ kind: "asking", link: data.meetingCheckLink }),
      (error) => setState({ kind: "failed", message: describeError(error, MESSAGES).message }),
    );
  }, [client, token]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (state.kind !== "asking" || !token) return;
    if (!answer) {
      setFailure((p) => ({ message: t("meetings.meetingCheck.chooseAnswer"), n: (p?.n ?? 0) + 1 }));
      return;
    }
    setSending(true);
    try {
      await client.mutate({ mutation: AnswerMeetingCheckByLinkDocument, variables: { token, answer } });
      setState({ kind: "done", message: DONE[answer](state.link.otherName) });
    } catch (error) {
      setState({ kind: "failed", message: describeError(error, MESSAGES).message });
    } finally {
      setSending(false);
    }
  }

  const area = state.kind === "asking" && state.link.side === "ALUMNUS" ? "alumni" : "student";
  return (
    <div className="auth-layout">
      <div className="card auth-card">
        <PageHeading title={t("meetings.meetingCheck.didYourConversation")}>{t("meetings.meetingCheck.didYourConversation")}</PageHeading>
        {state.kind === "loading" && <Loading label={t("meetings.meetingCheck.loading")} />}
        {state.kind === "failed" && (
          <>
            <Alert>{state.message}</Alert>
            <p>
              <Link to="/">{t("meetings.meetingCheck.openInfoview")}</Link>
            </p>
          </>
        )}
        {state.kind === "done" && (
          <>
            <p role="status">{state.message}</p>
            <p>
              <Link to="/">{t("meetings.meetingCheck.openInfoview")}</Link>
            </p>
          </>
        )}
        {state.kind === "asking" && (
          <form className="form" noValidate onSubmit={onSubmit} aria-label={t("meetings.meetingCheck.yourAnswer")}>
            <p>
              {state.link.meetingStartsAt
                ? rich("meetings.meetingCheck.conversationPlanned", {
                    name: <strong>{state.link.otherName}</strong>,
                    when: formatDateTime(state.link.meetingStartsAt, browserTimeZone()),
                  })
                : rich("meetings.meetingCheck.yourConversationWith", { name: <strong>{state.link.otherName}</strong> })}
            </p>
            <Alert announcementKey={failure?.n}>{failure?.message}</Alert>
            <RadioGroup
              label={t("meetings.meetingCheck.whatHappened")}
              description={t("meetings.meetingCheck.theFirstAnswer")}
              value={answer}
              onChange={(v) => setAnswer(v as Answer)}
              options={[
                { id: "HAPPENED", name: t("meetings.meetingCheck.itHappened") },
                { id: "NO_SHOW", name: t("meetings.meetingCheck.didNotCome", { name: state.link.otherName }) },
                { id: "MOVED", name: t("meetings.meetingCheck.weMovedIt") },
              ]}
            />
            <Button type="submit" busyLabel={sending ? t("meetings.meetingCheck.sending") : null}>
              {t("meetings.meetingCheck.sendAnswer")}
            </Button>
            <p>
              <Link to={`/${area}/requests/${state.link.requestId}`}>{t("meetings.meetingCheck.openTheRequest")}</Link>
            </p>
          </form>
        )}
      </div>
    </div>
  );
}
