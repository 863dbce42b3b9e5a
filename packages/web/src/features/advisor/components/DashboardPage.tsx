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
import { t } from "../../../i18n";
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
      <PageHeading title={t("advisor.dashboard.advisingDashboard")}>{t("advisor.dashboard.advisingDashboard")}</PageHeading>
      <div className="toolbar">
        <SelectField
          label={t("advisor.dashboard.students")}
          value={scope}
          onChange={(value) => setScope(value as "mine" | "all")}
          options={[
            { value: "all", label: t("advisor.dashboard.everyone") },
            { value: "mine", label: t("advisor.scope.mine") },
          ]}
        />
      </div>

      <ReportSection
        id="funnel-heading"
        title={t("advisor.dashboard.thisMonthS")}
        loading={report.loading}
        error={report.error}
        onRetry={() => void report.refetch()}
      >
        {report.data?.requestReport.total ? (
          <Funnel
            current={report.data.requestReport.total.current ?? null}
            previous={report.data.requestReport.total.previous ?? null}
            minimum={report.data.requestReport.minimumGroupSize}
          />
        ) : (
          report.data && <SuppressedTotal minimum={report.data.requestReport.minimumGroupSize} />
        )}
      </ReportSection>

      <ReportSection
        id="trend-heading"
        title={t("advisor.dashboard.trendOverSix")}
        loading={trend.loading}
        error={trend.error}
        onRetry={() => void trend.refetch()}
      >
        {trend.data &&
          (trend.data.requestTrend.every((p) => p.requested === 0) ? (
            <EmptyState title={t("advisor.dashboard.noRequestsIn")} />
          ) : (
            <>
              <Suspense fallback={<Loading label={t("advisor.dashboard.drawingTheChart")} />}>
                <TrendChart points={trend.data.requestTrend} />
              </Suspense>
              <div className="table-wrap" role="region" aria-label={t("advisor.dashboard.trendAsA")} tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("advisor.dashboard.monthFrom")}</th>
                      <th scope="col">{t("advisor.dashboard.requested")}</th>
                      <th scope="col">{t("advisor.dashboard.accepted")}</th>
                      <th scope="col">{t("advisor.dashboard.completed")}</th>
                      <th scope="col">{t("advisor.dashboard.thanked")}</th>
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
        title={t("advisor.dashboard.needsYourAttention")}
        loading={actions.loading}
        error={actions.error}
        onRetry={() => void actions.refetch()}
      >
        {actions.data && <ActionLists lists={actions.data.needsAction} />}
      </ReportSection>
    </div>
  );
}

/** A period the server withholds (too few students behind it) is null: its column shows a dash, with a line saying why. */
function Funnel({ current, previous, minimum }: { current: ReportMetrics | null; previous: ReportMetrics | null; minimum: number }) {
  if (current?.requested === 0 && previous?.requested === 0) return <EmptyState title={t("advisor.dashboard.noRequestsThis")} />;
  const dash = "—";
  const rate = (value: number | null | undefined) => (current ? percent(value ?? null) : dash);
  const rows: Array<[string, number | string, number | string, string]> = [
    [t("advisor.funnel.requested"), current?.requested ?? dash, previous?.requested ?? dash, ""],
    [t("advisor.funnel.accepted"), current?.accepted ?? dash, previous?.accepted ?? dash, rate(current?.acceptanceRate)],
    [t("advisor.funnel.completed"), current?.completed ?? dash, previous?.completed ?? dash, rate(current?.completionRate)],
    [t("advisor.funnel.thanked"), current?.thanked ?? dash, previous?.thanked ?? dash, rate(current?.thankYouRate)],
  ];
  return (
    <>
      {current ? (
        <Suspense fallback={<Loading label={t("advisor.dashboard.drawingTheChart")} />}>
          <FunnelChart metrics={current} />
        </Suspense>
      ) : (
        <p className="fine-print">{t("advisor.dashboard.thisMonthWithheld", { minimum })}</p>
      )}
      {current && !previous && <p className="fine-print">{t("advisor.dashboard.lastMonthWithheld", { minimum })}</p>}
      <div className="table-wrap" role="region" aria-label={t("advisor.dashboard.funnelAsA")} tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("advisor.dashboard.step")}</th>
              <th scope="col">{t("advisor.dashboard.thisMonth")}</th>
              <th scope="col">{t("advisor.dashboard.lastMonth")}</th>
              <th scope="col">{t("advisor.dashboard.rate")}</th>
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
      title: t("advisor.dashboard.inactiveTitle"),
      items: lists.inactiveStudents.map((s) => ({
        key: s.studentMembershipId,
        text: <Link to={`/advisor/students/${s.studentMembershipId}`}>{s.studentName}</Link>,
        detail:
          s.lastActivityAt === null
            ? t("advisor.dashboard.neverStartedDetail", { days: s.daysInactive })
            : t("advisor.dashboard.inactiveDetail", { days: s.daysInactive }),
      })),
    },
    {
      title: t("advisor.dashboard.overdueTitle"),
      items: lists.overdueThankYous.map((o) => ({
        key: o.requestId,
        text: <Link to={`/advisor/students/${o.studentMembershipId}`}>{o.studentName}</Link>,
        detail: t("advisor.dashboard.overdueDetail", { alum: o.alumnusName, days: o.daysOverdue }),
      })),
    },
    {
      title: t("advisor.dashboard.expiringTitle"),
      items: lists.expiringRequests.map((r) => ({
        key: r.requestId,
        text: <Link to={`/advisor/students/${r.studentMembershipId}`}>{r.studentName}</Link>,
        detail: t("advisor.dashboard.expiringDetail", { alum: r.alumnusName, hours: Math.max(0, Math.round(r.hoursLeft)) }),
      })),
    },
    {
      title: t("advisor.dashboard.overloadedTitle"),
      items: lists.overloadedAlumni.map((a) => ({
        key: a.alumnusMembershipId,
        text: a.alumnusName,
        detail: t("advisor.dashboard.overloadedDetail", { open: a.openRequests, capacity: a.monthlyCapacity }),
      })),
    },
    {
      title: t("advisor.dashboard.unansweredTitle"),
      items: lists.unresponsiveAlumni.map((a) => ({
        key: a.alumnusMembershipId,
        text: a.alumnusName,
        detail: t("advisor.dashboard.unansweredDetail", { waiting: a.waitingOver3Days, expired: a.expiredLast90Days }),
      })),
    },
  ];
  return (
    <div className="action-groups">
      {groups.map((group) => (
        <div key={group.title}>
          <h3>{t("advisor.dashboard.groupTitle", { title: group.title, count: group.items.length })}</h3>
          {group.items.length === 0 ? (
            <p className="fine-print">{t("advisor.dashboard.nothingHereGood")}</p>
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
