import { useQuery } from "@apollo/client/react";
import { Link } from "react-router-dom";
import { PageHeading } from "../../../ui/PageHeading";
import { LoadError, Loading } from "../../../ui/QueryState";
import { useViewer } from "../../../lib/auth/viewer";
import { StudentOverviewDocument } from "../graphql/StudentOverview.generated";
import { FollowUpChecklist } from "./FollowUpChecklist";

/** Where a student starts: what to set up first, what to follow up, and where to go next. */
export function StudentHomePage() {
  const viewer = useViewer();
  const { data, loading, error, refetch } = useQuery(StudentOverviewDocument, { fetchPolicy: "cache-and-network" });

  const sharesWithAlumni = data?.myConsents.some((c) => c.kind === "STUDENT_SHARE_WITH_ALUMNI" && c.active) ?? false;
  const hasPitch = Boolean(data?.myStudentProfile.pitch.trim());
  const ready = sharesWithAlumni && hasPitch;

  return (
    <div className="page">
      <p className="eyebrow">Student</p>
      <PageHeading title="Student overview">Your conversations, {viewer.identity.displayName.split(" ")[0]}</PageHeading>
      <p className="lede">Find alumni to learn from, ask for a short conversation, and keep track of what you learn.</p>

      {!data && loading && <Loading label="Loading your overview…" />}
      {!data && error && <LoadError error={error} retry={() => void refetch()} what="your overview" />}
      {data && (
        <>
          {!ready && (
            <section className="card callout" aria-labelledby="setup-heading">
              <h2 id="setup-heading">Before you send a request</h2>
              <ul className="checklist">
                {!sharesWithAlumni && <li>Agree to share your profile with the alumni you contact, so they know who is asking.</li>}
                {!hasPitch && <li>Write a short background pitch: who you are and what you're exploring.</li>}
              </ul>
              <p>
                <Link to="/student/onboarding" className="button button-primary">
                  Set up your profile
                </Link>
              </p>
            </section>
          )}
          <section className="card" aria-labelledby="follow-ups-heading">
            <h2 id="follow-ups-heading">Follow-ups</h2>
            <FollowUpChecklist items={data.followUpsDue} onChanged={() => void refetch()} />
          </section>
          <section aria-labelledby="next-heading">
            <h2 id="next-heading">Where to go</h2>
            <ul className="area-list">
              <li>
                <Link to="/student/alumni" className="area-link card">
                  <span className="area-link-title">Find alumni</span>
                  <span className="area-link-summary">Alumni who work in the fields you're exploring, and why each one fits.</span>
                </Link>
              </li>
              <li>
                <Link to="/student/conversations" className="area-link card">
                  <span className="area-link-title">My conversations</span>
                  <span className="area-link-summary">Requests you've sent, meetings booked, and notes from each conversation.</span>
                </Link>
              </li>
              <li>
                <Link to="/student/contacts" className="area-link card">
                  <span className="area-link-title">Contact log</span>
                  <span className="area-link-summary">Everyone you've talked to, on Infoview or elsewhere, ready to export.</span>
                </Link>
              </li>
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
