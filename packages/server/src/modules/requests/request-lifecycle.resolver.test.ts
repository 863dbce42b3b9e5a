import { randomUUID } from "node:crypto";
import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildAlumnus, buildConsent, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { Modality } from "../profiles/alumnus-profile.entity";
import type { InterviewRequest } from "./interview-request.entity";
import { REQUEST_STATES, type RequestState, type Side } from "./request-state";
import {
  acceptedRequest,
  asInstitution,
  buildContactableAlumnus,
  buildSharingStudent,
  inDays,
  institutionOf,
  moveMeetingToPast,
  sendRequest,
  viewerOf,
} from "../../test/request-kit";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const FIELDS = `id state meetingStartsAt meetingEndsAt meetingLink meetingPhone meetingLocation inPersonNotes calendarSequence closeReason declineReason
  alumnusContact { email phone } declineReferral { alumnusId name contact note } proposedTimes { id startsAt proposedBy kind status }`;
const M = {
  accept: `mutation($input: AcceptRequestInput!) { acceptRequest(input: $input) { ${FIELDS} } }`,
  confirm: `mutation($r: ID!, $p: ID!) { confirmProposedTime(requestId: $r, proposedTimeId: $p) { ${FIELDS} } }`,
  decline: `mutation($input: DeclineRequestInput!) { declineRequest(input: $input) { ${FIELDS} } }`,
  withdraw: `mutation($input: WithdrawRequestInput!) { withdrawRequest(input: $input) { ${FIELDS} } }`,
  reschedule: `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { ${FIELDS} } }`,
  cancel: `mutation($input: CloseMeetingInput!) { cancelMeeting(input: $input) { ${FIELDS} } }`,
  complete: `mutation($input: MarkCompletedInput!) { markCompleted(input: $input) { ${FIELDS} } }`,
  noShow: `mutation($input: CloseMeetingInput!) { markNoShow(input: $input) { ${FIELDS} } }`,
};
const ONE = `query($id: ID!) { interviewRequest(id: $id) { ${FIELDS} } }`;
const EVENTS = `query($id: ID!) { requestEvents(requestId: $id) { kind fromState toState actor reason } }`;
const INVITE = `query($id: ID!) { calendarInvite(requestId: $id) }`;

type MutationName = keyof typeof M;
/** Variables for each mutation on a request; the proposal id is irrelevant where the state already refuses. */
const VARIABLES: Record<MutationName, (requestId: string) => Record<string, unknown>> = {
  accept: (r) => ({
    input: {
      requestId: r,
      proposedTimeId: randomUUID(),
      meetingLink: "https://meet.example/x",
    },
  }),
  confirm: (r) => ({ r, p: randomUUID() }),
  decline: (r) => ({ input: { requestId: r, reason: "Busy season" } }),
  withdraw: (r) => ({ input: { requestId: r } }),
  reschedule: (r) => ({
    input: { requestId: r, startsAt: inDays(20).toISOString() },
  }),
  cancel: (r) => ({ input: { requestId: r, reason: "Something came up" } }),
  complete: (r) => ({ input: { requestId: r } }),
  noShow: (r) => ({ input: { requestId: r, reason: "Did not join" } }),
};
/** Who may call each mutation at all (its @Access rule). */
const ACCESS: Record<MutationName, Side[]> = {
  accept: ["ALUMNUS"],
  confirm: ["STUDENT", "ALUMNUS"],
  decline: ["ALUMNUS"],
  withdraw: ["STUDENT"],
  reschedule: ["STUDENT", "ALUMNUS"],
  cancel: ["STUDENT", "ALUMNUS"],
  complete: ["STUDENT", "ALUMNUS"],
  noShow: ["STUDENT", "ALUMNUS"],
};
/** The life cycle from the product description: in which state each side may make each move. */
const ALLOWED: Record<MutationName, Array<`${RequestState}/${Side}`>> = {
  accept: ["REQUESTED/ALUMNUS"],
  confirm: ["REQUESTED/STUDENT", "ACCEPTED/STUDENT", "ACCEPTED/ALUMNUS"],
  decline: ["REQUESTED/ALUMNUS"],
  withdraw: ["REQUESTED/STUDENT"],
  reschedule: ["ACCEPTED/STUDENT", "ACCEPTED/ALUMNUS"],
  cancel: ["ACCEPTED/STUDENT", "ACCEPTED/ALUMNUS"],
  complete: ["ACCEPTED/STUDENT", "ACCEPTED/ALUMNUS"],
  noShow: ["ACCEPTED/STUDENT", "ACCEPTED/ALUMNUS"],
};

