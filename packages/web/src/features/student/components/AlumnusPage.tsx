import { useQuery } from "@apollo/client/react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { PageHeading } from "../../../ui/PageHeading";
import { LoadError, Loading } from "../../../ui/QueryState";
import { AlumnusProfileDocument } from "../graphql/AlumnusProfile.generated";
import { useTaxonomy } from "../hooks/useTaxonomy";
import { MODALITY_LABELS } from "../../../lib/labels";
import { t } from "../../../i18n";

/** One alum: their work, what they're glad to talk about, and the way to ask them for a conversation. */
export function AlumnusPage() {
  const { alumnusId = "" } = useParams();
  const referral = useSearchParams()[0].get("referral");
  const { data, loading, error, refetch } = useQuery(AlumnusProfileDocument, { variables: { membershipId: alumnusId } });
  const { nameOf } = useTaxonomy();
  const a = data?.alumnusProfile;

  if (!a) {
    const notFound = error && describeError(error).code === "NOT_FOUND";
    return (
      <div className="page">
        <PageHeading title={notFound ? t("student.alumnus.alumNotFound") : t("student.alumnus.alum")}>
          {notFound ? t("student.alumnus.thisAlumIsnT") : t("student.alumnus.alum")}
        </PageHeading>
        {loading && <Loading label={t("student.alumnus.loadingTheirProfile")} />}
        {notFound && (
          <p className="lede">
            {t("student.alumnus.mayHaveLeft")} <Link to="/student/alumni">{t("student.alumnus.findOtherAlumni")}</Link>
          </p>
        )}
        {error && !notFound && <LoadError error={error} retry={() => void refetch()} what={t("student.what.thisProfile")} />}
      </div>
    );
  }

  const work = [a.title, a.employer].filter(Boolean).join(" at ");
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/student/alumni">{t("student.alumnus.findAlumni")}</Link> / {a.displayName}
      </p>
      <PageHeading title={a.displayName}>{a.displayName}</PageHeading>
      {work && <p className="lede">{work}</p>}
      <section className="card" aria-labelledby="about-heading">
        <h2 id="about-heading">{t("student.alumnus.about")}</h2>
        <p className="prewrap">{a.bio || t("student.alumnus.theyHavenTWritten")}</p>
        <dl className="details">
          {a.location && (
            <div>
              <dt>{t("student.alumnus.where")}</dt>
              <dd>{a.location}</dd>
            </div>
          )}
          {(a.major || a.classYear) && (
            <div>
              <dt>{t("student.alumnus.studied")}</dt>
              <dd>{[a.major, a.classYear ? `class of ${a.classYear}` : null].filter(Boolean).join(", ")}</dd>
            </div>
          )}
          {a.industry && (
            <div>
              <dt>{t("student.alumnus.industry")}</dt>
              <dd>{nameOf("industry", a.industry)}</dd>
            </div>
          )}
          {a.fields.length > 0 && (
            <div>
              <dt>{t("student.alumnus.fields")}</dt>
              <dd>{a.fields.map((f) => nameOf("field", f)).join(", ")}</dd>
            </div>
          )}
          <div>
            <dt>{t("student.alumnus.meetsBy")}</dt>
            <dd>{a.modalities.map((m) => MODALITY_LABELS[m]).join(", ") || t("student.alumnus.notSaidYet")}</dd>
          </div>
          <div>
            <dt>{t("student.alumnus.timeZone")}</dt>
            <dd>{a.timeZone.replace(/_/g, " ")}</dd>
          </div>
        </dl>
      </section>
      {a.topics.length > 0 && (
        <section className="card" aria-labelledby="topics-heading">
          <h2 id="topics-heading">{t("student.alumnus.gladToTalkAbout")}</h2>
          <ul className="tags">
            {a.topics.map((t) => (
              <li key={t} className="tag">
                {t}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card callout" aria-labelledby="ask-heading">
        <h2 id="ask-heading">{t("student.alumnus.askForAConversation")}</h2>
        {a.paused ? (
          <p>{t("student.alumnus.paused", { name: a.displayName })}</p>
        ) : (
          <>
            <p>{t("student.alumnus.aShortConversationAbout")}</p>
            <p>
              <Link
                to={`/student/alumni/${a.membershipId}/request${referral ? `?referral=${referral}` : ""}`}
                className="button button-primary"
              >
                {t("student.alumnus.writeTo", { name: a.displayName })}
              </Link>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
