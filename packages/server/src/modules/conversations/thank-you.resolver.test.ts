import { readdirSync } from "node:fs";
import path from "node:path";
import { tenantTransaction } from "../../db/tenant-transaction";
import { mailFolder, PUBLIC_URL, readEml, removeMailFolders } from "../../jobs/outbox-worker.fixtures";
import { useTestDatabase } from "../../test/database";
import { buildAlumnus, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { createFileMailer } from "../notifications/mailer";
import { OutboxDeliverer } from "../notifications/outbox-delivery";
import { EventBus } from "../notifications/pubsub";
import { buildRequest, tokenCache } from "./conversations.fixtures";

const db = useTestDatabase();
let server: TestServer;
let token: (member: BuiltMember) => Promise<string>;
beforeAll(async () => {
  server = await startTestServer(db(), { ACCESS_TOKEN_TTL_SECONDS: "7200" });
  token = tokenCache((member) => server.signIn(member));
});
afterAll(async () => {
  removeMailFolders();
  await server.close();
});

const FOLLOW_UP = `requestId thankYouSentAt thankYouChannel thankYouText`;
const SEND = `mutation($id: ID!, $text: String!, $key: String) { sendThankYou(requestId: $id, text: $text, idempotencyKey: $key) { ${FOLLOW_UP} } }`;
const RECORD = `mutation($id: ID!, $channel: ThankYouChannel) { recordThankYou(requestId: $id, channel: $channel) { ${FOLLOW_UP} } }`;
const DUE = `{ followUpsDue { kind requestId } }`;
const LOG = `{ contactLog(first: 20) { edges { node { id kind thankYouSentAt thankYouChannel } } } }`;
const PREFS = `mutation($input: UpdateNotificationPreferencesInput!) { updateMyNotificationPreferences(input: $input) { timeZone } }`;

const TEXT = `Dear Morgan Diaz,

Thank you for taking the time to talk with me. Your advice to build a small portfolio was the most helpful part.

Best wishes,
Riley`;

async function met() {
  const institution = await buildInstitution(db());
  const student = await buildStudent(db(), { institution, displayName: "Riley Student" });
  const alumnus = await buildAlumnus(db(), { institution, displayName: "Morgan Diaz" });
  const request = await buildRequest(db(), student, alumnus);
  return { institution, student, alumnus, request };
}

interface OutboxRow {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
}
const outbox = (institutionId: string): Promise<OutboxRow[]> =>
  tenantTransaction(db(), { institutionId }, (m) =>
    m.query(`SELECT id::text, topic, payload, attempts, created_at FROM outbox WHERE topic = 'followup.thank_you_sent' ORDER BY id`),
  );

/** Delivers the institution's thank-you rows as the outbox worker would, into a folder; returns the .eml files. */
async function deliver(institutionId: string) {
  const folder = mailFolder();
  const deliverer = new OutboxDeliverer({ dataSource: db(), mailer: createFileMailer(folder), bus: new EventBus(), publicUrl: PUBLIC_URL });
  for (const row of await outbox(institutionId)) {
    await deliverer.deliver({
      id: row.id,
      institutionId,
      topic: row.topic,
      payload: row.payload,
      attempts: row.attempts,
      createdAt: row.created_at,
    });
  }
  return readdirSync(folder).map((file) => readEml(path.join(folder, file)));
}

describe("sendThankYou", () => {
  it("emails the alum the student's words through the outbox, records PLATFORM on the follow-up and the contact log, and clears the next step", async () => {
    const { institution, student, alumnus, request } = await met();
    const studentToken = await token(student);
    expect((await server.gql(DUE, {}, studentToken)).data!.followUpsDue).toEqual([{ kind: "THANK_YOU", requestId: request.id }]);

    const result = await server.gql(SEND, { id: request.id, text: `  ${TEXT}\r\n` }, studentToken);
    expect(result.errors).toBeUndefined();
    expect(result.data!.sendThankYou).toEqual({
      requestId: request.id,
      thankYouSentAt: expect.any(String),
      thankYouChannel: "PLATFORM",
      thankYouText: TEXT,
    });

    const rows = await outbox(institution.id);
    expect(rows.map((r) => r.payload)).toEqual([
      { requestId: request.id, studentId: student.membershipId, alumnusId: alumnus.membershipId },
    ]);
    const mails = await deliver(institution.id);
    expect(mails).toHaveLength(1);
    expect(mails[0].header("To")).toContain(alumnus.email);
    expect(mails[0].header("Subject")).toBe("A thank-you from Riley Student");
    expect(mails[0].body).toContain("Your advice to build a small portfolio was the most helpful part.");
    expect(mails[0].body).toContain("Riley Student, a student at");

    expect((await server.gql(DUE, {}, studentToken)).data!.followUpsDue).toEqual([]);
    const log = (await server.gql(LOG, {}, studentToken)).data!.contactLog.edges.map((e: { node: unknown }) => e.node);
    expect(log).toEqual([{ id: request.id, kind: "INTERVIEW_REQUEST", thankYouSentAt: expect.any(String), thankYouChannel: "PLATFORM" }]);
  });

  it("sends once: a retry with the same key returns the first result, another send is THANK_YOU_ALREADY_SENT, and so is marking it sent elsewhere", async () => {
    const { institution, student, request } = await met();
    const t = await token(student);
    const first = await server.gql(SEND, { id: request.id, text: TEXT, key: "thank-1" }, t);
    const retry = await server.gql(SEND, { id: request.id, text: TEXT, key: "thank-1" }, t);
    expect(retry.errors).toBeUndefined();
    expect(retry.data).toEqual(first.data);
    expect(errorCode(await server.gql(SEND, { id: request.id, text: TEXT }, t))).toBe("THANK_YOU_ALREADY_SENT");
    expect(errorCode(await server.gql(RECORD, { id: request.id, channel: "CARD" }, t))).toBe("THANK_YOU_ALREADY_SENT");
    expect(await outbox(institution.id)).toHaveLength(1);
  });

  it("refuses empty and too long text, and a thank-you that asks for a job (Rule #1), sending nothing", async () => {
    const { institution, student, request } = await met();
    const t = await token(student);
    expect(errorCode(await server.gql(SEND, { id: request.id, text: "  \n " }, t))).toBe("THANK_YOU_TEXT_REQUIRED");
    const long = await server.gql(SEND, { id: request.id, text: "a".repeat(4001) }, t);
    expect(errorCode(long)).toBe("THANK_YOU_TEXT_TOO_LONG");
    expect(long.errors![0].extensions).toEqual(expect.objectContaining({ max: 4000, length: 4001 }));
    const job = await server.gql(
      SEND,
      { id: request.id, text: `${TEXT}\n\nP.S. Could you refer me for the analyst job at your company?` },
      t,
    );
    expect(errorCode(job)).toBe("THANK_YOU_RULE_ONE");
    expect((job.errors![0].extensions!.matches as unknown[]).length).toBeGreaterThan(0);
    expect(await outbox(institution.id)).toEqual([]);
    expect((await server.gql(DUE, {}, t)).data!.followUpsDue).toHaveLength(1);
  });

  it("refuses a conversation that did not happen, another student's request, and another institution's", async () => {
    const { institution, student, alumnus, request } = await met();
    const accepted = await buildRequest(db(), student, alumnus, { state: "ACCEPTED", meetingStartsAt: new Date(Date.now() + 86_400_000) });
    const noShow = await buildRequest(db(), student, await buildAlumnus(db(), { institution }), { state: "NO_SHOW" });
    const t = await token(student);
    expect(errorCode(await server.gql(SEND, { id: accepted.id, text: TEXT }, t))).toBe("FOLLOW_UP_NOT_OPEN");
    expect(errorCode(await server.gql(SEND, { id: noShow.id, text: TEXT }, t))).toBe("FOLLOW_UP_NOT_OPEN");
    const classmate = await buildStudent(db(), { institution });
    expect(errorCode(await server.gql(SEND, { id: request.id, text: TEXT }, await token(classmate)))).toBe("NOT_FOUND");
    const elsewhere = await buildStudent(db());
    expect(errorCode(await server.gql(SEND, { id: request.id, text: TEXT }, await token(elsewhere)))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(SEND, { id: request.id, text: TEXT }, await token(alumnus)))).toBe("FORBIDDEN");
    expect(await outbox(institution.id)).toEqual([]);
  });

  it("honours the alum's preference: with those emails off it is THANK_YOU_EMAIL_OFF and nothing is recorded", async () => {
    const { institution, student, alumnus, request } = await met();
    const off = await server.gql(
      PREFS,
      { input: { preferences: [{ kind: "REQUEST_ANSWERS", email: "OFF", inApp: true }] } },
      await token(alumnus),
    );
    expect(off.errors).toBeUndefined();
    const t = await token(student);
    expect(errorCode(await server.gql(SEND, { id: request.id, text: TEXT }, t))).toBe("THANK_YOU_EMAIL_OFF");
    expect(await outbox(institution.id)).toEqual([]);
    // Sent another way instead: recorded with its channel.
    const card = await server.gql(RECORD, { id: request.id, channel: "CARD" }, t);
    expect(card.data!.recordThankYou).toEqual({
      requestId: request.id,
      thankYouSentAt: expect.any(String),
      thankYouChannel: "CARD",
      thankYouText: null,
    });
  });
});

describe("recordThankYou with a channel", () => {
  it("records how it was sent, shows it on the contact log, and refuses PLATFORM (that is sendThankYou)", async () => {
    const { student, request } = await met();
    const t = await token(student);
    expect(errorCode(await server.gql(RECORD, { id: request.id, channel: "PLATFORM" }, t))).toBe("THANK_YOU_CHANNEL_INVALID");
    const letter = await server.gql(RECORD, { id: request.id, channel: "LETTER" }, t);
    expect(letter.data!.recordThankYou.thankYouChannel).toBe("LETTER");
    // Recording again corrects it.
    expect((await server.gql(RECORD, { id: request.id, channel: "EMAIL" }, t)).data!.recordThankYou.thankYouChannel).toBe("EMAIL");
    const log = (await server.gql(LOG, {}, t)).data!.contactLog.edges.map(
      (e: { node: { thankYouChannel: string } }) => e.node.thankYouChannel,
    );
    expect(log).toEqual(["EMAIL"]);
    expect((await server.gql(DUE, {}, t)).data!.followUpsDue).toEqual([]);
  });
});