describe("forbidden moves, over the whole state machine", () => {
  const requests = {} as Record<RequestState | "OVERDUE", { id: string; student: BuiltMember }>;
  let alum: BuiltMember;
  const tokens = new Map<string, string>();
  const tokenOf = async (member: BuiltMember) => {
    if (!tokens.has(member.membershipId)) tokens.set(member.membershipId, await server.signIn(member));
    return tokens.get(member.membershipId)!;
  };
  let outsiderStudent: BuiltMember;
  let outsiderAlum: BuiltMember;

  /** One request per state, written straight to the table: the moves under test must all fail and change nothing. */
  beforeAll(async () => {
    alum = await buildContactableAlumnus(db());
    outsiderStudent = await buildSharingStudent(db(), institutionOf(alum));
    outsiderAlum = await buildContactableAlumnus(db(), { institution: institutionOf(alum) });
    const states: Array<RequestState | "OVERDUE"> = [...REQUEST_STATES, "OVERDUE"];
    for (const [i, state] of states.entries()) {
      const student = await buildSharingStudent(db(), institutionOf(alum));
      const booked = !["REQUESTED", "OVERDUE", "DECLINED", "EXPIRED", "WITHDRAWN"].includes(state);
      const [row] = await asInstitution(
        db(),
        alum.institutionId,
        `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone, expires_at,
                                         meeting_starts_at, meeting_ends_at)
         VALUES ($1, $2, $3, $4, 'VIDEO', 'Hello', 'America/New_York', 'America/New_York', now() + make_interval(days => $5),
                 CASE WHEN $6 THEN now() + make_interval(days => 10 + $7) END, CASE WHEN $6 THEN now() + make_interval(days => 10 + $7) + interval '30 minutes' END)
         RETURNING id`,
        [
          alum.institutionId,
          student.membershipId,
          alum.membershipId,
          state === "OVERDUE" ? "REQUESTED" : state,
          state === "OVERDUE" ? -1 : 7,
          booked,
          i,
        ],
      );
      requests[state] = { id: row.id, student };
    }
  });

  const cases = (Object.keys(M) as MutationName[]).flatMap((mutation) =>
    REQUEST_STATES.flatMap((state) =>
      ACCESS[mutation].filter((side) => !ALLOWED[mutation].includes(`${state}/${side}`)).map((side) => [mutation, state, side] as const),
    ),
  );

  it.each(cases)("%s on a %s request by the %s → INVALID_TRANSITION", async (mutation, state, side) => {
    const { id, student } = requests[state];
    const result = await server.gql(M[mutation], VARIABLES[mutation](id), await tokenOf(side === "STUDENT" ? student : alum));
    expect(errorCode(result)).toBe("INVALID_TRANSITION");
    expect(result.errors![0].extensions).toMatchObject({ from: state });
    expect(result.errors![0].message).toContain(state);
    const [after] = await asInstitution(db(), alum.institutionId, `SELECT state FROM interview_requests WHERE id = $1`, [id]);
    expect(after.state).toBe(state);
  });

  const outsiderCases = (Object.keys(M) as MutationName[]).flatMap((mutation) => ACCESS[mutation].map((side) => [mutation, side] as const));
  it.each(outsiderCases)("%s by a %s of the institution who is not on the request → NOT_A_PARTICIPANT", async (mutation, side) => {
    const state: RequestState = mutation === "accept" || mutation === "decline" || mutation === "withdraw" ? "REQUESTED" : "ACCEPTED";
    const result = await server.gql(
      M[mutation],
      VARIABLES[mutation](requests[state].id),
      await tokenOf(side === "STUDENT" ? outsiderStudent : outsiderAlum),
    );
    expect(errorCode(result)).toBe("NOT_A_PARTICIPANT");
  });

  it.each(["accept", "decline", "withdraw"] as const)(
    "%s on a request past its expiry (not yet expired by the scheduler) → INVALID_TRANSITION from EXPIRED",
    async (mutation) => {
      const { id, student } = requests.OVERDUE;
      const result = await server.gql(M[mutation], VARIABLES[mutation](id), await tokenOf(mutation === "withdraw" ? student : alum));
      expect(errorCode(result)).toBe("INVALID_TRANSITION");
      expect(result.errors![0].extensions).toMatchObject({ from: "EXPIRED" });
    },
  );

  it("refuses the wrong side even when the person holds both roles: a student-and-alum cannot accept their own request", async () => {
    const institution = institutionOf(alum);
    const student = await buildSharingStudent(db(), institution);
    const alsoAlum = await buildAlumnus(db(), { institution, identityId: student.identityId });
    const request = await sendRequest(server.services, student, alum);
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(student), [request.id]);
    const attempt = server.services.requestLifecycle.accept(viewerOf(student, alsoAlum), {
      requestId: request.id,
      proposedTimeId: times[0].id,
      meetingLink: "https://x.example",
    });
    await expect(attempt).rejects.toMatchObject({
      extensions: { code: "INVALID_TRANSITION", from: "REQUESTED", to: "ACCEPTED", actor: "STUDENT" },
    });
  });
});

