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
import { percent, ReportSection } from "../reports/ReportSection";
import { formatDate } from "../../../lib/time";

const PERIODS = [
  { value: "WEEK", label: "Week" },
  { value: "MONTH", label: "Month" },
  { value: "TERM", label: "Term" },
];
const GROUPS = [
  { value: "NONE", label: "No breakdown" },
  { value: "CAREER_FIELD", label: "Career field" },
  { value: "CLASS_YEAR", label: "Class year" },
  { value: "ALUMNUS", label: "Alum" },
  { value: "ADVISOR", label: "Advisor" },
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
      say("The CSV file is downloading.");
    } catch (error) {
      const message = isNotAvailableYet(error) ? "CSV export is not available yet on this server." : describeError(error).message;
      say(message, "error");
    } finally {
      setExporting(false);
    }
  }

  const data = report.data?.requestReport;
  return (
    <div className="page">
      <PageHeading title="Reports">Reports</PageHeading>
      <form className="toolbar" aria-label="Report options" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Period" value={period} onChange={(v) => setPeriod(v as ReportPeriod)} options={PERIODS} />
        <InputField label="Including the day" type="date" value={day} onChange={setDay} description="Empty: the current period." />
        <SelectField label="Break down by" value={groupBy} onChange={(v) => setGroupBy(v as ReportGroupBy)} options={GROUPS} />
        <SelectField
          label="Students"
          value={scope}
          onChange={(v) => setScope(v as "mine" | "all")}
          options={[
            { value: "all", label: "Everyone" },
            { value: "mine", label: "My caseload" },
          ]}
        />
      </form>
      <ReportSection
        id="report-heading"
        title="Requests report"
        loading={report.loading}
        error={report.error}
        onRetry={() => void report.refetch()}
      >
        {data && (
          <>
            <p className="fine-print">
              {formatDate(data.periodStart, "UTC")} to {formatDate(data.periodEnd, "UTC")}, compared with the period before.
              {data.rowCount > data.rows.length &&
                ` The ${data.rows.length} largest of ${data.rowCount} groups are shown; the CSV file has them all.`}
              {data.suppressedGroups > 0 &&
                ` ${data.suppressedGroups} group${data.suppressedGroups === 1 ? "" : "s"} with fewer than ${data.minimumGroupSize} students are left out to protect privacy.`}
            </p>
            {!data.total ? (
              <SuppressedTotal minimum={data.minimumGroupSize} />
            ) : data.total.current.requested === 0 && data.total.previous.requested === 0 ? (
              <EmptyState title="No requests in this period or the one before" />
            ) : (
              <ReportTable rows={[...data.rows, { ...data.total, label: "All students" }]} />
            )}
            <div className="actions">
              <Button variant="secondary" onPress={() => void exportCsv()} busyLabel={exporting ? "Preparing the file…" : null}>
                Download as CSV
              </Button>
            </div>
            <Alert tone={status?.tone} announcementKey={status?.n}>
              {status?.message}
            </Alert>
          </>
        )}
      </ReportSection>
    </div>
  );
}

function ReportTable({ rows }: { rows: ReportRow[] }) {
  return (
    <div className="table-wrap" role="region" aria-label="Requests report table" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Students</th>
            <th scope="col">Requested (before)</th>
            <th scope="col">Accepted</th>
            <th scope="col">Completed</th>
            <th scope="col">Thanked</th>
            <th scope="col">No-shows</th>
            <th scope="col">Median hours to answer</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key ?? row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.students}</td>
              <td>
                {row.current.requested} ({row.previous.requested})
              </td>
              <td>
                {row.current.accepted} · {percent(row.current.acceptanceRate)}
              </td>
              <td>
                {row.current.completed} · {percent(row.current.completionRate)}
              </td>
              <td>
                {row.current.thanked} · {percent(row.current.thankYouRate)}
              </td>
              <td>{row.current.noShows}</td>
              <td>{row.current.medianHoursToAnswer === null ? "—" : Math.round(row.current.medianHoursToAnswer)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
