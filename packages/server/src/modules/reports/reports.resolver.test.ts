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

const db = useTestDatabase();
let server: TestServer;
let token: (member: BuiltMember) => Promise<string>;
beforeAll(async () => {
  server = await startTestServer(db(), { ACCESS_TOKEN_TTL_SECONDS: "7200" });
  token = tokenCache((member) => server.signIn(member));
});
afterAll(() => server.close());

const DAY = 24 * 3600_000;

/** An institution with staff, a sharing student on the advisor's caseload, and one completed request this week. */
async function school() {
  const institution = await buildInstitution(db());
  const advisor = await buildAdvisor(db(), { institution });
  const admin = await buildAdmin(db(), { institution });
  const student = await buildStudent(db(), { institution, displayName: "Sam Student" });
  const alumnus = await buildAlumnus(db(), { institution, displayName: "Alex Alum" });
  await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
  await setStudentProfile(db(), student, { advisor });
  const requestId = await insertRequest(db(), student, alumnus, {
    state: "COMPLETED",
    createdAt: new Date(Date.now() - 30 * DAY),
    answeredAfterHours: 5,
    // Completed 26 days ago, thanked a day later: the student's last activity, 25 days and 30 minutes ago.
    meetingStartsAt: new Date(Date.now() - 26 * DAY - 3600_000),
    thankYouAfterDays: 1,
  });
  return { institution, advisor, admin, student, alumnus, requestId };
}

type School = Awaited<ReturnType<typeof school>>;

interface StaffOperation {
  name: string;
  query: string;
  variables: (s: School, advisorId: string) => Record<string, unknown>;
  /** The variables that name something of another institution. */
  foreign: (s: School, other: School) => Record<string, unknown>;
  check: (data: any, s: School) => void;
  /** Open to API keys with reports:read, answered as for advisors. */
  reportsRead?: boolean;
}

