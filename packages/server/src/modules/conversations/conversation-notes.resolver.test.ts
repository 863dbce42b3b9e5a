import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import {
  buildAdmin,
  buildAdvisor,
  buildAlumnus,
  buildConsent,
  buildInstitution,
  buildStudent,
  type BuiltMember,
  WITHDRAW_CONSENTS_SQL,
} from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { buildRequest, tokenCache } from "./conversations.fixtures";

const db = useTestDatabase();
let server: TestServer;
let token: (member: BuiltMember) => Promise<string>;
beforeAll(async () => {
  server = await startTestServer(db(), { ACCESS_TOKEN_TTL_SECONDS: "7200" });
  token = tokenCache((member) => server.signIn(member));
});
afterAll(() => server.close());

const NOTE_FIELDS = `requestId studentId advice takeaways newQuestions sharedWithAdvisor namesSuggested { name role howToReach status }`;
const NOTES = `query($id: ID!) { notes(requestId: $id) { ${NOTE_FIELDS} } }`;
const SAVE = `mutation($id: ID!, $input: SaveNotesInput!) { saveNotes(requestId: $id, input: $input) { ${NOTE_FIELDS} } }`;

/** A student with a completed conversation, and the alum they met. */
async function conversation(overrides: Parameters<typeof buildRequest>[3] = {}) {
  const institution = await buildInstitution(db());
  const student = await buildStudent(db(), { institution });
  const alumnus = await buildAlumnus(db(), { institution });
  const request = await buildRequest(db(), student, alumnus, overrides);
  return { institution, student, alumnus, request };
}

async function saveNotes(student: BuiltMember, requestId: string, input: Record<string, unknown>) {
  const result = await server.gql(SAVE, { id: requestId, input }, await token(student));
  expect(result.errors).toBeUndefined();
  return result.data!.saveNotes;
}

