import type { ReactNode } from "react";
import { Loading } from "../../../ui/Loading";
import { ErrorState } from "../../../ui/StateMessages";
import { isNotAvailableYet } from "./contract";

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
            <p className="state-title">Reports are not available yet</p>
            <p>This Infoview server doesn't produce this report yet. It will appear here once your institution's server is updated.</p>
          </div>
        ) : (
          <ErrorState error={error} title={`We couldn't load ${title.toLowerCase()}`} onRetry={onRetry} />
        )
      ) : loading ? (
        <Loading label={`Loading ${title.toLowerCase()}…`} />
      ) : (
        children
      )}
    </section>
  );
}

export const percent = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