const METRICS = `requested accepted completed thanked acceptanceRate medianHoursToAnswer ruleOneFlags outcomes`;
const staff: StaffOperation[] = [
  {
    name: "requestReport",
    reportsRead: true,
    query: `query($adv: ID, $date: DateTimeISO) { requestReport(period: TERM, date: $date, groupBy: ALUMNUS, advisorMembershipId: $adv) {
      periodStart periodEnd previousStart previousEnd suppressedGroups minimumGroupSize totalSuppressed
      total { key label current { ${METRICS} } previous { ${METRICS} } } rows { key label students current { requested } } } }`,
    variables: (_s, adv) => ({ adv, date: new Date(Date.now() - 30 * DAY).toISOString() }),
    foreign: (_s, other) => ({ adv: other.advisor.membershipId }),
    check: (data, s) => {
      // One student behind the total: withheld below admin (the admin's test below reads it).
      expect([data.requestReport.total, data.requestReport.totalSuppressed]).toEqual([null, true]);
      // One student behind the alum's row: too small a group for an advisor.
      expect(data.requestReport.rows).toEqual([]);
      expect(data.requestReport.suppressedGroups).toBe(1);
      expect(s).toBeDefined();
    },
  },
  {
    name: "requestTrend",
    reportsRead: true,
    query: `query($adv: ID) { requestTrend(period: MONTH, count: 3, advisorMembershipId: $adv) { periodStart requested accepted completed thanked suppressed } }`,
    variables: (_s, adv) => ({ adv }),
    foreign: (_s, other) => ({ adv: other.advisor.membershipId }),
    check: (data) => {
      expect(data.requestTrend).toHaveLength(3);
      // The month of the one student's request is withheld; the others are empty.
      const withheld = data.requestTrend.filter((p: { suppressed: boolean }) => p.suppressed);
      expect(withheld).toHaveLength(1);
      expect(withheld[0]).toMatchObject({ requested: null, accepted: null, completed: null, thanked: null });
      expect(
        data.requestTrend.filter((p: { suppressed: boolean }) => !p.suppressed).map((p: { requested: number }) => p.requested),
      ).toEqual([0, 0]);
    },
  },
  {
    name: "needsAction",
    reportsRead: true,
    query: `query($adv: ID) { needsAction(inactiveDays: 7, advisorMembershipId: $adv) {
      inactiveStudents { studentMembershipId studentName daysInactive requestsSent }
      overdueThankYous { requestId } overloadedAlumni { alumnusMembershipId } unresponsiveAlumni { alumnusMembershipId }
      expiringRequests { requestId } } }`,
    variables: (_s, adv) => ({ adv }),
    foreign: (_s, other) => ({ adv: other.advisor.membershipId }),
    check: (data, s) => {
      expect(data.needsAction.inactiveStudents).toEqual([
        { studentMembershipId: s.student.membershipId, studentName: "Sam Student", daysInactive: 25, requestsSent: 1 },
      ]);
    },
  },
  {
    name: "outcomeReport",
    reportsRead: true,
    query: `query($adv: ID) { outcomeReport(period: MONTH, advisorMembershipId: $adv) { kind current previous } }`,
    variables: (_s, adv) => ({ adv }),
    foreign: (_s, other) => ({ adv: other.advisor.membershipId }),
    check: (data) => {
      expect(data.outcomeReport.map((o: { kind: string }) => o.kind)).toEqual([
        "PURSUING_FIELD",
        "LEAVING_FIELD",
        "INTERNSHIP_OFFER",
        "JOB_OFFER",
        "FURTHER_INTRODUCTION",
        "OTHER",
      ]);
    },
  },
  {
    name: "reportCsv",
    reportsRead: true,
    query: `query($adv: ID) { reportCsv(report: INACTIVE_STUDENTS, inactiveDays: 7, advisorMembershipId: $adv) }`,
    variables: (_s, adv) => ({ adv }),
    foreign: (_s, other) => ({ adv: other.advisor.membershipId }),
    check: (data, s) => {
      expect(data.reportCsv).toBe(
        `student_membership_id,student_name,last_activity_at,days_inactive,requests_sent\r\n` +
          `${s.student.membershipId},Sam Student,${data.reportCsv.split("\r\n")[1].split(",")[2]},25,1\r\n`,
      );
    },
  },
  {
    name: "studentTimeline",
    query: `query($student: ID!) { studentTimeline(studentMembershipId: $student) { kind requestId alumnusName state outcomeKind detail } }`,
    variables: (s) => ({ student: s.student.membershipId }),
    foreign: (_s, other) => ({ student: other.student.membershipId }),
    check: (data, s) => {
      expect(data.studentTimeline.map((e: { kind: string }) => e.kind)).toEqual(["REQUEST_SENT", "THANK_YOU_SENT"]);
      expect(data.studentTimeline[0]).toMatchObject({ requestId: s.requestId, alumnusName: "Alex Alum", state: "REQUESTED" });
    },
  },
  {
    name: "assignAdvisor",
    query: `mutation($student: ID!, $adv: ID) { assignAdvisor(studentMembershipId: $student, advisorMembershipId: $adv) { studentMembershipId advisorMembershipId } }`,
    variables: (s, adv) => ({ student: s.student.membershipId, adv }),
    foreign: (s, other) => ({ student: other.student.membershipId, adv: s.advisor.membershipId }),
    check: (data, s) => {
      expect(data.assignAdvisor).toEqual({ studentMembershipId: s.student.membershipId, advisorMembershipId: s.advisor.membershipId });
    },
  },
];

