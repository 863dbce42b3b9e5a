import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { viewerOf } from "../../test/request-kit";
import { createServices, type Services } from "../../services";
import { testConfig, MemoryMailer } from "../../test/test-server";
import { ReportGroupBy, ReportKind, ReportPeriod } from "./reports.enums";
import { insertFlag, insertOutcome, insertRequest, setStudentProfile } from "./reports.fixtures";

const db = useTestDatabase();
let services: Services;
beforeAll(() => {
  services = createServices(db(), testConfig(), new MemoryMailer());
});

const at = (iso: string) => new Date(iso);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function institutionWithStaff(timeZone = "America/New_York") {
  const institution = await buildInstitution(db(), { timeZone });
  const advisor = await buildAdvisor(db(), { institution });
  const admin = await buildAdmin(db(), { institution });
  return { institution, advisor, admin };
}

describe("period boundaries (institution time zone)", () => {
  it("months, weeks and terms start at local midnight, across daylight-saving changes", async () => {
    const { advisor } = await institutionWithStaff("America/New_York");
    const month = await services.reports.requestReport(viewerOf(advisor), { period: ReportPeriod.MONTH, date: at("2026-03-15T12:00:00Z") });
    expect([month.previousStart, month.previousEnd, month.periodStart, month.periodEnd].map((d) => d.toISOString())).toEqual([
      "2026-02-01T05:00:00.000Z",
      "2026-03-01T05:00:00.000Z",
      "2026-03-01T05:00:00.000Z",
      "2026-04-01T04:00:00.000Z",
    ]);
    const week = await services.reports.requestReport(viewerOf(advisor), { period: ReportPeriod.WEEK, date: at("2026-03-11T12:00:00Z") });
    expect([week.previousStart, week.periodStart, week.periodEnd].map((d) => d.toISOString())).toEqual([
      "2026-03-02T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
      "2026-03-16T04:00:00.000Z",
    ]);
    const term = await services.reports.requestReport(viewerOf(advisor), { period: ReportPeriod.TERM, date: at("2026-08-10T12:00:00Z") });
    expect([term.previousStart, term.periodStart, term.periodEnd].map((d) => d.toISOString())).toEqual([
      "2026-01-01T05:00:00.000Z",
      "2026-07-01T04:00:00.000Z",
      "2027-01-01T05:00:00.000Z",
    ]);
  });
});

