import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildInstitution, buildStudent, type BuiltInstitution } from "../../test/factories";
import { viewerOf } from "../../test/request-kit";
import { createServices, type Services } from "../../services";
import { testConfig, MemoryMailer } from "../../test/test-server";
import { suppressByPeriod } from "./reports.policy";
import { ReportGroupBy, ReportKind } from "./reports.enums";
import { insertRequest, setStudentProfile } from "./reports.fixtures";

/** Each period of a comparison is judged on its own (ADR 0023): a small period is withheld, not the whole row. */

describe("suppressByPeriod", () => {
  const cell = (current: number, previous: number) => ({ current, previous });

  it("withholds only the previous period of rows small there, with its complement, and keeps the previous total", () => {
    const cut = suppressByPeriod(cell(30, 13), [cell(10, 3), cell(10, 0), cell(10, 10)], true);
    expect(cut.rowsHidden).toEqual(new Set());
    // 3 alone could be read as 13 − 0 − 10: the next smallest non-empty previous cell goes too.
    expect(cut.previousHidden).toEqual(new Set([0, 2]));
    expect([cut.currentTotalHidden, cut.previousTotalHidden]).toEqual([false, false]);
  });

  it("counts rows left out for their current period as hidden in the previous one too", () => {
    // Row 0 is small now and leaves with its complement (row 1); row 2 alone stays, with both periods.
    const cut = suppressByPeriod(cell(22, 30), [cell(2, 10), cell(10, 10), cell(10, 10)], true);
    expect(cut.rowsHidden).toEqual(new Set([0, 1]));
    expect(cut.previousHidden).toEqual(new Set());
    // Both rows leave; the totals stay: what they add up to is two rows together, never one.
    const lone = suppressByPeriod(cell(12, 13), [cell(2, 3), cell(10, 10)], true);
    expect(lone.rowsHidden).toEqual(new Set([0, 1]));
    expect([lone.currentTotalHidden, lone.previousTotalHidden]).toEqual([false, false]);
  });

  it("withholds a total's small period alone", () => {
    const cut = suppressByPeriod(cell(2, 40), [], true);
    expect([cut.currentTotalHidden, cut.previousTotalHidden]).toEqual([true, false]);
    expect(suppressByPeriod(cell(0, 3), [], true)).toMatchObject({ currentTotalHidden: false, previousTotalHidden: true });
  });
});

describe("requestReport with one small period", () => {
  const db = useTestDatabase();
  let services: Services;
  beforeAll(() => {
    services = createServices(db(), testConfig(), new MemoryMailer());
  });
  const date = new Date("2026-03-15T12:00:00Z");

  async function studentsWriting(institution: BuiltInstitution, classYear: number, count: number, when: string[]) {
    const alum = await buildAlumnus(db(), { institution });
    for (let k = 0; k < count; k++) {
      const student = await buildStudent(db(), { institution });
      await setStudentProfile(db(), student, { classYear });
      for (const createdAt of when.slice(0, k < 1 ? when.length : 1))
        await insertRequest(db(), student, alum, { state: "DECLINED", createdAt: new Date(createdAt), answeredAfterHours: 1 });
    }
  }

  it("shows last month's funnel while this month has too few students (the advisor dashboard early in a month)", async () => {
    const institution = await buildInstitution(db(), { timeZone: "America/New_York" });
    const advisor = await buildAdvisor(db(), { institution });
    const admin = await buildAdmin(db(), { institution });
    await studentsWriting(institution, 2027, 6, ["2026-02-10T12:00:00Z"]);
    await studentsWriting(institution, 2027, 2, ["2026-03-03T12:00:00Z"]);

    const forAdvisor = await services.reports.requestReport(viewerOf(advisor), { date });
    expect(forAdvisor.totalSuppressed).toBe(false);
    expect(forAdvisor.total).toMatchObject({ students: null, current: null, currentSuppressed: true, previousSuppressed: false });
    expect(forAdvisor.total!.previous!.requested).toBe(6);
    const csv = await services.reports.reportCsv(viewerOf(advisor), { report: ReportKind.REQUESTS, date });
    expect(csv.split("\r\n")[1]).toMatch(/^,Total,,/); // the current period's cells empty, the previous ones there
    expect(csv.split("\r\n")[1]).toContain(",6,");

    const forAdmin = await services.reports.requestReport(viewerOf(admin), { date });
    expect([forAdmin.total!.current!.requested, forAdmin.total!.previous!.requested]).toEqual([2, 6]);
  });

  it("keeps breakdown rows whose previous period alone is small, with that period withheld", async () => {
    const institution = await buildInstitution(db(), { timeZone: "America/New_York" });
    const advisor = await buildAdvisor(db(), { institution });
    // Both classes are large this month; last month one student of 2027 wrote, and 6 of 2029.
    await studentsWriting(institution, 2027, 6, ["2026-03-05T12:00:00Z", "2026-02-05T12:00:00Z"]);
    await studentsWriting(institution, 2029, 6, ["2026-03-05T12:00:00Z"]);
    await studentsWriting(institution, 2029, 6, ["2026-02-06T12:00:00Z"]);

    const report = await services.reports.requestReport(viewerOf(advisor), { date, groupBy: ReportGroupBy.CLASS_YEAR });
    expect(report.rows.map((r) => [r.key, r.current?.requested, r.previous, r.previousSuppressed])).toEqual([
      ["2027", 6, null, true],
      ["2029", 6, null, true], // the complement: 1 would otherwise be the previous total (7) minus 6
    ]);
    expect(report.suppressedGroups).toBe(0);
    expect(report.total).toMatchObject({ students: 12, currentSuppressed: false, previousSuppressed: false });
    expect(report.total!.previous!.requested).toBe(7);
  });
});