describe("who may call the life-cycle mutations (four cases each)", () => {
  const names = Object.keys(M) as MutationName[];
  let request: InterviewRequest;
  let alum: BuiltMember;
  let student: BuiltMember;
  beforeAll(async () => {
    alum = await buildContactableAlumnus(db());
    student = await buildSharingStudent(db(), institutionOf(alum));
    request = await sendRequest(server.services, student, alum);
  });

  it.each(names)("%s: not signed in → UNAUTHENTICATED", async (name) => {
    expect(errorCode(await server.gql(M[name], VARIABLES[name](request.id)))).toBe("UNAUTHENTICATED");
  });

  it.each(names)("%s: an advisor → FORBIDDEN", async (name) => {
    const advisor = await buildAdvisor(db(), { institution: institutionOf(alum) });
    expect(errorCode(await server.gql(M[name], VARIABLES[name](request.id), await server.signIn(advisor)))).toBe("FORBIDDEN");
  });

  it.each(names)("%s: the right role in another institution → REQUEST_NOT_FOUND", async (name) => {
    const elsewhere = await buildInstitution(db());
    const member = ACCESS[name].includes("ALUMNUS")
      ? await buildAlumnus(db(), { institution: elsewhere })
      : await buildStudent(db(), { institution: elsewhere });
    expect(errorCode(await server.gql(M[name], VARIABLES[name](request.id), await server.signIn(member)))).toBe("REQUEST_NOT_FOUND");
  });
  // The happy path of each mutation is below, one flow per move.
});