describe.each(staff)("$name", ({ query, variables, foreign, check, reportsRead }) => {
  it(reportsRead ? "answers API keys with reports:read as it answers advisors" : "is refused to API keys", async () => {
    const s = await school();
    const { key } = await buildApiKey(server, db(), ["REPORTS_READ"], s.institution);
    const result = await server.gql(query, variables(s, s.advisor.membershipId), key);
    if (!reportsRead) return expect(errorCode(result)).toBe("API_KEY_NOT_ALLOWED");
    expect(result.errors).toBeUndefined();
    check(result.data, s);
    // Another scope is not enough, and a key never reaches another institution's caseload.
    const other = await buildApiKey(server, db(), ["PEOPLE_READ"], s.institution);
    expect(errorCode(await server.gql(query, variables(s, s.advisor.membershipId), other.key))).toBe("SCOPE_MISSING");
    const foreignSchool = await school();
    expect(errorCode(await server.gql(query, { ...variables(s, s.advisor.membershipId), ...foreign(s, foreignSchool) }, key))).toBe(
      "NOT_FOUND",
    );
  });

  it("is refused without signing in", async () => {
    const s = await school();
    expect(errorCode(await server.gql(query, variables(s, s.advisor.membershipId)))).toBe("UNAUTHENTICATED");
  });

  it("is refused to students and alumni", async () => {
    const s = await school();
    for (const member of [s.student, s.alumnus]) {
      expect(errorCode(await server.gql(query, variables(s, s.advisor.membershipId), await token(member)))).toBe("FORBIDDEN");
    }
  });

  it("finds nothing of another institution", async () => {
    const [s, other] = [await school(), await school()];
    for (const member of [s.advisor, s.admin]) {
      const result = await server.gql(query, { ...variables(s, s.advisor.membershipId), ...foreign(s, other) }, await token(member));
      expect(errorCode(result)).toBe("NOT_FOUND");
    }
  });

  it("answers advisors", async () => {
    const s = await school();
    const result = await server.gql(query, variables(s, s.advisor.membershipId), await token(s.advisor));
    expect(result.errors).toBeUndefined();
    check(result.data, s);
  });
});

describe("requestReport for admins", () => {
  it("shows the small groups an advisor does not see", async () => {
    const s = await school();
    const result = await server.gql(
      `query($date: DateTimeISO) { requestReport(period: TERM, date: $date, groupBy: ALUMNUS) { suppressedGroups rows { key label students current { requested } } } }`,
      { date: new Date(Date.now() - 30 * DAY).toISOString() },
      await token(s.admin),
    );
    expect(result.data!.requestReport).toEqual({
      suppressedGroups: 0,
      rows: [{ key: s.alumnus.membershipId, label: "Alex Alum", students: 1, current: { requested: 1 } }],
    });
  });

  it("refuses out-of-range numbers with BAD_USER_INPUT", async () => {
    const s = await school();
    const result = await server.gql(`{ requestTrend(count: 0) { periodStart } }`, {}, await token(s.admin));
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    const lists = await server.gql(`{ needsAction(inactiveDays: -1) { inactiveStudents { studentName } } }`, {}, await token(s.admin));
    expect(errorCode(lists)).toBe("BAD_USER_INPUT");
    const rows = await server.gql(`{ requestReport(groupBy: ALUMNUS, first: 1001) { rowCount } }`, {}, await token(s.admin));
    expect(errorCode(rows)).toBe("BAD_USER_INPUT");
  });

  it("takes the documented maxima: 1,000 breakdown rows, 500 items per needs-action list", async () => {
    const s = await school();
    const date = new Date(Date.now() - 30 * DAY).toISOString();
    const rows = await server.gql(
      `query($date: DateTimeISO) { requestReport(period: TERM, date: $date, groupBy: ALUMNUS, first: 1000) { rowCount rows { key } } }`,
      { date },
      await token(s.admin),
    );
    expect(rows.errors).toBeUndefined();
    expect(rows.data!.requestReport).toEqual({ rowCount: 1, rows: [{ key: s.alumnus.membershipId }] });
    const lists = await server.gql(`{ needsAction(first: 500) { inactiveStudents { studentName } } }`, {}, await token(s.admin));
    expect(lists.errors).toBeUndefined();
  });
});

