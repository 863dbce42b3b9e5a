import { randomUUID } from "node:crypto";
import { useTestDatabase } from "../../test/database";
import {
  acceptedRequest,
  asInstitution,
  buildContactableAlumnus,
  buildSharingStudent,
  institutionOf,
  moveMeetingToPast,
  sendRequest,
  viewerOf,
} from "../../test/request-kit";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

/**
 * ADR 0018: a retried mutation with the same idempotency key returns the first result and changes nothing;
 * the same key with another input is IDEMPOTENCY_KEY_REUSED — never the first result quietly.
 */

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const events = async (institutionId: string, requestId: string): Promise<number> =>
  (
    await asInstitution<{ n: number }>(db(), institutionId, `SELECT count(*)::int AS n FROM request_events WHERE request_id = $1`, [
      requestId,
    ])
  )[0].n;

async function pair() {
  const alum = await buildContactableAlumnus(db());
  const student = await buildSharingStudent(db(), institutionOf(alum));
  return { alum, student, alumToken: await server.signIn(alum), studentToken: await server.signIn(student) };
}

const ACCEPT = `mutation($input: AcceptRequestInput!) { acceptRequest(input: $input) { id state meetingLink } }`;
const DECLINE = `mutation($input: DeclineRequestInput!) { declineRequest(input: $input) { id state } }`;
const WITHDRAW = `mutation($input: WithdrawRequestInput!) { withdrawRequest(input: $input) { id state } }`;
const CANCEL = `mutation($input: CloseMeetingInput!) { cancelMeeting(input: $input) { id state } }`;
const COMPLETE = `mutation($input: MarkCompletedInput!) { markCompleted(input: $input) { id state } }`;
const THANKS = `mutation($r: ID!, $at: DateTimeISO, $key: String) { recordThankYou(requestId: $r, sentAt: $at, idempotencyKey: $key) { thankYouSentAt } }`;
const OUTCOME = `mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id kind } }`;
const REQUEST = `mutation($input: RequestInterviewInput!) { requestInterview(input: $input) { id } }`;

