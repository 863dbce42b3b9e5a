import { currentIntl, t } from "../../../i18n";
import "../find-alumni-messages";

/** A match reason as the server gives it: its kind, what matched on each side, and the English text as a fallback. */
export interface MatchReasonView {
  kind: string;
  text: string;
  studentTerms?: string[];
  alumnusTerms?: string[];
}

/** Each term in the reader's quotation marks, joined as a list ("“product” and “data”"). */
const quoted = (terms: string[]): string =>
  currentIntl().formatList(
    terms.map((term) => t("findAlumni.quote", { term })),
    { type: "conjunction" },
  );

/** Plain terms joined as a list ("data science and product management"). */
const joined = (terms: string[]): string => currentIntl().formatList(terms, { type: "conjunction" });

/**
 * A reason in the reader's language, quoting what matched in the student's profile and the alum's. Null for what the
 * card already says elsewhere (open times); the server's English text for a kind this client does not know.
 */
export function reasonWords(reason: MatchReasonView, suggestedBy: string | null): string | null {
  const yours = reason.studentTerms ?? [];
  const theirs = reason.alumnusTerms ?? [];
  switch (reason.kind) {
    case "SUGGESTED":
      return suggestedBy ? t("findAlumni.reason.suggested", { name: suggestedBy }) : reason.text;
    case "FIELD":
      return theirs.length ? t("findAlumni.reason.field", { theirs: joined(theirs), count: theirs.length }) : reason.text;
    case "INDUSTRY":
      return theirs.length ? t("findAlumni.reason.industry", { theirs: joined(theirs) }) : reason.text;
    case "KEYWORDS":
      // Only ever said with the pitch's own words that matched.
      return yours.length && theirs.length ? t("findAlumni.reason.keywords", { yours: quoted(yours), theirs: quoted(theirs) }) : null;
    case "MAJOR":
      return theirs.length ? t("findAlumni.reason.major", { theirs: theirs[0] }) : reason.text;
    case "LOCATION":
      return yours.length && theirs.length ? t("findAlumni.reason.location", { theirs: theirs[0], yours: quoted(yours) }) : reason.text;
    case "CLASS_YEAR":
      return yours.length && theirs.length ? t("findAlumni.reason.classYear", { theirs: theirs[0], yours: yours[0] }) : reason.text;
    case "AVAILABILITY":
      return null;
    case "RESPONSIVE":
      return t("findAlumni.reason.responsive");
    case "FIRST_GENERATION":
      return t("findAlumni.reason.firstGeneration");
    default:
      return reason.text;
  }
}

/** Up to two initials for an avatar: the first letters of the first and last words of the name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = Array.from(words[0])[0] ?? "";
  const last = words.length > 1 ? (Array.from(words[words.length - 1])[0] ?? "") : "";
  return (first + last).toLocaleUpperCase();
}
