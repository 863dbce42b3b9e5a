import { useTestDatabase } from "../../packages/server/src/test/database";
import { buildConsent } from "../../packages/server/src/test/factories";
import { errorCode, startTestServer, type TestServer } from "../../packages/server/src/test/test-server";
import {
  asInstitution,
  buildContactableAlumnus,
  buildSharingStudent,
  inDays,
  moveMeetingToPast,
} from "../../packages/server/src/test/request-kit";

/**
 * The whole story of one informational interview, over real HTTP, as the seeds tell it:
 * request with the template and questions → Rule #1 flag and rewording → accept with a chosen slot →
 * invite and revealed contact → complete → notes and names suggested → thank-you → follow-up due →
 * the name suggested turned into the next request.
 */
const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const REQUEST = `id state alumnusContact { email phone } meetingStartsAt proposedTimes { id startsAt }
  questions { text closed suggestion }`;

it("takes a student from a first request to the next conversation", async () => {
  const alum = await buildContactableAlumnus(db(), { shareContact: true, displayName: "Rosa Diaz" });
  const student = await buildSharingStudent(db(), { id: alum.institutionId, slug: "", name: "" });
  const nextAlum = await buildContactableAlumnus(db(), {
    institution: { id: alum.institutionId, slug: "", name: "" },
    displayName: "Sam Okafor",
  });
  await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
  const studentToken = await server.signIn(student);
  const alumToken = await server.signIn(alum);

  // Prepare: the template from the seeds, a question from the bank and one closed question of our own.
  const template = await server.gql(
    `query($a: ID!) { requestTemplate(alumnusId: $a) { message meetingMinutes } }`,
    { a: alum.membershipId },
    studentToken,
  );
  expect(template.errors).toBeUndefined();
  expect(template.data!.requestTemplate.message).toMatch(/20|30/);
  const bank = await server.gql(`{ questionBank { questions { id text closed } } }`, {}, studentToken);
  const openQuestion = bank
    .data!.questionBank.flatMap((t: { questions: Array<{ id: string; text: string; closed: boolean }> }) => t.questions)
    .find((q: { closed: boolean }) => !q.closed);

  // Rule #1: a message asking for an internship comes back with guidance and is not sent.
  const SEND = `mutation($input: RequestInterviewInput!) { requestInterview(input: $input) { ${REQUEST} } }`;
  const input = {
    alumnusId: alum.membershipId,
    modality: "VIDEO",
    proposedTimes: [inDays(3).toISOString(), inDays(4).toISOString()],
    questions: [{ text: openQuestion.text, bankId: openQuestion.id }, { text: "Do you like your job?" }],
    shareQuestions: true,
    idempotencyKey: "story-1",
  };
  const flagged = await server.gql(
    SEND,
    { input: { ...input, message: `${template.data!.requestTemplate.message}\nCould you refer me for an internship at your company?` } },
    studentToken,
  );
  expect(errorCode(flagged)).toBe("RULE_ONE_CONFIRMATION_REQUIRED");
  expect(flagged.errors![0].extensions!.guidance).toEqual(expect.arrayContaining([expect.any(String)]));
  const sent = await server.gql(SEND, { input: { ...input, message: template.data!.requestTemplate.message } }, studentToken);
  expect(sent.errors).toBeUndefined();
  const request = sent.data!.requestInterview;
  expect(request.state).toBe("REQUESTED");
  expect(request.alumnusContact).toBeNull();
  expect(request.questions.find((q: { text: string }) => q.text === "Do you like your job?")).toMatchObject({
    closed: true,
    suggestion: expect.any(String),
  });

  // Confirm: the alum chooses one proposed time; the invite exists and the contact is revealed.
  const accepted = await server.gql(
    `mutation($input: AcceptRequestInput!) { acceptRequest(input: $input) { state meetingStartsAt } }`,
    { input: { requestId: request.id, proposedTimeId: request.proposedTimes[0].id, meetingLink: "https://meet.example.org/rosa" } },
    alumToken,
  );
  expect(accepted.errors).toBeUndefined();
  expect(accepted.data!.acceptRequest.state).toBe("ACCEPTED");
  const invite = await server.gql(`query($id: ID!) { calendarInvite(requestId: $id) }`, { id: request.id }, studentToken);
  expect(invite.data!.calendarInvite).toMatch(/BEGIN:VCALENDAR[\s\S]*METHOD:PUBLISH[\s\S]*UID:/);
  const seen = await server.gql(
    `query($id: ID!) { interviewRequest(id: $id) { alumnusContact { email phone } } }`,
    { id: request.id },
    studentToken,
  );
  expect(seen.data!.interviewRequest.alumnusContact.email).toMatch(/@alum\.example$/);

  // Conduct: the meeting happens (its time moves into the past), then either side marks it done.
  await moveMeetingToPast(db(), { id: request.id, institutionId: alum.institutionId });
  const done = await server.gql(
    `mutation($input: MarkCompletedInput!) { markCompleted(input: $input) { state } }`,
    { input: { requestId: request.id } },
    studentToken,
  );
  expect(done.data!.markCompleted.state).toBe("COMPLETED");

  // Notes, and the most important question: who should I talk to next?
  const notes = await server.gql(
    `mutation($id: ID!, $input: SaveNotesInput!) { saveNotes(requestId: $id, input: $input) { advice } }`,
    { id: request.id, input: { advice: "Take a client-facing project course.", newQuestions: ["What do first-year analysts do?"] } },
    studentToken,
  );
  expect(notes.errors).toBeUndefined();
  const suggested = await server.gql(
    `mutation($id: ID!, $input: SuggestedNameInput!) { addSuggestedName(requestId: $id, input: $input) { id name status } }`,
    { id: request.id, input: { alumnusId: nextAlum.membershipId } },
    studentToken,
  );
  expect(suggested.data!.addSuggestedName).toMatchObject({ name: "Sam Okafor", status: "SUGGESTED" });

  // Follow up: the thank-you is due within the institution's days; recording it clears it.
  const due = await server.gql(`{ followUpsDue { kind alumnusName } }`, {}, studentToken);
  expect(due.data!.followUpsDue).toEqual(
    expect.arrayContaining([expect.objectContaining({ kind: "THANK_YOU", alumnusName: "Rosa Diaz" })]),
  );
  const thanked = await server.gql(
    `mutation($id: ID!) { recordThankYou(requestId: $id) { thankYouSentAt } }`,
    { id: request.id },
    studentToken,
  );
  expect(thanked.data!.recordThankYou.thankYouSentAt).toEqual(expect.any(String));
  // Weeks later (time moves on for the follow-up) the update reminder is due.
  await asInstitution(
    db(),
    alum.institutionId,
    `UPDATE follow_ups SET completed_at = now() - interval '46 days', thank_you_due_at = now() - interval '44 days', update_due_at = now() - interval '1 day'
      WHERE request_id = $1`,
    [request.id],
  );
  const later = await server.gql(`{ followUpsDue { kind } }`, {}, studentToken);
  expect(later.data!.followUpsDue.map((d: { kind: string }) => d.kind)).toContain("UPDATE");

  // The name suggested becomes the next request, "referred by" the first alum, and the chain shows it.
  const next = await server.gql(
    SEND,
    {
      input: {
        alumnusId: nextAlum.membershipId,
        modality: "PHONE",
        proposedTimes: [inDays(6).toISOString()],
        message: "Rosa Diaz suggested I talk with you about consulting. Would you have 20 minutes for a few questions?",
        referredById: alum.membershipId,
        referralId: suggested.data!.addSuggestedName.id,
      },
    },
    studentToken,
  );
  expect(next.errors).toBeUndefined();
  const chain = await server.gql(
    `query($id: ID!) { referralChain(requestId: $id) { depth referral { name status } } }`,
    { id: request.id },
    studentToken,
  );
  expect(chain.data!.referralChain).toEqual([{ depth: 1, referral: { name: "Sam Okafor", status: "REQUESTED" } }]);

  // The contact log keeps every contact, and exports as CSV.
  const csv = await server.gql(`{ contactLogCsv }`, {}, studentToken);
  expect(csv.data!.contactLogCsv).toMatch(/Rosa Diaz/);
  expect(csv.data!.contactLogCsv).toMatch(/Sam Okafor/);
}, 60_000);
