import { t } from "../../i18n";
import { EmptyState } from "../../ui/StateMessages";
import "./messages";

/** Shown in place of a report's numbers when the server withholds its total (fewer students than the minimum group). */
export function SuppressedTotal({ minimum }: { minimum: number }) {
  return (
    <EmptyState title={t("lifecycle.reports.totalSuppressedTitle")}>
      <p>{t("lifecycle.reports.totalSuppressed", { minimum })}</p>
    </EmptyState>
  );
}