describe("saveNotes", () => {
  it("is refused without signing in", async () => {
    const { request } = await conversation();
    expect(errorCode(await server.gql(SAVE, { id: request.id, input: { advice: "x" } }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to the alum, advisors and admins", async () => {
    const { institution, alumnus, request } = await conversation();
    for (const member of [alumnus, await buildAdvisor(db(), { institution }), await buildAdmin(db(), { institution })]) {
      expect(errorCode(await server.gql(SAVE, { id: request.id, input: { advice: "x" } }, await token(member)))).toBe("FORBIDDEN");
    }
  });

  it("finds no request of another institution, nor another student's", async () => {
    const { institution, request } = await conversation();
    const elsewhere = await buildStudent(db());
    const classmate = await buildStudent(db(), { institution });
    for (const member of [elsewhere, classmate]) {
      expect(errorCode(await server.gql(SAVE, { id: request.id, input: { advice: "x" } }, await token(member)))).toBe("NOT_FOUND");
    }
  });

  it("creates the notes, then changes only the fields given, cleaning up the questions", async () => {
    const { student, request } = await conversation();
    const first = await saveNotes(student, request.id, {
      advice: "  Learn SQL well. ",
      takeaways: "Analytics teams hire generalists.",
      newQuestions: ["What is a typical week?", " ", "What is a typical week?", "Who else should I ask?"],
    });
    expect(first).toEqual({
      requestId: request.id,
      studentId: student.membershipId,
      advice: "Learn SQL well.",
      takeaways: "Analytics teams hire generalists.",
      newQuestions: ["What is a typical week?", "Who else should I ask?"],
      sharedWithAdvisor: false,
      namesSuggested: [],
    });
    const second = await saveNotes(student, request.id, { takeaways: "Start with a portfolio.", sharedWithAdvisor: true });
    expect(second).toMatchObject({
      advice: "Learn SQL well.",
      takeaways: "Start with a portfolio.",
      sharedWithAdvisor: true,
      newQuestions: first.newQuestions,
    });
  });

  it("waits until the conversation has started", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    const cases = [
      { state: "REQUESTED" as const, meetingStartsAt: null },
      { state: "ACCEPTED" as const, meetingStartsAt: new Date(Date.now() + 48 * 3600_000) },
      { state: "CANCELLED" as const, meetingStartsAt: null },
    ];
    for (const overrides of cases) {
      const request = await buildRequest(db(), student, await buildAlumnus(db(), { institution }), overrides);
      expect(errorCode(await server.gql(SAVE, { id: request.id, input: { advice: "x" } }, await token(student)))).toBe(
        "CONVERSATION_NOT_STARTED",
      );
    }
    const started = await buildRequest(db(), student, await buildAlumnus(db(), { institution }), {
      state: "ACCEPTED",
      meetingStartsAt: new Date(Date.now() - 600_000),
    });
    expect((await saveNotes(student, started.id, { advice: "Written during the call." })).advice).toBe("Written during the call.");
  });

  it("rejects notes that are too long", async () => {
    const { student, request } = await conversation();
    const result = await server.gql(SAVE, { id: request.id, input: { advice: "x".repeat(10001) } }, await token(student));
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
  });
});

describe("notes", () => {
  it("is refused without signing in", async () => {
    const { request } = await conversation();
    expect(errorCode(await server.gql(NOTES, { id: request.id }))).toBe("UNAUTHENTICATED");
  });

  it("is never shown to the alum, even when shared with advisors", async () => {
    const { student, alumnus, request } = await conversation();
    await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
    await saveNotes(student, request.id, { advice: "Private advice.", sharedWithAdvisor: true });
    const result = await server.gql(NOTES, { id: request.id }, await token(alumnus));
    expect(errorCode(result)).toBe("FORBIDDEN");
    expect(result.data?.notes ?? null).toBeNull();
  });

  it("is refused to admins", async () => {
    const { institution, request } = await conversation();
    expect(errorCode(await server.gql(NOTES, { id: request.id }, await token(await buildAdmin(db(), { institution }))))).toBe("FORBIDDEN");
  });

  it("shows nothing to a student or advisor of another institution", async () => {
    const { student, request } = await conversation();
    await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
    await saveNotes(student, request.id, { advice: "Private advice.", sharedWithAdvisor: true });
    const other = await buildInstitution(db());
    for (const member of [await buildStudent(db(), { institution: other }), await buildAdvisor(db(), { institution: other })]) {
      expect(errorCode(await server.gql(NOTES, { id: request.id }, await token(member)))).toBe("NOT_FOUND");
    }
  });

  it("shows the student their own notes with the names suggested, and null before they write any", async () => {
    const { student, request } = await conversation();
    expect((await server.gql(NOTES, { id: request.id }, await token(student))).data!.notes).toBeNull();
    await saveNotes(student, request.id, { advice: "Go to meetups." });
    await tenantTransaction(db(), { institutionId: student.institutionId }, (m) =>
      m.query(
        `INSERT INTO referrals (institution_id, student_id, source_request_id, name, role, how_to_reach) VALUES ($1, $2, $3, 'Priya Patel', 'Analyst', 'priya@example.org')`,
        [student.institutionId, student.membershipId, request.id],
      ),
    );
    const notes = (await server.gql(NOTES, { id: request.id }, await token(student))).data!.notes;
    expect(notes).toMatchObject({
      advice: "Go to meetups.",
      namesSuggested: [{ name: "Priya Patel", role: "Analyst", howToReach: "priya@example.org", status: "SUGGESTED" }],
    });
  });

  it("hides another student's notes in the same institution", async () => {
    const { institution, student, request } = await conversation();
    await saveNotes(student, request.id, { advice: "Mine." });
    expect(errorCode(await server.gql(NOTES, { id: request.id }, await token(await buildStudent(db(), { institution }))))).toBe(
      "NOT_FOUND",
    );
  });

  describe("for advisors", () => {
    it("needs both the notes shared and the student sharing with advisors", async () => {
      const { institution, student, request } = await conversation();
      const advisor = await buildAdvisor(db(), { institution });
      const read = async () => server.gql(NOTES, { id: request.id }, await token(advisor));

      expect(errorCode(await read())).toBe("NOTES_NOT_SHARED"); // no notes yet
      await saveNotes(student, request.id, { advice: "Shared advice." });
      expect(errorCode(await read())).toBe("NOTES_NOT_SHARED"); // not shared, no consent
      await saveNotes(student, request.id, { sharedWithAdvisor: true });
      expect(errorCode(await read())).toBe("NOTES_NOT_SHARED"); // shared, but no consent
      await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
      expect((await read()).data!.notes).toMatchObject({ advice: "Shared advice.", sharedWithAdvisor: true });
      await saveNotes(student, request.id, { sharedWithAdvisor: false });
      expect(errorCode(await read())).toBe("NOTES_NOT_SHARED"); // consent, but no longer shared
    });

    it("stops at once when the student withdraws consent, and never shows how to reach suggested names", async () => {
      const { institution, student, request } = await conversation();
      const advisor = await buildAdvisor(db(), { institution });
      await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
      await saveNotes(student, request.id, { advice: "Shared.", sharedWithAdvisor: true });
      await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
        m.query(
          `INSERT INTO referrals (institution_id, student_id, source_request_id, name, how_to_reach) VALUES ($1, $2, $3, 'Sam Lee', '+1 555 0199')`,
          [institution.id, student.membershipId, request.id],
        ),
      );
      const shared = (await server.gql(NOTES, { id: request.id }, await token(advisor))).data!.notes;
      expect(shared.namesSuggested).toEqual([{ name: "Sam Lee", role: null, howToReach: null, status: "SUGGESTED" }]);

      await tenantTransaction(db(), { institutionId: institution.id }, (m) => m.query(WITHDRAW_CONSENTS_SQL, [student.membershipId, null]));
      expect(errorCode(await server.gql(NOTES, { id: request.id }, await token(advisor)))).toBe("NOTES_NOT_SHARED");
    });
  });
});
