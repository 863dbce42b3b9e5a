import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildConsent, buildInstitution, buildStudent } from "../../test/factories";
import { asInstitution, asOwnerIn, viewerOf } from "../../test/request-kit";
import { createServices, type Services } from "../../services";
import { testConfig, MemoryMailer } from "../../test/test-server";
import { ReportKind } from "./reports.enums";
import { insertOutcome, insertRequest } from "./reports.fixtures";

const db = useTestDatabase();
let services: Services;
beforeAll(() => {
  services = createServices(db(), testConfig(), new MemoryMailer());
});

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function institutionWithStaff(timeZone = "America/New_York") {
  const institution = await buildInstitution(db(), { timeZone });
  const advisor = await buildAdvisor(db(), { institution });
  const admin = await buildAdmin(db(), { institution });
  return { institution, advisor, admin };
}

describe("needsAction", () => {
  async function setting() {
    const staff = await institutionWithStaff();
    const { institution } = staff;
    const sharing = async () => {
      const s = await buildStudent(db(), { institution });
      await buildConsent(db(), s, "STUDENT_SHARE_WITH_ADVISORS");
      return s;
    };
    return { ...staff, sharing, alum: () => buildAlumnus(db(), { institution }) };
  }

  it('lists booked meetings over a week past that nobody settled ("did it happen?" unanswered)', async () => {
    const { advisor, sharing, alum } = await setting();
    const [old, recent, completed] = [await sharing(), await sharing(), await sharing()];
    const hidden = await buildStudent(db(), { institution: { id: advisor.institutionId, slug: "", name: "" } });
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    const unsettled = await insertRequest(db(), old, await alum(), { state: "ACCEPTED", createdAt: ago(20), meetingStartsAt: ago(9) });
    await insertRequest(db(), recent, await alum(), { state: "ACCEPTED", createdAt: ago(20), meetingStartsAt: ago(5) });
    await insertRequest(db(), completed, await alum(), { state: "COMPLETED", createdAt: ago(20), meetingStartsAt: ago(9) });
    await insertRequest(db(), hidden, await alum(), { state: "ACCEPTED", createdAt: ago(20), meetingStartsAt: ago(10) });
    const lists = await services.reports.needsAction(viewerOf(advisor), {});
    expect(lists.unsettledMeetings.map((u) => [u.requestId, u.studentMembershipId])).toEqual([[unsettled, old.membershipId]]);
  });

  it("lists inactive students who share with advisors, longest inactive first", async () => {
    const { advisor, sharing, alum } = await setting();
    const [idle, busy, hidden, idler] = [
      await sharing(),
      await sharing(),
      await buildStudent(db(), { institution: { id: advisor.institutionId, slug: "", name: "" } }),
      await sharing(),
    ];
    const a = await alum();
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    await insertRequest(db(), idle, a, { state: "DECLINED", createdAt: ago(40), updatedAt: ago(30), answeredAfterHours: 1 });
    await insertRequest(db(), idler, a, { state: "DECLINED", createdAt: ago(60), updatedAt: ago(50), answeredAfterHours: 1 });
    await insertRequest(db(), busy, a, { state: "DECLINED", createdAt: ago(40), updatedAt: ago(2), answeredAfterHours: 1 });
    await insertRequest(db(), hidden, a, { state: "DECLINED", createdAt: ago(40), updatedAt: ago(30), answeredAfterHours: 1 });
    // One who joined 45 days ago and never did anything: listed too, with no last activity (a student who never started).
    const neverStarted = await sharing();
    await asOwnerIn(db(), { institutionId: advisor.institutionId }, async (m) => {
      await m.query(`UPDATE memberships SET created_at = now() - interval '45 days' WHERE id = $1`, [neverStarted.membershipId]);
      await m.query(`SELECT student_activity_refresh(ARRAY[$1::uuid])`, [neverStarted.membershipId]);
    });
    const lists = await services.reports.needsAction(viewerOf(advisor), { inactiveDays: 21 });
    expect(lists.inactiveStudents.map((s) => [s.studentMembershipId, s.daysInactive, s.requestsSent, s.lastActivityAt === null])).toEqual([
      [idler.membershipId, 50, 1, false],
      [neverStarted.membershipId, 45, 0, true],
      [idle.membershipId, 30, 1, false],
    ]);
  });

  it("keeps each student's last activity exact when activity is removed or backdated", async () => {
    const { advisor, sharing, alum } = await setting();
    const student = await sharing();
    const a = await alum();
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    const request = await insertRequest(db(), student, a, {
      state: "DECLINED",
      createdAt: ago(40),
      updatedAt: ago(30),
      answeredAfterHours: 1,
    });
    const inactive = async () =>
      (await services.reports.needsAction(viewerOf(advisor), { inactiveDays: 21 })).inactiveStudents.map((s) => [
        s.studentMembershipId,
        s.daysInactive,
      ]);
    expect(await inactive()).toEqual([[student.membershipId, 30]]);
    // A recent outcome makes the student active; removing it makes them inactive again, since the request.
    await insertOutcome(db(), student, "JOB_OFFER", ago(1), request);
    expect(await inactive()).toEqual([]);
    await asInstitution(db(), advisor.institutionId, `DELETE FROM outcomes WHERE student_id = $1`, [student.membershipId]);
    expect(await inactive()).toEqual([[student.membershipId, 30]]);
    // Moving the request's last change back moves the student's last activity back too.
    await asInstitution(db(), advisor.institutionId, `UPDATE interview_requests SET updated_at = $2 WHERE id = $1`, [request, ago(45)]);
    expect(await inactive()).toEqual([[student.membershipId, 45]]);
  });

  it("counts an alum's expiries of the last 90 days, with or without a closing time", async () => {
    const { advisor, sharing, alum, institution } = await setting();
    const student = await sharing();
    const a = await alum();
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    // Closed 10 days ago; expired 20 days ago with no closing time (counted by expiry); closed 100 days ago (too old).
    const recent = await insertRequest(db(), student, a, { state: "EXPIRED", createdAt: ago(17), expiresAt: ago(10) });
    const unclosed = await insertRequest(db(), student, a, { state: "EXPIRED", createdAt: ago(27), expiresAt: ago(20) });
    await insertRequest(db(), student, a, { state: "EXPIRED", createdAt: ago(107), expiresAt: ago(100) });
    await asInstitution(db(), institution.id, `UPDATE interview_requests SET closed_at = NULL WHERE id = $1`, [unclosed]);
    const unresponsive = async () =>
      (await services.reports.needsAction(viewerOf(advisor), {})).unresponsiveAlumni.map((u) => [
        u.alumnusMembershipId,
        u.expiredLast90Days,
      ]);
    expect(await unresponsive()).toEqual([[a.membershipId, 2]]);
    // An expiry closed long after it was due counts by its closing time.
    await asInstitution(db(), institution.id, `UPDATE interview_requests SET closed_at = $2 WHERE id = $1`, [recent, ago(95)]);
    expect(await unresponsive()).toEqual([]);
  });

  it("lists overdue thank-yous, overloaded and unresponsive alumni and expiring requests", async () => {
    const { advisor, sharing, alum, institution } = await setting();
    const student = await sharing();
    const [a1, a2, a3] = [await alum(), await alum(), await alum()];
    const now = Date.now();
    const overdue = await insertRequest(db(), student, a1, {
      state: "COMPLETED",
      createdAt: new Date(now - 10 * DAY),
      answeredAfterHours: 1,
      meetingStartsAt: new Date(now - 6 * DAY),
      thankYouDueAt: new Date(now - 3 * DAY - HOUR),
    });
    await insertRequest(db(), student, a1, {
      state: "COMPLETED",
      createdAt: new Date(now - 10 * DAY),
      answeredAfterHours: 1,
      meetingStartsAt: new Date(now - 5 * DAY),
      thankYouDueAt: new Date(now - 3 * DAY),
      thankYouAfterDays: 1,
    });
    // a2: capacity 1, two requests waiting for more than 3 days.
    await asInstitution(db(), institution.id, `UPDATE alumni_profiles SET monthly_capacity = 1 WHERE membership_id = $1`, [
      a2.membershipId,
    ]);
    const other = await sharing();
    await insertRequest(db(), student, a2, {
      state: "REQUESTED",
      createdAt: new Date(now - 5 * DAY),
      expiresAt: new Date(now + 10 * HOUR),
    });
    await insertRequest(db(), other, a2, { state: "REQUESTED", createdAt: new Date(now - 4 * DAY), expiresAt: new Date(now + 100 * HOUR) });
    // a3: one request, answered in time.
    await insertRequest(db(), other, a3, { state: "REQUESTED", createdAt: new Date(now - HOUR) });

    const lists = await services.reports.needsAction(viewerOf(advisor), { expiringWithinHours: 48 });
    expect(lists.overdueThankYous.map((t) => [t.requestId, t.alumnusMembershipId, t.daysOverdue])).toEqual([[overdue, a1.membershipId, 3]]);
    expect(lists.overloadedAlumni.map((a) => [a.alumnusMembershipId, a.monthlyCapacity, a.openRequests, a.receivedLast30Days])).toEqual([
      [a2.membershipId, 1, 2, 2],
    ]);
    expect(lists.unresponsiveAlumni.map((a) => [a.alumnusMembershipId, a.waitingOver3Days, a.expiredLast90Days])).toEqual([
      [a2.membershipId, 2, 0],
    ]);
    expect(lists.expiringRequests.map((r) => [r.studentMembershipId, r.alumnusMembershipId, Math.round(r.hoursLeft)])).toEqual([
      [student.membershipId, a2.membershipId, 10],
    ]);

    const csv = await services.reports.reportCsv(viewerOf(advisor), { report: ReportKind.OVERDUE_THANK_YOUS });
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "request_id,student_membership_id,student_name,alumnus_membership_id,alumnus_name,completed_at,thank_you_due_at,days_overdue",
    );
    expect(lines[1].startsWith(`${overdue},${student.membershipId},`)).toBe(true);
    expect(lines).toHaveLength(3);
  });
});
