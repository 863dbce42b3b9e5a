import { randomUUID } from "node:crypto";
import { useTestDatabase } from "../../test/database";
import { buildConsent, type BuiltMember } from "../../test/factories";
import { errorCode, startTestServer, type GraphQLResult, type TestServer } from "../../test/test-server";
import {
  asInstitution,
  buildContactableAlumnus,
  buildSharingStudent,
  inDays,
  institutionOf,
  sendRequest,
  viewerOf,
} from "../../test/request-kit";

// Real concurrency needs real connections: one per racing transaction.
const db = useTestDatabase(20);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const ACCEPT = `mutation($input: AcceptRequestInput!) { acceptRequest(input: $input) { id state } }`;
const CONFIRM = `mutation($r: ID!, $p: ID!) { confirmProposedTime(requestId: $r, proposedTimeId: $p) { id state } }`;
const REQUEST_INTERVIEW = `mutation($input: RequestInterviewInput!) { requestInterview(input: $input) { id state } }`;
const MINUTE = 60_000;

/** The first one publishes the consent text (the factory does that once per institution); the rest are built together. */
async function students(alum: BuiltMember, n: number): Promise<BuiltMember[]> {
  const first = await buildSharingStudent(db(), institutionOf(alum));
  return [first, ...(await Promise.all(Array.from({ length: n - 1 }, () => buildSharingStudent(db(), institutionOf(alum)))))];
}

/** Pairs of the alum's booked meetings that overlap: must always be none. */
async function overlappingBookings(alum: BuiltMember): Promise<number> {
  const [row] = await asInstitution(
    db(),
    alum.institutionId,
    `SELECT count(*)::int AS n FROM interview_requests a JOIN interview_requests b ON a.id < b.id AND a.alumnus_id = b.alumnus_id
      WHERE a.alumnus_id = $1 AND a.state IN ('ACCEPTED','COMPLETED') AND b.state IN ('ACCEPTED','COMPLETED') AND a.meeting_range && b.meeting_range`,
    [alum.membershipId],
  );
  return row.n;
}

function tally(results: GraphQLResult[]): { won: number; slotTaken: number; other: string[] } {
  const won = results.filter((r) => !r.errors && r.data).length;
  const slotTaken = results.filter((r) => errorCode(r) === "SLOT_TAKEN").length;
  const other = results.filter((r) => r.errors && errorCode(r) !== "SLOT_TAKEN").map((r) => JSON.stringify(r.errors));
  return { won, slotTaken, other };
}

describe("no double booking, under concurrent bookings", () => {
  it("lets exactly one of ~20 concurrent acceptances at overlapping times win, in every round; the others get SLOT_TAKEN", async () => {
    const alum = await buildContactableAlumnus(db());
    const token = await server.signIn(alum);
    for (let round = 0; round < 4; round++) {
      const base = inDays(5 + round, 14);
      const people = await students(alum, 20);
      // Every pair of these times overlaps: all start within 19 minutes of each other and last 30.
      const requests = await Promise.all(
        people.map((s, i) => sendRequest(server.services, s, alum, { proposedTimes: [new Date(base.getTime() + i * MINUTE)] })),
      );
      const times = await server.services.requestQueries.proposedTimes(
        viewerOf(alum),
        requests.map((r) => r.id),
      );
      const results = await Promise.all(
        requests.map((r, i) =>
          server.gql(
            ACCEPT,
            {
              input: {
                requestId: r.id,
                proposedTimeId: times[i][0].id,
                meetingLink: "https://meet.example/race",
              },
            },
            token,
          ),
        ),
      );
      expect({ round, ...tally(results) }).toEqual({ round, won: 1, slotTaken: 19, other: [] });
      const [states] = await asInstitution(
        db(),
        alum.institutionId,
        `SELECT count(*) FILTER (WHERE state = 'ACCEPTED')::int AS accepted, count(*) FILTER (WHERE state = 'REQUESTED')::int AS requested
           FROM interview_requests WHERE id = ANY($1::uuid[])`,
        [requests.map((r) => r.id)],
      );
      expect(states).toEqual({ accepted: 1, requested: 19 });
    }
    expect(await overlappingBookings(alum)).toBe(0);
  });

  it("lets exactly one win when alum acceptances and student confirmations of counter-proposals race for the same time", async () => {
    const alum = await buildContactableAlumnus(db());
    const alumToken = await server.signIn(alum);
    for (let round = 0; round < 2; round++) {
      const base = inDays(12 + round, 16);
      const people = await students(alum, 20);
      const requests = await Promise.all(
        people.map((s, i) => sendRequest(server.services, s, alum, { proposedTimes: [new Date(base.getTime() + i * MINUTE)] })),
      );
      // Half of them: the alum offers another, overlapping time; the student will confirm it.
      const countered = requests.slice(10);
      for (const [i, r] of countered.entries()) {
        await server.services.requestLifecycle.accept(viewerOf(alum), {
          requestId: r.id,
          startsAt: new Date(base.getTime() + (i + 3) * MINUTE),
          meetingLink: "https://meet.example/c",
        });
      }
      const times = await server.services.requestQueries.proposedTimes(
        viewerOf(alum),
        requests.map((r) => r.id),
      );
      const studentTokens = await Promise.all(people.slice(10).map((p) => server.signIn(p)));
      const results = await Promise.all([
        ...requests.slice(0, 10).map((r, i) =>
          server.gql(
            ACCEPT,
            {
              input: {
                requestId: r.id,
                proposedTimeId: times[i][0].id,
                meetingLink: "https://meet.example/a",
              },
            },
            alumToken,
          ),
        ),
        ...countered.map((r, i) =>
          server.gql(CONFIRM, { r: r.id, p: times[10 + i].find((t) => t.kind === "COUNTER")!.id }, studentTokens[i]),
        ),
      ]);
      expect({ round, ...tally(results) }).toEqual({ round, won: 1, slotTaken: 19, other: [] });
    }
    expect(await overlappingBookings(alum)).toBe(0);
  });
});