describe("requestReport funnel", () => {
  it("counts the funnel, rates, medians, flags and outcomes of the period and the one before", async () => {
    const { institution, advisor, admin } = await institutionWithStaff();
    const [s1, s2] = [await buildStudent(db(), { institution }), await buildStudent(db(), { institution })];
    const alumni = [];
    for (let k = 0; k < 4; k++) alumni.push(await buildAlumnus(db(), { institution }));
    const [a1, a2, a3, a4] = alumni;
    const march = at("2026-03-10T12:00:00Z");
    // March (local): seven requests mid-month, one late on March 31 local time.
    const r1 = await insertRequest(db(), s1, a1, { state: "COMPLETED", createdAt: march, answeredAfterHours: 2, thankYouAfterDays: 1 });
    await insertRequest(db(), s1, a2, { state: "COMPLETED", createdAt: march, answeredAfterHours: 4 });
    await insertRequest(db(), s1, a3, { state: "NO_SHOW", createdAt: march, answeredAfterHours: 10 });
    await insertRequest(db(), s2, a1, { state: "DECLINED", createdAt: march, answeredAfterHours: 6 });
    await insertRequest(db(), s2, a2, { state: "EXPIRED", createdAt: march });
    await insertRequest(db(), s2, a3, { state: "REQUESTED", createdAt: march });
    await insertRequest(db(), s2, a4, { state: "CANCELLED", createdAt: march, answeredAfterHours: 1 });
    await insertRequest(db(), s1, a4, { state: "REQUESTED", createdAt: at("2026-04-01T03:30:00Z") });
    // February (local), including 11:30 pm on February 28, which is already March 1 in UTC.
    await insertRequest(db(), s1, a1, {
      state: "COMPLETED",
      createdAt: at("2026-02-10T12:00:00Z"),
      answeredAfterHours: 3,
      thankYouAfterDays: 2,
    });
    await insertRequest(db(), s2, a1, { state: "DECLINED", createdAt: at("2026-02-11T12:00:00Z"), answeredAfterHours: 5 });
    await insertRequest(db(), s2, a2, { state: "EXPIRED", createdAt: at("2026-03-01T04:30:00Z") });
    // Outside both periods: January, and April 1 at local midnight.
    await insertRequest(db(), s1, a2, { state: "DECLINED", createdAt: at("2026-01-20T12:00:00Z"), answeredAfterHours: 1 });
    await insertRequest(db(), s2, a2, { state: "DECLINED", createdAt: at("2026-04-01T04:00:00Z"), answeredAfterHours: 1 });
    // Rule #1 flags and outcomes.
    await insertFlag(db(), s1, a1, march, r1);
    await insertFlag(db(), s2, null, march);
    await insertFlag(db(), s2, a2, at("2026-02-12T12:00:00Z"));
    await insertOutcome(db(), s1, "JOB_OFFER", at("2026-03-20T12:00:00Z"), r1);
    await insertOutcome(db(), s2, "PURSUING_FIELD", at("2026-02-20T12:00:00Z"));
    // Another institution's March request never counts.
    const other = await buildStudent(db());
    await insertRequest(db(), other, await buildAlumnus(db(), { institution: { id: other.institutionId, slug: "", name: "" } }), {
      state: "COMPLETED",
      createdAt: march,
      answeredAfterHours: 1,
      thankYouAfterDays: 1,
    });

    const report = await services.reports.requestReport(viewerOf(admin), {
      period: ReportPeriod.MONTH,
      date: at("2026-03-15T12:00:00Z"),
    });
    expect(report.rows).toEqual([]);
    expect(report.total!.students).toBe(2);
    expect(report.total!.current).toEqual({
      requested: 8,
      accepted: 4,
      declined: 1,
      expired: 1,
      completed: 2,
      noShows: 1,
      thanked: 1,
      acceptanceRate: 0.5,
      medianHoursToAnswer: 4,
      completionRate: 0.5,
      noShowRate: 1 / 3,
      thankYouRate: 0.5,
      medianDaysToThankYou: 1,
      ruleOneFlags: 2,
      outcomes: 1,
      withAccommodations: 0,
    });
    expect(report.total!.previous).toEqual({
      requested: 3,
      accepted: 1,
      declined: 1,
      expired: 1,
      completed: 1,
      noShows: 0,
      thanked: 1,
      acceptanceRate: 1 / 3,
      medianHoursToAnswer: 4,
      completionRate: 1,
      noShowRate: 0,
      thankYouRate: 1,
      medianDaysToThankYou: 2,
      ruleOneFlags: 1,
      outcomes: 1,
      withAccommodations: 0,
    });

    // Breakdowns computed in one pass with their total (GROUPING SETS) give exactly the same total.
    for (const groupBy of [ReportGroupBy.CLASS_YEAR, ReportGroupBy.ALUMNUS, ReportGroupBy.ADVISOR, ReportGroupBy.CAREER_FIELD]) {
      const grouped = await services.reports.requestReport(viewerOf(admin), {
        period: ReportPeriod.MONTH,
        date: at("2026-03-15T12:00:00Z"),
        groupBy,
      });
      expect([groupBy, grouped.total]).toEqual([groupBy, report.total]);
    }

    const outcomes = await services.reports.outcomeReport(viewerOf(admin), {
      period: ReportPeriod.MONTH,
      date: at("2026-03-15T12:00:00Z"),
    });
    expect(outcomes.find((o) => o.kind === "JOB_OFFER")).toEqual({ kind: "JOB_OFFER", current: 1, previous: 0, suppressed: false });
    expect(outcomes.find((o) => o.kind === "PURSUING_FIELD")).toEqual({
      kind: "PURSUING_FIELD",
      current: 0,
      previous: 1,
      suppressed: false,
    });
    expect(outcomes).toHaveLength(6);

    // The trend puts each request in its local month and term, like the report.
    const months = await services.reports.requestTrend(viewerOf(admin), {
      period: ReportPeriod.MONTH,
      count: 4,
      date: at("2026-04-15T12:00:00Z"),
    });
    expect(months.map((p) => [new Date(p.periodStart).toISOString(), p.requested, p.accepted, p.completed, p.thanked])).toEqual([
      ["2026-01-01T05:00:00.000Z", 1, 0, 0, 0],
      ["2026-02-01T05:00:00.000Z", 3, 1, 1, 1],
      ["2026-03-01T05:00:00.000Z", 8, 4, 2, 1],
      ["2026-04-01T04:00:00.000Z", 1, 0, 0, 0],
    ]);
    const terms = await services.reports.requestTrend(viewerOf(admin), {
      period: ReportPeriod.TERM,
      count: 2,
      date: at("2026-03-15T12:00:00Z"),
    });
    expect(terms.map((p) => [new Date(p.periodStart).toISOString(), p.requested])).toEqual([
      ["2025-07-01T04:00:00.000Z", 0],
      ["2026-01-01T05:00:00.000Z", 13],
    ]);

    // The same facts for the advisor: two students are fewer than the minimum group, so the total, the outcome counts
    // and the trend points behind them are withheld; every breakdown too (the seen bug: a caseload total of 2).
    const forAdvisor = await services.reports.requestReport(viewerOf(advisor), {
      period: ReportPeriod.MONTH,
      date: at("2026-03-15T12:00:00Z"),
    });
    expect([forAdvisor.total, forAdvisor.totalSuppressed]).toEqual([null, true]);
    for (const groupBy of [ReportGroupBy.CLASS_YEAR, ReportGroupBy.ALUMNUS, ReportGroupBy.CAREER_FIELD]) {
      const grouped = await services.reports.requestReport(viewerOf(advisor), {
        period: ReportPeriod.MONTH,
        date: at("2026-03-15T12:00:00Z"),
        groupBy,
      });
      expect([groupBy, grouped.total, grouped.rows]).toEqual([groupBy, null, []]);
    }
    const advisorOutcomes = await services.reports.outcomeReport(viewerOf(advisor), {
      period: ReportPeriod.MONTH,
      date: at("2026-03-15T12:00:00Z"),
    });
    expect(advisorOutcomes.find((o) => o.kind === "JOB_OFFER")).toEqual({
      kind: "JOB_OFFER",
      current: null,
      previous: null,
      suppressed: true,
    });
    expect(advisorOutcomes.filter((o) => !o.suppressed).every((o) => o.current === 0 && o.previous === 0)).toBe(true);
    const advisorMonths = await services.reports.requestTrend(viewerOf(advisor), {
      period: ReportPeriod.MONTH,
      count: 4,
      date: at("2026-04-15T12:00:00Z"),
    });
    expect(advisorMonths.map((p) => [p.requested, p.suppressed])).toEqual([
      [null, true],
      [null, true],
      [null, true],
      [null, true],
    ]);
  });

  it("is all zeros and nulls for a period without requests", async () => {
    const { advisor } = await institutionWithStaff();
    const report = await services.reports.requestReport(viewerOf(advisor), { groupBy: ReportGroupBy.CLASS_YEAR });
    expect(report.total!.current).toMatchObject({ requested: 0, acceptanceRate: null, medianHoursToAnswer: null, thankYouRate: null });
    expect(report.rows).toEqual([]);
    expect(report.suppressedGroups).toBe(0);
  });
});

