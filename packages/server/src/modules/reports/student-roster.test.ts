import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import {
  buildAdmin,
  buildAdvisor,
  buildAlumnus,
  buildConsent,
  buildInstitution,
  buildStudent,
  type BuiltMember,
} from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { tokenCache } from "../conversations/conversations.fixtures";
import { buildApiKey } from "../integrations/integrations.fixtures";
import { insertRequest, setStudentProfile } from "./reports.fixtures";
import { studentRosterSql } from "./student-roster.sql";
import { SortDirection, StudentRosterSort } from "./student-roster.types";

const db = useTestDatabase();
let server: TestServer;
let token: (member: BuiltMember) => Promise<string>;
beforeAll(async () => {
  server = await startTestServer(db(), { ACCESS_TOKEN_TTL_SECONDS: "7200" });
  token = tokenCache((member) => server.signIn(member));
});
afterAll(() => server.close());

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Four students: Ana (shares, 2027, advisor A's, a thank-you overdue), Ben (shares, 2026, nothing yet), Cy (shares,
 * 2028, a request waiting 40 days that expires in 10 hours: inactive and expiring), Dee (2025, old activity, but
 * does not share: nothing of hers but the name and the advisor shows or counts).
 */
async function school() {
  const institution = await buildInstitution(db());
  const advisorA = await buildAdvisor(db(), { institution, displayName: "Avery Advisor" });
  const advisorB = await buildAdvisor(db(), { institution, displayName: "Blake Advisor" });
  const admin = await buildAdmin(db(), { institution });
  const alumnus = await buildAlumnus(db(), { institution, displayName: "Alex Alum" });
  const ana = await buildStudent(db(), { institution, displayName: "Ana Adams" });
  const ben = await buildStudent(db(), { institution, displayName: "Ben Brown" });
  const cy = await buildStudent(db(), { institution, displayName: "Cy Cole" });
  const dee = await buildStudent(db(), { institution, displayName: "Dee Dunn" });
  for (const s of [ana, ben, cy]) await buildConsent(db(), s, "STUDENT_SHARE_WITH_ADVISORS");
  await setStudentProfile(db(), ana, { classYear: 2027, advisor: advisorA });
  await setStudentProfile(db(), ben, { classYear: 2026 });
  await setStudentProfile(db(), cy, { classYear: 2028 });
  await setStudentProfile(db(), dee, { classYear: 2025, advisor: advisorB });
  const meetingStartsAt = new Date(Date.now() - 10 * DAY);
  await insertRequest(db(), ana, alumnus, {
    state: "COMPLETED",
    createdAt: new Date(Date.now() - 14 * DAY),
    meetingStartsAt,
    thankYouDueAt: new Date(Date.now() - 8 * DAY),
  });
  await insertRequest(db(), cy, alumnus, {
    state: "REQUESTED",
    createdAt: new Date(Date.now() - 40 * DAY),
    expiresAt: new Date(Date.now() + 10 * HOUR),
  });
  await insertRequest(db(), dee, alumnus, {
    state: "REQUESTED",
    createdAt: new Date(Date.now() - 60 * DAY),
    expiresAt: new Date(Date.now() + HOUR),
  });
  return {
    institution,
    advisorA,
    advisorB,
    admin,
    alumnus,
    ana,
    ben,
    cy,
    dee,
    anaActiveAt: new Date(meetingStartsAt.getTime() + HOUR / 2),
  };
}
type School = Awaited<ReturnType<typeof school>>;

const ROSTER = `query($sort: StudentRosterSort, $direction: SortDirection, $first: Int, $after: String, $search: String, $classYear: Int,
                      $needsActionOnly: Boolean, $adv: ID) {
  studentRoster(sort: $sort, direction: $direction, first: $first, after: $after, search: $search, classYear: $classYear,
                needsActionOnly: $needsActionOnly, advisorMembershipId: $adv) {
    edges { cursor node { membershipId displayName sharesWithAdvisors classYear lastActivityAt needsAction advisorMembershipId advisorName } }
    pageInfo { hasNextPage endCursor }
    classYears
  } }`;

async function roster(s: School, variables: Record<string, unknown> = {}, as: BuiltMember = s.advisorA) {
  const result = await server.gql(ROSTER, variables, await token(as));
  expect(result.errors).toBeUndefined();
  return result.data!.studentRoster as {
    edges: Array<{ cursor: string; node: Record<string, any> }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    classYears: number[];
  };
}
const names = (page: { edges: Array<{ node: Record<string, any> }> }) => page.edges.map((e) => e.node.displayName as string);

