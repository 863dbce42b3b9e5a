import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildAlumnus, buildConsent, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { Modality } from "../profiles/alumnus-profile.entity";
import {
  acceptedRequest,
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

const REQUEST_FIELDS = `id state modality message studentId alumnusId studentName alumnusName ruleOneFlagged ruleOneConfirmed questionsShared
  studentTimeZone alumnusTimeZone expiresAt proposedTimes { id startsAt endsAt proposedBy kind status }
  questions { position text bankId closed suggestion }`;
const REQUEST_INTERVIEW = `mutation($input: RequestInterviewInput!) { requestInterview(input: $input) { ${REQUEST_FIELDS} } }`;
const TEMPLATE = `query($a: ID!, $r: ID) { requestTemplate(alumnusId: $a, referredById: $r) { message meetingMinutes sections { whoIAm whoReferredMe whyThisPerson whatIWantToLearn theAsk } } }`;
const CHECK_MESSAGE = `query($t: String!) { checkRequestMessage(text: $t) { flagged guidance matches { phrase category start end excerpt } } }`;
const CHECK_QUESTION = `query($t: String!) { checkQuestion(text: $t) { closed suggestion } }`;
const BANK = `{ questionBank { id label questions { id text closed } } }`;
const MY_REQUESTS = `query($first: Int, $after: String, $state: RequestState) { myRequests(first: $first, after: $after, state: $state) { edges { cursor node { id state } } pageInfo { hasNextPage endCursor } } }`;
const ONE = `query($id: ID!) { interviewRequest(id: $id) { id state message questions { text } studentName alumnusName meetingLink } }`;
const EVENTS = `query($id: ID!) { requestEvents(requestId: $id) { kind fromState toState actor reason at } }`;

const JOB_ASK =
  "Hi! I'm a junior studying economics. I'm looking for a job in data science, could you refer me for a position at your company?";

/** Sends through the API, as the student. */
async function send(student: BuiltMember, alumnus: BuiltMember, overrides: Record<string, unknown> = {}) {
  const token = await server.signIn(student);
  const input = {
    alumnusId: alumnus.membershipId,
    message: "Hello! I am researching careers in data science and would love to hear how you got started.",
    modality: "VIDEO",
    proposedTimes: [inDays(3).toISOString(), inDays(4).toISOString()],
    ...overrides,
  };
  return server.gql(REQUEST_INTERVIEW, { input }, token);
}

const countRequests = async (student: BuiltMember) =>
  (
    await asInstitution(db(), student.institutionId, `SELECT count(*)::int AS n FROM interview_requests WHERE student_id = $1`, [
      student.membershipId,
    ])
  )[0].n;

describe("who may call the request operations (four cases each)", () => {
  let student: BuiltMember;
  let alum: BuiltMember;
  let requestId: string;
  let outsiderStudent: BuiltMember;
  beforeAll(async () => {
    alum = await buildContactableAlumnus(db());
    student = await buildSharingStudent(db(), institutionOf(alum));
    requestId = (await acceptedRequest(server.services, student, alum)).id;
    const elsewhere = await buildInstitution(db());
    outsiderStudent = await buildSharingStudent(db(), elsewhere);
  });

  const operations: Array<{
    name: string;
    query: (ctx: () => { alum: BuiltMember; requestId: string }) => [string, Record<string, unknown>];
    wrongRole?: "ADVISOR" | "ALUMNUS";
    otherInstitution: string | null;
  }> = [
    {
      name: "requestTemplate",
      query: (c) => [TEMPLATE, { a: c().alum.membershipId }],
      wrongRole: "ADVISOR",
      otherInstitution: "NOT_FOUND",
    },
    {
      name: "checkRequestMessage",
      query: () => [CHECK_MESSAGE, { t: JOB_ASK }],
      wrongRole: "ALUMNUS",
      otherInstitution: null,
    },
    { name: "questionBank", query: () => [BANK, {}], otherInstitution: null },
    {
      name: "checkQuestion",
      query: () => [CHECK_QUESTION, { t: "Do you like your job?" }],
      otherInstitution: null,
    },
    {
      name: "requestInterview",
      query: (c) => [
        REQUEST_INTERVIEW,
        {
          input: {
            alumnusId: c().alum.membershipId,
            message: "Hello, may we talk about your field?",
            modality: "VIDEO",
            proposedTimes: [inDays(9).toISOString()],
          },
        },
      ],
      wrongRole: "ADVISOR",
      otherInstitution: "NOT_FOUND",
    },
    {
      name: "myRequests",
      query: () => [MY_REQUESTS, { first: 10 }],
      wrongRole: "ADVISOR",
      otherInstitution: null,
    },
    {
      name: "interviewRequest",
      query: (c) => [ONE, { id: c().requestId }],
      otherInstitution: "REQUEST_NOT_FOUND",
    },
    {
      name: "requestEvents",
      query: (c) => [EVENTS, { id: c().requestId }],
      otherInstitution: "REQUEST_NOT_FOUND",
    },
    {
      name: "calendarInvite",
      query: (c) => [`query($id: ID!) { calendarInvite(requestId: $id) }`, { id: c().requestId }],
      wrongRole: "ADVISOR",
      otherInstitution: "REQUEST_NOT_FOUND",
    },
  ];
  const ctx = () => ({ alum, requestId });

  it.each(operations)("$name: not signed in → UNAUTHENTICATED", async (op) => {
    const [query, variables] = op.query(ctx);
    expect(errorCode(await server.gql(query, variables))).toBe("UNAUTHENTICATED");
  });

  it.each(operations.filter((op) => op.wrongRole))("$name: wrong role → FORBIDDEN", async (op) => {
    const member =
      op.wrongRole === "ADVISOR"
        ? await buildAdvisor(db(), { institution: institutionOf(alum) })
        : await buildAlumnus(db(), { institution: institutionOf(alum) });
    const [query, variables] = op.query(ctx);
    expect(errorCode(await server.gql(query, variables, await server.signIn(member)))).toBe("FORBIDDEN");
  });

  it.each(operations)("$name: a student of another institution sees nothing of this one", async (op) => {
    const [query, variables] = op.query(ctx);
    const result = await server.gql(query, variables, await server.signIn(outsiderStudent));
    if (op.otherInstitution) expect(errorCode(result)).toBe(op.otherInstitution);
    else expect(JSON.stringify(result.data)).not.toContain(requestId);
    if (op.name === "myRequests") expect(result.data!.myRequests.edges).toEqual([]);
  });

  it.each(operations)("$name: the right role in the institution gets an answer", async (op) => {
    const [query, variables] = op.query(ctx);
    const caller =
      op.name === "calendarInvite" || op.name === "interviewRequest" || op.name === "requestEvents"
        ? student
        : await buildSharingStudent(db(), institutionOf(alum));
    const result = await server.gql(query, variables, await server.signIn(caller));
    expect(result.errors).toBeUndefined();
    expect(result.data![op.name]).toBeTruthy();
  });
});

describe("the request template", () => {
  it("prefills the message from the student's pitch and the alum's work, with the referrer and a 20–30 minute ask", async () => {
    const alum = await buildContactableAlumnus(db(), { displayName: "Grace Hopper" });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    await asInstitution(
      db(),
      student.institutionId,
      `UPDATE student_profiles SET pitch = 'I love turning messy data into decisions.' WHERE membership_id = $1`,
      [student.membershipId],
    );
    const referrer = await buildAlumnus(db(), { institution: institutionOf(alum), displayName: "Alan Turing" });
    const result = await server.gql(TEMPLATE, { a: alum.membershipId, r: referrer.membershipId }, await server.signIn(student));
    expect(result.errors).toBeUndefined();
    const t = result.data!.requestTemplate;
    expect(t.message).toMatch(/^Dear Grace,/);
    expect(t.sections.whoIAm).toContain("I love turning messy data into decisions.");
    expect(t.sections.whoReferredMe).toBe("Alan Turing suggested I get in touch with you.");
    expect(t.sections.whyThisPerson).toContain("Data Scientist at Acme Analytics");
    expect(t.sections.theAsk).toContain("20–30 minutes");
    expect(t.meetingMinutes).toBe(30);
  });

  it("is refused for an alum who does not accept requests", async () => {
    const alum = await buildContactableAlumnus(db(), { contact: false });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await server.gql(TEMPLATE, { a: alum.membershipId }, await server.signIn(student)))).toBe("CONSENT_REQUIRED");
  });
});

