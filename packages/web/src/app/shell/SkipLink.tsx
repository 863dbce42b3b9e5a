import { t } from "../../i18n";
/** The first thing a keyboard user reaches: straight to the page's content. */
export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      {t("app.skipLink")}
    </a>
  );
}
