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

type Answer = "HAPPENED" | "NO_SHOW" | "MOVED";
const ANSWERS: Answer[] = ["HAPPENED", "NO_SHOW", "MOVED"];

const MESSAGES = {
  LINK_INVALID: "This link is not valid. Open the request in Infoview to answer there.",
  LINK_EXPIRED: "This link has expired. Open the request in Infoview to answer there.",
  LINK_USED: "This link was already used: each link works once. Open the request in Infoview to see where it stands.",
  MEETING_ALREADY_SETTLED: "Someone already answered for this conversation, so there is nothing more to do here.",
};

const DONE: Record<Answer, (other: string) => string> = {
  HAPPENED: (other) =>
    `Thank you. The conversation is recorded as done, and ${other} is told. Your follow-ups start now: a thank-you within a few days.`,
  NO_SHOW: (other) => `Thank you. The conversation is recorded as missed, and ${other} is told.`,
  MOVED: (other) => `Thank you. ${other} is told. Propose the new time in Infoview so the invitation and the reminders follow it.`,
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
      setState({ kind: "failed", message: "This link is incomplete. Open it again from the email." });
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
      setFailure((p) => ({ message: "Choose an answer first.", n: (p?.n ?? 0) + 1 }));
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
        <PageHeading title="Did your conversation happen?">Did your conversation happen?</PageHeading>
        {state.kind === "loading" && <Loading label="Loading…" />}
        {state.kind === "failed" && (
          <>
            <Alert>{state.message}</Alert>
            <p>
              <Link to="/">Open Infoview</Link>
            </p>
          </>
        )}
        {state.kind === "done" && (
          <>
            <p role="status">{state.message}</p>
            <p>
              <Link to="/">Open Infoview</Link>
            </p>
          </>
        )}
        {state.kind === "asking" && (
          <form className="form" noValidate onSubmit={onSubmit} aria-label="Your answer">
            <p>
              Your conversation with <strong>{state.link.otherName}</strong>
              {state.link.meetingStartsAt ? ` was planned for ${formatDateTime(state.link.meetingStartsAt, browserTimeZone())}` : ""}.
            </p>
            <Alert announcementKey={failure?.n}>{failure?.message}</Alert>
            <RadioGroup
              label="What happened?"
              description="The first answer from either of you settles it, and the other person is told."
              value={answer}
              onChange={(v) => setAnswer(v as Answer)}
              options={[
                { id: "HAPPENED", name: "It happened" },
                { id: "NO_SHOW", name: `${state.link.otherName} didn't come` },
                { id: "MOVED", name: "We moved it" },
              ]}
            />
            <Button type="submit" busyLabel={sending ? "Sending…" : null}>
              Send answer
            </Button>
            <p>
              <Link to={`/${area}/requests/${state.link.requestId}`}>Open the request instead</Link>
            </p>
          </form>
        )}
      </div>
    </div>
  );
}
