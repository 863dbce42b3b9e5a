import { t } from "../../../i18n";
import { AlumniCard, type AlumniResultRow } from "./AlumniCard";

export type { AlumniResultRow } from "./AlumniCard";
export type { MatchReasonView } from "../lib/match-reason-words";

/** The alumni found, as a grid of compact cards (one column on a phone, three or more on a wide screen). */
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
    <ul className="alumni-results alumni-grid" aria-label={t("student.alumniResults.alumniFound")}>
      {rows.map((row) => (
        <AlumniCard key={row.alumnus.membershipId} row={row} nameOf={nameOf} referralId={referralId} />
      ))}
    </ul>
  );
}
