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
import { formatDate } from "../../../lib/time";

const KIND_LABELS: Record<TimelineEntryKind, string> = {
  REQUEST_SENT: "Sent a request",
  REQUEST_EVENT: "Request changed",
  THANK_YOU_SENT: "Sent a thank-you",
  NOTE_SHARED: "Shared notes",
  OUTCOME: "Recorded an outcome",
};

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
        <Link to="/advisor/students">Students</Link>
      </p>
      <PageHeading title={profile ? profile.displayName : "Student"}>{profile ? profile.displayName : "Student"}</PageHeading>
      {!profile ? (
        error ? (
          notShared ? (
            <EmptyState title="This student doesn't share their profile with advisors">
              <p>You'll see their profile and activity here once they choose to share it.</p>
            </EmptyState>
          ) : (
            <ErrorState error={error} title="We couldn't load this student" onRetry={() => void refetch()} />
          )
        ) : (
          loading && <Loading label="Loading the student…" />
        )
      ) : (
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <dl className="details">
            <div>
              <dt>Class year</dt>
              <dd>{profile.classYear ?? "Not given"}</dd>
            </div>
            <div>
              <dt>Major</dt>
              <dd>{profile.major ?? "Not given"}</dd>
            </div>
            <div>
              <dt>Exploring</dt>
              <dd>{profile.fields.map((f) => nameOf(data?.careerFields, f)).join(", ") || "Not given"}</dd>
            </div>
            <div>
              <dt>Industries</dt>
              <dd>{profile.industries.map((i) => nameOf(data?.industries, i)).join(", ") || "Not given"}</dd>
            </div>
            {profile.locations.length > 0 && (
              <div>
                <dt>Places</dt>
                <dd>{profile.locations.join(", ")}</dd>
              </div>
            )}
          </dl>
          <h3>Pitch</h3>
          <p>{profile.pitch || "They haven't written a pitch yet."}</p>
        </section>
      )}
      {!notShared && (
        <ReportSection
          id="timeline-heading"
          title="Timeline"
          loading={timeline.loading}
          error={timeline.error}
          onRetry={() => void timeline.refetch()}
        >
          {timeline.data &&
            (timeline.data.studentTimeline.length === 0 ? (
              <EmptyState title="Nothing yet">
                <p>Requests, thank-yous and outcomes will appear here.</p>
              </EmptyState>
            ) : (
              <ol className="timeline">
                {timeline.data.studentTimeline.map((entry, index) => (
                  <li key={`${entry.at}-${index}`}>
                    <time dateTime={entry.at}>{formatDate(entry.at)}</time> <strong>{KIND_LABELS[entry.kind] ?? entry.kind}</strong>
                    {entry.alumnusName && ` · ${entry.alumnusName}`}
                    {entry.state && ` · ${entry.state.toLowerCase().replace("_", " ")}`}
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
