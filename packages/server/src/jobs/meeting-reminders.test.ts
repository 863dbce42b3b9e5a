import type { DataSource } from "typeorm";
import { createDataSource } from "../db/data-source";
import { tenantTransaction } from "../db/tenant-transaction";
import { createLogger } from "../logger";
import { buildRequestScene, type RequestScene } from "../modules/notifications/notifications.fixtures";
import type { ClaimedRow } from "../modules/notifications/outbox-delivery";
import { connectionStringOf } from "../modules/notifications/pg-listener";
import { LinkSigner } from "../modules/notifications/signed-links";
import { CHECK_LINK_PURPOSE, MeetingCheckAnswer, MeetingChecksService } from "../modules/requests/meeting-checks";
import { createServices, type Services } from "../services";
import { useFreshDatabase } from "../test/database";
import { errorCode, MemoryMailer, startTestServer, testConfig } from "../test/test-server";
import { Scheduler } from "./scheduler";

const db = useFreshDatabase("meeting_reminders", 6);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const silent = createLogger("silent");
const config = testConfig();

function servicesOn(dataSource: DataSource): Services {
  return createServices(dataSource, config, new MemoryMailer());
}

function schedulerOn(dataSource: DataSource, now?: () => Date): Scheduler {
  const services = servicesOn(dataSource);
  return new Scheduler({
    dataSource,
    settings: { expiryReminderMs: DAY, minGapMs: 0 },
    logger: silent,
    expiry: services.requestLifecycle,
    followUps: services.conversations,
    now,
  });
}

const fromNow = (ms: number) => new Date(Date.now() + ms);

async function outboxRows(institutionId: string, topicPrefix = "request.meeting_"): Promise<ClaimedRow[]> {
  const rows: Array<{ id: string; topic: string; payload: Record<string, unknown>; created_at: Date }> = await tenantTransaction(
    db(),
    { institutionId },
    (m) => m.query(`SELECT id, topic, payload, created_at FROM outbox WHERE topic LIKE $1 ORDER BY id`, [`${topicPrefix}%`]),
  );
  return rows.map((r) => ({ id: String(r.id), institutionId, topic: r.topic, payload: r.payload, attempts: 1, createdAt: r.created_at }));
}

/** What the outbox worker would send for each row (its plan), read at delivery time as the worker reads it. */
async function plannedEmails(institutionId: string, services = servicesOn(db())) {
  const emails = [];
  for (const row of await outboxRows(institutionId)) {
    const plan = await services.notifications.deliverer.plan(row);
    emails.push(
      ...plan.emails.map((e) => ({ topic: row.topic, reminder: row.payload.reminder, side: e.side, subject: e.subject, text: e.text })),
    );
  }
  return emails;
}

async function sql<T = any>(scene: RequestScene, query: string, params: unknown[] = []): Promise<T[]> {
  return tenantTransaction(db(), { institutionId: scene.institution.id }, (m) => m.query(query, params));
}

