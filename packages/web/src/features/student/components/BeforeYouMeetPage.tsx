import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router-dom";
import { browserTimeZone } from "../../../lib/time";
import { MeetingDetails } from "../../../ui/meeting/MeetingDetails";
import { PageHeading } from "../../../ui/PageHeading";
import { LoadError, Loading } from "../../../ui/QueryState";
import { MeetingPrepDocument } from "../graphql/MeetingPrep.generated";
import { useMeetingPrep } from "../hooks/useMeetingPrep";
import { checklistFor } from "../lib/meeting-prep";
import { AlumnusBrief } from "./AlumnusBrief";
import { PrepChecklist } from "./PrepChecklist";
import { t } from "../../../i18n";
import "../meeting-prep-messages";

/** Before you meet: the alum to look up again, the student's questions for this request, and the guides' checklist. */
export function BeforeYouMeetPage() {
  const { requestId = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(MeetingPrepDocument, {
    variables: { id: requestId },
    fetchPolicy: "cache-and-network",
  });
  const prep = useMeetingPrep(requestId);
  const request = data?.interviewRequest;

  if (!request) {
    return (
      <div className="page">
        <PageHeading title={t("meetingPrep.before.title")}>{t("meetingPrep.before.title")}</PageHeading>
        {!error && loading && <Loading label={t("meetingPrep.loading")} />}
        {error && <LoadError error={error} retry={() => void refetch()} what={t("meetingPrep.what")} />}
      </div>
    );
  }

  const name = request.alumnusName;
  const booked = request.state === "ACCEPTED" || request.state === "COMPLETED";
  const conversation = `/student/conversations/${request.id}`;

  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/student/conversations">{t("meetingPrep.myConversations")}</Link> / <Link to={conversation}>{name}</Link>
      </p>
      <PageHeading title={t("meetingPrep.before.heading", { name })}>{t("meetingPrep.before.heading", { name })}</PageHeading>
      {!booked ? (
        <p className="lede">
          {t("meetingPrep.notBooked", { name })} <Link to={conversation}>{t("meetingPrep.backToConversation")}</Link>
        </p>
      ) : (
        <>
          <p className="lede">{t("meetingPrep.before.lede")}</p>
          <section className="card" aria-labelledby="prep-when-heading">
            <h2 id="prep-when-heading">{t("meetingPrep.before.when")}</h2>
            <MeetingDetails meeting={request} myZone={browserTimeZone()} other={{ name, timeZone: request.alumnusTimeZone }} />
            <div className="actions">
              <Link className="button button-primary" to={`${conversation}/meeting`}>
                {t("meetingPrep.before.openMeeting")}
              </Link>
            </div>
          </section>
          <AlumnusBrief alumnusId={request.alumnusId} name={name} />
          <section className="card" aria-labelledby="prep-questions-heading">
            <h2 id="prep-questions-heading">{t("meetingPrep.questions.heading")}</h2>
            {request.questions && request.questions.length > 0 ? (
              <ol>
                {request.questions.map((q) => (
                  <li key={q.id}>{q.text}</li>
                ))}
              </ol>
            ) : (
              <p>{t("meetingPrep.questions.none")}</p>
            )}
            <p className="fine-print">{t("meetingPrep.questions.hint")}</p>
          </section>
          <PrepChecklist
            items={checklistFor(request.modality)}
            ticked={prep.record.checklist}
            alumnusName={name}
            onTick={(item, on) => prep.tick("checklist", item, on)}
          />
        </>
      )}
    </div>
  );
}
