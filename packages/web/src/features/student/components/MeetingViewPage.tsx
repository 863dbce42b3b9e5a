import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router-dom";
import { Checkbox } from "../../../ui/Checkbox";
import { PageHeading } from "../../../ui/PageHeading";
import { LoadError, Loading } from "../../../ui/QueryState";
import { ConversationNotesDocument } from "../graphql/ConversationNotes.generated";
import { MeetingPrepDocument } from "../graphql/MeetingPrep.generated";
import { useMeetingPrep } from "../hooks/useMeetingPrep";
import { useNow } from "../hooks/useNow";
import { MeetingNotes } from "./MeetingNotes";
import { MeetingTimer } from "./MeetingTimer";
import { t } from "../../../i18n";
import "../meeting-prep-messages";

/** The guides' last question, always there to tick: "Who else should I talk to?" */
const WHO_ELSE = "whoElse";

/** The meeting itself: the timer against the time agreed, the questions to tick as they are asked, notes as you go. */
export function MeetingViewPage() {
  const { requestId = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(MeetingPrepDocument, {
    variables: { id: requestId },
    fetchPolicy: "cache-and-network",
  });
  const notes = useQuery(ConversationNotesDocument, { variables: { requestId }, fetchPolicy: "network-only" });
  const prep = useMeetingPrep(requestId);
  const now = useNow(true, 30_000);
  const request = data?.interviewRequest;

  if (!request) {
    return (
      <div className="page">
        <PageHeading title={t("meetingPrep.meeting.title")}>{t("meetingPrep.meeting.title")}</PageHeading>
        {!error && loading && <Loading label={t("meetingPrep.loading")} />}
        {error && <LoadError error={error} retry={() => void refetch()} what={t("meetingPrep.what")} />}
      </div>
    );
  }

  const name = request.alumnusName;
  const conversation = `/student/conversations/${request.id}`;
  const booked = request.state === "ACCEPTED" || request.state === "COMPLETED";
  const started =
    request.state === "COMPLETED" ||
    (request.state === "ACCEPTED" && request.meetingStartsAt !== null && Date.parse(request.meetingStartsAt) <= now);
  const own = (request.questions ?? []).map((q) => ({ id: q.id, text: q.text }));
  // The guides' closing question, unless the student already wrote one like it.
  const questions = own.some((q) => /who else|con qui[eé]n m[aá]s/i.test(q.text))
    ? own
    : [...own, { id: WHO_ELSE, text: t("meetingPrep.meeting.whoElse") }];

  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/student/conversations">{t("meetingPrep.myConversations")}</Link> / <Link to={conversation}>{name}</Link>
      </p>
      <PageHeading title={t("meetingPrep.meeting.heading", { name })}>{t("meetingPrep.meeting.heading", { name })}</PageHeading>
      {!booked ? (
        <p className="lede">
          {t("meetingPrep.notBooked", { name })} <Link to={conversation}>{t("meetingPrep.backToConversation")}</Link>
        </p>
      ) : (
        <>
          <p className="lede">
            {t("meetingPrep.meeting.lede")} <Link to={`${conversation}/before`}>{t("meetingPrep.meeting.backToBefore")}</Link>
          </p>
          <MeetingTimer startedAt={prep.record.timerStartedAt} onStart={prep.startTimer} onReset={prep.resetTimer} />
          <section className="card" aria-labelledby="asked-heading">
            <h2 id="asked-heading">{t("meetingPrep.meeting.questions")}</h2>
            <p className="fine-print">
              {t("meetingPrep.meeting.askedCount", {
                asked: questions.filter((q) => prep.record.asked.includes(q.id)).length,
                total: questions.length,
              })}
            </p>
            <ul className="plain-list prep-checklist" aria-labelledby="asked-heading">
              {questions.map((q) => (
                <li key={q.id}>
                  <Checkbox isSelected={prep.record.asked.includes(q.id)} onChange={(on) => prep.tick("asked", q.id, on)}>
                    {q.text}
                  </Checkbox>
                </li>
              ))}
            </ul>
          </section>
          {notes.data || notes.error ? (
            <MeetingNotes requestId={request.id} savedAdvice={notes.data?.notes?.advice ?? ""} started={started} />
          ) : (
            <Loading label={t("meetingPrep.meeting.loadingNotes")} />
          )}
          <p>
            <Link to={conversation}>{t("meetingPrep.backToConversation")}</Link>
          </p>
        </>
      )}
    </div>
  );
}
