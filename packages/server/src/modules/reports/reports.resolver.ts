import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import { ReportGroupBy, ReportKind, ReportPeriod } from "./reports.enums";
import { NeedsAction, OutcomeCount, RequestReport, TimelineEntry, TrendPoint } from "./reports.types";
import { CurrentViewer } from "../../graphql/current-viewer";
import { unauthenticated } from "../../graphql/errors";
import type { ReportReader } from "./reports.policy";

/** The person, or the API key (whose `reports:read` scope @Access has checked), reading a report. */
function readerOf(context: Context): ReportReader {
  if (context.apiKey) return { apiKeyId: context.apiKey.keyId, institutionId: context.apiKey.institutionId };
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}

const ADVISOR_ARG = {
  nullable: true,
  description: "Only the caseload of this advisor (membership id); everyone when omitted. NOT_FOUND for anyone who is not an advisor here.",
} as const;
const DATE_ARG = { nullable: true, description: "Any moment in the period to report on; now when omitted." } as const;

@Resolver()
export class ReportsResolver {
  @Access("ADVISOR", "ADMIN", { scopes: ["reports:read"] })
  @Query(() => RequestReport, {
    description:
      "The request funnel of one period (requests sent in it, and how far they got), compared with the period before, in total and broken down by groupBy. For advisors and API keys with reports:read, the total and breakdown rows of fewer than minimumGroupSize students are suppressed, with complementary suppression so no suppressed row can be derived from the total and the other rows (ADR 0023); admins see everything. `rows` is empty with groupBy NONE.",
  })
  requestReport(
    @Arg("period", () => ReportPeriod, { defaultValue: ReportPeriod.MONTH }) period: ReportPeriod,
    @Arg("date", () => Date, DATE_ARG) date: Date | null,
    @Arg("groupBy", () => ReportGroupBy, { defaultValue: ReportGroupBy.NONE }) groupBy: ReportGroupBy,
    @Arg("advisorMembershipId", () => ID, ADVISOR_ARG) advisorMembershipId: string | null,
    @Arg("first", () => Int, {
      nullable: true,
      description: `At most this many breakdown rows, the largest first, 1 to ${PAGE_SIZES.requestReport.max}; every row when omitted. rowCount says how many there are.`,
    })
    first: number | null,
    @Ctx() context: Context,
  ): Promise<RequestReport> {
    return context.services.reports.requestReport(readerOf(context), { period, date, groupBy, advisorMembershipId, first });
  }

  @Access("ADVISOR", "ADMIN", { scopes: ["reports:read"] })
  @Query(() => [TrendPoint], {
    description: "The last `count` periods up to the current one, oldest first: requests sent in each and how far they got.",
  })
  requestTrend(
    @Arg("period", () => ReportPeriod, { defaultValue: ReportPeriod.WEEK }) period: ReportPeriod,
    @Arg("count", () => Int, { defaultValue: 12, description: "1 to 104." }) count: number,
    @Arg("advisorMembershipId", () => ID, ADVISOR_ARG) advisorMembershipId: string | null,
    @Arg("date", () => Date, { nullable: true, description: "Any moment in the last period of the chart; now when omitted." })
    date: Date | null,
    @Ctx() context: Context,
  ): Promise<TrendPoint[]> {
    return context.services.reports.requestTrend(readerOf(context), { period, count, advisorMembershipId, date });
  }

  @Access("ADVISOR", "ADMIN", { scopes: ["reports:read"] })
  @Query(() => NeedsAction, {
    description:
      "Students inactive for inactiveDays, overdue thank-yous, overloaded and unresponsive alumni, and requests expiring within expiringWithinHours; each list holds at most `first` items. The alumni lists are institution-wide; the others follow advisorMembershipId.",
  })
  needsAction(
    @Arg("inactiveDays", () => Int, { defaultValue: 21, description: "1 to 3650." }) inactiveDays: number,
    @Arg("expiringWithinHours", () => Int, { defaultValue: 48, description: "1 to 1440." }) expiringWithinHours: number,
    @Arg("advisorMembershipId", () => ID, ADVISOR_ARG) advisorMembershipId: string | null,
    @Arg("first", () => Int, {
      defaultValue: PAGE_SIZES.needsAction.default,
      description: `Items per list, 1 to ${PAGE_SIZES.needsAction.max}.`,
    })
    first: number,
    @Ctx() context: Context,
  ): Promise<NeedsAction> {
    return context.services.reports.needsAction(readerOf(context), { inactiveDays, expiringWithinHours, advisorMembershipId, first });
  }

  @Access("ADVISOR", "ADMIN", { scopes: ["reports:read"] })
  @Query(() => [OutcomeCount], { description: "Outcomes students recorded in the period and the one before, one entry per kind." })
  outcomeReport(
    @Arg("period", () => ReportPeriod, { defaultValue: ReportPeriod.MONTH }) period: ReportPeriod,
    @Arg("date", () => Date, DATE_ARG) date: Date | null,
    @Arg("advisorMembershipId", () => ID, ADVISOR_ARG) advisorMembershipId: string | null,
    @Ctx() context: Context,
  ): Promise<OutcomeCount[]> {
    return context.services.reports.outcomeReport(readerOf(context), { period, date, advisorMembershipId });
  }

  @Access("ADVISOR", "ADMIN", { scopes: ["reports:read"] })
  @Query(() => String, {
    description:
      "Any report or needs-action list as CSV (RFC 4180, CRLF line ends, a header row; cells starting with = + - @ get a leading '). Lists hold up to 10,000 rows; the same suppression applies as on screen.",
  })
  reportCsv(
    @Arg("report", () => ReportKind) report: ReportKind,
    @Arg("period", () => ReportPeriod, { nullable: true }) period: ReportPeriod | null,
    @Arg("date", () => Date, DATE_ARG) date: Date | null,
    @Arg("groupBy", () => ReportGroupBy, { nullable: true }) groupBy: ReportGroupBy | null,
    @Arg("advisorMembershipId", () => ID, ADVISOR_ARG) advisorMembershipId: string | null,
    @Arg("inactiveDays", () => Int, { nullable: true }) inactiveDays: number | null,
    @Arg("expiringWithinHours", () => Int, { nullable: true }) expiringWithinHours: number | null,
    @Arg("count", () => Int, { nullable: true, description: "Periods of the TREND report." }) count: number | null,
    @Ctx() context: Context,
  ): Promise<string> {
    return context.services.reports.reportCsv(readerOf(context), {
      report,
      period,
      date,
      groupBy,
      advisorMembershipId,
      inactiveDays,
      expiringWithinHours,
      count,
    });
  }

  @Access("ADVISOR", "ADMIN")
  @Query(() => [TimelineEntry], {
    description:
      "A student's requests, their changes, thank-yous, shared notes and outcomes in date order — only while the student shares their activity with advisors (ACTIVITY_NOT_SHARED otherwise). Notes appear only when the student shared them.",
  })
  studentTimeline(
    @Arg("studentMembershipId", () => ID) studentMembershipId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<TimelineEntry[]> {
    return services.reports.studentTimeline(viewer, studentMembershipId);
  }
}
