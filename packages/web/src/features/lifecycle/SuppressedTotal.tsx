import { useIntl } from "react-intl";
import { EmptyState } from "../../ui/StateMessages";
import "./messages";

/** Shown in place of a report's numbers when the server withholds its total (fewer students than the minimum group). */
export function SuppressedTotal({ minimum }: { minimum: number }) {
  const intl = useIntl();
  return (
    <EmptyState title={intl.formatMessage({ id: "lifecycle.reports.totalSuppressedTitle" })}>
      <p>{intl.formatMessage({ id: "lifecycle.reports.totalSuppressed" }, { minimum })}</p>
    </EmptyState>
  );
}
