import type { AccommodationNeed } from "../../graphql/types.generated";

/** What one person says they need for one conversation, as the forms hold it (ADR 0025, 0031). */
export interface AccommodationChoice {
  needs: AccommodationNeed[];
  /** With OTHER: their own words. */
  other: string;
  /** The student only: let the career center's advisors see it. */
  share: boolean;
}

export const NO_ACCOMMODATIONS: AccommodationChoice = { needs: [], other: "", share: false };

/** Needs someone must be booked for (an interpreter, a captioner): they take the institution's lead time. */
export const NEEDS_WITH_LEAD_TIME: AccommodationNeed[] = ["CAPTIONS", "SIGN_LANGUAGE_INTERPRETER"];

/** What is sent: OTHER only with words (an empty OTHER is dropped rather than refused after the request went out). */
export function toInput(requestId: string, side: "STUDENT" | "ALUMNUS", choice: AccommodationChoice) {
  const other = choice.other.trim();
  const needs = choice.needs.filter((n) => n !== "OTHER" || other);
  return {
    requestId,
    needs,
    other: needs.includes("OTHER") ? other : null,
    shareWithAdvisors: side === "STUDENT" && needs.length > 0 && choice.share,
  };
}
