import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildInstitution, buildStudent } from "../../test/factories";
import { asInstitution } from "../../test/request-kit";
import { errorCode, startTestServer, type GraphQLResult, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const TERMS = `{ academicTerms { name startsOn endsOn } }`;
const SET = `mutation($terms: [AcademicTermInput!]!) { setAcademicTerms(input: { terms: $terms }) { name startsOn endsOn } }`;
const REPORT = `query($date: DateTimeISO, $period: ReportPeriod!) { requestReport(period: $period, date: $date) { previousStart periodStart periodEnd } }`;
const TREND = `query($date: DateTimeISO) { requestTrend(period: TERM, count: 4, date: $date) { periodStart } }`;
const fieldsOf = (result: GraphQLResult) =>
  ((result.errors?.[0]?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);

const CALENDAR = [
  { name: "Spring 2027", startsOn: "2027-01-11" },
  { name: "Fall 2026", startsOn: "2026-08-24" },
  { name: "Summer 2027", startsOn: "2027-05-17" },
];

async function staffOf() {
  const institution = await buildInstitution(db(), { timeZone: "America/New_York" });
  const admin = await server.signIn(await buildAdmin(db(), { institution }));
  const advisor = await server.signIn(await buildAdvisor(db(), { institution }));
  return { institution, admin, advisor };
}

describe("academic terms", () => {
  it("admins set the calendar, staff read it in order, each term ending the day before the next", async () => {
    const { institution, admin, advisor } = await staffOf();
    expect((await server.gql(TERMS, {}, advisor)).data!.academicTerms).toEqual([]);
    const set = await server.gql(SET, { terms: CALENDAR }, admin);
    expect(set.errors).toBeUndefined();
    const expected = [
      { name: "Fall 2026", startsOn: "2026-08-24", endsOn: "2027-01-10" },
      { name: "Spring 2027", startsOn: "2027-01-11", endsOn: "2027-05-16" },
      { name: "Summer 2027", startsOn: "2027-05-17", endsOn: null },
    ];
    expect(set.data!.setAcademicTerms).toEqual(expected);
    expect((await server.gql(TERMS, {}, advisor)).data!.academicTerms).toEqual(expected);
    const audit = await asInstitution(db(), institution.id, `SELECT action, before, after FROM audit_log WHERE institution_id = $1`, [
      institution.id,
    ]);
    expect(audit).toEqual([
      {
        action: "institution.terms_changed",
        before: { terms: [] },
        after: { terms: ["2026-08-24 Fall 2026", "2027-01-11 Spring 2027", "2027-05-17 Summer 2027"] },
      },
    ]);
    // The same calendar again changes nothing and records nothing.
    await server.gql(SET, { terms: CALENDAR }, admin);
    expect(await asInstitution(db(), institution.id, `SELECT 1 FROM audit_log WHERE institution_id = $1`, [institution.id])).toHaveLength(
      1,
    );
  });

  it("refuses students, alumni and advisors changing it, and students and alumni reading it", async () => {
    const { institution, advisor } = await staffOf();
    for (const build of [buildStudent, buildAlumnus]) {
      const token = await server.signIn(await build(db(), { institution }));
      expect(errorCode(await server.gql(TERMS, {}, token))).toBe("FORBIDDEN");
      expect(errorCode(await server.gql(SET, { terms: CALENDAR }, token))).toBe("FORBIDDEN");
    }
    expect(errorCode(await server.gql(SET, { terms: CALENDAR }, advisor))).toBe("FORBIDDEN");
  });

  it("names each bad term, and keeps the calendar as it was", async () => {
    const { admin } = await staffOf();
    await server.gql(SET, { terms: CALENDAR }, admin);
    const bad = await server.gql(
      SET,
      {
        terms: [
          { name: "Fall", startsOn: "2026-02-30" },
          { name: "Spring", startsOn: "2027-01-11" },
          { name: "Again", startsOn: "2027-01-11" },
        ],
      },
      admin,
    );
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(bad)).toEqual(["terms.0.startsOn", "terms.2.startsOn"]);
    const blank = await server.gql(SET, { terms: [{ name: "   ", startsOn: "2026-08-24" }] }, admin);
    expect(errorCode(blank)).toBe("BAD_USER_INPUT");
    expect((await server.gql(TERMS, {}, admin)).data!.academicTerms).toHaveLength(3);
  });

  it("keeps one institution's calendar from another (code and row-level security)", async () => {
    const mine = await staffOf();
    const theirs = await staffOf();
    await server.gql(SET, { terms: CALENDAR }, mine.admin);
    expect((await server.gql(TERMS, {}, theirs.admin)).data!.academicTerms).toEqual([]);
    expect(await asInstitution(db(), theirs.institution.id, `SELECT name FROM academic_terms`)).toEqual([]);
  });
});

describe("reports by term", () => {
  it("follow the calendar: the term holding the date, the one before it, and its length repeated before the first", async () => {
    const { admin } = await staffOf();
    await server.gql(SET, { terms: CALENDAR }, admin);
    const spring = await server.gql(REPORT, { period: "TERM", date: "2027-03-01T15:00:00Z" }, admin);
    // Local midnights in New York: EST (−05:00) in winter, EDT (−04:00) from March and in the summer.
    expect(spring.data!.requestReport).toEqual({
      previousStart: "2026-08-24T04:00:00.000Z",
      periodStart: "2027-01-11T05:00:00.000Z",
      periodEnd: "2027-05-17T04:00:00.000Z",
    });
    const summer = await server.gql(REPORT, { period: "TERM", date: "2027-07-01T15:00:00Z" }, admin);
    expect(summer.data!.requestReport).toMatchObject({ periodStart: "2027-05-17T04:00:00.000Z", periodEnd: "2027-11-17T05:00:00.000Z" });
    // Before the first term: Fall 2026 is 140 days long, so is the period before it.
    const trend = await server.gql(TREND, { date: "2027-02-01T15:00:00Z" }, admin);
    expect(trend.data!.requestTrend.map((p: { periodStart: string }) => p.periodStart)).toEqual([
      "2025-11-17T05:00:00.000Z",
      "2026-04-06T04:00:00.000Z",
      "2026-08-24T04:00:00.000Z",
      "2027-01-11T05:00:00.000Z",
    ]);
    // A changed calendar reaches the reports at once, cached or not: Fall 2026 now starts a week later.
    await server.gql(
      SET,
      { terms: [{ name: "Fall 2026", startsOn: "2026-08-31" }, ...CALENDAR.filter((t) => t.name !== "Fall 2026")] },
      admin,
    );
    const moved = await server.gql(TREND, { date: "2027-02-01T15:00:00Z" }, admin);
    expect(moved.data!.requestTrend.map((p: { periodStart: string }) => p.periodStart).slice(2)).toEqual([
      "2026-08-31T04:00:00.000Z",
      "2027-01-11T05:00:00.000Z",
    ]);
    // A date outside every term (long after the latest) falls back to half-years.
    const later = await server.gql(REPORT, { period: "TERM", date: "2028-03-01T15:00:00Z" }, admin);
    expect(later.data!.requestReport.periodStart).toBe("2028-01-01T05:00:00.000Z");
  });
});