const linksIn = (text: string): Record<string, string> => {
  const links: Record<string, string> = {};
  for (const match of text.matchAll(/meeting-check#token=([A-Za-z0-9._-]+)&answer=([A-Z_]+)/g)) links[match[2]] = match[1];
  return links;
};

describe("reminders before a meeting", () => {
  it("sends the 24-hour and the 1-hour reminder once each, to both people, the student's with the guides' checklist", async () => {
    const start = fromNow(20 * HOUR);
    const scene = await buildRequestScene(db(), { state: "ACCEPTED", meetingStartsAt: start, modality: "IN_PERSON" });
    const i = scene.institution.id;

    expect((await schedulerOn(db()).runInstitution(i))["meeting-reminders"]).toBe(1);
    expect((await schedulerOn(db()).runInstitution(i))["meeting-reminders"]).toBe(0);
    // Nineteen and a half hours later: half an hour before the start.
    const later = () => new Date(start.getTime() - 30 * 60_000);
    expect((await schedulerOn(db(), later).runInstitution(i))["meeting-reminders"]).toBe(1);
    expect((await schedulerOn(db(), later).runInstitution(i))["meeting-reminders"]).toBe(0);

    const emails = await plannedEmails(i);
    expect(emails.map((e) => [e.reminder, e.side])).toEqual([
      ["BEFORE_24H", "STUDENT"],
      ["BEFORE_24H", "ALUMNUS"],
      ["BEFORE_1H", "STUDENT"],
      ["BEFORE_1H", "ALUMNUS"],
    ]);
    const student = emails[0];
    expect(student.subject).toMatch(/^Coming up: your conversation with Alex Alum, /);
    for (const item of [
      "Look Alex Alum up again",
      "Go over your questions",
      "What to wear",
      "Directions and parking",
      "Be on time",
      "Keep to the time agreed: 30 minutes",
      'ask "Who else should I talk to?"',
    ]) {
      expect(student.text).toContain(item);
    }
    expect(emails[1].text).not.toContain("Who else should I talk to?");
    expect(emails[3].subject).toMatch(/^In an hour: your conversation with Sam Student, /);
  });

  it("gives a moved meeting new reminders, and a cancelled one none (not even those already queued)", async () => {
    const moved = await buildRequestScene(db(), { state: "ACCEPTED", meetingStartsAt: fromNow(10 * HOUR) });
    const i = moved.institution.id;
    const cancelled = await buildRequestScene(db(), {
      institution: moved.institution,
      state: "ACCEPTED",
      meetingStartsAt: fromNow(5 * HOUR),
    });
    expect((await schedulerOn(db()).runInstitution(i))["meeting-reminders"]).toBe(2);

    // Moved to a new time the next day (SEQUENCE + 1), still within 24 hours; the other one is cancelled.
    await sql(
      moved,
      `UPDATE interview_requests SET meeting_starts_at = $2, meeting_ends_at = $2::timestamptz + interval '30 minutes',
                        calendar_sequence = 1 WHERE id = $1`,
      [moved.requestId, fromNow(22 * HOUR)],
    );
    await sql(cancelled, `UPDATE interview_requests SET state = 'CANCELLED', calendar_sequence = 1 WHERE id = $1`, [cancelled.requestId]);
    expect((await schedulerOn(db()).runInstitution(i))["meeting-reminders"]).toBe(1);

    const rows = await outboxRows(i);
    expect(rows.map((r) => [r.payload.requestId, r.payload.sequence])).toEqual([
      [cancelled.requestId, 0],
      [moved.requestId, 0],
      [moved.requestId, 1],
    ]);
    // At delivery, only the current version's reminder is sent: the old one and the cancelled meeting's are dropped.
    const emails = await plannedEmails(i);
    expect(emails).toHaveLength(2);
    expect(new Set(emails.map((e) => e.subject.includes("Alex Alum") || e.subject.includes("Sam Student")))).toEqual(new Set([true]));
    const reminded = await sql(moved, `SELECT request_id, sequence FROM meeting_reminders WHERE request_id = $1 ORDER BY sequence`, [
      moved.requestId,
    ]);
    expect(reminded.map((r) => r.sequence)).toEqual([0, 1]);
  });

  it("sends each reminder once when two processes run the job at the same moment", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED", meetingStartsAt: fromNow(3 * HOUR) });
    for (const hours of [4, 5, 6]) {
      await buildRequestScene(db(), { institution: scene.institution, state: "ACCEPTED", meetingStartsAt: fromNow(hours * HOUR) });
    }
    const second = createDataSource(connectionStringOf(db()), 3);
    await second.initialize();
    try {
      const [a, b] = await Promise.all([
        schedulerOn(db()).runInstitution(scene.institution.id),
        schedulerOn(second).runInstitution(scene.institution.id),
      ]);
      expect((a["meeting-reminders"] ?? 0) + (b["meeting-reminders"] ?? 0)).toBe(4);
    } finally {
      await second.destroy();
    }
    const rows = await outboxRows(scene.institution.id);
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.payload.requestId)).size).toBe(4);
  });
});

