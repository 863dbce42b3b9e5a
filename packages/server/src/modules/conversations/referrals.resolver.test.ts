import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import {
  buildAdmin,
  buildAdvisor,
  buildAlumnus,
  buildConsent,
  buildInstitution,
  buildStudent,
  type BuiltInstitution,
  type BuiltMember,
} from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { buildRequest, tokenCache, type BuiltRequest } from "./conversations.fixtures";

const db = useTestDatabase();
let server: TestServer;
let token: (member: BuiltMember) => Promise<string>;
beforeAll(async () => {
  server = await startTestServer(db(), { ACCESS_TOKEN_TTL_SECONDS: "7200" });
  token = tokenCache((member) => server.signIn(member));
});
afterAll(() => server.close());

const REFERRAL_FIELDS = `id studentId sourceRequestId suggestedById suggestedByName referredAlumnusId name role howToReach note status resultingRequestId`;
const ADD = `mutation($id: ID!, $input: SuggestedNameInput!) { addSuggestedName(requestId: $id, input: $input) { ${REFERRAL_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $status: ReferralStatus!) { updateReferral(id: $id, status: $status) { id status } }`;
const CHAIN = `query($requestId: ID, $studentId: ID) {
  referralChain(requestId: $requestId, studentId: $studentId) { depth parentReferralId referral { id name suggestedByName howToReach status resultingRequestId } }
}`;

async function conversation(institution?: BuiltInstitution) {
  const school = institution ?? (await buildInstitution(db()));
  const student = await buildStudent(db(), { institution: school });
  const alumnus = await buildAlumnus(db(), { institution: school, displayName: "Alex Rivera" });
  return { institution: school, student, alumnus, request: await buildRequest(db(), student, alumnus) };
}

async function addName(student: BuiltMember, request: BuiltRequest, input: Record<string, unknown>) {
  const result = await server.gql(ADD, { id: request.id, input }, await token(student));
  expect(result.errors).toBeUndefined();
  return result.data!.addSuggestedName;
}

/** What the requests module does when a student requests a suggested person. */
const turnIntoRequest = (institutionId: string, referralId: string, requestId: string) =>
  tenantTransaction(db(), { institutionId }, (m) => server.services.conversations.turnReferralIntoRequest(m, referralId, requestId));

