import { registerEnglish, t } from "../../../i18n";
import english from "../../../i18n/en/lifecycle.json";
import { EmptyState } from "../../../ui/StateMessages";

// The life-cycle words (branch lifecycle) arrive with this code, like each area's own.
registerEnglish(english);

/** Shown in place of a report's numbers when the server withholds its total (fewer students than the minimum group). */
export function SuppressedTotal({ minimum }: { minimum: number }) {
  return (
    <EmptyState title={t("lifecycle.reports.totalSuppressedTitle")}>
      <p>{t("lifecycle.reports.totalSuppressed", { minimum })}</p>
    </EmptyState>
  );
}
