import type { ReactNode } from "react";
import { Loading } from "../../../ui/Loading";
import { ErrorState } from "../../../ui/StateMessages";
import { isNotAvailableYet } from "./contract";
import { t } from "../../../i18n";
import { formatPercent } from "../../../lib/time";

/** A dashboard section's states: loading, not available on this server yet, failed, or the content. */
export function ReportSection({
  id,
  title,
  loading,
  error,
  onRetry,
  children,
}: {
  id: string;
  title: string;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {error ? (
        isNotAvailableYet(error) ? (
          <div className="state state-empty">
            <p className="state-title">{t("advisor.reportSection.reportsAreNot")}</p>
            <p>{t("advisor.reportSection.thisInfoviewServer")}</p>
          </div>
        ) : (
          <ErrorState error={error} title={t("advisor.reportSection.couldNotLoad", { title: title.toLowerCase() })} onRetry={onRetry} />
        )
      ) : loading ? (
        <Loading label={t("advisor.reportSection.loading", { title: title.toLowerCase() })} />
      ) : (
        children
      )}
    </section>
  );
}

/** A rate as a percentage in the reader's language ("45%", "45 %"). */
export const percent = (rate: number | null | undefined): string => (rate === null || rate === undefined ? "—" : formatPercent(rate));