describe("state changes with an idempotency key", () => {
  it("acceptRequest: a retry returns the accepted request and records nothing; another input with the key is refused", async () => {
    const { alum, student, alumToken } = await pair();
    const sent = await sendRequest(server.services, student, alum);
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [sent.id]);
    const input = { requestId: sent.id, proposedTimeId: times[0].id, meetingLink: "https://meet.example/a", idempotencyKey: randomUUID() };
    const first = await server.gql(ACCEPT, { input }, alumToken);
    expect(first.data!.acceptRequest.state).toBe("ACCEPTED");
    const recorded = await events(alum.institutionId, sent.id);
    const again = await server.gql(ACCEPT, { input }, alumToken);
    expect(again.errors).toBeUndefined();
    expect(again.data!.acceptRequest).toEqual(first.data!.acceptRequest);
    expect(await events(alum.institutionId, sent.id)).toBe(recorded);
    // Without the key, the second accept is what it is: not pending any more.
    expect(errorCode(await server.gql(ACCEPT, { input: { ...input, idempotencyKey: undefined } }, alumToken))).not.toBeUndefined();
    const other = await server.gql(ACCEPT, { input: { ...input, meetingLink: "https://meet.example/b" } }, alumToken);
    expect(errorCode(other)).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it.each([
    ["declineRequest", DECLINE, "alum", { reason: "Busy this term." }],
    ["withdrawRequest", WITHDRAW, "student", { reason: "Found an answer." }],
  ] as const)("%s: a retry answers the first result; the key with another reason is refused", async (name, query, who, extra) => {
    const { alum, student, alumToken, studentToken } = await pair();
    const sent = await sendRequest(server.services, student, alum);
    const token = who === "alum" ? alumToken : studentToken;
    const input = { requestId: sent.id, ...extra, idempotencyKey: randomUUID() };
    const first = await server.gql(query, { input }, token);
    expect(first.errors).toBeUndefined();
    const recorded = await events(alum.institutionId, sent.id);
    expect((await server.gql(query, { input }, token)).data![name]).toEqual(first.data![name]);
    expect(await events(alum.institutionId, sent.id)).toBe(recorded);
    expect(errorCode(await server.gql(query, { input: { ...input, reason: "Something else." } }, token))).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("cancelMeeting and markCompleted: retries answer the first result", async () => {
    const { alum, student, studentToken } = await pair();
    const booked = await acceptedRequest(server.services, student, alum);
    const cancel = { requestId: booked.id, reason: "Exam moved.", idempotencyKey: randomUUID() };
    expect((await server.gql(CANCEL, { input: cancel }, studentToken)).data!.cancelMeeting.state).toBe("CANCELLED");
    expect((await server.gql(CANCEL, { input: cancel }, studentToken)).data!.cancelMeeting.state).toBe("CANCELLED");
    expect(errorCode(await server.gql(CANCEL, { input: { ...cancel, reason: "Other." } }, studentToken))).toBe("IDEMPOTENCY_KEY_REUSED");

    const alum2 = await buildContactableAlumnus(db(), { institution: institutionOf(alum) });
    const held = await acceptedRequest(server.services, student, alum2);
    await moveMeetingToPast(db(), held);
    const complete = { requestId: held.id, idempotencyKey: randomUUID() };
    expect((await server.gql(COMPLETE, { input: complete }, studentToken)).data!.markCompleted.state).toBe("COMPLETED");
    const again = await server.gql(COMPLETE, { input: complete }, studentToken);
    expect(again.errors).toBeUndefined();
    expect(again.data!.markCompleted.state).toBe("COMPLETED");
    // The same key on another operation is refused too.
    expect(errorCode(await server.gql(CANCEL, { input: { ...cancel, idempotencyKey: complete.idempotencyKey } }, studentToken))).toBe(
      "IDEMPOTENCY_KEY_REUSED",
    );

    const at = new Date(Date.now() - 60_000).toISOString();
    const thanksKey = randomUUID();
    const thanks = await server.gql(THANKS, { r: held.id, at, key: thanksKey }, studentToken);
    expect(thanks.errors).toBeUndefined();
    expect((await server.gql(THANKS, { r: held.id, at, key: thanksKey }, studentToken)).data).toEqual(thanks.data);
    const later = new Date(Date.now() - 30_000).toISOString();
    expect(errorCode(await server.gql(THANKS, { r: held.id, at: later, key: thanksKey }, studentToken))).toBe("IDEMPOTENCY_KEY_REUSED");
  });
});

describe("creations with an idempotency key", () => {
  it("recordOutcome: one outcome for a retried key; another kind with the key is refused", async () => {
    const { alum, student, studentToken } = await pair();
    const input = { kind: "PURSUING_FIELD", note: "Applying this fall.", idempotencyKey: randomUUID() };
    const first = await server.gql(OUTCOME, { input }, studentToken);
    expect(first.errors).toBeUndefined();
    expect((await server.gql(OUTCOME, { input }, studentToken)).data).toEqual(first.data);
    const [{ n }] = await asInstitution<{ n: number }>(
      db(),
      alum.institutionId,
      `SELECT count(*)::int AS n FROM outcomes WHERE student_id = $1`,
      [student.membershipId],
    );
    expect(n).toBe(1);
    expect(errorCode(await server.gql(OUTCOME, { input: { ...input, kind: "JOB_OFFER" } }, studentToken))).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("requestInterview: the same key with a different message is refused instead of returning the first request", async () => {
    const { alum, studentToken } = await pair();
    const input = {
      alumnusId: alum.membershipId,
      message: "Hello! I am researching careers in data science and would love to hear how you got started. Could we talk for 20 minutes?",
      modality: "VIDEO",
      proposedTimes: [new Date(Date.now() + 3 * 86_400_000).toISOString()],
      questions: [],
      shareQuestions: false,
      idempotencyKey: randomUUID(),
    };
    const first = await server.gql(REQUEST, { input }, studentToken);
    expect(first.errors).toBeUndefined();
    expect((await server.gql(REQUEST, { input }, studentToken)).data).toEqual(first.data);
    const changed = await server.gql(REQUEST, { input: { ...input, message: `${input.message} Thank you!` } }, studentToken);
    expect(errorCode(changed)).toBe("IDEMPOTENCY_KEY_REUSED");
  });
});