describe("accepting", () => {
  it("books the chosen time with the meeting details, supersedes the other times, and records and announces it", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum, { proposedTimes: [inDays(3), inDays(4)] });
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [sent.id]);
    const chosen = times[1];
    const result = await server.gql(
      M.accept,
      {
        input: {
          requestId: sent.id,
          proposedTimeId: chosen.id,
          meetingLink: "https://meet.example/r1",
        },
      },
      await server.signIn(alum),
    );
    expect(result.errors).toBeUndefined();
    const r = result.data!.acceptRequest;
    expect(r).toMatchObject({
      state: "ACCEPTED",
      meetingStartsAt: chosen.startsAt.toISOString(),
      meetingEndsAt: chosen.endsAt.toISOString(),
      meetingLink: "https://meet.example/r1",
      calendarSequence: 0,
    });
    expect(r.proposedTimes.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [times[0].id, "SUPERSEDED"],
      [chosen.id, "CHOSEN"],
    ]);
    const events = (await server.gql(EVENTS, { id: sent.id }, await server.signIn(student))).data!.requestEvents;
    expect(events.map((e: { fromState: string | null; toState: string; actor: string }) => [e.fromState, e.toState, e.actor])).toEqual([
      [null, "REQUESTED", "STUDENT"],
      ["REQUESTED", "ACCEPTED", "ALUMNUS"],
    ]);
    const topics = await asInstitution(db(), alum.institutionId, `SELECT topic FROM outbox WHERE payload->>'requestId' = $1 ORDER BY id`, [
      sent.id,
    ]);
    expect(topics.map((t) => t.topic)).toEqual(["request.created", "request.accepted"]);
  });

  it("asks for the details the modality needs", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum, { modality: Modality.IN_PERSON });
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [sent.id]);
    const token = await server.signIn(alum);
    const missing = await server.gql(
      M.accept,
      {
        input: {
          requestId: sent.id,
          proposedTimeId: times[0].id,
          meetingLink: "https://x.example",
        },
      },
      token,
    );
    expect(errorCode(missing)).toBe("BAD_USER_INPUT");
    expect(missing.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: "meetingLocation" })]);
    const ok = await server.gql(
      M.accept,
      {
        input: {
          requestId: sent.id,
          proposedTimeId: times[0].id,
          meetingLocation: "12 Main St, Room 4",
          inPersonNotes: "Visitor parking on Elm St; business casual",
        },
      },
      token,
    );
    expect(ok.data!.acceptRequest).toMatchObject({
      state: "ACCEPTED",
      meetingLocation: "12 Main St, Room 4",
      inPersonNotes: "Visitor parking on Elm St; business casual",
    });
  });

  it("never double-books: a second acceptance at an overlapping time is SLOT_TAKEN, and cancelling frees the time", async () => {
    const alum = await buildContactableAlumnus(db());
    const when = inDays(8);
    const a = await buildSharingStudent(db(), institutionOf(alum));
    const b = await buildSharingStudent(db(), institutionOf(alum));
    const first = await acceptedRequest(server.services, a, alum, { proposedTimes: [when] });
    const second = await sendRequest(server.services, b, alum, { proposedTimes: [new Date(when.getTime() + 15 * 60_000)] });
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [second.id]);
    const token = await server.signIn(alum);
    const input = {
      requestId: second.id,
      proposedTimeId: times[0].id,
      meetingLink: "https://meet.example/2",
    };
    expect(errorCode(await server.gql(M.accept, { input }, token))).toBe("SLOT_TAKEN");
    await server.services.requestLifecycle.cancel(viewerOf(a), { requestId: first.id, reason: "Exam moved" });
    expect((await server.gql(M.accept, { input }, token)).data!.acceptRequest.state).toBe("ACCEPTED");
  });

  it("keeps to the alum's monthly capacity", async () => {
    const alum = await buildContactableAlumnus(db(), { capacity: 1 });
    const a = await buildSharingStudent(db(), institutionOf(alum));
    const b = await buildSharingStudent(db(), institutionOf(alum));
    const when = inDays(3);
    const second = await sendRequest(server.services, b, alum, { proposedTimes: [new Date(when.getTime() + 2 * 3600_000)] });
    await acceptedRequest(server.services, a, alum, { proposedTimes: [when] });
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [second.id]);
    const result = await server.gql(
      M.accept,
      {
        input: {
          requestId: second.id,
          proposedTimeId: times[0].id,
          meetingLink: "https://x.example",
        },
      },
      await server.signIn(alum),
    );
    expect(errorCode(result)).toBe("CAPACITY_REACHED");
  });

  it("lets the alum offer another time, which the student confirms (and only the student)", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    const alumToken = await server.signIn(alum);
    const offered = inDays(10, 17);
    const counter = await server.gql(
      M.accept,
      {
        input: {
          requestId: sent.id,
          startsAt: offered.toISOString(),
          meetingLink: "https://meet.example/c",
        },
      },
      alumToken,
    );
    expect(counter.errors).toBeUndefined();
    expect(counter.data!.acceptRequest.state).toBe("REQUESTED");
    const proposal = counter.data!.acceptRequest.proposedTimes.find((p: { kind: string }) => p.kind === "COUNTER");
    expect(proposal).toMatchObject({ proposedBy: "ALUMNUS", status: "OPEN", startsAt: offered.toISOString() });
    expect(errorCode(await server.gql(M.confirm, { r: sent.id, p: proposal.id }, alumToken))).toBe("INVALID_TRANSITION");
    const studentToken = await server.signIn(student);
    const confirmed = await server.gql(M.confirm, { r: sent.id, p: proposal.id }, studentToken);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmProposedTime).toMatchObject({
      state: "ACCEPTED",
      meetingStartsAt: offered.toISOString(),
      meetingLink: "https://meet.example/c",
    });
    const events = (await server.gql(EVENTS, { id: sent.id }, studentToken)).data!.requestEvents;
    expect(events.map((e: { kind: string; toState: string; actor: string }) => [e.kind, e.toState, e.actor])).toEqual([
      ["TRANSITION", "REQUESTED", "STUDENT"],
      ["TIME_PROPOSED", "REQUESTED", "ALUMNUS"],
      ["TRANSITION", "ACCEPTED", "STUDENT"],
    ]);
    const topics = await asInstitution(db(), alum.institutionId, `SELECT topic FROM outbox WHERE payload->>'requestId' = $1 ORDER BY id`, [
      sent.id,
    ]);
    expect(topics.map((t) => t.topic)).toEqual(["request.created", "request.time_proposed", "request.accepted"]);
  });

  it("refuses the student their own proposed time and a superseded counter-proposal", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    const first = await server.services.requestLifecycle.accept(viewerOf(alum), {
      requestId: sent.id,
      startsAt: inDays(11),
      meetingLink: "https://x.example",
    });
    await server.services.requestLifecycle.accept(viewerOf(alum), {
      requestId: sent.id,
      startsAt: inDays(12),
      meetingLink: "https://x.example",
    });
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(student), [first.id]);
    const stale = times.find((t) => t.kind === "COUNTER" && t.status === "SUPERSEDED")!;
    const own = times.find((t) => t.kind === "REQUEST")!;
    const token = await server.signIn(student);
    expect(errorCode(await server.gql(M.confirm, { r: sent.id, p: stale.id }, token))).toBe("PROPOSED_TIME_INVALID");
    expect(errorCode(await server.gql(M.confirm, { r: sent.id, p: own.id }, token))).toBe("PROPOSED_TIME_INVALID");
  });
});