describe("studentTimeline", () => {
  it("shows only notes the student shared, and nothing of a student who does not share their activity", async () => {
    const s = await school();
    await tenantTransaction(db(), { institutionId: s.institution.id }, (m) =>
      m.query(
        `INSERT INTO conversation_notes (institution_id, request_id, student_id, advice, shared_with_advisor) VALUES ($1, $2, $3, 'Secret advice', false)`,
        [s.institution.id, s.requestId, s.student.membershipId],
      ),
    );
    const query = `query($student: ID!) { studentTimeline(studentMembershipId: $student) { kind detail } }`;
    const hidden = await server.gql(query, { student: s.student.membershipId }, await token(s.advisor));
    expect(hidden.data!.studentTimeline.map((e: { kind: string }) => e.kind)).toEqual(["REQUEST_SENT", "THANK_YOU_SENT"]);
    expect(JSON.stringify(hidden.data)).not.toContain("Secret advice");
    await tenantTransaction(db(), { institutionId: s.institution.id }, (m) =>
      m.query(`UPDATE conversation_notes SET shared_with_advisor = true, updated_at = now() WHERE request_id = $1`, [s.requestId]),
    );
    const shared = await server.gql(query, { student: s.student.membershipId }, await token(s.advisor));
    expect(shared.data!.studentTimeline.at(-1)).toEqual({ kind: "NOTE_SHARED", detail: "Secret advice" });

    const private_ = await buildStudent(db(), { institution: s.institution });
    expect(errorCode(await server.gql(query, { student: private_.membershipId }, await token(s.advisor)))).toBe("ACTIVITY_NOT_SHARED");
  });
});

describe("assignAdvisor", () => {
  it("takes a student off a caseload, and refuses an advisor who is not one here", async () => {
    const s = await school();
    const mutation = `mutation($student: ID!, $adv: ID) { assignAdvisor(studentMembershipId: $student, advisorMembershipId: $adv) { advisorMembershipId } }`;
    const off = await server.gql(mutation, { student: s.student.membershipId, adv: null }, await token(s.admin));
    expect(off.data!.assignAdvisor.advisorMembershipId).toBeNull();
    const [row] = await tenantTransaction(db(), { institutionId: s.institution.id }, (m) =>
      m.query(`SELECT advisor_id FROM student_profiles WHERE membership_id = $1`, [s.student.membershipId]),
    );
    expect(row.advisor_id).toBeNull();
    const notAdvisor = await server.gql(mutation, { student: s.student.membershipId, adv: s.admin.membershipId }, await token(s.admin));
    expect(errorCode(notAdvisor)).toBe("NOT_FOUND");
  });
});

const OUTCOME = `id requestId kind note createdAt`;
const RECORD = `mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) { ${OUTCOME} } }`;
const REMOVE = `mutation($id: ID!) { removeOutcome(outcomeId: $id) }`;
const MINE = `{ myOutcomes { ${OUTCOME} } }`;

