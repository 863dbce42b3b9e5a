import type { DataSource } from "typeorm";
import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAlumnus, buildConsent, buildInstitution, buildStudent } from "../../test/factories";
import { asInstitution, viewerOf } from "../../test/request-kit";
import { createServices, type Services } from "../../services";
import { MemoryMailer, testConfig } from "../../test/test-server";
import { ReportGroupBy, ReportKind, ReportPeriod } from "./reports.enums";
import { insertRequest } from "./reports.fixtures";

const db = useTestDatabase();
let services: Services;
beforeAll(() => {
  services = createServices(db(), testConfig(), new MemoryMailer());
});

const DAY = 24 * 3600_000;

/** Counts every statement sent through TypeORM's query runners (transaction control included) while fn runs. */
async function statements<T>(ds: DataSource, fn: () => Promise<T>): Promise<{ count: number; result: T }> {
  const runner = ds.createQueryRunner();
  const prototype = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
  await runner.release();
  const spy = jest.spyOn(prototype, "query");
  try {
    const result = await fn();
    return { count: spy.mock.calls.length, result };
  } finally {
    spy.mockRestore();
  }
}

/** An institution where each needs-action list has n items and n alumni were asked this month. */
async function institutionWith(n: number) {
  const institution = await buildInstitution(db());
  const admin = await buildAdmin(db(), { institution });
  const now = Date.now();
  const students = [];
  for (let k = 0; k < n; k++) {
    const student = await buildStudent(db(), { institution });
    await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
    students.push(student);
  }
  for (let k = 0; k < n; k++) {
    const alum = await buildAlumnus(db(), { institution });
    await asInstitution(db(), institution.id, `UPDATE alumni_profiles SET monthly_capacity = 0 WHERE membership_id = $1`, [
      alum.membershipId,
    ]);
    // Waiting 5 days, expiring within hours, last touched 40 days ago: overloaded, unresponsive, expiring; students inactive.
    for (const student of n > 1 ? [students[k], students[(k + 1) % n]] : [students[k]]) {
      await insertRequest(db(), student, alum, {
        state: "REQUESTED",
        createdAt: new Date(now - 5 * DAY),
        updatedAt: new Date(now - 40 * DAY),
        expiresAt: new Date(now + 10 * 3600_000),
      });
    }
    if (n === 1) {
      await insertRequest(db(), students[k], alum, {
        state: "EXPIRED",
        createdAt: new Date(now - 50 * DAY),
        updatedAt: new Date(now - 40 * DAY),
      });
    }
    // A completed conversation with an overdue thank-you.
    await insertRequest(db(), students[k], await buildAlumnus(db(), { institution }), {
      state: "COMPLETED",
      createdAt: new Date(now - 40 * DAY),
      answeredAfterHours: 2,
      meetingStartsAt: new Date(now - 38 * DAY),
      thankYouDueAt: new Date(now - 36 * DAY),
    });
  }
  return { institution, admin, students };
}

describe("a page of N items costs a constant number of statements", () => {
  it("needsAction, requestReport, trend, timeline and CSV: the same count for 1 item as for 8", async () => {
    const small = await institutionWith(1);
    const large = await institutionWith(8);
    const run = async (setting: Awaited<ReturnType<typeof institutionWith>>) => {
      const viewer = viewerOf(setting.admin);
      const lists = await statements(db(), () => services.reports.needsAction(viewer, { inactiveDays: 21, first: 50 }));
      const report = await statements(db(), () =>
        services.reports.requestReport(viewer, {
          period: ReportPeriod.TERM,
          date: new Date(Date.now() - 5 * DAY),
          groupBy: ReportGroupBy.ALUMNUS,
        }),
      );
      const trend = await statements(db(), () => services.reports.requestTrend(viewer, { period: ReportPeriod.WEEK, count: 12 }));
      const timeline = await statements(db(), () => services.reports.studentTimeline(viewer, setting.students[0].membershipId));
      const csv = await statements(db(), () => services.reports.reportCsv(viewer, { report: ReportKind.EXPIRING_REQUESTS }));
      return { lists, report, trend, timeline, csv };
    };
    const a = await run(small);
    const b = await run(large);
    const sizes = (x: typeof a) => [
      x.lists.result.inactiveStudents.length,
      x.lists.result.overdueThankYous.length,
      x.lists.result.overloadedAlumni.length,
      x.lists.result.unresponsiveAlumni.length,
      x.lists.result.expiringRequests.length,
      x.report.result.rows.length,
      x.csv.result.split("\r\n").length - 2,
    ];
    expect(sizes(a)).toEqual([1, 1, 1, 1, 1, 2, 1]);
    // Two waiting requests per alum, and one completed conversation per student with an alum of its own.
    expect(sizes(b)).toEqual([8, 8, 8, 8, 16, 16, 16]);
    for (const key of ["lists", "report", "trend", "timeline", "csv"] as const) {
      expect([key, b[key].count]).toEqual([key, a[key].count]);
      expect(a[key].count).toBeGreaterThan(0);
    }
    // A page smaller than the list costs the same again.
    const page = await statements(db(), () => services.reports.needsAction(viewerOf(large.admin), { inactiveDays: 21, first: 2 }));
    expect(page.result.expiringRequests).toHaveLength(2);
    expect(page.count).toBe(a.lists.count);
  });
});