describe("declining and withdrawing", () => {
  it("records a decline with a reason and a directory alum to talk to instead, for the conversations module", async () => {
    const alum = await buildContactableAlumnus(db());
    const colleague = await buildContactableAlumnus(db(), { institution: institutionOf(alum), displayName: "Katherine Johnson" });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    const result = await server.gql(
      M.decline,
      {
        input: {
          requestId: sent.id,
          reason: "I am travelling all month.",
          referral: { alumnusId: colleague.membershipId, note: "She leads our analytics team." },
        },
      },
      await server.signIn(alum),
    );
    expect(result.errors).toBeUndefined();
    const seen = (await server.gql(ONE, { id: sent.id }, await server.signIn(student))).data!.interviewRequest;
    expect(seen).toMatchObject({
      state: "DECLINED",
      declineReason: "I am travelling all month.",
      declineReferral: {
        alumnusId: colleague.membershipId,
        name: "Katherine Johnson",
        contact: null,
        note: "She leads our analytics team.",
      },
    });
    const [row] = await asInstitution(db(), alum.institutionId, `SELECT decline_referral FROM interview_requests WHERE id = $1`, [sent.id]);
    expect(row.decline_referral).toEqual({
      alumnusId: colleague.membershipId,
      name: "Katherine Johnson",
      note: "She leads our analytics team.",
    });
  });

  it("takes a name and how to reach them for someone outside the directory, but not an unlisted alum", async () => {
    const alum = await buildContactableAlumnus(db());
    const unlisted = await buildContactableAlumnus(db(), { institution: institutionOf(alum), listed: false });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    const token = await server.signIn(alum);
    const refused = await server.gql(
      M.decline,
      {
        input: {
          requestId: sent.id,
          referral: { alumnusId: unlisted.membershipId },
        },
      },
      token,
    );
    expect(errorCode(refused)).toBe("BAD_USER_INPUT");
    const ok = await server.gql(
      M.decline,
      {
        input: {
          requestId: sent.id,
          referral: { name: "Dr. Lee", contact: "lee@hospital.example" },
        },
      },
      token,
    );
    expect(ok.data!.declineRequest.declineReferral).toEqual({
      alumnusId: null,
      name: "Dr. Lee",
      contact: "lee@hospital.example",
      note: null,
    });
  });

  it("lets the student withdraw, which reopens the pair for a new request", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    const result = await server.gql(
      M.withdraw,
      { input: { requestId: sent.id, reason: "Found the answer elsewhere" } },
      await server.signIn(student),
    );
    expect(result.data!.withdrawRequest).toMatchObject({ state: "WITHDRAWN", closeReason: "Found the answer elsewhere" });
    await expect(sendRequest(server.services, student, alum)).resolves.toMatchObject({ state: "REQUESTED" });
  });
});

