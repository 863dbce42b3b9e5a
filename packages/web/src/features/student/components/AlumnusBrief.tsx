import { useQuery } from "@apollo/client/react";
import { MeetingAlumnusDocument } from "../graphql/MeetingPrep.generated";
import { t } from "../../../i18n";
import "../meeting-prep-messages";

/** Who the student is meeting, to look them up again: role, organisation, fields, bio and the links they added. */
export function AlumnusBrief({ alumnusId, name }: { alumnusId: string; name: string }) {
  const { data, error } = useQuery(MeetingAlumnusDocument, { variables: { membershipId: alumnusId } });
  const alum = data?.alumnusProfile;
  const fieldName = (id: string) => data?.careerFields.find((f) => f.id === id)?.name ?? id;

  return (
    <section className="card" aria-labelledby="alumnus-brief-heading">
      <h2 id="alumnus-brief-heading">{t("meetingPrep.alumnus.heading", { name })}</h2>
      {!alum ? (
        error ? (
          <p>{t("meetingPrep.alumnus.notShown", { name })}</p>
        ) : (
          <p>{t("meetingPrep.alumnus.loading")}</p>
        )
      ) : (
        <>
          <dl className="details">
            {(alum.title || alum.employer) && (
              <div>
                <dt>{t("meetingPrep.alumnus.work")}</dt>
                <dd>
                  {alum.title && alum.employer
                    ? t("meetingPrep.alumnus.titleAt", { title: alum.title, employer: alum.employer })
                    : (alum.title ?? alum.employer)}
                </dd>
              </div>
            )}
            {alum.location && (
              <div>
                <dt>{t("meetingPrep.alumnus.location")}</dt>
                <dd>{alum.location}</dd>
              </div>
            )}
            {alum.fields.length > 0 && (
              <div>
                <dt>{t("meetingPrep.alumnus.fields")}</dt>
                <dd>{alum.fields.map(fieldName).join(", ")}</dd>
              </div>
            )}
          </dl>
          {alum.bio && <p className="prewrap">{alum.bio}</p>}
          {alum.linkedinUrl || alum.websiteUrl ? (
            <ul className="plain-list" aria-label={t("meetingPrep.alumnus.links", { name })}>
              {alum.linkedinUrl && (
                <li>
                  <a href={alum.linkedinUrl} target="_blank" rel="noopener noreferrer">
                    {t("meetingPrep.alumnus.linkedin", { name })}
                  </a>
                </li>
              )}
              {alum.websiteUrl && (
                <li>
                  <a href={alum.websiteUrl} target="_blank" rel="noopener noreferrer">
                    {t("meetingPrep.alumnus.website", { name })}
                  </a>
                </li>
              )}
            </ul>
          ) : (
            <p className="fine-print">{t("meetingPrep.alumnus.noLinks", { name })}</p>
          )}
        </>
      )}
    </section>
  );
}
