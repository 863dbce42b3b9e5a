/** CSV files of the reports (docs/reports.md): the same numbers as the API, one row per group, point or item. */
import { badInput } from "../../graphql/errors";
import { toCsv, type CsvValue } from "../../shared/csv";
import { METRIC_KEYS, round } from "./report-rows";
import { ReportKind } from "./reports.enums";
import type {
  ExpiringRequest,
  InactiveStudent,
  NeedsAction,
  OutcomeCount,
  OverdueThankYou,
  OverloadedAlumnus,
  ReportRow,
  RequestReport,
  TrendPoint,
  UnresponsiveAlumnus,
} from "./reports.types";

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The requests report: the total first, then each group, with both periods' metrics. */
export function requestsCsv(report: RequestReport): string {
  const header = ["key", "label", "students", "period_start", "period_end", "previous_start"];
  for (const when of ["current", "previous"]) header.push(...METRIC_KEYS.map((k) => `${when}_${snake(k)}`));
  const line = (row: ReportRow): CsvValue[] => [
    row.key,
    row.label,
    row.students,
    report.periodStart.toISOString(),
    report.periodEnd.toISOString(),
    report.previousStart.toISOString(),
    ...METRIC_KEYS.map((k) => (row.current ? round(row.current[k]) : null)),
    ...METRIC_KEYS.map((k) => (row.previous ? round(row.previous[k]) : null)),
  ];
  // A suppressed total keeps its line, empty, so the reader knows it is withheld rather than missing.
  const total: CsvValue[] = report.total
    ? line({ ...report.total, label: "Total" })
    : [
        null,
        "Total (suppressed)",
        null,
        report.periodStart.toISOString(),
        report.periodEnd.toISOString(),
        report.previousStart.toISOString(),
      ];
  return toCsv(header, [total, ...report.rows.map(line)]);
}

export function trendCsv(points: TrendPoint[]): string {
  return toCsv(
    ["period_start", "requested", "accepted", "completed", "thanked", "suppressed"],
    points.map((p) => [new Date(p.periodStart).toISOString(), p.requested, p.accepted, p.completed, p.thanked, p.suppressed]),
  );
}

export function outcomesCsv(counts: OutcomeCount[]): string {
  return toCsv(
    ["kind", "current", "previous", "suppressed"],
    counts.map((c) => [c.kind, c.current, c.previous, c.suppressed]),
  );
}

/** One of the needs-action lists. */
export function listCsv(report: ReportKind, lists: NeedsAction): string {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  switch (report) {
    case ReportKind.INACTIVE_STUDENTS:
      return toCsv(
        ["student_membership_id", "student_name", "last_activity_at", "days_inactive", "requests_sent"],
        lists.inactiveStudents.map((s: InactiveStudent) => [
          s.studentMembershipId,
          s.studentName,
          iso(s.lastActivityAt),
          s.daysInactive,
          s.requestsSent,
        ]),
      );
    case ReportKind.OVERDUE_THANK_YOUS:
      return toCsv(
        [
          "request_id",
          "student_membership_id",
          "student_name",
          "alumnus_membership_id",
          "alumnus_name",
          "completed_at",
          "thank_you_due_at",
          "days_overdue",
        ],
        lists.overdueThankYous.map((t: OverdueThankYou) => [
          t.requestId,
          t.studentMembershipId,
          t.studentName,
          t.alumnusMembershipId,
          t.alumnusName,
          iso(t.completedAt),
          iso(t.thankYouDueAt),
          t.daysOverdue,
        ]),
      );
    case ReportKind.OVERLOADED_ALUMNI:
      return toCsv(
        ["alumnus_membership_id", "alumnus_name", "monthly_capacity", "open_requests", "received_last_30_days"],
        lists.overloadedAlumni.map((a: OverloadedAlumnus) => [
          a.alumnusMembershipId,
          a.alumnusName,
          a.monthlyCapacity,
          a.openRequests,
          a.receivedLast30Days,
        ]),
      );
    case ReportKind.UNRESPONSIVE_ALUMNI:
      return toCsv(
        ["alumnus_membership_id", "alumnus_name", "waiting_over_3_days", "expired_last_90_days", "last_answered_at"],
        lists.unresponsiveAlumni.map((a: UnresponsiveAlumnus) => [
          a.alumnusMembershipId,
          a.alumnusName,
          a.waitingOver3Days,
          a.expiredLast90Days,
          iso(a.lastAnsweredAt),
        ]),
      );
    case ReportKind.EXPIRING_REQUESTS:
      return toCsv(
        [
          "request_id",
          "student_membership_id",
          "student_name",
          "alumnus_membership_id",
          "alumnus_name",
          "sent_at",
          "expires_at",
          "hours_left",
        ],
        lists.expiringRequests.map((r: ExpiringRequest) => [
          r.requestId,
          r.studentMembershipId,
          r.studentName,
          r.alumnusMembershipId,
          r.alumnusName,
          iso(r.sentAt),
          iso(r.expiresAt),
          round(r.hoursLeft),
        ]),
      );
    default:
      throw badInput([{ field: "report", message: "Choose a report." }]);
  }
}