describe("Rule #1: information, never a job", () => {
  it("gives live guidance on a draft", async () => {
    const student = await buildStudent(db());
    const result = await server.gql(CHECK_MESSAGE, { t: JOB_ASK }, await server.signIn(student));
    const check = result.data!.checkRequestMessage;
    expect(check.flagged).toBe(true);
    expect(check.matches.map((m: { category: string }) => m.category)).toEqual(expect.arrayContaining(["JOB"]));
    expect(check.guidance.length).toBeGreaterThan(0);
  });

  it("sends a flagged message back with the matches and guidance, creates nothing, and counts the flag", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const result = await send(student, alum, { message: JOB_ASK });
    expect(errorCode(result)).toBe("RULE_ONE_CONFIRMATION_REQUIRED");
    const ext = result.errors![0].extensions!;
    expect((ext.matches as Array<{ phrase: string }>).map((m) => m.phrase).join(" ")).toMatch(/looking for a job/i);
    expect((ext.guidance as string[]).length).toBeGreaterThan(0);
    expect(await countRequests(student)).toBe(0);
    const flags = await asInstitution(
      db(),
      student.institutionId,
      `SELECT outcome, categories, alumnus_id FROM rule_one_flags WHERE student_id = $1`,
      [student.membershipId],
    );
    expect(flags).toEqual([{ outcome: "RETURNED", categories: expect.arrayContaining(["JOB"]), alumnus_id: alum.membershipId }]);
  });

  it("sends the message once the student rewords it", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await send(student, alum, { message: JOB_ASK }))).toBe("RULE_ONE_CONFIRMATION_REQUIRED");
    const reworded = await send(student, alum, {
      message: "Hi! I'm a junior studying economics. I'd love to hear how you got into data science and who else I might talk to.",
    });
    expect(reworded.errors).toBeUndefined();
    expect(reworded.data!.requestInterview).toMatchObject({ state: "REQUESTED", ruleOneFlagged: false, ruleOneConfirmed: false });
  });

  it("sends the message as written when the student confirms it asks for information only, and records that", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const confirmed = await send(student, alum, { message: JOB_ASK, confirmInformationOnly: true });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.requestInterview).toMatchObject({ state: "REQUESTED", ruleOneFlagged: true, ruleOneConfirmed: true });
    const flags = await asInstitution(db(), student.institutionId, `SELECT outcome, request_id FROM rule_one_flags WHERE student_id = $1`, [
      student.membershipId,
    ]);
    expect(flags).toEqual([{ outcome: "CONFIRMED", request_id: confirmed.data!.requestInterview.id }]);
  });
});