describe("recordOutcome", () => {
  it("is refused without signing in", async () => {
    const s = await school();
    expect(errorCode(await server.gql(RECORD, { input: { requestId: s.requestId, kind: "JOB_OFFER" } }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to advisors and alumni", async () => {
    const s = await school();
    for (const member of [s.advisor, s.alumnus]) {
      expect(errorCode(await server.gql(RECORD, { input: { kind: "OTHER" } }, await token(member)))).toBe("FORBIDDEN");
    }
  });

  it("finds no request of another institution or another student", async () => {
    const [s, other] = [await school(), await school()];
    const classmate = await buildStudent(db(), { institution: s.institution });
    for (const requestId of [other.requestId, s.requestId]) {
      expect(errorCode(await server.gql(RECORD, { input: { requestId, kind: "OTHER" } }, await token(classmate)))).toBe("NOT_FOUND");
    }
  });

  it("records an outcome of a completed conversation, or of the search as a whole, and reports count it", async () => {
    const s = await school();
    const recorded = await server.gql(
      RECORD,
      { input: { requestId: s.requestId, kind: "INTERNSHIP_OFFER", note: "  Summer analyst  " } },
      await token(s.student),
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordOutcome).toMatchObject({ requestId: s.requestId, kind: "INTERNSHIP_OFFER", note: "Summer analyst" });
    const general = await server.gql(RECORD, { input: { kind: "PURSUING_FIELD", note: "   " } }, await token(s.student));
    expect(general.data!.recordOutcome).toMatchObject({ requestId: null, kind: "PURSUING_FIELD", note: null });
    const query = `{ outcomeReport { kind current suppressed } requestReport { totalSuppressed total { current { outcomes } } } }`;
    const report = await server.gql(query, {}, await token(s.admin));
    expect(report.data!.outcomeReport.filter((o: { current: number }) => o.current > 0)).toEqual([
      { kind: "PURSUING_FIELD", current: 1, suppressed: false },
      { kind: "INTERNSHIP_OFFER", current: 1, suppressed: false },
    ]);
    expect(report.data!.requestReport.total.current.outcomes).toBe(2);
    // One student: the advisor sees neither kind nor the total that adds them up.
    const forAdvisor = await server.gql(query, {}, await token(s.advisor));
    expect(
      forAdvisor.data!.outcomeReport.filter((o: { suppressed: boolean }) => o.suppressed).map((o: { kind: string }) => o.kind),
    ).toEqual(["PURSUING_FIELD", "INTERNSHIP_OFFER"]);
    expect(forAdvisor.data!.requestReport).toEqual({ totalSuppressed: true, total: null });
  });

  it("waits until the conversation is completed, and refuses a long note", async () => {
    const s = await school();
    const pending = await insertRequest(db(), s.student, await buildAlumnus(db(), { institution: s.institution }), {
      state: "REQUESTED",
      createdAt: new Date(),
    });
    const early = await server.gql(RECORD, { input: { requestId: pending, kind: "JOB_OFFER" } }, await token(s.student));
    expect(errorCode(early)).toBe("OUTCOME_NEEDS_COMPLETION");
    const long = await server.gql(RECORD, { input: { kind: "OTHER", note: "x".repeat(1001) } }, await token(s.student));
    expect(errorCode(long)).toBe("BAD_USER_INPUT");
  });
});

describe("removeOutcome and myOutcomes", () => {
  it("are refused without signing in", async () => {
    expect(errorCode(await server.gql(MINE))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.gql(REMOVE, { id: "00000000-0000-4000-8000-000000000000" }))).toBe("UNAUTHENTICATED");
  });

  it("are refused to advisors and alumni", async () => {
    const s = await school();
    for (const member of [s.advisor, s.alumnus]) {
      expect(errorCode(await server.gql(MINE, {}, await token(member)))).toBe("FORBIDDEN");
      expect(errorCode(await server.gql(REMOVE, { id: "00000000-0000-4000-8000-000000000000" }, await token(member)))).toBe("FORBIDDEN");
    }
  });

  it("show and remove nothing of another institution's student", async () => {
    const [s, other] = [await school(), await school()];
    const { id } = (await server.gql(RECORD, { input: { kind: "OTHER" } }, await token(s.student))).data!.recordOutcome;
    expect((await server.gql(MINE, {}, await token(other.student))).data!.myOutcomes).toEqual([]);
    expect(errorCode(await server.gql(REMOVE, { id }, await token(other.student)))).toBe("NOT_FOUND");
    expect((await server.gql(MINE, {}, await token(s.student))).data!.myOutcomes.map((o: { id: string }) => o.id)).toEqual([id]);
  });

  it("list the student's outcomes newest first and remove one", async () => {
    const s = await school();
    const first = (await server.gql(RECORD, { input: { kind: "OTHER" } }, await token(s.student))).data!.recordOutcome;
    const second = (await server.gql(RECORD, { input: { kind: "JOB_OFFER", requestId: s.requestId } }, await token(s.student))).data!
      .recordOutcome;
    const mine = (await server.gql(MINE, {}, await token(s.student))).data!.myOutcomes;
    expect(mine.map((o: { id: string }) => o.id)).toEqual([second.id, first.id]);
    expect((await server.gql(REMOVE, { id: first.id }, await token(s.student))).data!.removeOutcome).toBe(true);
    expect((await server.gql(MINE, {}, await token(s.student))).data!.myOutcomes.map((o: { id: string }) => o.id)).toEqual([second.id]);
    expect(errorCode(await server.gql(REMOVE, { id: first.id }, await token(s.student)))).toBe("NOT_FOUND");
    // The student's data export holds their outcomes.
    const exported = JSON.parse((await server.gql(`{ myDataExport }`, {}, await token(s.student))).data!.myDataExport);
    expect(exported.outcomes).toEqual([expect.objectContaining({ id: second.id, requestId: s.requestId, kind: "JOB_OFFER" })]);
  });
});
