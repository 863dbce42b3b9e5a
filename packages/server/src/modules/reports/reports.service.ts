import type { EntityManager } from "typeorm";
import { runIdempotent } from "../../db/idempotency";
import { personActor, recordAudit } from "../audit";
import { PARALLEL_WORKERS_SQL, tenantTransaction } from "../../db/tenant-transaction";
import { hasRole, type Viewer } from "../../auth/viewer";
import { badInput, forbidden, notFound } from "../../graphql/errors";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import type { ServiceDeps } from "../../service-deps";
import { ConsentKind } from "../consent";
import type { ConsentService } from "../consent";
import { activityNotShared } from "../conversations";
import { isUuid } from "../../shared/cursor-pagination";
import { Outcome } from "./outcome.entity";
import { ReportCache } from "./report-cache";
import { StudentRoster } from "./student-roster";
import { listCsv, outcomesCsv, requestsCsv, trendCsv } from "./report-csv";
import { num, rowOf, withheld, type Row } from "./report-rows";
import { OUTCOME_COUNTS_SQL, periodsSql, requestReportSql, TIMELINE_SQL, trendSql } from "./report-sql";
import { NEEDS_ACTION_DASHBOARD, needsActionLists } from "./needs-action";
import { outcomeNeedsCompletedConversation } from "./reports.errors";
import { OUTCOME_KINDS, ReportGroupBy, ReportKind, ReportPeriod, type OutcomeKind } from "./reports.enums";
import type { RecordOutcomeInput } from "./reports.inputs";
import { isApiKeyReader, MINIMUM_GROUP_SIZE, type ReportReader, seesSmallGroups, suppress, suppressByPeriod } from "./reports.policy";
import type { NeedsAction, OutcomeCount, ReportRow, RequestReport, TimelineEntry, TrendPoint } from "./reports.types";

export interface ReportArgs {
  period?: ReportPeriod | null;
  date?: Date | null;
  groupBy?: ReportGroupBy | null;
  advisorMembershipId?: string | null;
  /** At most this many breakdown rows, the largest first; every row when omitted. */
  first?: number | null;
}
export interface TrendArgs {
  period?: ReportPeriod | null;
  date?: Date | null;
  count?: number | null;
  advisorMembershipId?: string | null;
}
export interface NeedsActionArgs {
  inactiveDays?: number | null;
  expiringWithinHours?: number | null;
  advisorMembershipId?: string | null;
  /** Items per list. */
  first?: number | null;
}
export interface ReportCsvArgs extends ReportArgs, TrendArgs, NeedsActionArgs {
  report: ReportKind;
}

export const DEFAULTS = { ...NEEDS_ACTION_DASHBOARD, first: PAGE_SIZES.needsAction.default, trendCount: 12 } as const;
/** The most rows a CSV export of a list holds. */
export const CSV_LIMIT = 10_000;

/** Most breakdown rows one requestReport answers with `first` (the CSV export has them all). */
const MAX_REPORT_ROWS = PAGE_SIZES.requestReport.max;

function checkRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput([{ field, message: `Use a whole number from ${min} to ${max}.` }]);
  return value;
}

/**
 * Advisors' reports: the request funnel by group and period, trends, needs-action lists, outcomes, a student's
 * timeline and CSV of each. One statement per report or list, whatever the number of rows. See docs/reports.md.
 */
