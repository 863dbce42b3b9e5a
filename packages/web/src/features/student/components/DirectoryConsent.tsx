import { t } from "../../../i18n";
import { Checkbox } from "../../../ui/Checkbox";

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
    <div className="directory-consent" role="group" aria-label={t("student.directoryConsent.title")}>
      <p>{t("student.directoryConsent.explain")}</p>
      <Checkbox isSelected={checked} onChange={onChange}>
        {t("student.directoryConsent.label", { name: alumName })}
      </Checkbox>
    </div>
  );
}