describe("sending a request", () => {
  it("creates the request with its times, questions, history entry and announcement", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const result = await send(student, alum, {
      proposedTimes: [inDays(5).toISOString(), inDays(6).toISOString(), inDays(7).toISOString()],
      questions: [
        { text: "Do you like your job?" },
        { text: "How did you get into this line of work?", bankId: "how-get-into-line-of-work" },
      ],
      shareQuestions: true,
      timeZone: "Europe/Paris",
    });
    expect(result.errors).toBeUndefined();
    const r = result.data!.requestInterview;
    expect(r).toMatchObject({
      state: "REQUESTED",
      modality: "VIDEO",
      studentId: student.membershipId,
      alumnusId: alum.membershipId,
      questionsShared: true,
      studentTimeZone: "Europe/Paris",
      alumnusTimeZone: "America/New_York",
    });
    expect(r.proposedTimes).toHaveLength(3);
    expect(r.proposedTimes[0]).toMatchObject({
      startsAt: inDays(5).toISOString(),
      endsAt: new Date(inDays(5).getTime() + 30 * 60_000).toISOString(),
      proposedBy: "STUDENT",
      kind: "REQUEST",
      status: "OPEN",
    });
    expect(r.questions).toEqual([
      {
        position: 1,
        text: "Do you like your job?",
        bankId: null,
        closed: true,
        suggestion: expect.stringMatching(/^What/),
      },
      {
        position: 2,
        text: "How did you get into this line of work?",
        bankId: "how-get-into-line-of-work",
        closed: false,
        suggestion: null,
      },
    ]);
    expect(new Date(r.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const events = await server.gql(EVENTS, { id: r.id }, await server.signIn(student));
    expect(events.data!.requestEvents).toEqual([
      expect.objectContaining({ kind: "TRANSITION", fromState: null, toState: "REQUESTED", actor: "STUDENT" }),
    ]);
    const outbox = await asInstitution(db(), student.institutionId, `SELECT topic, payload FROM outbox WHERE payload->>'requestId' = $1`, [
      r.id,
    ]);
    expect(outbox).toEqual([
      {
        topic: "request.created",
        payload: expect.objectContaining({
          requestId: r.id,
          studentId: student.membershipId,
          alumnusId: alum.membershipId,
          to: "REQUESTED",
        }),
      },
    ]);
  });

  it("refuses an alum of another institution as if it did not exist", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db());
    expect(errorCode(await send(student, alum))).toBe("NOT_FOUND");
  });

  it("refuses a modality the alum does not offer", async () => {
    const alum = await buildContactableAlumnus(db(), { modalities: [Modality.VIDEO] });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const result = await send(student, alum, { modality: "IN_PERSON" });
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors![0].message).toContain("video");
  });

  it("validates the input: one to three times, a message", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const four = [3, 4, 5, 6].map((d) => inDays(d).toISOString());
    expect(errorCode(await send(student, alum, { proposedTimes: four }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await send(student, alum, { proposedTimes: [] }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await send(student, alum, { message: "   " }))).toBe("BAD_USER_INPUT");
  });
});

