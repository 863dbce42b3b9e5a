import type { StudentSummary } from "../../../graphql/types.generated";
import { dateLocale } from "../../../lib/time";
import { t } from "../../../i18n";

type Summary = Pick<StudentSummary, "major" | "classYear" | "fields">;

/**
 * The student's major, class year and fields, as their consent to share with alumni says: a line of tags on an inbox
 * card. Nothing when the student's profile is not shared with this alum (the server then sends null).
 */
export function StudentFactTags({ summary }: { summary: Summary | null | undefined }) {
  const facts = factsOf(summary);
  if (facts.length === 0) return null;
  return (
    <ul className="tags student-facts" aria-label={t("alumnus.student.aboutThem")}>
      {facts.map((fact, index) => (
        <li key={index} className="tag">
          {fact}
        </li>
      ))}
    </ul>
  );
}

/** The same facts as rows of the request page's details list. */
export function StudentFactRows({ summary }: { summary: Summary | null | undefined }) {
  if (!summary) return null;
  return (
    <>
      {summary.major && (
        <div>
          <dt>{t("alumnus.student.major")}</dt>
          <dd>{summary.major}</dd>
        </div>
      )}
      {summary.classYear !== null && (
        <div>
          <dt>{t("alumnus.student.classYear")}</dt>
          <dd>{summary.classYear}</dd>
        </div>
      )}
      {summary.fields.length > 0 && (
        <div>
          <dt>{t("alumnus.student.fields")}</dt>
          <dd>{new Intl.ListFormat(dateLocale(), { type: "conjunction" }).format(summary.fields)}</dd>
        </div>
      )}
    </>
  );
}

function factsOf(summary: Summary | null | undefined): string[] {
  if (!summary) return [];
  return [
    summary.major ?? null,
    summary.classYear !== null ? t("alumnus.student.classOf", { year: String(summary.classYear) }) : null,
    ...summary.fields,
  ].filter((fact): fact is string => Boolean(fact));
}