describe("rescheduling, cancelling, completing, no-shows, and the calendar invite", () => {
  const line = (ics: string, name: string) =>
    ics
      .replace(/\r\n /g, "")
      .split("\r\n")
      .find((l) => l.startsWith(`${name}:`));

  it("moves the meeting when the other side confirms a reschedule, updates the invite (same UID, SEQUENCE + 1), and cancels it with METHOD:CANCEL", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const request = await acceptedRequest(server.services, student, alum, { proposedTimes: [inDays(3)] });
    const [studentToken, alumToken] = [await server.signIn(student), await server.signIn(alum)];
    const before = (await server.gql(INVITE, { id: request.id }, studentToken)).data!.calendarInvite as string;
    expect(line(before, "DTSTART")).toBe(
      `DTSTART:${inDays(3)
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}`,
    );
    expect(line(before, "SEQUENCE")).toBe("SEQUENCE:0");
    expect(line(before, "METHOD")).toBe("METHOD:REQUEST");
    expect((await server.gql(INVITE, { id: request.id }, alumToken)).data!.calendarInvite).toBe(before);

    const moved = inDays(6, 18);
    const proposed = await server.gql(
      M.reschedule,
      {
        input: { requestId: request.id, startsAt: moved.toISOString(), reason: "A meeting ran over" },
      },
      alumToken,
    );
    const proposal = proposed.data!.rescheduleMeeting.proposedTimes.find((p: { kind: string }) => p.kind === "RESCHEDULE");
    expect(errorCode(await server.gql(M.confirm, { r: request.id, p: proposal.id }, alumToken))).toBe("PROPOSED_TIME_INVALID");
    const confirmed = await server.gql(M.confirm, { r: request.id, p: proposal.id }, studentToken);
    expect(confirmed.data!.confirmProposedTime).toMatchObject({
      state: "ACCEPTED",
      meetingStartsAt: moved.toISOString(),
      calendarSequence: 1,
    });
    const after = (await server.gql(INVITE, { id: request.id }, studentToken)).data!.calendarInvite as string;
    expect(line(after, "UID")).toBe(line(before, "UID"));
    expect(line(after, "SEQUENCE")).toBe("SEQUENCE:1");
    expect(line(after, "DTSTART")).toBe(
      `DTSTART:${moved
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}`,
    );

    const cancelled = await server.gql(M.cancel, { input: { requestId: request.id, reason: "Family emergency" } }, studentToken);
    expect(cancelled.data!.cancelMeeting).toMatchObject({ state: "CANCELLED", closeReason: "Family emergency", calendarSequence: 2 });
    const cancel = (await server.gql(INVITE, { id: request.id }, alumToken)).data!.calendarInvite as string;
    expect(line(cancel, "METHOD")).toBe("METHOD:CANCEL");
    expect(line(cancel, "STATUS")).toBe("STATUS:CANCELLED");
    expect(line(cancel, "UID")).toBe(line(before, "UID"));
    expect(line(cancel, "SEQUENCE")).toBe("SEQUENCE:2");

    const events = (await server.gql(EVENTS, { id: request.id }, studentToken)).data!.requestEvents;
    expect(
      events.map((e: { kind: string; toState: string; actor: string; reason: string | null }) => [e.kind, e.toState, e.actor, e.reason]),
    ).toEqual([
      ["TRANSITION", "REQUESTED", "STUDENT", null],
      ["TRANSITION", "ACCEPTED", "ALUMNUS", null],
      ["TIME_PROPOSED", "ACCEPTED", "ALUMNUS", "A meeting ran over"],
      ["RESCHEDULED", "ACCEPTED", "STUDENT", null],
      ["TRANSITION", "CANCELLED", "STUDENT", "Family emergency"],
    ]);
  });

  it("has no invite before a meeting is booked, and none for people outside the request", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    expect(errorCode(await server.gql(INVITE, { id: sent.id }, await server.signIn(student)))).toBe("MEETING_NOT_SCHEDULED");
    const other = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await server.gql(INVITE, { id: sent.id }, await server.signIn(other)))).toBe("NOT_A_PARTICIPANT");
  });

  it("completes or records a no-show only once the meeting's time has come, with the reason", async () => {
    const alum = await buildContactableAlumnus(db());
    const [a, b] = [await buildSharingStudent(db(), institutionOf(alum)), await buildSharingStudent(db(), institutionOf(alum))];
    const one = await acceptedRequest(server.services, a, alum, { proposedTimes: [inDays(3)] });
    const two = await acceptedRequest(server.services, b, alum, { proposedTimes: [inDays(4)] });
    const alumToken = await server.signIn(alum);
    expect(errorCode(await server.gql(M.complete, { input: { requestId: one.id } }, alumToken))).toBe("MEETING_NOT_YET_HELD");
    expect(errorCode(await server.gql(M.noShow, { input: { requestId: two.id, reason: "x" } }, alumToken))).toBe("MEETING_NOT_YET_HELD");
    await moveMeetingToPast(db(), one, 3);
    await moveMeetingToPast(db(), two, 1);
    expect(
      (await server.gql(M.complete, { input: { requestId: one.id, reason: "Great talk" } }, await server.signIn(a))).data!.markCompleted,
    ).toMatchObject({ state: "COMPLETED", closeReason: "Great talk" });
    expect(
      (await server.gql(M.noShow, { input: { requestId: two.id, reason: "Did not join the call" } }, alumToken)).data!.markNoShow,
    ).toMatchObject({ state: "NO_SHOW", closeReason: "Did not join the call" });
    expect(errorCode(await server.gql(M.noShow, { input: { requestId: two.id, reason: "" } }, alumToken))).toBe("BAD_USER_INPUT");
    const [outbox] = await asInstitution(
      db(),
      alum.institutionId,
      `SELECT payload FROM outbox WHERE topic = 'request.no_show' AND payload->>'requestId' = $1`,
      [two.id],
    );
    expect(outbox.payload).toMatchObject({ reportedBy: "ALUMNUS", to: "NO_SHOW" });
  });
});