describe("consent gates", () => {
  it("refuses an alum who has not agreed to be contacted (ALUMNUS_CONTACT)", async () => {
    const alum = await buildContactableAlumnus(db(), { contact: false });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const result = await send(student, alum);
    expect(errorCode(result)).toBe("CONSENT_REQUIRED");
    expect(result.errors![0].extensions!.kind).toBe("ALUMNUS_CONTACT");
  });

  it("refuses a student who does not share their profile with alumni (STUDENT_SHARE_WITH_ALUMNI)", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum), false);
    const result = await send(student, alum);
    expect(errorCode(result)).toBe("CONSENT_REQUIRED");
    expect(result.errors![0].extensions!.kind).toBe("STUDENT_SHARE_WITH_ALUMNI");
  });

  it("takes effect at once when the alum withdraws contact consent", async () => {
    const alum = await buildContactableAlumnus(db());
    const first = await buildSharingStudent(db(), institutionOf(alum));
    expect((await send(first, alum)).errors).toBeUndefined();
    await asInstitution(
      db(),
      alum.institutionId,
      `UPDATE consents SET withdrawn_at = now() WHERE membership_id = $1 AND kind = 'ALUMNUS_CONTACT'`,
      [alum.membershipId],
    );
    const second = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await send(second, alum))).toBe("CONSENT_REQUIRED");
  });
});

describe("limits that protect volunteers", () => {
  it("allows one open request per student–alum pair", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    expect((await send(student, alum)).errors).toBeUndefined();
    expect(errorCode(await send(student, alum))).toBe("PAIR_ALREADY_OPEN");
  });

  it("caps a student's open requests at the institution's setting", async () => {
    const institution = await buildInstitution(db());
    await asInstitution(db(), institution.id, `UPDATE institutions SET max_open_requests_per_student = 2 WHERE id = $1`, [institution.id]);
    const student = await buildSharingStudent(db(), institution);
    for (let i = 0; i < 2; i++) expect((await send(student, await buildContactableAlumnus(db(), { institution }))).errors).toBeUndefined();
    const third = await send(student, await buildContactableAlumnus(db(), { institution }));
    expect(errorCode(third)).toBe("TOO_MANY_OPEN_REQUESTS");
    expect(third.errors![0].extensions!.max).toBe(2);
  });

  it("refuses requests to a paused alum", async () => {
    const alum = await buildContactableAlumnus(db(), { paused: true });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await send(student, alum))).toBe("ALUMNUS_PAUSED");
  });

  it("refuses requests when every proposed time falls in a month the alum has no capacity left", async () => {
    const alum = await buildContactableAlumnus(db(), { capacity: 1 });
    const first = await buildSharingStudent(db(), institutionOf(alum));
    const when = inDays(3);
    await acceptedRequest(server.services, first, alum, { proposedTimes: [when] });
    const second = await buildSharingStudent(db(), institutionOf(alum));
    const sameMonth = new Date(when.getTime() + 60 * 60_000);
    expect(errorCode(await send(second, alum, { proposedTimes: [sameMonth.toISOString()] }))).toBe("CAPACITY_REACHED");
    const zeroCapacity = await buildContactableAlumnus(db(), { capacity: 0, institution: institutionOf(alum) });
    expect(errorCode(await send(second, zeroCapacity))).toBe("CAPACITY_REACHED");
  });

  it("refuses times in the past or overlapping each other", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const past = await send(student, alum, { proposedTimes: [new Date(Date.now() - 3_600_000).toISOString()] });
    expect(errorCode(past)).toBe("PROPOSED_TIME_INVALID");
    expect(past.errors![0].extensions!.field).toBe("proposedTimes.0");
    const overlapping = await send(student, alum, { proposedTimes: [inDays(3, 15).toISOString(), inDays(3, 15, 15).toISOString()] });
    expect(errorCode(overlapping)).toBe("PROPOSED_TIME_INVALID");
    expect(overlapping.errors![0].extensions!.field).toBe("proposedTimes.1");
  });

  it("takes only the alum's open slots when they have published availability", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const slot = inDays(5, 14);
    await asInstitution(
      db(),
      alum.institutionId,
      `INSERT INTO availability_slots (institution_id, alumnus_id, starts_at, ends_at, time_zone) VALUES ($1, $2, $3, $3::timestamptz + interval '30 minutes', 'America/New_York')`,
      [alum.institutionId, alum.membershipId, slot],
    );
    const outside = await send(student, alum, { proposedTimes: [inDays(6, 14).toISOString()] });
    expect(errorCode(outside)).toBe("PROPOSED_TIME_INVALID");
    const inside = await send(student, alum, { proposedTimes: [slot.toISOString()] });
    expect(inside.errors).toBeUndefined();
  });
});

