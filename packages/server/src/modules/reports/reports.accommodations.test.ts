import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { asInstitution, viewerOf } from "../../test/request-kit";
import { createServices, type Services } from "../../services";
import { testConfig, MemoryMailer } from "../../test/test-server";
import { ReportGroupBy, ReportKind, ReportPeriod } from "./reports.enums";
import { insertRequest, setStudentProfile } from "./reports.fixtures";

const db = useTestDatabase();
let services: Services;
beforeAll(() => {
  services = createServices(db(), testConfig(), new MemoryMailer());
});

const date = new Date("2026-03-15T12:00:00Z");

/** One request per student in March 2026; the first `withNeeds` of them with accommodations said. */
async function campus(students: number, withNeeds: number, classYear = 2027) {
  const institution = await buildInstitution(db());
  const advisor = await buildAdvisor(db(), { institution });
  const admin = await buildAdmin(db(), { institution });
  const alum = await buildAlumnus(db(), { institution });
  const people: BuiltMember[] = [];
  for (let k = 0; k < students; k++) {
    const student = await buildStudent(db(), { institution });
    await setStudentProfile(db(), student, { classYear });
    const requestId = await insertRequest(db(), student, alum, { state: "REQUESTED", createdAt: new Date("2026-03-05T12:00:00Z") });
    if (k < withNeeds)
      await asInstitution(
        db(),
        institution.id,
        `INSERT INTO request_accommodations (institution_id, request_id, side, needs, other_text) VALUES ($1, $2, $3, $4, $5)`,
        [
          institution.id,
          requestId,
          k % 2 === 0 ? "STUDENT" : "ALUMNUS",
          k === 0 ? ["CAPTIONS", "OTHER"] : ["EXTRA_TIME"],
          k === 0 ? "A quiet room" : null,
        ],
      );
    people.push(student);
  }
  return { institution, advisor, admin, alum, people };
}

describe("accommodations in reports: a count only, suppressed like every other cell", () => {
  it("counts the requests with any accommodation, never which needs or whose", async () => {
    const { admin, advisor } = await campus(6, 2);
    const forAdmin = await services.reports.requestReport(viewerOf(admin), { period: ReportPeriod.MONTH, date });
    expect(forAdmin.total!.current!.requested).toBe(6);
    expect(forAdmin.total!.current!.withAccommodations).toBe(2);
    expect(forAdmin.total!.previous!.withAccommodations).toBe(0);
    // Six students: large enough for an advisor too.
    const forAdvisor = await services.reports.requestReport(viewerOf(advisor), { period: ReportPeriod.MONTH, date });
    expect(forAdvisor.total!.current!.withAccommodations).toBe(2);
    const csv = await services.reports.reportCsv(viewerOf(admin), { report: ReportKind.REQUESTS, period: ReportPeriod.MONTH, date });
    expect(csv.split("\r\n")[0]).toContain("current_with_accommodations");
    expect(csv).not.toMatch(/CAPTIONS|EXTRA_TIME|quiet room/i);
  });

  it("is withheld with the rest of a group too small for the reader", async () => {
    const { advisor, admin } = await campus(3, 1);
    const forAdvisor = await services.reports.requestReport(viewerOf(advisor), {
      period: ReportPeriod.MONTH,
      date,
      groupBy: ReportGroupBy.CLASS_YEAR,
    });
    expect(forAdvisor.rows).toEqual([]);
    expect([forAdvisor.total, forAdvisor.totalSuppressed]).toEqual([null, true]);
    const forAdmin = await services.reports.requestReport(viewerOf(admin), {
      period: ReportPeriod.MONTH,
      date,
      groupBy: ReportGroupBy.CLASS_YEAR,
    });
    expect(forAdmin.rows.map((r) => [r.key, r.current!.withAccommodations])).toEqual([["2027", 1]]);
  });
});
