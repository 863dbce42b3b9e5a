import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAlumnus, buildInstitution, buildStudent } from "../../test/factories";
import { testConfig } from "../../test/test-server";
import { createServices, type Services } from "../../services";
import { buildRequest } from "./conversations.fixtures";

const db = useTestDatabase();
let services: Services;
beforeAll(() => {
  services = createServices(db(), testConfig(), { send: async () => {} });
});

const DAY = 24 * 3600_000;
const inTenant = <T>(institutionId: string, fn: Parameters<typeof tenantTransaction<T>>[2]) =>
  tenantTransaction(db(), { institutionId }, fn);

async function completedRequest(options: { closedAt?: Date } = {}) {
  const institution = await buildInstitution(db());
  const student = await buildStudent(db(), { institution });
  const alumnus = await buildAlumnus(db(), { institution });
  const closedAt = options.closedAt ?? new Date(Date.now() - DAY);
  const request = await buildRequest(db(), student, alumnus, { meetingStartsAt: new Date(closedAt.getTime() - 1800_000), closedAt });
  return { institution, student, alumnus, request };
}

describe("ConversationsService.startFollowUps", () => {
  it("makes the thank-you due thank_you_days after completion and the update follow_up_days after", async () => {
    const { institution, request } = await completedRequest();
    const completedAt = new Date("2030-03-07T15:30:00Z");
    const followUp = await inTenant(institution.id, (m) =>
      services.conversations.startFollowUps(m, { requestId: request.id, completedAt, thankYouDays: 3, followUpDays: 45 }),
    );
    expect(followUp).toMatchObject({
      requestId: request.id,
      completedAt,
      thankYouDueAt: new Date(completedAt.getTime() + 3 * DAY),
      updateDueAt: new Date(completedAt.getTime() + 45 * DAY),
      thankYouSentAt: null,
    });
  });

  it("uses the institution's settings by default, and moves the due dates when called again without losing what was recorded", async () => {
    const { institution, request } = await completedRequest();
    await inTenant(institution.id, (m) =>
      m.query(`UPDATE institutions SET thank_you_days = 2, follow_up_days = 60 WHERE id = $1`, [institution.id]),
    );
    const first = new Date("2030-01-10T10:00:00Z");
    await inTenant(institution.id, async (m) => {
      await services.conversations.startFollowUps(m, { requestId: request.id, completedAt: first });
      await m.query(`UPDATE follow_ups SET thank_you_sent_at = $2 WHERE request_id = $1`, [request.id, first]);
    });
    const second = new Date("2030-01-11T10:00:00Z");
    const followUp = await inTenant(institution.id, (m) =>
      services.conversations.startFollowUps(m, { requestId: request.id, completedAt: second }),
    );
    expect(followUp).toMatchObject({
      thankYouDueAt: new Date(second.getTime() + 2 * DAY),
      updateDueAt: new Date(second.getTime() + 60 * DAY),
      thankYouSentAt: first,
    });
  });

  it("refuses a request that is not completed, or belongs to another institution", async () => {
    const { institution, student, request } = await completedRequest();
    const accepted = await buildRequest(db(), student, await buildAlumnus(db(), { institution }), { state: "ACCEPTED" });
    await expect(
      inTenant(institution.id, (m) => services.conversations.startFollowUps(m, { requestId: accepted.id, completedAt: new Date() })),
    ).rejects.toThrow(/not a COMPLETED request/);
    const other = await buildInstitution(db());
    await expect(
      inTenant(other.id, (m) => services.conversations.startFollowUps(m, { requestId: request.id, completedAt: new Date() })),
    ).rejects.toThrow(/not a COMPLETED request/);
  });

  it("marks the referral that led to the request as MET", async () => {
    const { institution, student, request } = await completedRequest();
    const next = await buildRequest(db(), student, await buildAlumnus(db(), { institution }), {
      meetingStartsAt: new Date(Date.now() - 5 * 3600_000),
      closedAt: new Date(Date.now() - 4 * 3600_000),
    });
    const referral = await inTenant(institution.id, async (m) => {
      const created = await services.conversations.createReferral(m, {
        sourceRequestId: request.id,
        name: "Rae Kim",
        howToReach: "rae@example.org",
      });
      await services.conversations.turnReferralIntoRequest(m, created.id, next.id);
      await services.conversations.startFollowUps(m, { requestId: next.id, completedAt: new Date() });
      return m.query(`SELECT status, resulting_request_id FROM referrals WHERE id = $1`, [created.id]);
    });
    expect(referral).toEqual([{ status: "MET", resulting_request_id: next.id }]);
  });
});

