import "reflect-metadata";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { tenantTransaction } from "../db/tenant-transaction";
import { DigestBuilder } from "../modules/notifications/digests";
import { createFileMailer } from "../modules/notifications/mailer";
import { buildRequestScene } from "../modules/notifications/notifications.fixtures";
import { OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import { EventBus } from "../modules/notifications/pubsub";
import { unsubscribeSigner } from "../modules/notifications/unsubscribe";
import { meetingCheckToken } from "../modules/requests/meeting-checks";
import { useFreshDatabase } from "../test/database";
import { buildAdvisor, buildConsent, buildInstitution, buildStudent, type BuiltInstitution, type BuiltMember } from "../test/factories";
import { runDueJobs } from "../test/jobs";
import { startTestServer, type TestServer } from "../test/test-server";
import { OutboxJob } from "./outbox-job";
import { mailFolder, PUBLIC_URL, readEml, removeMailFolders, settings, silent } from "./outbox-worker.fixtures";
import { outboxTask, TASK } from "./tasks";

/** The advisors' digest and the students' follow-ups digest (ADR 0024, 0029); the alumni digest is in digests.test.ts. */
const db = useFreshDatabase("digests-people", 6);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(async () => {
  removeMailFolders();
  await server.close();
});

/** The builder as the job runner has it: the advisors' lists read through the reports module. */
const builder = () =>
  new DigestBuilder({ dataSource: db(), advisorLists: (m, i, advisor) => server.services.reports.needsActionIn(m, i, advisor) });

async function deliver(folder: string) {
  const deliverer = new OutboxDeliverer({
    dataSource: db(),
    mailer: createFileMailer(folder),
    bus: new EventBus(),
    publicUrl: PUBLIC_URL,
    unsubscribeSigner: unsubscribeSigner(server.config.secretsKey),
    meetingCheckToken: (facts, side, reminder) => meetingCheckToken(server.services.meetingChecks.signer, facts, side, reminder),
    advisorLists: (m, i, advisor) => server.services.reports.needsActionIn(m, i, advisor),
  });
  const job = new OutboxJob({ dataSource: db(), deliverer, settings: settings(), logger: silent });
  await runDueJobs(db(), { [TASK.outbox]: outboxTask({ outbox: job, logger: silent }) });
}

/** The emails in a folder to one address, with the raw message (the runner delivers every due row, other tests' too). */
const mailTo = (folder: string, email: string) =>
  readdirSync(folder)
    .map((f) => ({ ...readEml(path.join(folder, f)), raw: readFileSync(path.join(folder, f), "utf8") }))
    .filter((e) => e.header("To") === email);

async function choose(member: BuiltMember, kind: string, email: string) {
  await tenantTransaction(db(), { institutionId: member.institutionId }, (m) =>
    m.query(`INSERT INTO notification_preferences (institution_id, identity_id, kind, email, in_app) VALUES ($1, $2, $3, $4, true)`, [
      member.institutionId,
      member.identityId,
      kind,
      email,
    ]),
  );
}

const runsOf = (institutionId: string) =>
  tenantTransaction(db(), { institutionId }, (m) =>
    m.query(`SELECT identity_id, digest, items FROM digest_runs ORDER BY identity_id, digest`),
  ) as Promise<Array<{ identity_id: string; digest: string; items: number }>>;
const digestRows = (institutionId: string) =>
  tenantTransaction(db(), { institutionId }, (m) =>
    m.query(`SELECT topic, payload FROM outbox WHERE topic LIKE 'digest.%' ORDER BY id`),
  ) as Promise<Array<{ topic: string; payload: Record<string, string> }>>;

/** A student with a booked meeting in March 2026 nobody said happened (on the advisors' unsettled list after a week). */
async function unsettledStudent(institution: BuiltInstitution, name: string, shares: boolean, meetingStartsAt?: Date) {
  const student = await buildStudent(db(), { institution, displayName: name });
  if (shares) await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
  const scene = await buildRequestScene(db(), { institution, student, state: "ACCEPTED", meetingStartsAt });
  return { student, requestId: scene.requestId };
}

async function assign(student: BuiltMember, advisor: BuiltMember) {
  await tenantTransaction(db(), { institutionId: student.institutionId }, (m) =>
    m.query(
      `INSERT INTO student_profiles (membership_id, institution_id, advisor_id) VALUES ($1, $2, $3)
       ON CONFLICT (institution_id, membership_id) DO UPDATE SET advisor_id = EXCLUDED.advisor_id`,
      [student.membershipId, student.institutionId, advisor.membershipId],
    ),
  );
}

const NEEDS_ACTION = `query($a: ID) { needsAction(inactiveDays: 21, expiringWithinHours: 48, advisorMembershipId: $a) {
  inactiveStudents { studentMembershipId } overdueThankYous { studentMembershipId } expiringRequests { studentMembershipId }
  unsettledMeetings { studentMembershipId } overloadedAlumni { alumnusName } unresponsiveAlumni { alumnusName } } }`;

/** What the advisor's dashboard shows them (its default "everyone", or "my students"): student ids and the number of items. */
async function dashboard(advisor: BuiltMember, mine: boolean) {
  const token = await server.signIn(advisor);
  const result = await server.gql(NEEDS_ACTION, { a: mine ? advisor.membershipId : null }, token);
  expect(result.errors).toBeUndefined();
  const lists = Object.values(result.data!.needsAction as Record<string, Array<{ studentMembershipId?: string }>>);
  return {
    students: new Set(lists.flat().flatMap((i) => (i.studentMembershipId ? [i.studentMembershipId] : []))),
    items: lists.reduce((n, l) => n + l.length, 0),
  };
}

describe("advisors' digest", () => {
  it("sends each advisor the lists their dashboard shows: their caseload if they have one, else everyone; never students who do not share", async () => {
    const institution = await buildInstitution(db(), { name: "Northfield College" });
    const withCaseload = await buildAdvisor(db(), { institution, displayName: "Ada Advisor" });
    const withoutCaseload = await buildAdvisor(db(), { institution, displayName: "Ben Advisor" });
    const off = await buildAdvisor(db(), { institution, displayName: "Cy Advisor" });
    await choose(off, "ADVISOR_LISTS", "OFF");
    const mine = await unsettledStudent(institution, "Casey Caseload", true);
    const other = await unsettledStudent(institution, "Olive Other", true);
    const hidden = await unsettledStudent(institution, "Pat Private", false);
    await assign(mine.student, withCaseload);
    await assign(hidden.student, withCaseload);

    // Advisors get a weekly digest unless they choose otherwise: two queued, none for the advisor who turned it off.
    expect(await builder().run(institution.id)).toBe(2);
    const runs = await runsOf(institution.id);
    expect(runs.map((r) => r.identity_id).sort()).toEqual([withCaseload.identityId, withoutCaseload.identityId].sort());
    const folder = mailFolder();
    await deliver(folder);
    expect(mailTo(folder, off.email)).toEqual([]);

    const [ada, ...moreAda] = mailTo(folder, withCaseload.email);
    expect(moreAda).toEqual([]);
    const adaView = await dashboard(withCaseload, true);
    expect(adaView.students).toEqual(new Set([mine.student.membershipId]));
    expect(ada.header("Subject")).toBe(`${adaView.items === 1 ? "1 item needs" : `${adaView.items} items need`} your attention`);
    expect(ada.body).toContain("for your caseload");
    expect(ada.body).toContain("Casey Caseload with Alex Alum");
    expect(ada.body).toContain(`${PUBLIC_URL}/advisor/students/${mine.student.membershipId}`);
    expect(ada.body).not.toContain("Olive Other");
    expect(ada.body).not.toContain("Pat Private");
    expect(ada.body).toContain(`${PUBLIC_URL}/advisor`);

    const [ben] = mailTo(folder, withoutCaseload.email);
    const benView = await dashboard(withoutCaseload, false);
    expect(benView.students).toEqual(new Set([mine.student.membershipId, other.student.membershipId]));
    expect(ben.header("Subject")).toBe(`${benView.items} items need your attention`);
    expect(ben.body).toContain("for all students");
    for (const id of benView.students) expect(ben.body).toContain(`${PUBLIC_URL}/advisor/students/${id}`);
    expect(ben.body).not.toContain("Pat Private");
    expect(ben.body).not.toContain(hidden.student.membershipId);

    // Multipart (text and the MJML HTML), with the one-click unsubscribe like every other email.
    expect(ben.header("Content-Type")).toMatch(/^multipart\/alternative/);
    expect(ben.raw).toMatch(/Content-Type: text\/html/);
    expect(ben.header("List-Unsubscribe")).toMatch(new RegExp(`^<${PUBLIC_URL}/unsubscribe/`));
    expect(ben.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    // Once per period: running again builds nothing more.
    expect(await builder().run(institution.id)).toBe(0);
  });

  it("sends nothing when the lists are empty, and reads them only once in the period", async () => {
    const institution = await buildInstitution(db());
    const advisor = await buildAdvisor(db(), { institution });
    let reads = 0;
    const counting = new DigestBuilder({
      dataSource: db(),
      advisorLists: (m, i, a) => {
        reads += 1;
        return server.services.reports.needsActionIn(m, i, a);
      },
    });
    expect(await counting.run(institution.id)).toBe(0);
    expect(await counting.run(institution.id)).toBe(0);
    expect(reads).toBe(1);
    expect(await runsOf(institution.id)).toEqual([{ identity_id: advisor.identityId, digest: "ADVISOR_LISTS", items: 0 }]);
    expect(await digestRows(institution.id)).toEqual([]);
  });

  it("sends nothing when the lists emptied between building and delivery", async () => {
    const institution = await buildInstitution(db());
    const advisor = await buildAdvisor(db(), { institution });
    const { requestId } = await unsettledStudent(institution, "Quinn Quick", true);
    expect(await builder().run(institution.id)).toBe(1);
    await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`UPDATE interview_requests SET state = 'COMPLETED', closed_at = now() WHERE id = $1`, [requestId]),
    );
    const folder = mailFolder();
    await deliver(folder);
    expect(mailTo(folder, advisor.email)).toEqual([]);
  });
});

