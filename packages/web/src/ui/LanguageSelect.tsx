import { useId } from "react";
import { isLocale, LOCALE_NAMES, LOCALES, t, useLocale, type Locale } from "../i18n";

/**
 * The language menu in the header. Each language is named in itself ("Español"), so a reader who does not understand the
 * current one still finds theirs. onChosen lets a signed-in page save the choice on the person as well as on this device.
 */
export function LanguageSelect({ onChosen }: { onChosen?: (locale: Locale) => void }) {
  const { locale, setLocale } = useLocale();
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id} className="language-label">
        {t("app.language.label")}
      </label>
      <select
        id={id}
        className="field-input language-input"
        value={locale}
        onChange={(event) => {
          const chosen = event.target.value;
          if (!isLocale(chosen)) return;
          onChosen?.(chosen);
          void setLocale(chosen);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
