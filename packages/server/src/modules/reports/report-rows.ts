/** Report rows as the API shows them, from the columns of the report SQL (c_… current period, p_… previous). */
import type { ReportMetrics, ReportRow } from "./reports.types";

/** The metrics, in the order of every CSV export. */
export const METRIC_KEYS: Array<keyof ReportMetrics> = [
  "requested",
  "accepted",
  "declined",
  "expired",
  "completed",
  "noShows",
  "thanked",
  "acceptanceRate",
  "medianHoursToAnswer",
  "completionRate",
  "noShowRate",
  "thankYouRate",
  "medianDaysToThankYou",
  "ruleOneFlags",
  "outcomes",
  "withAccommodations",
];

export type Row = Record<string, unknown>;
export const num = (value: unknown): number => (value == null ? 0 : Number(value));
const numOrNull = (value: unknown): number | null => (value == null ? null : Number(value));
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
export const round = (value: number | null): number | null => (value == null ? null : Math.round(value * 10_000) / 10_000);

/** One period's metrics from the columns with this prefix (c_ or p_) of a report row; zeros for a missing row. */
export function metricsOf(row: Row | undefined, prefix: string): ReportMetrics {
  const get = (name: string) => row?.[prefix + name];
  const requested = num(get("requested"));
  const accepted = num(get("accepted"));
  const completed = num(get("completed"));
  const noShows = num(get("no_shows"));
  const thanked = num(get("thanked"));
  return {
    requested,
    accepted,
    declined: num(get("declined")),
    expired: num(get("expired")),
    completed,
    noShows,
    thanked,
    acceptanceRate: ratio(accepted, requested),
    medianHoursToAnswer: numOrNull(get("median_hours")),
    completionRate: ratio(completed, accepted),
    noShowRate: ratio(noShows, completed + noShows),
    thankYouRate: ratio(thanked, completed),
    medianDaysToThankYou: numOrNull(get("median_thank_days")),
    ruleOneFlags: num(get("rule_one")),
    outcomes: num(get("outcomes")),
    withAccommodations: num(get("accommodations")),
  };
}

export function rowOf(row: Row | undefined, fallbackLabel: string): ReportRow {
  return {
    key: (row?.key as string | null | undefined) ?? null,
    label: (row?.label as string | undefined) ?? fallbackLabel,
    students: num(row?.c_students),
    current: metricsOf(row, "c_"),
    previous: metricsOf(row, "p_"),
    currentSuppressed: false,
    previousSuppressed: false,
  };
}

/** The row with a withheld period's numbers (and, for the current period, its student count) set to null. */
export function withheld(row: ReportRow, currentHidden: boolean, previousHidden: boolean): ReportRow {
  return {
    ...row,
    students: currentHidden ? null : row.students,
    current: currentHidden ? null : row.current,
    previous: previousHidden ? null : row.previous,
    currentSuppressed: currentHidden,
    previousSuppressed: previousHidden,
  };
}