describe("requestReport breakdowns and suppression", () => {
  const date = at("2026-03-15T12:00:00Z");
  async function classes() {
    const staff = await institutionWithStaff();
    const { institution } = staff;
    const alum = await buildAlumnus(db(), { institution });
    const students: BuiltMember[] = [];
    for (let k = 0; k < 7; k++) {
      const student = await buildStudent(db(), { institution });
      await setStudentProfile(db(), student, { classYear: k < 5 ? 2027 : 2028, fields: k === 0 ? ["finance", "consulting"] : ["finance"] });
      await insertRequest(db(), student, alum, { state: "DECLINED", createdAt: at("2026-03-05T12:00:00Z"), answeredAfterHours: k + 1 });
      students.push(student);
    }
    return { ...staff, alum, students };
  }

  it("folds groups of fewer than 5 students into suppressedGroups for advisors, with the row that would reveal them", async () => {
    const { advisor } = await classes();
    const report = await services.reports.requestReport(viewerOf(advisor), { date, groupBy: ReportGroupBy.CLASS_YEAR });
    expect(report.minimumGroupSize).toBe(5);
    // 2028 has 2 students; showing 2027 (5) beside the total (7) would give 2028 away as 7 - 5, so 2027 goes too.
    expect(report.rows).toEqual([]);
    expect(report.suppressedGroups).toBe(2);
    expect(report.total!.current!.requested).toBe(7);
  });

  it("never lets one small row be derived as the total minus the visible rows", async () => {
    const { institution, advisor, alum } = await classes();
    // A third class of 6: 2027 (5) and 2029 (6) are large, 2028 (2) is the only small one.
    for (let k = 0; k < 6; k++) {
      const student = await buildStudent(db(), { institution });
      await setStudentProfile(db(), student, { classYear: 2029 });
      await insertRequest(db(), student, alum, { state: "DECLINED", createdAt: at("2026-03-06T12:00:00Z"), answeredAfterHours: 1 });
    }
    const report = await services.reports.requestReport(viewerOf(advisor), { date, groupBy: ReportGroupBy.CLASS_YEAR });
    const visible = report.rows.reduce((sum, r) => sum + r.current!.requested, 0);
    // The complement is the smallest large row (2027); what is left to subtract covers at least 5 students.
    expect(report.rows.map((r) => r.key)).toEqual(["2029"]);
    expect(report.suppressedGroups).toBe(2);
    expect(report.total!.current!.requested - visible).toBe(7);
    // Every breakdown row an advisor sees, and what the total leaves over, stands for at least 5 students or none.
    for (const groupBy of [ReportGroupBy.CLASS_YEAR, ReportGroupBy.ALUMNUS]) {
      const r = await services.reports.requestReport(viewerOf(advisor), { date, groupBy });
      for (const row of r.rows) expect(row.students).toBeGreaterThanOrEqual(5);
      const rest = r.total ? r.total.students! - r.rows.reduce((s, row) => s + row.students!, 0) : 0;
      expect(rest === 0 || rest >= 5).toBe(true);
    }
  });

  it("withholds the total of an advisor's caseload of 2 students, and admins still see it", async () => {
    const { institution, advisor, admin, students } = await classes();
    const mine = await buildAdvisor(db(), { institution });
    for (const student of students.slice(0, 2)) await setStudentProfile(db(), student, { advisor: mine });
    const scoped = { date, advisorMembershipId: mine.membershipId };
    const forAdvisor = await services.reports.requestReport(viewerOf(advisor), scoped);
    // This month's 2 are withheld; last month (nobody) stays readable: each period is judged on its own.
    expect(forAdvisor.total).toMatchObject({ students: null, current: null, currentSuppressed: true, previousSuppressed: false });
    expect(forAdvisor.total!.previous!.requested).toBe(0);
    const csv = await services.reports.reportCsv(viewerOf(advisor), { report: ReportKind.REQUESTS, ...scoped });
    expect(csv.split("\r\n")[1]).toMatch(/^,Total,,/);
    expect(csv).not.toMatch(/,2,/);
    const forAdmin = await services.reports.requestReport(viewerOf(admin), scoped);
    expect([forAdmin.total!.students, forAdmin.totalSuppressed]).toEqual([2, false]);
  });

  it("shows every group to admins", async () => {
    const { admin } = await classes();
    const report = await services.reports.requestReport(viewerOf(admin), { date, groupBy: ReportGroupBy.CLASS_YEAR });
    expect(report.rows.map((r) => [r.key, r.students, r.current!.requested])).toEqual([
      ["2027", 5, 5],
      ["2028", 2, 2],
    ]);
    expect(report.suppressedGroups).toBe(0);
  });

  it("keeps the largest groups with `first`, says how many there are, and refuses a first out of range", async () => {
    const { admin } = await classes();
    const report = await services.reports.requestReport(viewerOf(admin), { date, groupBy: ReportGroupBy.CLASS_YEAR, first: 1 });
    expect(report.rows.map((r) => [r.key, r.current!.requested])).toEqual([["2027", 5]]);
    expect(report.rowCount).toBe(2);
    expect(report.total!.current!.requested).toBe(7);
    const all = await services.reports.requestReport(viewerOf(admin), { date, groupBy: ReportGroupBy.CLASS_YEAR });
    expect([all.rows.length, all.rowCount]).toEqual([2, 2]);
    for (const first of [0, 1001])
      await expect(
        services.reports.requestReport(viewerOf(admin), { date, groupBy: ReportGroupBy.CLASS_YEAR, first }),
      ).rejects.toMatchObject({
        extensions: { code: "BAD_USER_INPUT" },
      });
  });

  it("counts a student under each of their career fields, with the field's name", async () => {
    const { admin, advisor } = await classes();
    const report = await services.reports.requestReport(viewerOf(admin), { date, groupBy: ReportGroupBy.CAREER_FIELD });
    expect(report.rows.map((r) => [r.key, r.label, r.current!.requested])).toEqual([
      ["finance", "Finance", 7],
      ["consulting", "Consulting", 1],
    ]);
    const forAdvisor = await services.reports.requestReport(viewerOf(advisor), { date, groupBy: ReportGroupBy.CAREER_FIELD });
    expect(forAdvisor.rows.map((r) => r.key)).toEqual(["finance"]);
    expect(forAdvisor.suppressedGroups).toBe(1);
  });

  it("suppresses a group whose previous period is too small, even when the current one is large", async () => {
    const { advisor, alum, students } = await classes();
    await insertRequest(db(), students[0], alum, { state: "DECLINED", createdAt: at("2026-02-05T12:00:00Z"), answeredAfterHours: 1 });
    const report = await services.reports.requestReport(viewerOf(advisor), { date, groupBy: ReportGroupBy.CLASS_YEAR });
    expect(report.rows).toEqual([]);
    expect(report.suppressedGroups).toBe(2);
  });

  it("breaks down by advisor and by alum, and narrows to one advisor's caseload", async () => {
    const { institution, admin, advisor, alum, students } = await classes();
    const other = await buildAdvisor(db(), { institution, displayName: "Robin Other" });
    for (const [k, student] of students.entries()) await setStudentProfile(db(), student, { advisor: k < 5 ? advisor : other });
    const byAdvisor = await services.reports.requestReport(viewerOf(admin), { date, groupBy: ReportGroupBy.ADVISOR });
    expect(byAdvisor.rows.map((r) => [r.key, r.current!.requested])).toEqual([
      [advisor.membershipId, 5],
      [other.membershipId, 2],
    ]);
    expect(byAdvisor.rows[1].label).toBe("Robin Other");
    const caseload = await services.reports.requestReport(viewerOf(admin), {
      date,
      groupBy: ReportGroupBy.ALUMNUS,
      advisorMembershipId: other.membershipId,
    });
    expect(caseload.total!.current!.requested).toBe(2);
    expect(caseload.rows.map((r) => [r.key, r.current!.requested])).toEqual([[alum.membershipId, 2]]);
  });
});

