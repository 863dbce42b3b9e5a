import { useApolloClient, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { InputField, SelectField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState } from "../../../ui/StateMessages";
import { SuppressedTotal } from "../reports/SuppressedTotal";
import { useMembershipId } from "../../../lib/auth/viewer";
import type { ReportGroupBy, ReportPeriod } from "../../../graphql/types.generated";
import {
  AdvisorReportCsvDocument as ReportCsvDocument,
  AdvisorRequestReportDocument as RequestReportDocument,
  type Report_RowFragment as ReportRow,
} from "../graphql/Reports.generated";
import { isNotAvailableYet } from "../reports/contract";
import { ReportSection } from "../reports/ReportSection";
import { ReportTable } from "../reports/ReportTable";
import { OutcomeReportSection } from "../reports/OutcomeReportSection";
import { formatDate } from "../../../lib/time";
import { t } from "../../../i18n";

const PERIODS = () => [
  { value: "WEEK", label: t("advisor.reports.week") },
  { value: "MONTH", label: t("advisor.reports.month") },
  { value: "TERM", label: t("advisor.reports.term") },
];
const GROUPS = () => [
  { value: "NONE", label: t("advisor.reports.noBreakdown") },
  { value: "CAREER_FIELD", label: t("advisor.reports.careerField") },
  { value: "CLASS_YEAR", label: t("advisor.reports.classYear") },
  { value: "ALUMNUS", label: t("advisor.reports.alum") },
  { value: "ADVISOR", label: t("advisor.reports.advisor") },
];

/** Breakdown rows shown on the page, the largest first. */
const SHOWN_ROWS = 100;

/** The request funnel for a period, broken down, compared with the period before; downloadable as CSV. */
export function ReportsPage() {
  const client = useApolloClient();
  const ownId = useMembershipId("ADVISOR");
  const [period, setPeriod] = useState<ReportPeriod>("MONTH");
  const [groupBy, setGroupBy] = useState<ReportGroupBy>("CAREER_FIELD");
  const [day, setDay] = useState("");
  const [scope, setScope] = useState<"mine" | "all">("all");
  const variables = {
    period,
    groupBy,
    date: day ? new Date(`${day}T12:00:00Z`).toISOString() : null,
    advisorMembershipId: scope === "mine" ? ownId : null,
  };
  // A breakdown by alum has a row per alum asked (thousands at a large school): the page shows the largest, the CSV all.
  const report = useQuery(RequestReportDocument, { variables: { ...variables, first: SHOWN_ROWS } });
  const [status, say] = useAnnouncer();
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      const { data } = await client.query({
        query: ReportCsvDocument,
        variables: { report: "REQUESTS", ...variables },
        fetchPolicy: "network-only",
      });
      if (!data) return;
      const url = URL.createObjectURL(new Blob([data.reportCsv], { type: "text/csv" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `infoview-requests-${period.toLowerCase()}-${groupBy.toLowerCase()}.csv`;
      link.click();
      URL.revokeObjectURL(url);
      say(t("advisor.reports.theCSVFile"));
    } catch (error) {
      const message = isNotAvailableYet(error) ? t("advisor.reports.csvNotAvailable") : describeError(error).message;
      say(message, "error");
    } finally {
      setExporting(false);
    }
  }

  const data = report.data?.requestReport;
  return (
    <div className="page page-wide">
      <PageHeading title={t("advisor.reports.reports")}>{t("advisor.reports.reports")}</PageHeading>
      <form className="toolbar" aria-label={t("advisor.reports.reportOptions")} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t("advisor.reports.period")}
          value={period}
          onChange={(v) => setPeriod(v as ReportPeriod)}
          options={PERIODS()}
        />
        <InputField
          label={t("advisor.reports.includingTheDay")}
          type="date"
          value={day}
          onChange={setDay}
          description={t("advisor.reports.emptyTheCurrent")}
        />
        <SelectField
          label={t("advisor.reports.breakDownBy")}
          value={groupBy}
          onChange={(v) => setGroupBy(v as ReportGroupBy)}
          options={GROUPS()}
        />
        <SelectField
          label={t("advisor.reports.students")}
          value={scope}
          onChange={(v) => setScope(v as "mine" | "all")}
          options={[
            { value: "all", label: t("advisor.reports.everyone") },
            { value: "mine", label: t("advisor.scope.mine") },
          ]}
        />
      </form>
      <ReportSection
        id="report-heading"
        title={t("advisor.reports.requestsReport")}
        loading={report.loading}
        error={report.error}
        onRetry={() => void report.refetch()}
      >
        {data && (
          <>
            <p className="fine-print">
              {t("advisor.reports.periodCompared", { from: formatDate(data.periodStart, "UTC"), to: formatDate(data.periodEnd, "UTC") })}
              {data.rowCount > data.rows.length &&
                " " + t("advisor.reports.largestShown", { shown: data.rows.length, total: data.rowCount })}
              {data.suppressedGroups > 0 &&
                " " + t("advisor.reports.suppressed", { groups: data.suppressedGroups, minimum: data.minimumGroupSize })}
            </p>
            {!data.total ? (
              <SuppressedTotal minimum={data.minimumGroupSize} />
            ) : isEmpty(data.total) ? (
              <EmptyState title={t("advisor.reports.noRequestsIn")} />
            ) : (
              <>
                <ReportTable rows={[...data.rows, { ...data.total, label: t("advisor.reports.allStudents") }]} />
                {[data.total, ...data.rows].some((r) => r.currentSuppressed || r.previousSuppressed) && (
                  <p className="fine-print">{t("advisor.reports.periodWithheld", { minimum: data.minimumGroupSize })}</p>
                )}
              </>
            )}
            <div className="actions">
              <Button
                variant="secondary"
                onPress={() => void exportCsv()}
                busyLabel={exporting ? t("advisor.reports.preparingTheFile") : null}
              >
                {t("advisor.reports.downloadAsCSV")}
              </Button>
            </div>
            <Alert tone={status?.tone} announcementKey={status?.n}>
              {status?.message}
            </Alert>
          </>
        )}
      </ReportSection>
      <OutcomeReportSection period={period} date={variables.date} advisorMembershipId={variables.advisorMembershipId} />
    </div>
  );
}

/** No requests in either period, and nothing withheld that could hide some. */
function isEmpty(total: ReportRow): boolean {
  return !total.currentSuppressed && !total.previousSuppressed && total.current?.requested === 0 && total.previous?.requested === 0;
}