describe('"did it happen?" after a meeting', () => {
  async function endedScene(endedAgo: number, institution?: RequestScene["institution"]) {
    return buildRequestScene(db(), { institution, state: "ACCEPTED", meetingStartsAt: new Date(Date.now() - endedAgo - 30 * 60_000) });
  }

  it("nudges both people an hour after the end and the next day, each once, with signed links", async () => {
    const scene = await endedScene(2 * HOUR);
    const i = scene.institution.id;
    expect((await schedulerOn(db()).runInstitution(i))["meeting-checks"]).toBe(1);
    expect((await schedulerOn(db()).runInstitution(i))["meeting-checks"]).toBe(0);
    const nextDay = () => new Date(Date.now() + DAY);
    expect((await schedulerOn(db(), nextDay).runInstitution(i))["meeting-checks"]).toBe(1);
    expect((await schedulerOn(db(), nextDay).runInstitution(i))["meeting-checks"]).toBe(0);

    const emails = await plannedEmails(i);
    expect(emails.map((e) => [e.reminder, e.side])).toEqual([
      ["CHECK_1", "STUDENT"],
      ["CHECK_1", "ALUMNUS"],
      ["CHECK_2", "STUDENT"],
      ["CHECK_2", "ALUMNUS"],
    ]);
    expect(emails[0].subject).toBe("Did your conversation with Alex Alum happen?");
    expect(emails[1].subject).toBe("Did your conversation with Sam Student happen?");
    expect(Object.keys(linksIn(emails[0].text)).sort()).toEqual(["HAPPENED", "MOVED", "NO_SHOW"]);
    // Each email, its own link: per person and per nudge.
    expect(new Set(emails.map((e) => linksIn(e.text).HAPPENED)).size).toBe(4);
    // Planned again (a retried delivery), an email carries the same link.
    expect(linksIn((await plannedEmails(i))[0].text).HAPPENED).toBe(linksIn(emails[0].text).HAPPENED);
  });

  it("settles on the first answer by link: completed, the link used up, the other person's refused, the other person told", async () => {
    const scene = await endedScene(2 * HOUR);
    const i = scene.institution.id;
    await schedulerOn(db()).runInstitution(i);
    const [studentEmail, alumnusEmail] = await plannedEmails(i);
    const checks = servicesOn(db()).meetingChecks;
    const token = linksIn(studentEmail.text).HAPPENED;

    expect(await checks.describeLink(token)).toMatchObject({
      requestId: scene.requestId,
      side: "STUDENT",
      otherName: "Alex Alum",
      answer: null,
    });
    expect(await checks.answerByLink(token, MeetingCheckAnswer.HAPPENED)).toBe("HAPPENED");

    const [request] = await sql(scene, `SELECT state, closed_at FROM interview_requests WHERE id = $1`, [scene.requestId]);
    expect(request.state).toBe("COMPLETED");
    await expect(checks.answerByLink(token, MeetingCheckAnswer.HAPPENED)).rejects.toMatchObject({ code: "LINK_USED" });
    await expect(checks.describeLink(token)).rejects.toMatchObject({ code: "LINK_USED" });
    await expect(checks.answerByLink(linksIn(alumnusEmail.text).NO_SHOW, MeetingCheckAnswer.NO_SHOW)).rejects.toMatchObject({
      code: "MEETING_ALREADY_SETTLED",
    });
    // The alum hears of it: the completion's emails, and no more nudges.
    const completed = (await outboxRows(i, "request.completed"))[0];
    expect(completed.payload).toMatchObject({ checkedBy: "STUDENT", via: "LINK", to: "COMPLETED" });
    const plan = await servicesOn(db()).notifications.deliverer.plan(completed);
    expect(plan.emails.map((e) => e.side)).toContain("ALUMNUS");
    expect((await schedulerOn(db(), () => new Date(Date.now() + DAY)).runInstitution(i))["meeting-checks"]).toBe(0);
    const [check] = await sql(scene, `SELECT answer, answered_by, via FROM meeting_checks WHERE request_id = $1`, [scene.requestId]);
    expect(check).toEqual({ answer: "HAPPENED", answered_by: "STUDENT", via: "LINK" });
  });

  it("refuses a link that was tampered with, signed with another key, or expired", async () => {
    const scene = await endedScene(2 * HOUR);
    await schedulerOn(db()).runInstitution(scene.institution.id);
    const [email] = await plannedEmails(scene.institution.id);
    const token = linksIn(email.text).NO_SHOW;
    const checks = servicesOn(db()).meetingChecks;
    const [version, claims, mac] = token.split(".");
    const forged = JSON.parse(Buffer.from(claims, "base64url").toString());
    forged.s = "ALUMNUS";
    const tampered = `${version}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${mac}`;
    await expect(checks.answerByLink(tampered, MeetingCheckAnswer.NO_SHOW)).rejects.toMatchObject({ code: "LINK_INVALID" });
    const otherKey = new LinkSigner(new Uint8Array(32).fill(7), CHECK_LINK_PURPOSE).sign(forged);
    await expect(checks.answerByLink(otherKey, MeetingCheckAnswer.NO_SHOW)).rejects.toMatchObject({ code: "LINK_INVALID" });
    await expect(checks.answerByLink("nonsense", MeetingCheckAnswer.NO_SHOW)).rejects.toMatchObject({ code: "LINK_INVALID" });
    // Fifteen days later the link (valid two weeks after the meeting) has expired.
    const later = new MeetingChecksService({ dataSource: db(), config, mailer: new MemoryMailer() }, () => new Date(Date.now() + 15 * DAY));
    await expect(later.answerByLink(token, MeetingCheckAnswer.NO_SHOW)).rejects.toMatchObject({ code: "LINK_EXPIRED" });
    // None of these used it up.
    expect(await checks.answerByLink(token, MeetingCheckAnswer.NO_SHOW)).toBe("NO_SHOW");
    const [request] = await sql(scene, `SELECT state FROM interview_requests WHERE id = $1`, [scene.requestId]);
    expect(request.state).toBe("NO_SHOW");
    const [noShow] = await outboxRows(scene.institution.id, "request.no_show");
    expect(noShow.payload).toMatchObject({ reportedBy: "STUDENT" });
    const plan = await servicesOn(db()).notifications.deliverer.plan(noShow);
    expect(plan.emails.map((e) => e.side)).toEqual(["ALUMNUS"]);
  });

  it("'we moved it' keeps the meeting booked for a new time, tells the other person, and stops the nudges of that time", async () => {
    const scene = await endedScene(2 * HOUR);
    const i = scene.institution.id;
    await schedulerOn(db()).runInstitution(i);
    const [, alumnusEmail] = await plannedEmails(i);
    expect(await servicesOn(db()).meetingChecks.answerByLink(linksIn(alumnusEmail.text).MOVED, MeetingCheckAnswer.MOVED)).toBe("MOVED");
    const [request] = await sql(scene, `SELECT state FROM interview_requests WHERE id = $1`, [scene.requestId]);
    expect(request.state).toBe("ACCEPTED");
    const [moved] = await outboxRows(i, "request.meeting_moved");
    const plan = await servicesOn(db()).notifications.deliverer.plan(moved);
    expect(plan.emails.map((e) => [e.side, e.subject])).toEqual([["STUDENT", "Your conversation with Alex Alum is to be rescheduled"]]);
    expect((await schedulerOn(db(), () => new Date(Date.now() + DAY)).runInstitution(i))["meeting-checks"]).toBe(0);
    // The nudge already queued is dropped at delivery: the meeting is settled.
    expect((await plannedEmails(i)).filter((e) => e.topic === "request.meeting_check")).toEqual([]);
  });
});

