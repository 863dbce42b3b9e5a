import { gql, type TypedDocumentNode } from "@apollo/client";
import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";

/*
 * The reports API as agreed with the server branch that builds it. It is not in schema.graphql yet,
 * so codegen cannot type these operations: the types below are written by hand from the contract.
 * When reports land, move the documents to a .graphql file, run `npm run codegen`, and delete this.
 */

export type ReportPeriod = "WEEK" | "MONTH" | "TERM";
export type ReportGroupBy = "NONE" | "CAREER_FIELD" | "CLASS_YEAR" | "ALUMNUS" | "ADVISOR";
export type ReportKind =
  | "REQUESTS"
  | "TREND"
  | "OUTCOMES"
  | "INACTIVE_STUDENTS"
  | "OVERDUE_THANK_YOUS"
  | "OVERLOADED_ALUMNI"
  | "UNRESPONSIVE_ALUMNI"
  | "EXPIRING_REQUESTS";

export interface ReportMetrics {
  requested: number;
  accepted: number;
  declined: number;
  expired: number;
  completed: number;
  noShows: number;
  thanked: number;
  acceptanceRate: number | null;
  medianHoursToAnswer: number | null;
  completionRate: number | null;
  noShowRate: number | null;
  thankYouRate: number | null;
  medianDaysToThankYou: number | null;
  ruleOneFlags: number;
  outcomes: number;
}

export interface ReportRow {
  key: string | null;
  label: string;
  students: number;
  current: ReportMetrics;
  previous: ReportMetrics;
}

export interface RequestReport {
  periodStart: string;
  periodEnd: string;
  previousStart: string;
  previousEnd: string;
  total: ReportRow;
  rows: ReportRow[];
  suppressedGroups: number;
  minimumGroupSize: number;
}

export interface TrendPoint {
  periodStart: string;
  requested: number;
  accepted: number;
  completed: number;
  thanked: number;
}

export interface NeedsAction {
  inactiveStudents: Array<{
    studentMembershipId: string;
    studentName: string;
    lastActivityAt: string | null;
    daysInactive: number;
    requestsSent: number;
  }>;
  overdueThankYous: Array<{
    requestId: string;
    studentMembershipId: string;
    studentName: string;
    alumnusName: string;
    thankYouDueAt: string;
    daysOverdue: number;
  }>;
  overloadedAlumni: Array<{
    alumnusMembershipId: string;
    alumnusName: string;
    monthlyCapacity: number;
    openRequests: number;
    receivedLast30Days: number;
  }>;
  unresponsiveAlumni: Array<{
    alumnusMembershipId: string;
    alumnusName: string;
    waitingOver3Days: number;
    expiredLast90Days: number;
    lastAnsweredAt: string | null;
  }>;
  expiringRequests: Array<{
    requestId: string;
    studentMembershipId: string;
    studentName: string;
    alumnusName: string;
    expiresAt: string;
    hoursLeft: number;
  }>;
}

export type TimelineEntryKind = "REQUEST_SENT" | "REQUEST_EVENT" | "THANK_YOU_SENT" | "NOTE_SHARED" | "OUTCOME";

export interface TimelineEntry {
  at: string;
  kind: TimelineEntryKind;
  requestId: string | null;
  alumnusName: string | null;
  state: string | null;
  outcomeKind: string | null;
  detail: string | null;
}

const METRICS = `requested accepted declined expired completed noShows thanked acceptanceRate medianHoursToAnswer completionRate noShowRate thankYouRate medianDaysToThankYou ruleOneFlags outcomes`;
const ROW = `key label students current { ${METRICS} } previous { ${METRICS} }`;

export interface RequestReportVars {
  period: ReportPeriod;
  date?: string | null;
  groupBy: ReportGroupBy;
  advisorMembershipId?: string | null;
}

export const RequestReportDocument: TypedDocumentNode<{ requestReport: RequestReport }, RequestReportVars> = gql`
  query AdvisorRequestReport($period: ReportPeriod!, $date: DateTimeISO, $groupBy: ReportGroupBy!, $advisorMembershipId: ID) {
    requestReport(period: $period, date: $date, groupBy: $groupBy, advisorMembershipId: $advisorMembershipId) {
      periodStart
      periodEnd
      previousStart
      previousEnd
      total { ${ROW} }
      rows { ${ROW} }
      suppressedGroups
      minimumGroupSize
    }
  }
`;

export const RequestTrendDocument: TypedDocumentNode<
  { requestTrend: TrendPoint[] },
  { period: ReportPeriod; count: number; advisorMembershipId?: string | null }
> = gql`
  query AdvisorRequestTrend($period: ReportPeriod!, $count: Int!, $advisorMembershipId: ID) {
    requestTrend(period: $period, count: $count, advisorMembershipId: $advisorMembershipId) {
      periodStart
      requested
      accepted
      completed
      thanked
    }
  }
`;

export const ReportCsvDocument: TypedDocumentNode<
  { reportCsv: string },
  { report: ReportKind; period: ReportPeriod; date?: string | null; groupBy: ReportGroupBy; advisorMembershipId?: string | null }
> = gql`
  query AdvisorReportCsv(
    $report: ReportKind!
    $period: ReportPeriod!
    $date: DateTimeISO
    $groupBy: ReportGroupBy!
    $advisorMembershipId: ID
  ) {
    reportCsv(report: $report, period: $period, date: $date, groupBy: $groupBy, advisorMembershipId: $advisorMembershipId)
  }
`;

export const NeedsActionDocument: TypedDocumentNode<
  { needsAction: NeedsAction },
  { inactiveDays: number; expiringWithinHours: number; advisorMembershipId?: string | null }
> = gql`
  query AdvisorNeedsAction($inactiveDays: Int!, $expiringWithinHours: Int!, $advisorMembershipId: ID) {
    needsAction(inactiveDays: $inactiveDays, expiringWithinHours: $expiringWithinHours, advisorMembershipId: $advisorMembershipId) {
      inactiveStudents {
        studentMembershipId
        studentName
        lastActivityAt
        daysInactive
        requestsSent
      }
      overdueThankYous {
        requestId
        studentMembershipId
        studentName
        alumnusName
        thankYouDueAt
        daysOverdue
      }
      overloadedAlumni {
        alumnusMembershipId
        alumnusName
        monthlyCapacity
        openRequests
        receivedLast30Days
      }
      unresponsiveAlumni {
        alumnusMembershipId
        alumnusName
        waitingOver3Days
        expiredLast90Days
        lastAnsweredAt
      }
      expiringRequests {
        requestId
        studentMembershipId
        studentName
        alumnusName
        expiresAt
        hoursLeft
      }
    }
  }
`;

export const StudentTimelineDocument: TypedDocumentNode<{ studentTimeline: TimelineEntry[] }, { studentMembershipId: string }> = gql`
  query AdvisorStudentTimeline($studentMembershipId: ID!) {
    studentTimeline(studentMembershipId: $studentMembershipId) {
      at
      kind
      requestId
      alumnusName
      state
      outcomeKind
      detail
    }
  }
`;

/**
 * Whether an error says the server does not know an operation yet (it rejects the query as invalid),
 * as opposed to a real failure: then the page says the feature is not available instead of "try again".
 */
export function isNotAvailableYet(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.some(
      (e) => e.extensions?.code === "GRAPHQL_VALIDATION_FAILED" && /Cannot query field|Unknown type|Unknown argument/.test(e.message),
    );
  }
  return ServerError.is(error) && error.statusCode === 400 && /Cannot query field|Unknown type/.test(error.bodyText);
}
