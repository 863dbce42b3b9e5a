import { useQuery } from "@apollo/client/react";
import { Link } from "react-router-dom";
import { PageHeading } from "../../../ui/PageHeading";
import { LoadError, Loading } from "../../../ui/QueryState";
import { useViewer } from "../../../lib/auth/viewer";
import { browserTimeZone, formatDateTime } from "../../../lib/time";
import { StudentOverviewDocument } from "../graphql/StudentOverview.generated";
import { FollowUpChecklist } from "./FollowUpChecklist";
import { AdvisorSuggestions } from "./AdvisorSuggestions";
import { Outcomes } from "./Outcomes";
import { PersonalEmailPrompt } from "./PersonalEmailPrompt";
import { t } from "../../../i18n";

/** Where a student starts: what to set up first, what to follow up, and where to go next. */
export function StudentHomePage() {
  const viewer = useViewer();
  const { data, loading, error, refetch } = useQuery(StudentOverviewDocument, { fetchPolicy: "cache-and-network" });

  const sharesWithAlumni = data?.myConsents.some((c) => c.kind === "STUDENT_SHARE_WITH_ALUMNI" && c.active) ?? false;
  const hasPitch = Boolean(data?.myStudentProfile.pitch.trim());
  const ready = sharesWithAlumni && hasPitch;
  // Booked meetings still to come (or under way: two hours' grace), soonest first, each with its "before you meet".
  const upcoming = (data?.upcoming.edges ?? [])
    .map((e) => e.node)
    .filter((r) => r.meetingStartsAt && Date.parse(r.meetingStartsAt) > Date.now() - 2 * 3_600_000)
    .sort((a, b) => Date.parse(a.meetingStartsAt!) - Date.parse(b.meetingStartsAt!));

  return (
    <div className="page">
      <p className="eyebrow">{t("student.studentHome.student")}</p>
      <PageHeading title={t("student.studentHome.studentOverview")}>
        {t("student.home.heading", { name: viewer.identity.displayName.split(" ")[0] })}
      </PageHeading>
      <p className="lede">{t("student.studentHome.findAlumniToLearn")}</p>

      {!data && loading && <Loading label={t("student.studentHome.loadingYourOverview")} />}
      {!data && error && <LoadError error={error} retry={() => void refetch()} what={t("student.what.overview")} />}
      {data && (
        <>
          {!ready && (
            <section className="card callout" aria-labelledby="setup-heading">
              <h2 id="setup-heading">{t("student.studentHome.beforeYouSendA")}</h2>
              <ul className="checklist">
                {!sharesWithAlumni && <li>{t("student.studentHome.agreeToShareYour")}</li>}
                {!hasPitch && <li>{t("student.studentHome.writeAShortBackground")}</li>}
              </ul>
              <p>
                <Link to="/student/onboarding" className="button button-primary">
                  {t("student.studentHome.setUpYourProfile")}
                </Link>
              </p>
            </section>
          )}
          {upcoming.length > 0 && (
            <section className="card" aria-labelledby="upcoming-heading">
              <h2 id="upcoming-heading">{t("student.home.upcomingHeading")}</h2>
              <ul className="plain-list">
                {upcoming.map((r) => (
                  <li key={r.id}>
                    {t("student.home.upcomingWith", { name: r.alumnusName, when: formatDateTime(r.meetingStartsAt!, browserTimeZone()) })}{" "}
                    <Link to={`/student/conversations/${r.id}/before`}>{t("student.meeting.beforeYouMeet", { name: r.alumnusName })}</Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <PersonalEmailPrompt />
          <section className="card" aria-labelledby="follow-ups-heading">
            <h2 id="follow-ups-heading">{t("student.studentHome.followUps")}</h2>
            <FollowUpChecklist items={data.followUpsDue} onChanged={() => void refetch()} />
          </section>
          <AdvisorSuggestions />
          <section aria-labelledby="next-heading">
            <h2 id="next-heading">{t("student.studentHome.whereToGo")}</h2>
            <ul className="area-list">
              <li>
                <Link to="/student/alumni" className="area-link card">
                  <span className="area-link-title">{t("student.studentHome.findAlumni")}</span>
                  <span className="area-link-summary">{t("student.studentHome.alumniWhoWorkIn")}</span>
                </Link>
              </li>
              <li>
                <Link to="/student/conversations" className="area-link card">
                  <span className="area-link-title">{t("student.studentHome.myConversations")}</span>
                  <span className="area-link-summary">{t("student.studentHome.requestsYouVeSent")}</span>
                </Link>
              </li>
              <li>
                <Link to="/student/contacts" className="area-link card">
                  <span className="area-link-title">{t("student.studentHome.contactLog")}</span>
                  <span className="area-link-summary">{t("student.studentHome.everyoneYouVeTalked")}</span>
                </Link>
              </li>
            </ul>
          </section>
          <Outcomes requestId={null} />
        </>
      )}
    </div>
  );
}