describe("reading requests", () => {
  it("lists the viewer's own requests from either side, newest first, a page at a time, by state", async () => {
    const alum = await buildContactableAlumnus(db());
    const students = [
      await buildSharingStudent(db(), institutionOf(alum)),
      await buildSharingStudent(db(), institutionOf(alum)),
      await buildSharingStudent(db(), institutionOf(alum)),
    ];
    const ids: string[] = [];
    for (const s of students) ids.push((await sendRequest(server.services, s, alum)).id);
    await server.services.requestLifecycle.withdraw(viewerOf(students[0]), { requestId: ids[0] });
    const token = await server.signIn(alum);
    const first = await server.gql(MY_REQUESTS, { first: 2 }, token);
    expect(first.data!.myRequests.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(first.data!.myRequests.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql(MY_REQUESTS, { first: 2, after: first.data!.myRequests.pageInfo.endCursor }, token);
    expect(next.data!.myRequests.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    expect(next.data!.myRequests.pageInfo.hasNextPage).toBe(false);
    const withdrawn = await server.gql(MY_REQUESTS, { first: 10, state: "WITHDRAWN" }, token);
    expect(withdrawn.data!.myRequests.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    const mine = await server.gql(MY_REQUESTS, { first: 10 }, await server.signIn(students[1]));
    expect(mine.data!.myRequests.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[1]]);
  });

  it("refuses a member of the institution who is not a participant", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const request = await sendRequest(server.services, student, alum);
    const other = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await server.gql(ONE, { id: request.id }, await server.signIn(other)))).toBe("NOT_A_PARTICIPANT");
    expect(errorCode(await server.gql(ONE, { id: "00000000-0000-4000-8000-000000000000" }, await server.signIn(other)))).toBe(
      "REQUEST_NOT_FOUND",
    );
  });

  it("shows the alum the questions only when the student shares them", async () => {
    const alum = await buildContactableAlumnus(db());
    const a = await buildSharingStudent(db(), institutionOf(alum));
    const b = await buildSharingStudent(db(), institutionOf(alum));
    const shared = await sendRequest(server.services, a, alum, {
      questions: [{ text: "What do you enjoy about it?" }],
      shareQuestions: true,
    });
    const kept = await sendRequest(server.services, b, alum, {
      questions: [{ text: "What do you enjoy about it?" }],
      shareQuestions: false,
    });
    const token = await server.signIn(alum);
    expect((await server.gql(ONE, { id: shared.id }, token)).data!.interviewRequest.questions).toEqual([
      { text: "What do you enjoy about it?" },
    ]);
    expect((await server.gql(ONE, { id: kept.id }, token)).data!.interviewRequest.questions).toBeNull();
    expect((await server.gql(ONE, { id: kept.id }, await server.signIn(b))).data!.interviewRequest.questions).toEqual([
      { text: "What do you enjoy about it?" },
    ]);
  });

  it("lets advisors follow a request, but read the message and questions only when the student shares with advisors", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const request = await acceptedRequest(server.services, student, alum, {
      questions: [{ text: "What is your typical day like?" }],
      shareQuestions: true,
    });
    const advisor = await server.signIn(await buildAdvisor(db(), { institution: institutionOf(alum) }));
    const hidden = (await server.gql(ONE, { id: request.id }, advisor)).data!.interviewRequest;
    expect(hidden).toMatchObject({
      id: request.id,
      state: "ACCEPTED",
      message: null,
      questions: null,
      meetingLink: null,
    });
    expect((await server.gql(EVENTS, { id: request.id }, advisor)).data!.requestEvents).toHaveLength(2);
    await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
    const shown = (await server.gql(ONE, { id: request.id }, advisor)).data!.interviewRequest;
    expect(shown.message).toContain("researching careers");
    expect(shown.questions).toEqual([{ text: "What is your typical day like?" }]);
    expect(shown.meetingLink).toBeNull();
  });
});