describe("ConversationsService.createReferral and turnReferralIntoRequest", () => {
  it("records a decline's referral as suggested by the declining alum", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    const alumnus = await buildAlumnus(db(), { institution });
    const declined = await buildRequest(db(), student, alumnus, { state: "DECLINED" });
    const referral = await inTenant(institution.id, (m) =>
      services.conversations.createReferral(m, {
        sourceRequestId: declined.id,
        name: "Lee Chan",
        howToReach: "lee@example.org",
        note: "Closer to your interests.",
      }),
    );
    expect(referral).toMatchObject({
      studentId: student.membershipId,
      suggestedById: alumnus.membershipId,
      name: "Lee Chan",
      status: "SUGGESTED",
    });
  });

  it("refuses to link a referral to another student's request", async () => {
    const { institution, request } = await completedRequest();
    const otherStudent = await buildStudent(db(), { institution });
    const theirs = await buildRequest(db(), otherStudent, await buildAlumnus(db(), { institution }), { state: "REQUESTED" });
    await expect(
      inTenant(institution.id, async (m) => {
        const referral = await services.conversations.createReferral(m, { sourceRequestId: request.id, name: "Rae Kim" });
        return services.conversations.turnReferralIntoRequest(m, referral.id, theirs.id);
      }),
    ).rejects.toMatchObject({ extensions: { code: "NOT_FOUND" } });
  });
});

describe("ConversationsService.dueReminders and markReminded", () => {
  it("reminds of a thank-you a day before it is due and of an update when due, each once", async () => {
    const closedAt = new Date("2030-05-01T12:00:00Z");
    const { institution, student, request } = await completedRequest({ closedAt: new Date(Date.now() - DAY) });
    await inTenant(institution.id, (m) =>
      services.conversations.startFollowUps(m, { requestId: request.id, completedAt: closedAt, thankYouDays: 3, followUpDays: 30 }),
    );
    const at = (hoursAfterCompletion: number) => new Date(closedAt.getTime() + hoursAfterCompletion * 3600_000);
    const due = (now: Date) => inTenant(institution.id, (m) => services.conversations.dueReminders(m, now));

    expect(await due(at(47))).toEqual([]);
    expect(await due(at(49))).toEqual([{ kind: "THANK_YOU", requestId: request.id, studentId: student.membershipId, dueAt: at(72) }]);
    expect(await inTenant(institution.id, (m) => services.conversations.markReminded(m, "THANK_YOU", request.id))).toBe(true);
    expect(await inTenant(institution.id, (m) => services.conversations.markReminded(m, "THANK_YOU", request.id))).toBe(false);
    expect(await due(at(50))).toEqual([]);
    expect(await due(at(30 * 24 + 1))).toEqual([
      { kind: "UPDATE", requestId: request.id, studentId: student.membershipId, dueAt: at(30 * 24) },
    ]);
  });

  it("sends no reminder for a thank-you already sent, an alum who declined further contact, or one long overdue", async () => {
    const closedAt = new Date("2030-05-01T12:00:00Z");
    const { institution, request } = await completedRequest();
    await inTenant(institution.id, async (m) => {
      await services.conversations.startFollowUps(m, { requestId: request.id, completedAt: closedAt, thankYouDays: 2, followUpDays: 30 });
      await m.query(`UPDATE follow_ups SET may_contact_again = false WHERE request_id = $1`, [request.id]);
    });
    const due = (now: Date) => inTenant(institution.id, (m) => services.conversations.dueReminders(m, now));
    expect(await due(new Date(closedAt.getTime() + 31 * DAY))).toEqual([]);
    expect(await due(new Date(closedAt.getTime() + 30 * DAY))).toEqual([]);
    await inTenant(institution.id, (m) =>
      m.query(`UPDATE follow_ups SET thank_you_sent_at = $2 WHERE request_id = $1`, [request.id, closedAt]),
    );
    expect(await due(new Date(closedAt.getTime() + 2 * DAY))).toEqual([]);
  });

  it("starts follow-ups for completed requests that never had them, and shows nothing of other institutions", async () => {
    const { institution, request } = await completedRequest({ closedAt: new Date(Date.now() - 36 * 3600_000) });
    const reminders = await inTenant(institution.id, (m) => services.conversations.dueReminders(m, new Date()));
    expect(reminders.map((r) => [r.kind, r.requestId])).toEqual([["THANK_YOU", request.id]]);
    const other = await buildInstitution(db());
    expect(await inTenant(other.id, (m) => services.conversations.dueReminders(m, new Date()))).toEqual([]);
  });
});

describe("follow-up due dates", () => {
  it("count from the meeting's end, not from when the completion was recorded", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    const alumnus = await buildAlumnus(db(), { institution });
    // The meeting ended five days ago; "We had the conversation" was pressed only today.
    const meetingStartsAt = new Date(Date.now() - 5 * DAY - 1800_000);
    const request = await buildRequest(db(), student, alumnus, { meetingStartsAt, closedAt: new Date() });
    const endsAt = new Date(meetingStartsAt.getTime() + 1800_000);
    const [row] = await inTenant(institution.id, async (m) => {
      await services.conversations.dueReminders(m, new Date());
      return m.query(`SELECT completed_at, thank_you_due_at, update_due_at FROM follow_ups WHERE request_id = $1`, [request.id]);
    });
    expect(row).toEqual({
      completed_at: endsAt,
      thank_you_due_at: new Date(endsAt.getTime() + 2 * DAY),
      update_due_at: new Date(endsAt.getTime() + 45 * DAY),
    });
  });
});
