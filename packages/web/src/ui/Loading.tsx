import { t } from "../i18n";
/** A quiet loading message; it appears after a short delay (in CSS) so fast loads don't flash. */
export function Loading({ label = t("ui.loading.loading") }: { label?: string }) {
  return (
    <div role="status" className="loading">
      <span className="loading-spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