describe("reportCsv", () => {
  it("exports the requests report with the same suppression, a total row first, and formulas defused", async () => {
    const { institution, advisor, admin } = await institutionWithStaff();
    const alum = await buildAlumnus(db(), { institution, displayName: "=HYPERLINK(1)" });
    for (let k = 0; k < 2; k++) {
      const student = await buildStudent(db(), { institution });
      await insertRequest(db(), student, alum, { state: "DECLINED", createdAt: at("2026-03-05T12:00:00Z"), answeredAfterHours: 2 });
    }
    const args = { report: ReportKind.REQUESTS, date: at("2026-03-15T12:00:00Z"), groupBy: ReportGroupBy.ALUMNUS };
    const forAdvisor = (await services.reports.reportCsv(viewerOf(advisor), args)).split("\r\n");
    expect(forAdvisor[0].split(",").slice(0, 8)).toEqual([
      "key",
      "label",
      "students",
      "period_start",
      "period_end",
      "previous_start",
      "current_requested",
      "current_accepted",
    ]);
    expect(forAdvisor[0]).toContain(",current_median_hours_to_answer,");
    expect(forAdvisor[0]).toContain(",previous_outcomes");
    expect(forAdvisor.slice(1)).toEqual([
      // Two students: the total is withheld from the advisor, its line kept empty.
      `,Total (suppressed),,2026-03-01T05:00:00.000Z,2026-04-01T04:00:00.000Z,2026-02-01T05:00:00.000Z`,
      "",
    ]);
    const forAdmin = (await services.reports.reportCsv(viewerOf(admin), args)).split("\r\n");
    expect(forAdmin).toHaveLength(4);
    expect(forAdmin[2].startsWith(`${alum.membershipId},'=HYPERLINK(1),2,`)).toBe(true);

    const outcomes = await services.reports.reportCsv(viewerOf(advisor), { report: ReportKind.OUTCOMES });
    expect(outcomes.split("\r\n")[0]).toBe("kind,current,previous,suppressed");
    expect(outcomes.split("\r\n")).toHaveLength(8);
    const trend = await services.reports.reportCsv(viewerOf(advisor), { report: ReportKind.TREND, period: ReportPeriod.MONTH, count: 2 });
    expect(trend.split("\r\n")[0]).toBe("period_start,requested,accepted,completed,thanked,suppressed");
    expect(trend.split("\r\n")).toHaveLength(4);
  });
});