export class ReportsService {
  /** Exact results of requestReport and requestTrend, forgotten when the institution's facts change (report-cache.ts). */
  readonly cache: ReportCache;
  /** The students table, caseloads and assigning advisors (student-roster.ts). */
  readonly roster: StudentRoster;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly consent: ConsentService,
  ) {
    this.roster = new StudentRoster(deps);
    this.cache = new ReportCache({ ttlMs: deps.config.reportCacheMs, refreshHotMs: deps.config.reportRefreshMs });
  }

  async requestReport(viewer: ReportReader, args: ReportArgs): Promise<RequestReport> {
    staffOnly(viewer);
    const first = args.first == null ? null : checkRange("first", args.first, 1, MAX_REPORT_ROWS);
    // The ticket is taken before any statement (see CacheTicket).
    const ticket = this.cache.ticket(viewer.institutionId);
    // A short transaction checks the advisor and finds the periods; the rows come from the cache or from a transaction of
    // their own, so no connection is held while waiting for the same report computed by another call.
    const { advisor, bounds } = await tenantTransaction(this.deps.dataSource, viewer, async (m) => ({
      advisor: await this.advisor(m, viewer, args.advisorMembershipId),
      bounds: await this.bounds(m, viewer, args),
    }));
    const params = [viewer.institutionId, bounds.previousStart, bounds.periodStart, bounds.periodEnd, advisor];
    const groupBy = args.groupBy ?? ReportGroupBy.NONE;
    // The rows depend on nothing else (suppression, which depends on the viewer, is applied below, after the cache).
    const rowsFor = (by: ReportGroupBy) =>
      this.cache.through(
        ticket,
        JSON.stringify(["report", by, advisor, bounds.previousStart, bounds.periodStart, bounds.periodEnd]),
        () => this.computation(viewer.institutionId, (m) => this.reportRows(m, by, advisor, params)),
        (found) => found.groups.length,
      );
    // A student counts under each of their fields, so the career-field breakdown's total is the plain report's (and
    // shares its cache entry); every other breakdown computes its total in the same pass as its groups.
    const { total: own, groups } = await rowsFor(groupBy);
    const total = groupBy === ReportGroupBy.CAREER_FIELD ? (await rowsFor(ReportGroupBy.NONE)).total : own;
    // Suppression depends on the reader, so it is applied here, after the cache (reports.policy.ts, ADR 0023).
    const size = (r: Row | undefined) => ({ current: num(r?.c_students), previous: num(r?.p_students) });
    const cut = seesSmallGroups(viewer)
      ? { rowsHidden: new Set<number>(), previousHidden: new Set<number>(), currentTotalHidden: false, previousTotalHidden: false }
      : // A student counts under each of their career fields: those rows do not add up to the total.
        suppressByPeriod(size(total), groupBy === ReportGroupBy.NONE ? [] : groups.map(size), groupBy !== ReportGroupBy.CAREER_FIELD);
    const shown = groups.flatMap((r, i) => (cut.rowsHidden.has(i) ? [] : [{ row: r, previousHidden: cut.previousHidden.has(i) }]));
    // The rows come largest first (most requests this period), so `first` keeps the biggest groups: a breakdown by alum
    // has a row per alum asked (18,000 in the benchmark's flagship), too many to send to a page. Only the rows sent
    // are built.
    const rows: ReportRow[] = (first === null ? shown : shown.slice(0, first)).map((r) =>
      withheld(rowOf(r.row, ""), false, r.previousHidden),
    );
    const totalHidden = cut.currentTotalHidden && cut.previousTotalHidden;
    return {
      ...bounds,
      total: totalHidden ? null : withheld(rowOf(total, "All students"), cut.currentTotalHidden, cut.previousTotalHidden),
      totalSuppressed: totalHidden,
      rows,
      rowCount: shown.length,
      suppressedGroups: cut.rowsHidden.size,
      minimumGroupSize: MINIMUM_GROUP_SIZE,
    };
  }

  async requestTrend(viewer: ReportReader, args: TrendArgs): Promise<TrendPoint[]> {
    staffOnly(viewer);
    const points = await this.trendPoints(viewer, args);
    if (seesSmallGroups(viewer)) return points.map((p) => ({ ...p, suppressed: false }));
    // Each point stands alone (no total adds them up): a point of too few students is hidden.
    const cut = suppress(
      null,
      points.map((p) => ({ current: num(p.students), previous: 0 })),
      false,
    );
    return points.map((p, i) =>
      cut.hidden.has(i)
        ? { periodStart: p.periodStart, requested: null, accepted: null, completed: null, thanked: null, suppressed: true }
        : { ...p, suppressed: false },
    );
  }

  private async trendPoints(viewer: ReportReader, args: TrendArgs): Promise<TrendPoint[]> {
    const count = checkRange("count", args.count ?? DEFAULTS.trendCount, 1, 104);
    const ticket = this.cache.ticket(viewer.institutionId);
    const period = args.period ?? ReportPeriod.WEEK;
    const date = args.date ?? new Date();
    if (!ticket)
      return this.computation(viewer.institutionId, async (m) => {
        const advisor = await this.advisor(m, viewer, args.advisorMembershipId);
        return m.query(trendSql(period), [viewer.institutionId, date, count, advisor]);
      });
    // As for requestReport: a short transaction, then the cache or a transaction of its own.
    const { advisor, current } = await tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const found = await this.advisor(m, viewer, args.advisorMembershipId);
      // Every date of the current period gives the same periods: the key is the current period's start.
      const [first]: Array<{ start: Date }> = await m.query(periodsSql(period), [viewer.institutionId, date, 1]);
      return { advisor: found, current: first.start };
    });
    const key = JSON.stringify(["trend", period, count, advisor, current]);
    return this.cache.through(
      ticket,
      key,
      () => this.computation(viewer.institutionId, (m) => m.query(trendSql(period), [viewer.institutionId, date, count, advisor])),
      (points: TrendPoint[]) => points.length,
    );
  }

  async outcomeReport(viewer: ReportReader, args: ReportArgs): Promise<OutcomeCount[]> {
    staffOnly(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const advisor = await this.advisor(m, viewer, args.advisorMembershipId);
      const bounds = await this.bounds(m, viewer, args);
      const rows: Array<{ kind: OutcomeKind; current: number; previous: number; c_students: number; p_students: number }> = await m.query(
        OUTCOME_COUNTS_SQL,
        [viewer.institutionId, bounds.previousStart, bounds.periodStart, bounds.periodEnd, advisor],
      );
      const byKind = new Map(rows.map((r) => [r.kind, r]));
      const counts = OUTCOME_KINDS.map((kind) => byKind.get(kind) ?? { kind, current: 0, previous: 0, c_students: 0, p_students: 0 });
      // The kinds add up to the requests report's `outcomes`, a total the same reader sees: complementary suppression.
      const cut = seesSmallGroups(viewer)
        ? { hidden: new Set<number>() }
        : suppress(
            null,
            counts.map((c) => ({ current: num(c.c_students), previous: num(c.p_students) })),
            true,
          );
      return counts.map((c, i) =>
        cut.hidden.has(i)
          ? { kind: c.kind, current: null, previous: null, suppressed: true }
          : { kind: c.kind, current: c.current, previous: c.previous, suppressed: false },
      );
    });
  }

  async needsAction(viewer: ReportReader, args: NeedsActionArgs): Promise<NeedsAction> {
    staffOnly(viewer);
    const first = checkRange("first", args.first ?? DEFAULTS.first, 1, PAGE_SIZES.needsAction.max);
    return tenantTransaction(this.deps.dataSource, viewer, (m) => this.lists(m, viewer, args, first));
  }

  /**
   * The lists as the advisors' dashboard asks for them (its inactivity and expiry windows), in the caller's tenant
   * transaction: the advisors' digest (modules/notifications) reads them here, so the email and the dashboard agree.
   */
  needsActionIn(
    m: EntityManager,
    institutionId: string,
    advisorMembershipId: string | null,
    first: number = DEFAULTS.first,
  ): Promise<NeedsAction> {
    return needsActionLists(m, institutionId, { ...NEEDS_ACTION_DASHBOARD, advisor: advisorMembershipId, first });
  }

  async reportCsv(viewer: ReportReader, args: ReportCsvArgs): Promise<string> {
    staffOnly(viewer);
    switch (args.report) {
      case ReportKind.REQUESTS:
        return requestsCsv(await this.requestReport(viewer, args));
      case ReportKind.TREND:
        return trendCsv(await this.requestTrend(viewer, args));
      case ReportKind.OUTCOMES:
        return outcomesCsv(await this.outcomeReport(viewer, args));
      default:
        return listCsv(args.report, await tenantTransaction(this.deps.dataSource, viewer, (m) => this.lists(m, viewer, args, CSV_LIMIT)));
    }
  }

  async studentTimeline(viewer: Viewer, studentMembershipId: string): Promise<TimelineEntry[]> {
    staffOnly(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      if (!(await this.isMember(m, viewer, studentMembershipId, "STUDENT"))) throw notFound("Student");
      if (!(await this.consent.hasConsent(m, studentMembershipId, ConsentKind.STUDENT_SHARE_WITH_ADVISORS))) throw activityNotShared();
      // FERPA: who opened a student's records, recorded with the read itself (docs/privacy.md).
      await recordAudit(m, {
        institutionId: viewer.institutionId,
        actor: personActor(viewer, ["ADVISOR", "ADMIN"]),
        action: "student.timeline_viewed",
        target: { type: "student", id: studentMembershipId },
        subjectMembershipId: studentMembershipId,
      });
      return m.query(TIMELINE_SQL, [viewer.institutionId, studentMembershipId]);
    });
  }

  async recordOutcome(viewer: Viewer, input: RecordOutcomeInput): Promise<Outcome> {
    const studentId = ownStudent(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      if (input.requestId != null) {
        const rows: Array<{ state: string }> = await m.query(
          `SELECT state FROM interview_requests WHERE id = $1 AND institution_id = $2 AND student_id = $3`,
          [input.requestId, viewer.institutionId, studentId],
        );
        if (rows.length === 0) throw notFound("Interview request");
        if (rows[0].state !== "COMPLETED") throw outcomeNeedsCompletedConversation();
      }
      const note = input.note?.trim() ? input.note.trim() : null;
      const repository = m.getRepository(Outcome);
      const scope = {
        institutionId: viewer.institutionId,
        membershipId: studentId,
        key: input.idempotencyKey,
        operation: "recordOutcome",
        input,
      };
      const { id } = await runIdempotent(m, scope, async () => {
        const saved = await repository.save(
          repository.create({ institutionId: viewer.institutionId, studentId, requestId: input.requestId ?? null, kind: input.kind, note }),
        );
        return saved.id;
      });
      return repository.findOneByOrFail({ id });
    });
  }

  async removeOutcome(viewer: Viewer, outcomeId: string): Promise<boolean> {
    const studentId = ownStudent(viewer);
    if (!isUuid(outcomeId)) throw notFound("Outcome");
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const result = await m.getRepository(Outcome).delete({ id: outcomeId, institutionId: viewer.institutionId, studentId });
      if (!result.affected) throw notFound("Outcome");
      return true;
    });
  }

  async myOutcomes(viewer: Viewer): Promise<Outcome[]> {
    const studentId = ownStudent(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, (m) =>
      m.getRepository(Outcome).find({ where: { institutionId: viewer.institutionId, studentId }, order: { createdAt: "DESC", id: "ASC" } }),
    );
  }

  /**
   * A transaction for a cached report's computation, a scan over a period's requests. It acts for the institution only,
   * not for whoever asked first: the result is shared by every reader, and the cache may compute it again in the
   * background (report-cache.ts). Parallel workers, which requests' short statements go without
   * (db/tenant-transaction.ts), are allowed here (REPORT_PARALLEL_WORKERS).
   */
  private computation<T>(institutionId: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      await m.query(PARALLEL_WORKERS_SQL, [String(this.deps.config.api.reportParallelWorkers)]);
      return fn(m);
    });
  }

  /** The report's database rows: the total and the groups (no groups for NONE, no total for CAREER_FIELD). */
  private async reportRows(
    m: EntityManager,
    groupBy: ReportGroupBy,
    advisor: string | null,
    params: unknown[],
  ): Promise<{ total: Row | undefined; groups: Row[] }> {
    // Breakdowns where each fact falls in one group get their total from the same pass; the others need their own.
    const withTotal = groupBy !== ReportGroupBy.NONE && groupBy !== ReportGroupBy.CAREER_FIELD;
    let total: Row | undefined;
    let groups: Row[] = [];
    if (withTotal) {
      const all: Row[] = await m.query(requestReportSql(groupBy, advisor != null, true), params);
      const found = all.find((r) => r.isTotal);
      total = found && { ...found, key: null, label: "All students" };
      groups = all.filter((r) => !r.isTotal);
    } else if (groupBy === ReportGroupBy.NONE) {
      [total] = await m.query(requestReportSql(ReportGroupBy.NONE, advisor != null), params);
    } else {
      groups = await m.query(requestReportSql(groupBy, advisor != null), params);
    }
    return { total, groups };
  }

  private async lists(m: EntityManager, viewer: ReportReader, args: NeedsActionArgs, first: number): Promise<NeedsAction> {
    const inactiveDays = checkRange("inactiveDays", args.inactiveDays ?? DEFAULTS.inactiveDays, 1, 3650);
    const expiringWithinHours = checkRange("expiringWithinHours", args.expiringWithinHours ?? DEFAULTS.expiringWithinHours, 1, 24 * 60);
    const advisor = await this.advisor(m, viewer, args.advisorMembershipId);
    return needsActionLists(m, viewer.institutionId, { inactiveDays, expiringWithinHours, advisor, first });
  }

  /** The current and previous period around `date`, in the institution's time zone. */
  private async bounds(m: EntityManager, viewer: ReportReader, args: ReportArgs) {
    const [previous, current]: Array<{ start: Date; end: Date }> = await m.query(periodsSql(args.period ?? ReportPeriod.MONTH), [
      viewer.institutionId,
      args.date ?? new Date(),
      2,
    ]);
    return { periodStart: current.start, periodEnd: current.end, previousStart: previous.start, previousEnd: previous.end };
  }

  /** The advisor whose caseload is asked for: null for everyone; NOT_FOUND unless an advisor of this institution. */
  private async advisor(m: EntityManager, viewer: ReportReader, id: string | null | undefined): Promise<string | null> {
    if (id == null) return null;
    if (!(await this.isMember(m, viewer, id, "ADVISOR"))) throw notFound("Advisor");
    return id;
  }

  private async isMember(m: EntityManager, viewer: ReportReader, id: string, role: "STUDENT" | "ADVISOR"): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows: unknown[] = await m.query(`SELECT 1 FROM memberships WHERE id = $1 AND institution_id = $2 AND role = $3`, [
      id,
      viewer.institutionId,
      role,
    ]);
    return rows.length > 0;
  }
}

/** Advisors, admins, and API keys (whose `reports:read` scope the resolver's @Access has checked). */
function staffOnly(viewer: ReportReader): void {
  if (isApiKeyReader(viewer)) return;
  if (!hasRole(viewer, "ADVISOR", "ADMIN")) throw forbidden();
}

function ownStudent(viewer: Viewer): string {
  const id = viewer.memberships.STUDENT;
  if (!id) throw forbidden();
  return id;
}
