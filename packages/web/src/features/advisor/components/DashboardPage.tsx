import { useQuery } from "@apollo/client/react";
import { lazy, Suspense, useState } from "react";
import { Link } from "react-router-dom";
import { Loading } from "../../../ui/Loading";
import { SelectField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState } from "../../../ui/StateMessages";
import { useMembershipId } from "../../../lib/auth/viewer";
import {
  AdvisorNeedsActionDocument as NeedsActionDocument,
  AdvisorRequestReportDocument as RequestReportDocument,
  AdvisorRequestTrendDocument as RequestTrendDocument,
  type AdvisorNeedsActionQuery,
  type Report_MetricsFragment as ReportMetrics,
} from "../graphql/Reports.generated";

type NeedsAction = AdvisorNeedsActionQuery["needsAction"];
import { percent, ReportSection } from "../reports/ReportSection";
import { formatShortDate } from "../../../lib/time";
import { SuppressedTotal } from "../reports/SuppressedTotal";

// recharts is loaded only here, in the advisor's chunk, and only once there is something to draw.
const FunnelChart = lazy(() => import("../reports/Charts").then((m) => ({ default: m.FunnelChart })));
const TrendChart = lazy(() => import("../reports/Charts").then((m) => ({ default: m.TrendChart })));

const dateOf = (iso: string) => formatShortDate(iso, "UTC");

/** The advisor's overview: the funnel, the trend, and the lists that need action, for their caseload or everyone. */
export function DashboardPage() {
  const ownId = useMembershipId("ADVISOR");
  const [scope, setScope] = useState<"mine" | "all">("all");
  const advisorMembershipId = scope === "mine" ? ownId : null;
  const report = useQuery(RequestReportDocument, { variables: { period: "MONTH", groupBy: "NONE", advisorMembershipId } });
  const trend = useQuery(RequestTrendDocument, { variables: { period: "MONTH", count: 6, advisorMembershipId } });
  const actions = useQuery(NeedsActionDocument, { variables: { inactiveDays: 21, expiringWithinHours: 48, advisorMembershipId } });

  return (
    <div className="page">
      <PageHeading title="Advising dashboard">Advising dashboard</PageHeading>
      <div className="toolbar">
        <SelectField
          label="Students"
          value={scope}
          onChange={(value) => setScope(value as "mine" | "all")}
          options={[
            { value: "all", label: "Everyone at the institution" },
            { value: "mine", label: "My caseload" },
          ]}
        />
      </div>

      <ReportSection
        id="funnel-heading"
        title="This month's funnel"
        loading={report.loading}
        error={report.error}
        onRetry={() => void report.refetch()}
      >
        {report.data?.requestReport.total ? (
          <Funnel current={report.data.requestReport.total.current} previous={report.data.requestReport.total.previous} />
        ) : (
          report.data && <SuppressedTotal minimum={report.data.requestReport.minimumGroupSize} />
        )}
      </ReportSection>

      <ReportSection
        id="trend-heading"
        title="Trend over six months"
        loading={trend.loading}
        error={trend.error}
        onRetry={() => void trend.refetch()}
      >
        {trend.data &&
          (trend.data.requestTrend.every((p) => p.requested === 0) ? (
            <EmptyState title="No requests in the last six months" />
          ) : (
            <>
              <Suspense fallback={<Loading label="Drawing the chart…" />}>
                <TrendChart points={trend.data.requestTrend} />
              </Suspense>
              <div className="table-wrap" role="region" aria-label="Trend as a table" tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Month from</th>
                      <th scope="col">Requested</th>
                      <th scope="col">Accepted</th>
                      <th scope="col">Completed</th>
                      <th scope="col">Thanked</th>
                    </tr>
                  </thead>
                  <tbody>
                    {trend.data.requestTrend.map((p) => (
                      <tr key={p.periodStart}>
                        <th scope="row">{dateOf(p.periodStart)}</th>
                        <td>{p.requested}</td>
                        <td>{p.accepted}</td>
                        <td>{p.completed}</td>
                        <td>{p.thanked}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ))}
      </ReportSection>

      <ReportSection
        id="actions-heading"
        title="Needs your attention"
        loading={actions.loading}
        error={actions.error}
        onRetry={() => void actions.refetch()}
      >
        {actions.data && <ActionLists lists={actions.data.needsAction} />}
      </ReportSection>
    </div>
  );
}

function Funnel({ current, previous }: { current: ReportMetrics; previous: ReportMetrics }) {
  if (current.requested === 0 && previous.requested === 0) return <EmptyState title="No requests this month or last" />;
  const rows: Array<[string, number, number, string]> = [
    ["Requested", current.requested, previous.requested, ""],
    ["Accepted", current.accepted, previous.accepted, percent(current.acceptanceRate)],
    ["Completed", current.completed, previous.completed, percent(current.completionRate)],
    ["Thanked", current.thanked, previous.thanked, percent(current.thankYouRate)],
  ];
  return (
    <>
      <Suspense fallback={<Loading label="Drawing the chart…" />}>
        <FunnelChart metrics={current} />
      </Suspense>
      <div className="table-wrap" role="region" aria-label="Funnel as a table" tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">This month</th>
              <th scope="col">Last month</th>
              <th scope="col">Rate</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([step, now, before, rate]) => (
              <tr key={step}>
                <th scope="row">{step}</th>
                <td>{now}</td>
                <td>{before}</td>
                <td>{rate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ActionLists({ lists }: { lists: NeedsAction }) {
  const groups = [
    {
      title: "Students with no activity for 3 weeks",
      items: lists.inactiveStudents.map((s) => ({
        key: s.studentMembershipId,
        text: <Link to={`/advisor/students/${s.studentMembershipId}`}>{s.studentName}</Link>,
        detail: `${s.daysInactive} days without activity`,
      })),
    },
    {
      title: "Thank-yous overdue",
      items: lists.overdueThankYous.map((t) => ({
        key: t.requestId,
        text: <Link to={`/advisor/students/${t.studentMembershipId}`}>{t.studentName}</Link>,
        detail: `to ${t.alumnusName}, ${t.daysOverdue} days overdue`,
      })),
    },
    {
      title: "Requests expiring within 48 hours",
      items: lists.expiringRequests.map((r) => ({
        key: r.requestId,
        text: <Link to={`/advisor/students/${r.studentMembershipId}`}>{r.studentName}</Link>,
        detail: `to ${r.alumnusName}, ${Math.max(0, Math.round(r.hoursLeft))} hours left`,
      })),
    },
    {
      title: "Alumni asked more than they can take",
      items: lists.overloadedAlumni.map((a) => ({
        key: a.alumnusMembershipId,
        text: a.alumnusName,
        detail: `${a.openRequests} open, capacity ${a.monthlyCapacity} a month`,
      })),
    },
    {
      title: "Alumni leaving requests unanswered",
      items: lists.unresponsiveAlumni.map((a) => ({
        key: a.alumnusMembershipId,
        text: a.alumnusName,
        detail: `${a.waitingOver3Days} waiting over 3 days, ${a.expiredLast90Days} expired lately`,
      })),
    },
  ];
  return (
    <div className="action-groups">
      {groups.map((group) => (
        <div key={group.title}>
          <h3>
            {group.title} ({group.items.length})
          </h3>
          {group.items.length === 0 ? (
            <p className="fine-print">Nothing here. Good news.</p>
          ) : (
            <ul className="plain-list">
              {group.items.map((item) => (
                <li key={item.key}>
                  {item.text} <span className="fine-print">· {item.detail}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
