import { useApolloClient, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import "../admin.css";
import { downloadText } from "../../../lib/download";
import { describeError } from "../../../lib/errors";
import type { AuditLogFilter } from "../../../graphql/types.generated";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { InputField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { AuditLogCsvDocument, AuditLogDocument } from "../graphql/AuditLog.generated";
import { formatTimestamp } from "../../../lib/time";
import { t } from "../../../i18n";

const PAGE_SIZE = 50;

interface Filters {
  person: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { person: "", actor: "", action: "", from: "", to: "" };

/** The form's values as the API's filter: blanks left out, days as the start of the day (to: the day after). */
function toFilter(f: Filters): AuditLogFilter {
  const day = (value: string, plus = 0) => new Date(new Date(`${value}T00:00:00`).getTime() + plus * 86_400_000).toISOString();
  return {
    person: f.person.trim() || null,
    actor: f.actor.trim() || null,
    action: f.action.trim() || null,
    from: f.from ? day(f.from) : null,
    to: f.to ? day(f.to, 1) : null,
  };
}

/** Readable before/after of a settings-like change: "meetingMinutes: 30 → 45". */
function changes(before: string | null, after: string | null): string {
  const b = before ? (JSON.parse(before) as Record<string, unknown>) : {};
  const a = after ? (JSON.parse(after) as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));
  return keys.map((k) => (k in b && k in a ? `${k}: ${show(b[k])} → ${show(a[k])}` : `${k}: ${show(k in a ? a[k] : b[k])}`)).join("; ");
}

/** Who did what in the institution, and who opened which student's records, newest first; filterable, downloadable as CSV. */
export function AuditLogPage() {
  const client = useApolloClient();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const filter = toFilter(applied);
  const { data, loading, error, refetch, fetchMore } = useQuery(AuditLogDocument, {
    variables: { filter, first: PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const [status, say] = useAnnouncer();
  const [exporting, setExporting] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function apply(event: FormEvent) {
    event.preventDefault();
    setApplied(draft);
  }

  async function exportCsv() {
    setExporting(true);
    try {
      const result = await client.query({ query: AuditLogCsvDocument, variables: { filter }, fetchPolicy: "network-only" });
      if (!result.data) return;
      downloadText(`infoview-audit-log-${new Date().toISOString().slice(0, 10)}.csv`, result.data.auditLogCsv, "text/csv");
      say(t("admin.auditLog.theCSVFile"));
    } catch (e) {
      say(describeError(e).message, "error");
    } finally {
      setExporting(false);
    }
  }

  async function more(after: string) {
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after },
        updateQuery: (previous, { fetchMoreResult }) =>
          fetchMoreResult
            ? { auditLog: { ...fetchMoreResult.auditLog, edges: [...previous.auditLog.edges, ...fetchMoreResult.auditLog.edges] } }
            : previous,
      });
    } finally {
      setLoadingMore(false);
    }
  }

  const log = data?.auditLog;
  return (
    <div className="page">
      <PageHeading title={t("admin.auditLog.auditLog")}>{t("admin.auditLog.auditLog")}</PageHeading>
      <p className="lede">{t("admin.auditLog.everyChangeTo")}</p>
      <form className="audit-filters" onSubmit={apply} aria-label={t("admin.auditLog.filterTheAudit")}>
        <TextField
          label={t("admin.auditLog.person")}
          description={t("admin.auditLog.membershipIdOr")}
          value={draft.person}
          onChange={set("person")}
        />
        <TextField
          label={t("admin.auditLog.doneBy")}
          description={t("admin.auditLog.membershipIdAPI")}
          value={draft.actor}
          onChange={set("actor")}
        />
        <TextField
          label={t("admin.auditLog.action")}
          description={t("admin.auditLog.eGMembership")}
          value={draft.action}
          onChange={set("action")}
        />
        <InputField label={t("admin.auditLog.from")} type="date" value={draft.from} onChange={set("from")} />
        <InputField label={t("admin.auditLog.to")} type="date" value={draft.to} onChange={set("to")} />
        <div className="audit-filter-actions">
          <Button type="submit">{t("admin.auditLog.applyFilters")}</Button>
          <Button variant="secondary" onPress={() => void exportCsv()} busyLabel={exporting ? t("admin.auditLog.preparingTheFile") : null}>
            {t("admin.auditLog.downloadCSV")}
          </Button>
        </div>
      </form>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {error && !data ? (
        <ErrorState error={error} title={t("admin.auditLog.weCouldnT")} onRetry={() => void refetch()} />
      ) : !log ? (
        loading && <Loading label={t("admin.auditLog.loadingTheAudit")} />
      ) : log.edges.length === 0 ? (
        <EmptyState title={t("admin.auditLog.noEntries")}>
          <p>{t("admin.auditLog.nothingRecordedMatches")}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap" role="region" aria-label={t("admin.auditLog.auditLogEntries")} tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("admin.auditLog.when")}</th>
                  <th scope="col">{t("admin.auditLog.action")}</th>
                  <th scope="col">{t("admin.auditLog.doneBy")}</th>
                  <th scope="col">{t("admin.auditLog.about")}</th>
                  <th scope="col">{t("admin.auditLog.target")}</th>
                  <th scope="col">{t("admin.auditLog.change")}</th>
                  <th scope="col">{t("admin.auditLog.request")}</th>
                </tr>
              </thead>
              <tbody>
                {log.edges.map(({ node: e }) => (
                  <tr key={e.id}>
                    <td>{formatTimestamp(e.occurredAt)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>{e.actorName ?? e.actorKind}</td>
                    <td>{e.subjectName ?? "—"}</td>
                    <td>
                      {e.targetType}
                      {e.targetId && <code className="break"> {e.targetId}</code>}
                    </td>
                    <td className="break">{changes(e.before, e.after) || "—"}</td>
                    <td>
                      {e.requestId && <code className="break">{e.requestId}</code>}
                      {e.ip && <> {t("admin.auditLog.fromIp", { ip: e.ip })}</>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {log.pageInfo.hasNextPage && log.pageInfo.endCursor && (
            <Button
              variant="secondary"
              onPress={() => void more(log.pageInfo.endCursor!)}
              busyLabel={loadingMore ? t("admin.auditLog.loading") : null}
            >
              {t("admin.auditLog.showOlderEntries")}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
