import type { DataSource } from "typeorm";
import { OutboxDeliverer, type ClaimedRow } from "../notifications/outbox-delivery";
import { EventBus } from "../notifications/pubsub";
import { CAPTIONS_NOTE } from "../../shared/calendar-invite";
import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildInstitution, buildStudent, type BuiltInstitution } from "../../test/factories";
import { asInstitution } from "../../test/request-kit";
import { errorCode, MemoryMailer, startTestServer, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const DAY = 86_400_000;
const SET = `mutation($input: SetAccommodationsInput!) { setAccommodations(input: $input) { tooSoon { leadDays laterTimes } } }`;
const READ = `query($id: ID!) { requestAccommodations(requestId: $id) { side needs } }`;

/** A request between a student and an alum, VIDEO, open times `daysAhead` from now, or booked `meetingIn` days ahead. */
async function scene(ds: DataSource, o: { institution?: BuiltInstitution; daysAhead?: number[]; meetingIn?: number } = {}) {
  const institution = o.institution ?? (await buildInstitution(ds));
  const student = await buildStudent(ds, { institution, displayName: "Sam Student" });
  const alumnus = await buildAlumnus(ds, { institution, displayName: "Alex Alum" });
  const meeting = o.meetingIn === undefined ? null : new Date(Date.now() + o.meetingIn * DAY);
  const [row] = await asInstitution<{ id: string }>(
    ds,
    institution.id,
    `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone,
                                     expires_at, meeting_starts_at, meeting_ends_at, meeting_link)
     VALUES ($1, $2, $3, $4, 'VIDEO', 'I am exploring data science and would love to hear how you got into it.', 'UTC', 'UTC', $5, $6, $7,
             'https://meet.example/room') RETURNING id`,
    [
      institution.id,
      student.membershipId,
      alumnus.membershipId,
      meeting ? "ACCEPTED" : "REQUESTED",
      new Date(Date.now() + 30 * DAY),
      meeting,
      meeting && new Date(meeting.getTime() + 30 * 60_000),
    ],
  );
  for (const days of o.daysAhead ?? []) {
    const start = new Date(Date.now() + days * DAY);
    await asInstitution(
      ds,
      institution.id,
      `INSERT INTO proposed_times (institution_id, request_id, starts_at, ends_at, proposed_by, kind) VALUES ($1, $2, $3, $4, 'STUDENT', 'REQUEST')`,
      [institution.id, row.id, start, new Date(start.getTime() + 30 * 60_000)],
    );
  }
  return { institution, student, alumnus, requestId: row.id };
}

const outboxRows = (ds: DataSource, institutionId: string, topic: string) =>
  asInstitution<{ id: string; topic: string; payload: Record<string, unknown>; attempts: number; created_at: Date }>(
    ds,
    institutionId,
    `SELECT id, topic, payload, attempts, created_at FROM outbox WHERE topic = $1 ORDER BY id`,
    [topic],
  );

/** Delivers one outbox row as the worker would (this claim's attempts), into a memory mailer. */
async function deliver(ds: DataSource, institutionId: string, row: Awaited<ReturnType<typeof outboxRows>>[number]) {
  const mailer = new MemoryMailer();
  const deliverer = new OutboxDeliverer({ dataSource: ds, mailer, bus: new EventBus(), publicUrl: "http://infoview.test" });
  const claimed: ClaimedRow = {
    id: String(row.id),
    institutionId,
    topic: row.topic,
    payload: row.payload,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
  await deliverer.deliver(claimed);
  return mailer.sent;
}

describe("accommodations: the career center's notice, the captions note, who sees them", () => {
  it("tells the career center (its advisors and admins, no one elsewhere) when an interpreter is asked for at short notice — once", async () => {
    const s = await scene(db(), { daysAhead: [3, 14] });
    const advisor = await buildAdvisor(db(), { institution: s.institution, displayName: "Ada Advisor" });
    const admin = await buildAdmin(db(), { institution: s.institution, displayName: "Adam Admin" });
    const elsewhere = await buildAdvisor(db(), { displayName: "Other Campus" });
    const token = await server.signIn(s.student);

    const said = await server.gql(SET, { input: { requestId: s.requestId, needs: ["SIGN_LANGUAGE_INTERPRETER", "EXTRA_TIME"] } }, token);
    expect(said.errors).toBeUndefined();
    expect(said.data!.setAccommodations.tooSoon.laterTimes).toHaveLength(1);
    // Saying the same again, or adding a need nobody books, does not tell them twice.
    await server.gql(SET, { input: { requestId: s.requestId, needs: ["SIGN_LANGUAGE_INTERPRETER", "STEP_FREE_VENUE"] } }, token);
    const rows = await outboxRows(db(), s.institution.id, "accommodation.arrange");
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toEqual({ requestId: s.requestId, side: "STUDENT" });

    const sent = await deliver(db(), s.institution.id, rows[0]);
    expect(sent.map((m) => m.to).sort()).toEqual([advisor.email, admin.email].sort());
    expect(sent.map((m) => m.to)).not.toContain(elsewhere.email);
    expect(sent.map((m) => m.to)).not.toContain(s.student.email);
    const mail = sent[0];
    expect(mail.subject).toBe("To arrange at short notice: a sign-language interpreter for a conversation");
    expect(mail.text).toContain("sooner than your lead time of 10 days");
    expect(mail.text).toContain("How they meet: video call");
    // The service and the meeting, not who asked nor their other needs.
    expect(mail.text).not.toContain("Sam Student");
    expect(mail.text).not.toMatch(/step-free|extra time/i);
    const audit = await asInstitution(
      db(),
      s.institution.id,
      `SELECT subject_membership_id FROM audit_log WHERE action = 'accommodation.arrangement_requested'`,
    );
    expect(audit).toEqual([{ subject_membership_id: s.student.membershipId }]);
  });

  it("sends no notice with enough lead time, nor once the need was withdrawn before delivery", async () => {
    const early = await scene(db(), { daysAhead: [20] });
    await buildAdvisor(db(), { institution: early.institution });
    await server.gql(SET, { input: { requestId: early.requestId, needs: ["CAPTIONS"] } }, await server.signIn(early.student));
    expect(await outboxRows(db(), early.institution.id, "accommodation.arrange")).toEqual([]);

    const withdrawn = await scene(db(), { meetingIn: 2 });
    await buildAdvisor(db(), { institution: withdrawn.institution });
    const alum = await server.signIn(withdrawn.alumnus);
    await server.gql(SET, { input: { requestId: withdrawn.requestId, needs: ["CAPTIONS"] } }, alum);
    await server.gql(SET, { input: { requestId: withdrawn.requestId, needs: [] } }, alum);
    const [row] = await outboxRows(db(), withdrawn.institution.id, "accommodation.arrange");
    expect(await deliver(db(), withdrawn.institution.id, row)).toEqual([]);
  });

  it("puts a captions note in a video meeting's invitation email and calendar invitation, only when captions were asked for", async () => {
    const s = await scene(db(), { meetingIn: 20 });
    const plain = await scene(db(), { meetingIn: 20 });
    await server.gql(SET, { input: { requestId: s.requestId, needs: ["CAPTIONS"] } }, await server.signIn(s.alumnus));
    for (const x of [s, plain])
      await asInstitution(
        db(),
        x.institution.id,
        `INSERT INTO outbox (institution_id, topic, payload) VALUES ($1, 'request.accepted', $2)`,
        [x.institution.id, JSON.stringify({ requestId: x.requestId, actor: "ALUMNUS", sequence: 0 })],
      );
    const [accepted] = await outboxRows(db(), s.institution.id, "request.accepted");
    const sent = await deliver(db(), s.institution.id, accepted);
    expect(sent).toHaveLength(2);
    for (const mail of sent) {
      expect(mail.text).toContain(CAPTIONS_NOTE);
      const ics = String(mail.attachments![0].content).replace(/\r\n /g, "");
      expect(ics).toContain("Captions: live captions were asked for this conversation.");
    }
    const [other] = await outboxRows(db(), plain.institution.id, "request.accepted");
    for (const mail of await deliver(db(), plain.institution.id, other)) {
      expect(mail.text).not.toContain("Captions:");
      expect(String(mail.attachments![0].content)).not.toContain("Captions");
    }
  });

  it("never shows a request's needs to another institution's advisors or to a student of the same institution", async () => {
    const s = await scene(db(), { daysAhead: [20] });
    await server.gql(
      SET,
      { input: { requestId: s.requestId, needs: ["EXTRA_TIME"], shareWithAdvisors: true } },
      await server.signIn(s.student),
    );
    const ownAdvisor = await server.signIn(await buildAdvisor(db(), { institution: s.institution }));
    expect((await server.gql(READ, { id: s.requestId }, ownAdvisor)).data!.requestAccommodations).toEqual([
      { side: "STUDENT", needs: ["EXTRA_TIME"] },
    ]);
    const otherAdvisor = await server.signIn(await buildAdvisor(db()));
    expect(errorCode(await server.gql(READ, { id: s.requestId }, otherAdvisor))).toBe("REQUEST_NOT_FOUND");
    // The lead time the forms warn about: the participants' institution's, not for staff.
    expect((await server.gql(`{ accommodationLeadDays }`, {}, await server.signIn(s.alumnus))).data!.accommodationLeadDays).toBe(10);
    expect(errorCode(await server.gql(`{ accommodationLeadDays }`, {}, ownAdvisor))).toBe("FORBIDDEN");
    const otherStudent = await server.signIn(await buildStudent(db(), { institution: s.institution }));
    expect(errorCode(await server.gql(READ, { id: s.requestId }, otherStudent))).toBe("REQUEST_NOT_FOUND");
  });
});
