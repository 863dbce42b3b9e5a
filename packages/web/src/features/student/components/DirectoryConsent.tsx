import { registerEnglish, t } from "../../../i18n";
import english from "../../../i18n/en/lifecycle.json";
import { Checkbox } from "../../../ui/Checkbox";

// The life-cycle words (branch lifecycle) arrive with this code, like each area's own.
registerEnglish(english);

/**
 * For a student under a FERPA directory block: the explicit consent, given with this request, to share their name and
 * profile with this one alum (the server answers DIRECTORY_CONSENT_REQUIRED without it; ADR 0023).
 */
export function DirectoryConsent({
  alumName,
  checked,
  onChange,
}: {
  alumName: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <div className="directory-consent" role="group" aria-label={t("lifecycle.directoryConsent.title")}>
      <p>{t("lifecycle.directoryConsent.explain")}</p>
      <Checkbox isSelected={checked} onChange={onChange}>
        {t("lifecycle.directoryConsent.label", { name: alumName })}
      </Checkbox>
    </div>
  );
}