describe("studentRoster", () => {
  it("lists this institution's students by name, with last activity and needs-action only for those who share", async () => {
    const s = await school();
    const other = await school();
    const page = await roster(s);
    expect(names(page)).toEqual(["Ana Adams", "Ben Brown", "Cy Cole", "Dee Dunn"]);
    expect(page.edges.map((e) => e.node.membershipId)).not.toEqual(
      expect.arrayContaining([other.ana.membershipId, other.ben.membershipId, other.cy.membershipId, other.dee.membershipId]),
    );
    const [ana, ben, cy, dee] = page.edges.map((e) => e.node);
    expect(ana).toMatchObject({ classYear: 2027, needsAction: ["THANK_YOU_OVERDUE"], advisorName: "Avery Advisor" });
    expect(new Date(ana.lastActivityAt).getTime()).toBe(s.anaActiveAt.getTime());
    expect(ben).toMatchObject({ classYear: 2026, needsAction: [], lastActivityAt: null, advisorMembershipId: null });
    expect(cy).toMatchObject({ classYear: 2028, needsAction: ["INACTIVE", "REQUEST_EXPIRING"] });
    // Dee does not share: her class year, activity and lists stay hidden; who advises her is the advisors' own record.
    expect(dee).toMatchObject({
      sharesWithAdvisors: false,
      classYear: null,
      lastActivityAt: null,
      needsAction: null,
      advisorName: "Blake Advisor",
    });
    expect(page.classYears).toEqual([2026, 2027, 2028]);
  });

  it.each([
    ["NEEDS_ACTION", "DESC", ["Cy Cole", "Ana Adams", "Ben Brown", "Dee Dunn"]],
    ["NEEDS_ACTION", "ASC", ["Ben Brown", "Ana Adams", "Cy Cole", "Dee Dunn"]],
    ["LAST_ACTIVITY", "DESC", ["Ana Adams", "Cy Cole", "Ben Brown", "Dee Dunn"]],
    ["LAST_ACTIVITY", "ASC", ["Cy Cole", "Ana Adams", "Ben Brown", "Dee Dunn"]],
    ["CLASS_YEAR", "ASC", ["Ben Brown", "Ana Adams", "Cy Cole", "Dee Dunn"]],
    ["CLASS_YEAR", "DESC", ["Cy Cole", "Ana Adams", "Ben Brown", "Dee Dunn"]],
    ["NAME", "DESC", ["Dee Dunn", "Cy Cole", "Ben Brown", "Ana Adams"]],
  ])("sorts by %s %s, unknown and unshared values last, and pages through the same order", async (sort, direction, expected) => {
    const s = await school();
    expect(names(await roster(s, { sort, direction }))).toEqual(expected);
    const walked: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page = await roster(s, { sort, direction, first: 1, after });
      walked.push(...names(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(expected);
  });

  it("filters by name, class year, needs action and caseload, never by what a student does not share", async () => {
    const s = await school();
    expect(names(await roster(s, { search: "bRo" }))).toEqual(["Ben Brown"]);
    expect(names(await roster(s, { needsActionOnly: true }))).toEqual(["Ana Adams", "Cy Cole"]);
    expect(names(await roster(s, { classYear: 2027 }))).toEqual(["Ana Adams"]);
    expect(names(await roster(s, { classYear: 2025 }))).toEqual([]);
    expect(names(await roster(s, { adv: s.advisorA.membershipId }))).toEqual(["Ana Adams"]);
    expect(names(await roster(s, { adv: s.advisorB.membershipId, needsActionOnly: true }))).toEqual([]);
    const other = await school();
    expect(errorCode(await server.gql(ROSTER, { adv: other.advisorA.membershipId }, await token(s.advisorA)))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(ROSTER, { after: "bm90LWEtY3Vyc29y" }, await token(s.advisorA)))).toBe("BAD_USER_INPUT");
  });

  it("flags exactly the students the dashboard's needs-action lists name", async () => {
    const s = await school();
    const lists = await server.gql(
      `{ needsAction { inactiveStudents { studentName } overdueThankYous { studentName } expiringRequests { studentName } unsettledMeetings { studentName } } }`,
      {},
      await token(s.admin),
    );
    const page = await roster(s, {}, s.admin);
    const flagged = (kind: string) => names({ edges: page.edges.filter((e) => e.node.needsAction?.includes(kind)) });
    const listed = (list: string) => [...new Set(lists.data!.needsAction[list].map((x: { studentName: string }) => x.studentName))].sort();
    expect(flagged("INACTIVE")).toEqual(listed("inactiveStudents"));
    expect(flagged("THANK_YOU_OVERDUE")).toEqual(listed("overdueThankYous"));
    expect(flagged("REQUEST_EXPIRING")).toEqual(listed("expiringRequests"));
    expect(flagged("MEETING_UNSETTLED")).toEqual(listed("unsettledMeetings"));
    expect(flagged("INACTIVE").length + flagged("THANK_YOU_OVERDUE").length + flagged("REQUEST_EXPIRING").length).toBe(3);
  });

  it("is for advisors and admins only", async () => {
    const s = await school();
    expect(errorCode(await server.gql(ROSTER, {}))).toBe("UNAUTHENTICATED");
    for (const member of [s.ana, s.alumnus]) expect(errorCode(await server.gql(ROSTER, {}, await token(member)))).toBe("FORBIDDEN");
    const { key } = await buildApiKey(server, db(), ["REPORTS_READ", "PEOPLE_READ"], s.institution);
    expect(errorCode(await server.gql(ROSTER, {}, key))).toBe("API_KEY_NOT_ALLOWED");
    expect(names(await roster(s, {}, s.admin))).toHaveLength(4);
  });

  it("shows nothing of another institution even when its id is passed to the statement (row-level security)", async () => {
    const [s, other] = [await school(), await school()];
    const params = (institutionId: string) => [
      institutionId,
      new Date(Date.now() - 21 * DAY),
      48,
      null,
      null,
      null,
      false,
      null,
      null,
      null,
      null,
      100,
    ];
    const sql = studentRosterSql(StudentRosterSort.NAME, SortDirection.ASC);
    const own = await tenantTransaction(db(), { institutionId: s.institution.id }, (m) => m.query(sql, params(s.institution.id)));
    expect(own).toHaveLength(4);
    const foreign = await tenantTransaction(db(), { institutionId: s.institution.id }, (m) => m.query(sql, params(other.institution.id)));
    expect(foreign).toEqual([]);
  });
});

describe("assigning advisors", () => {
  const ASSIGN = `mutation($student: ID!, $adv: ID) { assignAdvisor(studentMembershipId: $student, advisorMembershipId: $adv) { advisorMembershipId } }`;
  const ASSIGNMENT = `query($student: ID!) { studentAssignment(studentMembershipId: $student) { studentMembershipId advisorMembershipId } }`;

  it("lists this institution's advisors with their caseloads, and records each change in the audit log", async () => {
    const s = await school();
    await school();
    const advisors = await server.gql(`{ caseloadAdvisors { membershipId displayName students } }`, {}, await token(s.advisorA));
    expect(advisors.data!.caseloadAdvisors).toEqual([
      { membershipId: s.advisorA.membershipId, displayName: "Avery Advisor", students: 1 },
      { membershipId: s.advisorB.membershipId, displayName: "Blake Advisor", students: 1 },
    ]);
    const assigned = await server.gql(ASSIGN, { student: s.ben.membershipId, adv: s.advisorB.membershipId }, await token(s.advisorA));
    expect(assigned.data!.assignAdvisor.advisorMembershipId).toBe(s.advisorB.membershipId);
    // The same again changes nothing and records nothing more.
    await server.gql(ASSIGN, { student: s.ben.membershipId, adv: s.advisorB.membershipId }, await token(s.admin));
    const now = await server.gql(ASSIGNMENT, { student: s.ben.membershipId }, await token(s.admin));
    expect(now.data!.studentAssignment).toEqual({ studentMembershipId: s.ben.membershipId, advisorMembershipId: s.advisorB.membershipId });
    const audit = await tenantTransaction(db(), { institutionId: s.institution.id }, (m) =>
      m.query(`SELECT action, subject_membership_id, before, after FROM audit_log WHERE action = 'student.advisor_assigned'`),
    );
    expect(audit).toEqual([
      {
        action: "student.advisor_assigned",
        subject_membership_id: s.ben.membershipId,
        before: { advisorMembershipId: null },
        after: { advisorMembershipId: s.advisorB.membershipId },
      },
    ]);
    expect(names(await roster(s, { adv: s.advisorB.membershipId }))).toEqual(["Ben Brown", "Dee Dunn"]);
  });

  it("refuses students and alumni, and finds no student of another institution", async () => {
    const [s, other] = [await school(), await school()];
    for (const member of [s.ana, s.alumnus])
      expect(errorCode(await server.gql(ASSIGNMENT, { student: s.ben.membershipId }, await token(member)))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(ASSIGNMENT, { student: other.ben.membershipId }, await token(s.admin)))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(`{ caseloadAdvisors { membershipId } }`, {}, await token(s.ana)))).toBe("FORBIDDEN");
  });
});