describe("requestTrend", () => {
  it("counts requests per period, oldest first, up to the current one", async () => {
    // UTC: weeks are exactly 7 days apart whatever the date the test runs.
    const { institution, advisor, admin } = await institutionWithStaff("UTC");
    const student = await buildStudent(db(), { institution });
    const alum = await buildAlumnus(db(), { institution });
    const { periodStart, previousStart } = await services.reports.requestReport(viewerOf(advisor), { period: ReportPeriod.WEEK });
    await insertRequest(db(), student, alum, {
      state: "COMPLETED",
      createdAt: new Date(periodStart.getTime() + 60_000),
      thankYouAfterDays: 1,
    });
    await insertRequest(db(), student, alum, {
      state: "DECLINED",
      createdAt: new Date(previousStart.getTime() + HOUR),
      answeredAfterHours: 1,
    });
    await insertRequest(db(), student, alum, { state: "EXPIRED", createdAt: new Date(previousStart.getTime() + 2 * HOUR) });
    await insertRequest(db(), student, alum, { state: "DECLINED", createdAt: new Date(previousStart.getTime() - 20 * DAY) });
    const trend = await services.reports.requestTrend(viewerOf(admin), { period: ReportPeriod.WEEK, count: 3 });
    expect(trend.map((p) => [new Date(p.periodStart).toISOString(), p.requested, p.accepted, p.completed, p.thanked])).toEqual([
      [new Date(previousStart.getTime() - 7 * DAY).toISOString(), 0, 0, 0, 0],
      [previousStart.toISOString(), 2, 0, 0, 0],
      [periodStart.toISOString(), 1, 1, 1, 1],
    ]);
    // Ending at a past date: the week before last and the one before it.
    const past = await services.reports.requestTrend(viewerOf(admin), { period: ReportPeriod.WEEK, count: 2, date: previousStart });
    expect(past.map((p) => [new Date(p.periodStart).toISOString(), p.requested])).toEqual([
      [new Date(previousStart.getTime() - 7 * DAY).toISOString(), 0],
      [previousStart.toISOString(), 2],
    ]);
    // One student: withheld from the advisor, every week of activity (an empty week hides no one).
    const forAdvisor = await services.reports.requestTrend(viewerOf(advisor), { period: ReportPeriod.WEEK, count: 3 });
    expect(forAdvisor.map((p) => [p.requested, p.suppressed])).toEqual([
      [0, false],
      [null, true],
      [null, true],
    ]);
  });
});
