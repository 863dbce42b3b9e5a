import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AdvisorRequestTrendQuery, Report_MetricsFragment as ReportMetrics } from "../graphql/Reports.generated";
import { formatShortDate } from "../../../lib/time";
import { t } from "../../../i18n";

type TrendPoint = AdvisorRequestTrendQuery["requestTrend"][number];

/*
 * Charts are drawn with recharts, loaded only with this file (the advisor dashboard imports it lazily).
 * Each chart has a table with the same numbers next to it, so nothing depends on seeing the picture.
 */

const COLORS = { requested: "#1f5bd1", accepted: "#0f5f5a", completed: "#7a4b00", thanked: "#8a2c6b" };
const STEP_NAMES = {
  requested: "advisor.funnel.requested",
  accepted: "advisor.funnel.accepted",
  completed: "advisor.funnel.completed",
  thanked: "advisor.funnel.thanked",
} as const;
const reduceMotion = () => typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;

export function FunnelChart({ metrics }: { metrics: ReportMetrics }) {
  const data = [
    { step: t("advisor.funnel.requested"), count: metrics.requested },
    { step: t("advisor.funnel.accepted"), count: metrics.accepted },
    { step: t("advisor.funnel.completed"), count: metrics.completed },
    { step: t("advisor.funnel.thanked"), count: metrics.thanked },
  ];
  return (
    <figure className="chart" aria-label={t("advisor.charts.funnelRequestedAccepted")}>
      <div aria-hidden="true" inert className="chart-canvas">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="step" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name="Requests" fill={COLORS.accepted} isAnimationActive={!reduceMotion()} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="visually-hidden">{data.map((d) => `${d.step}: ${d.count}`).join(", ")}</figcaption>
    </figure>
  );
}

export function TrendChart({ points }: { points: TrendPoint[] }) {
  const data = points.map((p) => ({
    ...p,
    label: formatShortDate(p.periodStart, "UTC"),
  }));
  return (
    <figure className="chart" aria-label={t("advisor.charts.trendOfRequests")}>
      <div aria-hidden="true" inert className="chart-canvas">
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {(Object.keys(COLORS) as Array<keyof typeof COLORS>).map((key) => (
              <Line
                key={key}
                type="monotone"
                dataKey={key}
                name={t(STEP_NAMES[key])}
                stroke={COLORS[key]}
                strokeWidth={2}
                isAnimationActive={!reduceMotion()}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="visually-hidden">{t("advisor.charts.theTableBelow")}</figcaption>
    </figure>
  );
}
