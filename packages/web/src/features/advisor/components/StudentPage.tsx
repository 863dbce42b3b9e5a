import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { AdvisorStudentProfileDocument } from "../graphql/Students.generated";
import type { TimelineEntryKind } from "../../../graphql/types.generated";
import { AdvisorStudentTimelineDocument as StudentTimelineDocument } from "../graphql/Reports.generated";
import { ReportSection } from "../reports/ReportSection";
import { SuggestAlumni } from "./SuggestAlumni";
import { AssignAdvisor } from "./AssignAdvisor";
import { formatDate } from "../../../lib/time";
import { t, translatedLabels } from "../../../i18n";
import type { RequestState } from "../../../graphql/types.generated";

const KIND_LABELS: Record<TimelineEntryKind, string> = translatedLabels({
  REQUEST_SENT: "advisor.timeline.requestSent",
  REQUEST_EVENT: "advisor.timeline.requestEvent",
  THANK_YOU_SENT: "advisor.timeline.thankYouSent",
  NOTE_SHARED: "advisor.timeline.noteShared",
  OUTCOME: "advisor.timeline.outcome",
});

const STATE_LABELS: Record<RequestState, string> = translatedLabels({
  REQUESTED: "advisor.state.requested",
  ACCEPTED: "advisor.state.accepted",
  DECLINED: "advisor.state.declined",
  EXPIRED: "advisor.state.expired",
  WITHDRAWN: "advisor.state.withdrawn",
  COMPLETED: "advisor.state.completed",
  CANCELLED: "advisor.state.cancelled",
  NO_SHOW: "advisor.state.noShow",
});

/** One student as an advisor sees them: the profile they share, their timeline, and alumni to suggest. */
export function StudentPage() {
  const { studentId = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(AdvisorStudentProfileDocument, { variables: { membershipId: studentId } });
  const timeline = useQuery(StudentTimelineDocument, { variables: { studentMembershipId: studentId } });
  const profile = data?.studentProfile;
  const notShared = describeError(error).code === "PROFILE_NOT_SHARED";
  const nameOf = (list: Array<{ id: string; name: string }> | undefined, id: string) => list?.find((x) => x.id === id)?.name ?? id;

  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/advisor/students">{t("advisor.student.students")}</Link>
      </p>
      <PageHeading title={profile ? profile.displayName : t("advisor.student.student")}>
        {profile ? profile.displayName : t("advisor.student.student")}
      </PageHeading>
      {!profile ? (
        error ? (
          notShared ? (
            <EmptyState title={t("advisor.student.thisStudentDoesn")}>
              <p>{t("advisor.student.youLlSee")}</p>
            </EmptyState>
          ) : (
            <ErrorState error={error} title={t("advisor.student.weCouldnT")} onRetry={() => void refetch()} />
          )
        ) : (
          loading && <Loading label={t("advisor.student.loadingTheStudent")} />
        )
      ) : (
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t("advisor.student.profile")}</h2>
          <dl className="details">
            <div>
              <dt>{t("advisor.student.classYear")}</dt>
              <dd>{profile.classYear ?? t("advisor.student.notGiven")}</dd>
            </div>
            <div>
              <dt>{t("advisor.student.major")}</dt>
              <dd>{profile.major ?? t("advisor.student.notGiven")}</dd>
            </div>
            <div>
              <dt>{t("advisor.student.exploring")}</dt>
              <dd>{profile.fields.map((f) => nameOf(data?.careerFields, f)).join(", ") || t("advisor.student.notGiven")}</dd>
            </div>
            <div>
              <dt>{t("advisor.student.industries")}</dt>
              <dd>{profile.industries.map((i) => nameOf(data?.industries, i)).join(", ") || t("advisor.student.notGiven")}</dd>
            </div>
            {profile.locations.length > 0 && (
              <div>
                <dt>{t("advisor.student.places")}</dt>
                <dd>{profile.locations.join(", ")}</dd>
              </div>
            )}
          </dl>
          <h3>{t("advisor.student.pitch")}</h3>
          <p>{profile.pitch || t("advisor.student.theyHavenT")}</p>
        </section>
      )}
      {(profile || notShared) && <AssignAdvisor studentMembershipId={studentId} studentName={profile?.displayName ?? null} />}
      {!notShared && (
        <ReportSection
          id="timeline-heading"
          title={t("advisor.student.timeline")}
          loading={timeline.loading}
          error={timeline.error}
          onRetry={() => void timeline.refetch()}
        >
          {timeline.data &&
            (timeline.data.studentTimeline.length === 0 ? (
              <EmptyState title={t("advisor.student.nothingYet")}>
                <p>{t("advisor.student.requestsThankYous")}</p>
              </EmptyState>
            ) : (
              <ol className="timeline">
                {timeline.data.studentTimeline.map((entry, index) => (
                  <li key={`${entry.at}-${index}`}>
                    <time dateTime={entry.at}>{formatDate(entry.at)}</time> <strong>{KIND_LABELS[entry.kind] ?? entry.kind}</strong>
                    {entry.alumnusName && ` · ${entry.alumnusName}`}
                    {entry.state && ` · ${STATE_LABELS[entry.state as RequestState] ?? entry.state}`}
                    {entry.detail && <p className="fine-print">{entry.detail}</p>}
                  </li>
                ))}
              </ol>
            ))}
        </ReportSection>
      )}
      {profile && <SuggestAlumni studentMembershipId={profile.membershipId} studentName={profile.displayName} />}
    </div>
  );
}