describe("students' digest", () => {
  it("asks about meetings nobody said happened, with one-click answers, and lists only the student's own", async () => {
    const institution = await buildInstitution(db());
    const { student, requestId } = await unsettledStudent(institution, "Dana Daily", false, new Date(Date.now() - 2 * 86_400_000));
    await choose(student, "FOLLOW_UPS", "DAILY_DIGEST");
    // A meeting long past too: its nudge links have expired, so the digest offers only its page.
    const old = await buildRequestScene(db(), { institution, student, state: "ACCEPTED" });
    // Another student's meeting (emails at once, the default): no digest, and not in Dana's.
    const other = await unsettledStudent(institution, "Eli Elsewhere", false);
    expect(await builder().run(institution.id)).toBe(1);
    expect((await digestRows(institution.id)).map((r) => [r.topic, r.payload.membershipId, r.payload.period.slice(0, 1)])).toEqual([
      ["digest.follow_ups", student.membershipId, "D"],
    ]);
    const folder = mailFolder();
    await deliver(folder);
    expect(mailTo(folder, other.student.email)).toEqual([]);
    const [eml, ...more] = mailTo(folder, student.email);
    expect(more).toEqual([]);
    expect(eml.header("Subject")).toBe("Follow-ups due: 2");
    // Counted in the text part (the HTML part says the same again).
    const text = eml.body.split(/Content-Type: text\/html/)[0];
    expect(text.match(/Did your conversation with Alex Alum on/g)).toHaveLength(2);
    expect(text.match(/It happened: http/g)).toHaveLength(1);
    expect(eml.body).toContain(`${PUBLIC_URL}/student/conversations/${requestId}`);
    expect(eml.body).toContain(`${PUBLIC_URL}/student/conversations/${old.requestId}`);
    expect(eml.body).not.toContain(other.requestId);
    expect(eml.header("List-Unsubscribe")).toMatch(/unsubscribe/);

    // The link answers for the student, once, without signing in.
    const happened = /It happened: (http\S+)/.exec(eml.body)![1];
    const token = new URL(happened).hash.match(/token=([^&]+)/)![1];
    const answer = `mutation($t: String!) { answerMeetingCheckByLink(token: $t, answer: HAPPENED) }`;
    expect((await server.gql(answer, { t: token })).errors).toBeUndefined();
    const [request] = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`SELECT state FROM interview_requests WHERE id = $1`, [requestId]),
    );
    expect(request.state).toBe("COMPLETED");
  });

  it("builds none when the student turned follow-ups off (nor an alum new requests), nor for a digest of nothing", async () => {
    const institution = await buildInstitution(db());
    const { student } = await unsettledStudent(institution, "Fay Off", false);
    await choose(student, "FOLLOW_UPS", "OFF");
    const waiting = await buildRequestScene(db(), { institution });
    await choose(waiting.alumnus, "NEW_REQUEST", "OFF");
    const idle = await buildStudent(db(), { institution });
    await choose(idle, "FOLLOW_UPS", "WEEKLY_DIGEST");
    expect(await builder().run(institution.id)).toBe(0);
    expect(await runsOf(institution.id)).toEqual([]);
    expect(await digestRows(institution.id)).toEqual([]);
  });
});
