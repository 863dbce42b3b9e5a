import { useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import "../admin.css";
import "../consent-records-messages";
import type { ConsentKind, ConsentRecordStatus } from "../../../graphql/types.generated";
import { formatNumber, formatTimestamp } from "../../../lib/time";
import { t, type MessageId } from "../../../i18n";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { Select } from "../../../ui/Select";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { ConsentRecordsDocument, ConsentVersionCountsDocument } from "../graphql/ConsentRecords.generated";
import { CONSENT_KIND_LABELS } from "./ConsentTextsPage";

const PAGE_SIZE = 100;
const KINDS = Object.keys(CONSENT_KIND_LABELS) as ConsentKind[];
const STATUS_LABELS: Record<ConsentRecordStatus, MessageId> = {
  ACTIVE: "admin.consentRecords.status.ACTIVE",
  WITHDRAWN: "admin.consentRecords.status.WITHDRAWN",
  ALL: "admin.consentRecords.status.ALL",
};
const STATUSES = Object.keys(STATUS_LABELS) as ConsentRecordStatus[];

interface Filters {
  kind: ConsentKind;
  status: ConsentRecordStatus;
  /** "" for every version. */
  version: string;
}

/**
 * Who agreed to which consent text, at which version and since when; who withdrew: the institution's records for its
 * registrar and privacy office (the same answers as the consentRecords and consentVersionCounts queries).
 */
export function ConsentRecordsPage() {
  const [draft, setDraft] = useState<Filters>({ kind: "ALUMNUS_LISTED", status: "ACTIVE", version: "" });
  const [applied, setApplied] = useState(draft);
  const counts = useQuery(ConsentVersionCountsDocument, { variables: { kind: applied.kind }, fetchPolicy: "cache-and-network" });
  const records = useQuery(ConsentRecordsDocument, {
    variables: {
      kind: applied.kind,
      status: applied.status,
      version: applied.version ? Number(applied.version) : null,
      first: PAGE_SIZE,
    },
    fetchPolicy: "cache-and-network",
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const versions = (counts.data?.consentVersionCounts ?? []).map((c) => c.version);

  function apply(event: FormEvent) {
    event.preventDefault();
    setApplied(draft);
  }

  async function more(after: string) {
    setLoadingMore(true);
    try {
      await records.fetchMore({
        variables: { after },
        updateQuery: (previous, { fetchMoreResult }) =>
          fetchMoreResult
            ? {
                consentRecords: {
                  ...fetchMoreResult.consentRecords,
                  edges: [...previous.consentRecords.edges, ...fetchMoreResult.consentRecords.edges],
                },
              }
            : previous,
      });
    } finally {
      setLoadingMore(false);
    }
  }

  const page = records.data?.consentRecords;
  const kindLabel = CONSENT_KIND_LABELS[applied.kind];
  return (
    <div className="page">
      <PageHeading title={t("admin.consentRecords.title")}>{t("admin.consentRecords.title")}</PageHeading>
      <p className="lede">{t("admin.consentRecords.intro")}</p>
      <form className="audit-filters consent-filters" onSubmit={apply} aria-label={t("admin.consentRecords.filters")}>
        <Select
          label={t("admin.consentRecords.kind")}
          options={KINDS.map((kind) => ({ id: kind, name: CONSENT_KIND_LABELS[kind] }))}
          value={draft.kind}
          onChange={(kind) => kind && setDraft({ ...draft, kind: kind as ConsentKind, version: "" })}
        />
        <Select
          label={t("admin.consentRecords.status")}
          options={STATUSES.map((status) => ({ id: status, name: t(STATUS_LABELS[status]) }))}
          value={draft.status}
          onChange={(status) => status && setDraft({ ...draft, status: status as ConsentRecordStatus })}
        />
        <Select
          label={t("admin.consentRecords.version")}
          options={[
            { id: "all", name: t("admin.consentRecords.everyVersion") },
            ...(draft.kind === applied.kind ? versions : []).map((v) => ({
              id: String(v),
              name: t("admin.consentRecords.versionN", { version: v }),
            })),
          ]}
          value={draft.version || "all"}
          onChange={(version) => setDraft({ ...draft, version: !version || version === "all" ? "" : version })}
        />
        <div className="audit-filter-actions">
          <Button type="submit">{t("admin.consentRecords.show")}</Button>
        </div>
      </form>

      <section aria-labelledby="consent-counts">
        <h2 id="consent-counts">{t("admin.consentRecords.countsTitle", { kind: kindLabel })}</h2>
        {counts.error && !counts.data ? (
          <ErrorState error={counts.error} title={t("admin.consentRecords.countsFailed")} onRetry={() => void counts.refetch()} />
        ) : !counts.data ? (
          counts.loading && <Loading label={t("admin.consentRecords.loading")} />
        ) : counts.data.consentVersionCounts.length === 0 ? (
          <p>{t("admin.consentRecords.noText")}</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="consent-counts" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("admin.consentRecords.version")}</th>
                  <th scope="col">{t("admin.consentRecords.held")}</th>
                  <th scope="col">{t("admin.consentRecords.inForce")}</th>
                  <th scope="col">{t("admin.consentRecords.replaced")}</th>
                  <th scope="col">{t("admin.consentRecords.withdrawn")}</th>
                </tr>
              </thead>
              <tbody>
                {counts.data.consentVersionCounts.map((c) => (
                  <tr key={c.version}>
                    <th scope="row">{t("admin.consentRecords.versionN", { version: c.version })}</th>
                    <td>{formatNumber(c.active)}</td>
                    <td>{formatNumber(c.inForce)}</td>
                    <td>{formatNumber(c.replaced)}</td>
                    <td>{formatNumber(c.withdrawn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="consent-people">
        <h2 id="consent-people">{t("admin.consentRecords.peopleTitle", { kind: kindLabel })}</h2>
        {records.error && !records.data ? (
          <ErrorState error={records.error} title={t("admin.consentRecords.recordsFailed")} onRetry={() => void records.refetch()} />
        ) : !page ? (
          records.loading && <Loading label={t("admin.consentRecords.loading")} />
        ) : page.edges.length === 0 ? (
          <EmptyState title={t("admin.consentRecords.noRecords")}>
            <p>{t("admin.consentRecords.noRecordsMatch")}</p>
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap" role="region" aria-labelledby="consent-people" tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("admin.consentRecords.person")}</th>
                    <th scope="col">{t("admin.consentRecords.externalId")}</th>
                    <th scope="col">{t("admin.consentRecords.version")}</th>
                    <th scope="col">{t("admin.consentRecords.givenAt")}</th>
                    <th scope="col">{t("admin.consentRecords.state")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.edges.map(({ node: r }) => (
                    <tr key={r.id}>
                      <th scope="row">{r.displayName}</th>
                      <td>{r.externalId ?? "—"}</td>
                      <td>{t("admin.consentRecords.versionN", { version: r.version })}</td>
                      <td>{formatTimestamp(r.givenAt)}</td>
                      <td>
                        {r.withdrawnAt
                          ? t(r.withdrawalReason === "REPLACED" ? "admin.consentRecords.replacedOn" : "admin.consentRecords.withdrawnOn", {
                              date: formatTimestamp(r.withdrawnAt),
                            })
                          : r.inForce
                            ? t("admin.consentRecords.inForceNow")
                            : t("admin.consentRecords.pausedNow")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
              <Button
                variant="secondary"
                onPress={() => void more(page.pageInfo.endCursor!)}
                busyLabel={loadingMore ? t("admin.consentRecords.loading") : null}
              >
                {t("admin.consentRecords.showMore")}
              </Button>
            )}
          </>
        )}
      </section>
    </div>
  );
}
