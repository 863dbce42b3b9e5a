import { randomUUID } from "node:crypto";
import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildAlumnus, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import type { InterviewRequest } from "./interview-request.entity";
import { M } from "./request-lifecycle.fixtures";
import { REQUEST_STATES, type RequestState, type Side } from "./request-state";
import {
  asInstitution,
  buildContactableAlumnus,
  buildSharingStudent,
  inDays,
  institutionOf,
  sendRequest,
  viewerOf,
} from "../../test/request-kit";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

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
