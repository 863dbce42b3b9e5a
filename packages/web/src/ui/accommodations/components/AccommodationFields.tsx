import "../accommodations-messages";
import { useQuery } from "@apollo/client/react";
import type { AccommodationNeed } from "../../../graphql/types.generated";
import { t, type MessageId } from "../../../i18n";
import { formatDate, formatDateTime } from "../../../lib/time";
import { CheckboxField, TextAreaField } from "../../NativeFields";
import { AccommodationLeadDaysDocument } from "../graphql/AccommodationLeadDays.generated";
import { NEEDS_WITH_LEAD_TIME, type AccommodationChoice } from "../types";

const DAY = 86_400_000;

export const NEEDS: AccommodationNeed[] = [
  "CAPTIONS",
  "SIGN_LANGUAGE_INTERPRETER",
  "STEP_FREE_VENUE",
  "MATERIALS_IN_ADVANCE",
  "EXTRA_TIME",
  "OTHER",
];

const NEED_LABELS: Record<AccommodationNeed, MessageId> = {
  CAPTIONS: "accommodations.need.CAPTIONS",
  SIGN_LANGUAGE_INTERPRETER: "accommodations.need.SIGN_LANGUAGE_INTERPRETER",
  STEP_FREE_VENUE: "accommodations.need.STEP_FREE_VENUE",
  MATERIALS_IN_ADVANCE: "accommodations.need.MATERIALS_IN_ADVANCE",
  EXTRA_TIME: "accommodations.need.EXTRA_TIME",
  OTHER: "accommodations.need.OTHER",
};

export const needLabel = (need: AccommodationNeed): string => t(NEED_LABELS[need]);

export interface AccommodationFieldsProps {
  value: AccommodationChoice;
  onChange: (value: AccommodationChoice) => void;
  /** Whose needs these are: a student may share theirs with advisors; an alum's are never shown to them. */
  side: "STUDENT" | "ALUMNUS";
  /** The other participant, who will see them. */
  otherName: string;
  /** The start times in question (ISO): those sooner than the lead time are pointed out, and the later ones offered. */
  times: string[];
  /** Renders the section's heading with this id (the composer's section is labelled by it). */
  headingId?: string;
}

/** What a person needs for the conversation — asked what, never why — with the lead time for interpreters and captioners. */
export function AccommodationFields({ value, onChange, side, otherName, times, headingId }: AccommodationFieldsProps) {
  const lead = useQuery(AccommodationLeadDaysDocument);
  const leadDays = lead.data?.accommodationLeadDays ?? null;
  const bookedAhead = value.needs.some((n) => NEEDS_WITH_LEAD_TIME.includes(n));
  const notBefore = leadDays === null ? null : Date.now() + leadDays * DAY;
  const sorted = [...times].sort();
  const soon = bookedAhead && notBefore !== null && sorted.some((iso) => Date.parse(iso) < notBefore);
  const later = notBefore === null ? [] : sorted.filter((iso) => Date.parse(iso) >= notBefore);
  const notBeforeIso = notBefore === null ? "" : new Date(notBefore).toISOString();
  const otherMissing = value.needs.includes("OTHER") && !value.other.trim();

  return (
    <div className="accommodation-fields">
      {headingId && <h2 id={headingId}>{t("accommodations.heading")}</h2>}
      <p className="field-description">{t("accommodations.intro")}</p>
      <fieldset className="fieldset">
        <legend className="field-label">{t("accommodations.needs.label")}</legend>
        <p className="field-description">
          {side === "STUDENT"
            ? t("accommodations.seenByStudentSide", { name: otherName })
            : t("accommodations.seenByAlumSide", { name: otherName })}
        </p>
        {NEEDS.map((n) => (
          <CheckboxField
            key={n}
            label={needLabel(n)}
            checked={value.needs.includes(n)}
            onChange={(on) => onChange({ ...value, needs: on ? [...value.needs, n] : value.needs.filter((x) => x !== n) })}
          />
        ))}
      </fieldset>
      {value.needs.includes("OTHER") && (
        <TextAreaField
          label={t("accommodations.other.label")}
          value={value.other}
          onChange={(other) => onChange({ ...value, other })}
          errorMessage={otherMissing ? t("accommodations.other.required") : undefined}
          maxLength={500}
          rows={3}
          isRequired
        />
      )}
      {side === "STUDENT" && value.needs.length > 0 && (
        <CheckboxField label={t("accommodations.share")} checked={value.share} onChange={(share) => onChange({ ...value, share })} />
      )}
      {soon && leadDays !== null && (
        <div className="notice" role="status">
          <p>{t("accommodations.leadTime", { days: leadDays, date: formatDate(notBeforeIso) })}</p>
          {later.length > 0 ? (
            <>
              <p>{t("accommodations.laterTimes")}</p>
              <ul>
                {later.map((iso) => (
                  <li key={iso}>{formatDateTime(iso)}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t("accommodations.noLaterTimes", { date: formatDate(notBeforeIso) })}</p>
          )}
        </div>
      )}
    </div>
  );
}