describe("addSuggestedName", () => {
  it("is refused without signing in", async () => {
    const { request } = await conversation();
    expect(errorCode(await server.gql(ADD, { id: request.id, input: { name: "Kim" } }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to alumni and advisors", async () => {
    const { institution, alumnus, request } = await conversation();
    for (const member of [alumnus, await buildAdvisor(db(), { institution })]) {
      expect(errorCode(await server.gql(ADD, { id: request.id, input: { name: "Kim" } }, await token(member)))).toBe("FORBIDDEN");
    }
  });

  it("finds no request of another institution", async () => {
    const { request } = await conversation();
    expect(errorCode(await server.gql(ADD, { id: request.id, input: { name: "Kim" } }, await token(await buildStudent(db()))))).toBe(
      "NOT_FOUND",
    );
  });

  it("records someone outside the directory, suggested by the alum of the conversation", async () => {
    const { student, alumnus, request } = await conversation();
    const referral = await addName(student, request, {
      name: " Kim Park ",
      role: "UX researcher",
      howToReach: "kim@example.org",
      note: "Runs the local UX meetup.",
    });
    expect(referral).toMatchObject({
      studentId: student.membershipId,
      sourceRequestId: request.id,
      suggestedById: alumnus.membershipId,
      suggestedByName: "Alex Rivera",
      referredAlumnusId: null,
      name: "Kim Park",
      role: "UX researcher",
      howToReach: "kim@example.org",
      note: "Runs the local UX meetup.",
      status: "SUGGESTED",
      resultingRequestId: null,
    });
  });

  it("takes name and role from a listed alum of the directory, and refuses an unlisted or unknown one", async () => {
    const { institution, student, request } = await conversation();
    const listed = await buildAlumnus(db(), { institution, displayName: "Jordan Blake" });
    await buildConsent(db(), listed, "ALUMNUS_LISTED");
    expect(await addName(student, request, { alumnusId: listed.membershipId })).toMatchObject({
      referredAlumnusId: listed.membershipId,
      name: "Jordan Blake",
      role: "Data Scientist",
    });
    const unlisted = await buildAlumnus(db(), { institution });
    const elsewhere = await buildAlumnus(db());
    await buildConsent(db(), elsewhere, "ALUMNUS_LISTED");
    for (const alumnusId of [unlisted.membershipId, elsewhere.membershipId, student.membershipId]) {
      const result = await server.gql(ADD, { id: request.id, input: { alumnusId } }, await token(student));
      expect(errorCode(result)).toBe("BAD_USER_INPUT");
    }
  });

  it("needs a name or an alum", async () => {
    const { student, request } = await conversation();
    expect(errorCode(await server.gql(ADD, { id: request.id, input: { name: "  ", role: "Analyst" } }, await token(student)))).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("accepts names from a decline but not from a request still waiting", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    const declined = await buildRequest(db(), student, await buildAlumnus(db(), { institution }), { state: "DECLINED" });
    expect((await addName(student, declined, { name: "Someone Else" })).name).toBe("Someone Else");
    const waiting = await buildRequest(db(), student, await buildAlumnus(db(), { institution }), { state: "REQUESTED" });
    expect(errorCode(await server.gql(ADD, { id: waiting.id, input: { name: "Kim" } }, await token(student)))).toBe(
      "CONVERSATION_NOT_STARTED",
    );
  });
});

describe("updateReferral", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(UPDATE, { id: "00000000-0000-4000-8000-000000000000", status: "CONTACTED" }))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("is refused to alumni and advisors", async () => {
    const { institution, student, alumnus, request } = await conversation();
    const referral = await addName(student, request, { name: "Kim" });
    for (const member of [alumnus, await buildAdvisor(db(), { institution })]) {
      expect(errorCode(await server.gql(UPDATE, { id: referral.id, status: "CONTACTED" }, await token(member)))).toBe("FORBIDDEN");
    }
  });

  it("finds no referral of another student or institution", async () => {
    const { institution, student, request } = await conversation();
    const referral = await addName(student, request, { name: "Kim" });
    for (const member of [await buildStudent(db()), await buildStudent(db(), { institution })]) {
      expect(errorCode(await server.gql(UPDATE, { id: referral.id, status: "CONTACTED" }, await token(member)))).toBe("NOT_FOUND");
    }
  });

  it("moves the student's referral along, but not back before a request already made", async () => {
    const { institution, student, request } = await conversation();
    const referral = await addName(student, request, { name: "Kim" });
    expect((await server.gql(UPDATE, { id: referral.id, status: "CONTACTED" }, await token(student))).data!.updateReferral.status).toBe(
      "CONTACTED",
    );
    const next = await buildRequest(db(), student, await buildAlumnus(db(), { institution }), { state: "REQUESTED" });
    expect((await turnIntoRequest(institution.id, referral.id, next.id)).status).toBe("REQUESTED");
    expect(errorCode(await server.gql(UPDATE, { id: referral.id, status: "SUGGESTED" }, await token(student)))).toBe(
      "REFERRAL_ALREADY_REQUESTED",
    );
    expect((await server.gql(UPDATE, { id: referral.id, status: "NOT_PURSUED" }, await token(student))).data!.updateReferral.status).toBe(
      "NOT_PURSUED",
    );
  });
});

describe("referralChain", () => {
  /** A → (suggests) B → C → Dana (outside the directory), and A also suggested Eve: depth 3 on one branch. */
  async function chainOfThree() {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    const alumni: BuiltMember[] = [];
    for (const name of ["Alum A", "Alum B", "Alum C"]) {
      const alum = await buildAlumnus(db(), { institution, displayName: name });
      await buildConsent(db(), alum, "ALUMNUS_LISTED");
      alumni.push(alum);
    }
    const r1 = await buildRequest(db(), student, alumni[0]);
    const toB = await addName(student, r1, { alumnusId: alumni[1].membershipId, howToReach: "via Alum A" });
    const r2 = await buildRequest(db(), student, alumni[1]);
    await turnIntoRequest(institution.id, toB.id, r2.id);
    const toC = await addName(student, r2, { alumnusId: alumni[2].membershipId });
    const r3 = await buildRequest(db(), student, alumni[2]);
    await turnIntoRequest(institution.id, toC.id, r3.id);
    const toDana = await addName(student, r3, { name: "Dana Free", howToReach: "dana@example.org" });
    const toEve = await addName(student, r1, { name: "Eve Other" });
    return { institution, student, requests: [r1, r2, r3], referrals: { toB, toC, toDana, toEve } };
  }

  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(CHAIN, {}))).toBe("UNAUTHENTICATED");
  });

  it("is refused to alumni and admins", async () => {
    const { institution, student } = await chainOfThree();
    const alum = await buildAlumnus(db(), { institution });
    for (const member of [alum, await buildAdmin(db(), { institution })]) {
      expect(errorCode(await server.gql(CHAIN, { studentId: student.membershipId }, await token(member)))).toBe("FORBIDDEN");
    }
  });

  it("shows nothing of another institution's students", async () => {
    const { student, requests } = await chainOfThree();
    const other = await buildInstitution(db());
    const advisor = await buildAdvisor(db(), { institution: other });
    expect(errorCode(await server.gql(CHAIN, { studentId: student.membershipId }, await token(advisor)))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(CHAIN, { requestId: requests[0].id }, await token(advisor)))).toBe("NOT_FOUND");
    const outsider = await buildStudent(db(), { institution: other });
    expect(errorCode(await server.gql(CHAIN, { requestId: requests[0].id }, await token(outsider)))).toBe("NOT_FOUND");
    expect((await server.gql(CHAIN, {}, await token(outsider))).data!.referralChain).toEqual([]);
  });

  it("follows who led to whom three steps deep, depth first", async () => {
    const { student, referrals } = await chainOfThree();
    const result = await server.gql(CHAIN, {}, await token(student));
    expect(result.errors).toBeUndefined();
    expect(result.data!.referralChain.map((l: any) => [l.depth, l.referral.suggestedByName, l.referral.name, l.parentReferralId])).toEqual([
      [1, "Alum A", "Alum B", null],
      [2, "Alum B", "Alum C", referrals.toB.id],
      [3, "Alum C", "Dana Free", referrals.toC.id],
      [1, "Alum A", "Eve Other", null],
    ]);
    expect(result.data!.referralChain[0].referral).toMatchObject({ status: "REQUESTED", howToReach: "via Alum A" });
  });

  it("starts from one conversation when given a request", async () => {
    const { student, requests } = await chainOfThree();
    const result = await server.gql(CHAIN, { requestId: requests[1].id }, await token(student));
    expect(result.data!.referralChain.map((l: any) => [l.depth, l.referral.name])).toEqual([
      [1, "Alum C"],
      [2, "Dana Free"],
    ]);
  });

  it("keeps a student to their own chain", async () => {
    const { institution, student, requests } = await chainOfThree();
    const classmate = await buildStudent(db(), { institution });
    expect(errorCode(await server.gql(CHAIN, { studentId: student.membershipId }, await token(classmate)))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(CHAIN, { requestId: requests[0].id }, await token(classmate)))).toBe("NOT_FOUND");
  });

  it("shows an advisor the chain only while the student shares with advisors, without how to reach", async () => {
    const { institution, student } = await chainOfThree();
    const advisor = await buildAdvisor(db(), { institution });
    expect(errorCode(await server.gql(CHAIN, { studentId: student.membershipId }, await token(advisor)))).toBe("ACTIVITY_NOT_SHARED");
    await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
    const chain = (await server.gql(CHAIN, { studentId: student.membershipId }, await token(advisor))).data!.referralChain;
    expect(chain).toHaveLength(4);
    expect(chain.map((l: any) => l.referral.howToReach)).toEqual([null, null, null, null]);
  });
});
