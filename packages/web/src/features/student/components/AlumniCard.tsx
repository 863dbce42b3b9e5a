import { Link } from "react-router-dom";
import type { AlumniResults_AlumnusProfileFragment } from "../graphql/AlumniResults_AlumnusProfile.generated";
import { MODALITY_LABELS } from "../../../lib/labels";
import { t } from "../../../i18n";
import { initialsOf, reasonWords, type MatchReasonView } from "../lib/match-reason-words";

/** One alum found, and (for matches) why they fit, whether they are suggested, and whether the student wrote to them. */
export interface AlumniResultRow {
  alumnus: AlumniResults_AlumnusProfileFragment;
  reasons?: MatchReasonView[];
  suggested?: boolean;
  suggestion?: { note: string | null; suggestedByName: string } | null;
  openSlotsNext14Days?: number;
  /** The student's open request to this alum, when alumni already written to are shown. */
  openRequestId?: string | null;
}

/** A compact card: initials, name and work; place, year and industry; fields; the reasons, quoting what matched. */
export function AlumniCard({
  row: { alumnus: a, reasons, suggested, suggestion, openSlotsNext14Days, openRequestId },
  nameOf,
  referralId,
}: {
  row: AlumniResultRow;
  nameOf: (kind: "field" | "industry", id: string) => string;
  referralId?: string | null;
}) {
  const work = [a.title, a.employer].filter(Boolean).join(" at ");
  const said = (reasons ?? []).flatMap((r) => {
    const words = reasonWords(r, suggestion?.suggestedByName ?? null);
    return words ? [{ key: `${r.kind}:${r.text}`, words }] : [];
  });
  return (
    <li className="card alumni-result alumni-card">
      <div className="alumni-card-head">
        <span className="avatar" aria-hidden="true">
          {initialsOf(a.displayName)}
        </span>
        <div>
          <h3 className="alumni-result-name">
            <Link to={`/student/alumni/${a.membershipId}${referralId ? `?referral=${referralId}` : ""}`}>{a.displayName}</Link>
          </h3>
          {work && <p className="alumni-result-work">{work}</p>}
        </div>
      </div>
      {(suggested || a.paused || openRequestId) && (
        <p className="tags">
          {suggested && <span className="tag tag-accent">{t("student.alumniResults.suggestedForYou")}</span>}
          {a.paused && <span className="tag">{t("student.alumniResults.takingABreak")}</span>}
          {openRequestId && <span className="tag tag-contacted">{t("findAlumni.youWroteToThem")}</span>}
        </p>
      )}
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
      {said.length > 0 && (
        <div className="match-reasons">
          <p className="match-reasons-title">{t("student.alumniResults.whyTheyFit")}</p>
          <ul>
            {said.map((r) => (
              <li key={r.key}>{r.words}</li>
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
      {openRequestId && (
        <p className="alumni-result-meta">
          <Link to={`/student/conversations/${openRequestId}`}>{t("findAlumni.seeConversation", { name: a.displayName })}</Link>
        </p>
      )}
    </li>
  );
}
