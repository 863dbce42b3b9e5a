import { t } from "../../../i18n";
import { EmptyState } from "../../../ui/StateMessages";

/** Shown in place of a report's numbers when the server withholds its total (fewer students than the minimum group). */
export function SuppressedTotal({ minimum }: { minimum: number }) {
  return (
    <EmptyState title={t("advisor.reports.totalSuppressedTitle")}>
      <p>{t("advisor.reports.totalSuppressed", { minimum })}</p>
    </EmptyState>
  );
}