describe('"did it happen?" over GraphQL', () => {
  it("is answered by either participant once the meeting started, the first answer settling it; the link works without signing in", async () => {
    const server = await startTestServer(db());
    try {
      const future = await buildRequestScene(db(), { state: "ACCEPTED", meetingStartsAt: fromNow(2 * HOUR) });
      const ANSWER = `mutation($id: ID!, $answer: MeetingCheckAnswer!) { answerMeetingCheck(requestId: $id, answer: $answer) }`;
      const studentToken = await server.signIn(future.student);
      expect(errorCode(await server.gql(ANSWER, { id: future.requestId, answer: "HAPPENED" }, studentToken))).toBe("MEETING_NOT_YET_HELD");

      const past = await buildRequestScene(db(), {
        institution: future.institution,
        student: future.student,
        state: "ACCEPTED",
        meetingStartsAt: new Date(Date.now() - 3 * HOUR),
      });
      expect(errorCode(await server.gql(ANSWER, { id: past.requestId, answer: "NO_SHOW" }))).toBe("UNAUTHENTICATED");
      const alumToken = await server.signIn(past.alumnus);
      expect((await server.gql(ANSWER, { id: past.requestId, answer: "NO_SHOW" }, alumToken)).data).toEqual({
        answerMeetingCheck: "NO_SHOW",
      });
      const second = await server.gql(ANSWER, { id: past.requestId, answer: "HAPPENED" }, studentToken);
      expect(errorCode(second)).toBe("MEETING_ALREADY_SETTLED");
      expect(second.errors?.[0].extensions?.answer).toBe("NO_SHOW");
      const [row] = await sql(past, `SELECT state FROM interview_requests WHERE id = $1`, [past.requestId]);
      expect(row.state).toBe("NO_SHOW");

      // A nudge's link, over HTTP without a token.
      const third = await endedSceneIn(future.institution);
      await schedulerOn(db()).runInstitution(future.institution.id);
      const email = (await plannedEmails(future.institution.id)).find((e) => e.text.includes(third.requestId) && e.side === "ALUMNUS");
      const token = linksIn(email!.text).HAPPENED;
      const LINK = `query($token: String!) { meetingCheckLink(token: $token) { requestId side otherName answer } }`;
      expect((await server.gql(LINK, { token })).data).toEqual({
        meetingCheckLink: { requestId: third.requestId, side: "ALUMNUS", otherName: "Sam Student", answer: null },
      });
      const BY_LINK = `mutation($token: String!, $answer: MeetingCheckAnswer!) { answerMeetingCheckByLink(token: $token, answer: $answer) }`;
      expect((await server.gql(BY_LINK, { token, answer: "HAPPENED" })).data).toEqual({ answerMeetingCheckByLink: "HAPPENED" });
      expect(errorCode(await server.gql(BY_LINK, { token, answer: "HAPPENED" }))).toBe("LINK_USED");
      expect(errorCode(await server.gql(LINK, { token: token.slice(0, -2) }))).toBe("LINK_INVALID");
    } finally {
      await server.close();
    }
  });
});

async function endedSceneIn(institution: RequestScene["institution"]) {
  return buildRequestScene(db(), { institution, state: "ACCEPTED", meetingStartsAt: new Date(Date.now() - 2 * HOUR - 30 * 60_000) });
}