describe("idempotent requestInterview", () => {
  const input = (alum: BuiltMember, key: string) => ({
    alumnusId: alum.membershipId,
    message: "Hello! I would love to learn how you got into your field. Would you have 20 minutes?",
    modality: "VIDEO",
    proposedTimes: [inDays(3).toISOString(), inDays(4).toISOString()],
    questions: [{ text: "What do you enjoy about it?" }],
    idempotencyKey: key,
  });
  const counts = async (student: BuiltMember) =>
    (
      await asInstitution(
        db(),
        student.institutionId,
        `SELECT (SELECT count(*)::int FROM interview_requests WHERE student_id = $1) AS requests,
                (SELECT count(*)::int FROM proposed_times p JOIN interview_requests r ON r.id = p.request_id WHERE r.student_id = $1) AS times,
                (SELECT count(*)::int FROM request_questions q JOIN interview_requests r ON r.id = q.request_id WHERE r.student_id = $1) AS questions,
                (SELECT count(*)::int FROM request_events e JOIN interview_requests r ON r.id = e.request_id WHERE r.student_id = $1) AS events,
                (SELECT count(*)::int FROM outbox WHERE topic = 'request.created' AND payload->>'studentId' = $1::text) AS announcements,
                (SELECT count(*)::int FROM idempotency_keys WHERE membership_id = $1) AS keys`,
        [student.membershipId],
      )
    )[0];

  it("creates exactly one request when the same send arrives ten times at once, and answers all ten with its id", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const token = await server.signIn(student);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => server.gql(REQUEST_INTERVIEW, { input: input(alum, key) }, token)));
    expect(results.map((r) => r.errors)).toEqual(Array(10).fill(undefined));
    const ids = new Set(results.map((r) => r.data!.requestInterview.id));
    expect(ids.size).toBe(1);
    expect(await counts(student)).toEqual({
      requests: 1,
      times: 2,
      questions: 1,
      events: 1,
      announcements: 1,
      keys: 1,
    });
  });

  it("returns the first request to a later retry, even after it changed state, and creates nothing", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const token = await server.signIn(student);
    const key = randomUUID();
    const first = await server.gql(REQUEST_INTERVIEW, { input: input(alum, key) }, token);
    await server.services.requestLifecycle.withdraw(viewerOf(student), { requestId: first.data!.requestInterview.id });
    const retry = await server.gql(REQUEST_INTERVIEW, { input: input(alum, key) }, token);
    expect(retry.data!.requestInterview).toEqual({ id: first.data!.requestInterview.id, state: "WITHDRAWN" });
    expect((await counts(student)).requests).toBe(1);
  });

  it("leaves no trace of a failed first attempt, so its retry runs again", async () => {
    const alum = await buildContactableAlumnus(db(), { contact: false });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const token = await server.signIn(student);
    const key = randomUUID();
    expect(errorCode(await server.gql(REQUEST_INTERVIEW, { input: input(alum, key) }, token))).toBe("CONSENT_REQUIRED");
    expect((await counts(student)).keys).toBe(0);
    await buildConsent(db(), alum, "ALUMNUS_CONTACT");
    const retry = await server.gql(REQUEST_INTERVIEW, { input: input(alum, key) }, token);
    expect(retry.data!.requestInterview.state).toBe("REQUESTED");
  });

  it("scopes keys to the member: another student's identical key is their own", async () => {
    const alum = await buildContactableAlumnus(db());
    const [a, b] = await students(alum, 2);
    const key = randomUUID();
    const first = await server.gql(REQUEST_INTERVIEW, { input: input(alum, key) }, await server.signIn(a));
    const second = await server.gql(REQUEST_INTERVIEW, { input: input(alum, key) }, await server.signIn(b));
    expect(second.data!.requestInterview.id).not.toBe(first.data!.requestInterview.id);
  });

  it("sends different sends with no key as different requests (here the second is refused: one open request per pair)", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const token = await server.signIn(student);
    const noKey = { ...input(alum, "x"), idempotencyKey: undefined };
    const results = await Promise.all(Array.from({ length: 5 }, () => server.gql(REQUEST_INTERVIEW, { input: noKey }, token)));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => errorCode(r) === "PAIR_ALREADY_OPEN").length).toBe(4);
  });
});
