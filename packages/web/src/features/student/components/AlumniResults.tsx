import { Link } from "react-router-dom";
import type { AlumniResults_AlumnusProfileFragment } from "../graphql/AlumniResults_AlumnusProfile.generated";
import { MODALITY_LABELS } from "../../../lib/labels";
import { t } from "../../../i18n";

export interface MatchReasonView {
  kind: string;
  text: string;
}

/** One row: the alum, and (once matching is in) why they fit and whether they are suggested. */
export interface AlumniResultRow {
  alumnus: AlumniResults_AlumnusProfileFragment;
  reasons?: MatchReasonView[];
  suggested?: boolean;
  suggestion?: { note: string | null; suggestedByName: string } | null;
  openSlotsNext14Days?: number;
}

/** The list of alumni found, each with a link to their page. */
export function AlumniResults({
  rows,
  nameOf,
  referralId,
}: {
  rows: AlumniResultRow[];
  nameOf: (kind: "field" | "industry", id: string) => string;
  /** Carried to the alum's page when the student is following up a suggested name. */
  referralId?: string | null;
}) {
  return (
    <ul className="alumni-results" aria-label={t("student.alumniResults.alumniFound")}>
      {rows.map(({ alumnus: a, reasons, suggested, suggestion, openSlotsNext14Days }) => {
        const work = [a.title, a.employer].filter(Boolean).join(" at ");
        return (
          <li key={a.membershipId} className="card alumni-result">
            <h3 className="alumni-result-name">
              <Link to={`/student/alumni/${a.membershipId}${referralId ? `?referral=${referralId}` : ""}`}>{a.displayName}</Link>
              {suggested && <span className="tag tag-accent">{t("student.alumniResults.suggestedForYou")}</span>}
              {a.paused && <span className="tag">{t("student.alumniResults.takingABreak")}</span>}
            </h3>
            {work && <p className="alumni-result-work">{work}</p>}
            <p className="alumni-result-meta">
              {[
                a.location,
                a.classYear ? t("student.results.classOf", { year: String(a.classYear) }) : null,
                a.industry ? nameOf("industry", a.industry) : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
            {a.fields.length > 0 && (
              <ul className="tags" aria-label={t("student.results.fieldsOf", { name: a.displayName })}>
                {a.fields.map((f) => (
                  <li key={f} className="tag">
                    {nameOf("field", f)}
                  </li>
                ))}
              </ul>
            )}
            {suggestion && (
              <p className="suggestion-note">
                {t("student.results.suggestedBy", { name: suggestion.suggestedByName, note: suggestion.note || "none" })}
              </p>
            )}
            {reasons && reasons.length > 0 && (
              <div className="match-reasons">
                <p className="match-reasons-title">{t("student.alumniResults.whyTheyFit")}</p>
                <ul>
                  {reasons.map((r) => (
                    <li key={`${r.kind}:${r.text}`}>{r.text}</li>
                  ))}
                </ul>
              </div>
            )}
            <p className="alumni-result-meta">
              {t("student.results.meetsBy", {
                ways: a.modalities.map((m) => MODALITY_LABELS[m].toLowerCase()).join(", ") || t("student.alumniResults.arrangement"),
              })}
              {openSlotsNext14Days !== undefined && ` · ${t("student.results.openTimes", { count: openSlotsNext14Days })}`}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