describe("the alum's contact details", () => {
  const CONTACT = `query($id: ID!) { interviewRequest(id: $id) { state alumnusContact { email phone } } }`;

  it("are revealed to the student only after acceptance, and only while the alum shares them", async () => {
    const alum = await buildContactableAlumnus(db(), { shareContact: true });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const [profile] = await asInstitution(
      db(),
      alum.institutionId,
      `SELECT contact_email, contact_phone FROM alumni_profiles WHERE membership_id = $1`,
      [alum.membershipId],
    );
    const sent = await sendRequest(server.services, student, alum);
    const token = await server.signIn(student);
    expect((await server.gql(CONTACT, { id: sent.id }, token)).data!.interviewRequest.alumnusContact).toBeNull();
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [sent.id]);
    await server.services.requestLifecycle.accept(viewerOf(alum), {
      requestId: sent.id,
      proposedTimeId: times[0].id,
      meetingLink: "https://x.example",
    });
    expect((await server.gql(CONTACT, { id: sent.id }, token)).data!.interviewRequest.alumnusContact).toEqual({
      email: profile.contact_email,
      phone: profile.contact_phone,
    });
    // Not to the alum's own view of the request, nor to advisors.
    expect((await server.gql(CONTACT, { id: sent.id }, await server.signIn(alum))).data!.interviewRequest.alumnusContact).toBeNull();
    const advisor = await buildAdvisor(db(), { institution: institutionOf(alum) });
    expect((await server.gql(CONTACT, { id: sent.id }, await server.signIn(advisor))).data!.interviewRequest.alumnusContact).toBeNull();
    await asInstitution(
      db(),
      alum.institutionId,
      `UPDATE consents SET withdrawn_at = now() WHERE membership_id = $1 AND kind = 'ALUMNUS_SHARE_CONTACT'`,
      [alum.membershipId],
    );
    expect((await server.gql(CONTACT, { id: sent.id }, token)).data!.interviewRequest.alumnusContact).toBeNull();
  });

  it("stay hidden after acceptance when the alum does not share contact details", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const request = await acceptedRequest(server.services, student, alum);
    expect((await server.gql(CONTACT, { id: request.id }, await server.signIn(student))).data!.interviewRequest).toEqual({
      state: "ACCEPTED",
      alumnusContact: null,
    });
    await buildConsent(db(), alum, "ALUMNUS_SHARE_CONTACT");
    expect(
      (await server.gql(CONTACT, { id: request.id }, await server.signIn(student))).data!.interviewRequest.alumnusContact,
    ).not.toBeNull();
  });
});

describe("expiry", () => {
  it("expires REQUESTED requests past their expiry, with a history entry by the system and an announcement, and nothing else", async () => {
    const alum = await buildContactableAlumnus(db());
    const [a, b, c] = [
      await buildSharingStudent(db(), institutionOf(alum)),
      await buildSharingStudent(db(), institutionOf(alum)),
      await buildSharingStudent(db(), institutionOf(alum)),
    ];
    const due = await sendRequest(server.services, a, alum);
    const notDue = await sendRequest(server.services, b, alum);
    const accepted = await acceptedRequest(server.services, c, alum, { proposedTimes: [inDays(2)] });
    await asInstitution(
      db(),
      alum.institutionId,
      `UPDATE interview_requests SET expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [[due.id, accepted.id]],
    );
    const expired = await tenantTransaction(db(), { institutionId: alum.institutionId }, (m) =>
      server.services.requestLifecycle.expireDue(m, new Date()),
    );
    expect(expired).toEqual([due.id]);
    const states = await asInstitution(db(), alum.institutionId, `SELECT id, state FROM interview_requests WHERE id = ANY($1::uuid[])`, [
      [due.id, notDue.id, accepted.id],
    ]);
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
      [due.id]: "EXPIRED",
      [notDue.id]: "REQUESTED",
      [accepted.id]: "ACCEPTED",
    });
    const events = (await server.gql(EVENTS, { id: due.id }, await server.signIn(a))).data!.requestEvents;
    expect(events.at(-1)).toMatchObject({ kind: "TRANSITION", fromState: "REQUESTED", toState: "EXPIRED", actor: "SYSTEM" });
    const topics = await asInstitution(db(), alum.institutionId, `SELECT topic FROM outbox WHERE payload->>'requestId' = $1 ORDER BY id`, [
      due.id,
    ]);
    expect(topics.map((t) => t.topic)).toEqual(["request.created", "request.expired"]);
    const again = await tenantTransaction(db(), { institutionId: alum.institutionId }, (m) =>
      server.services.requestLifecycle.expireDue(m, new Date()),
    );
    expect(again).toEqual([]);
  });
});

describe("the history is append-only", () => {
  it("refuses the app role any change or removal of a history entry", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    await expect(
      asInstitution(db(), alum.institutionId, `UPDATE request_events SET reason = 'edited' WHERE request_id = $1`, [sent.id]),
    ).rejects.toThrow(/permission denied/);
    await expect(asInstitution(db(), alum.institutionId, `DELETE FROM request_events WHERE request_id = $1`, [sent.id])).rejects.toThrow(
      /permission denied/,
    );
  });
});
