import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildAlumnus } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { asInstitution, buildContactableAlumnus, buildSharingStudent, institutionOf, sendRequest, viewerOf } from "../../test/request-kit";
import { sendWith } from "./requests.fixtures";
import { ConsentKind } from "../consent";
import { messageSnippet } from "./student-summaries";

/**
 * What the alum's inbox shows of a request: a snippet of the student's message, and the student's major, class year
 * and fields — the facts their consent to share with alumni names (STUDENT_SHARE_WITH_ALUMNI), for the alum of that
 * request only, and for a student under a FERPA directory block only on a request sent with their explicit consent.
 */
const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());
const send = sendWith(() => server);

const SUMMARY = `query($id: ID!) { interviewRequest(id: $id) { id messageSnippet studentSummary { major classYear fields } } }`;
const INBOX = `{ myRequests(first: 50) { edges { node { id messageSnippet studentSummary { major classYear fields } } } } }`;
const LONG =
  "Hello! I am a junior studying economics and I am curious how people move from analysis into product work. " +
  "I read your talk about building the pricing team at Acme and would love to hear how you chose that path.";

async function setProfile(studentId: string, institutionId: string, fields: string[], blocked = false) {
  await asInstitution(db(), institutionId, `UPDATE student_profiles SET fields = $2, directory_block = $3 WHERE membership_id = $1`, [
    studentId,
    fields,
    blocked,
  ]);
}

describe("the student's summary and message snippet on a request", () => {
  it("shows the alum of the request the snippet and the student's major, class year and fields by name", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    await setProfile(student.membershipId, student.institutionId, ["finance", "data-science"]);
    const request = await sendRequest(server.services, student, alum, { message: LONG });
    const seen = await server.gql(SUMMARY, { id: request.id }, await server.signIn(alum));
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.interviewRequest.studentSummary).toEqual({
      major: "Economics",
      classYear: 2027,
      fields: ["Finance", "Data Science"],
    });
    const snippet: string = seen.data!.interviewRequest.messageSnippet;
    expect(snippet).toBe(messageSnippet(LONG));
    expect(snippet.length).toBeLessThanOrEqual(161);
    expect(snippet.endsWith("…")).toBe(true);
    expect(LONG.startsWith(snippet.slice(0, -1))).toBe(true);
    // The student sees their own snippet, but the summary is for the alum.
    const own = await server.gql(SUMMARY, { id: request.id }, await server.signIn(student));
    expect(own.data!.interviewRequest).toMatchObject({ messageSnippet: snippet, studentSummary: null });
  });

  it("batches a page of requests: the inbox list costs the same whatever its length", async () => {
    const alum = await buildContactableAlumnus(db());
    const students = [
      await buildSharingStudent(db(), institutionOf(alum)),
      await buildSharingStudent(db(), institutionOf(alum)),
      await buildSharingStudent(db(), institutionOf(alum)),
    ];
    for (const s of students) await sendRequest(server.services, s, alum);
    const spy = jest.spyOn(server.services.requestQueries, "studentSummaries");
    const listed = await server.gql(INBOX, {}, await server.signIn(alum));
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.myRequests.edges).toHaveLength(3);
    for (const e of listed.data!.myRequests.edges) expect(e.node.studentSummary).toMatchObject({ major: "Economics", classYear: 2027 });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][1]).toHaveLength(3);
    spy.mockRestore();
  });

  it("never shows it to another alum of the institution, nor to anyone of another institution", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const request = await sendRequest(server.services, student, alum);
    const otherAlum = await buildAlumnus(db(), { institution: institutionOf(alum) });
    expect(errorCode(await server.gql(SUMMARY, { id: request.id }, await server.signIn(otherAlum)))).toBe("NOT_A_PARTICIPANT");
    const elsewhere = await buildContactableAlumnus(db());
    expect(errorCode(await server.gql(SUMMARY, { id: request.id }, await server.signIn(elsewhere)))).toBe("REQUEST_NOT_FOUND");
    const theirs = await server.gql(INBOX, {}, await server.signIn(elsewhere));
    expect(theirs.data!.myRequests.edges).toEqual([]);
    // Advisors follow the request, but the student shared these facts with the alumni they contact, not with them.
    const advisor = await buildAdvisor(db(), { institution: institutionOf(alum) });
    const followed = await server.gql(SUMMARY, { id: request.id }, await server.signIn(advisor));
    expect(followed.errors).toBeUndefined();
    expect(followed.data!.interviewRequest.studentSummary).toBeNull();
    // And the service refuses an alum viewer who is not on the request even when handed the row.
    expect(await server.services.requestQueries.studentSummaries(viewerOf(otherAlum), [request])).toEqual([null]);
  });

  it("shows a directory-blocked student's facts only on a request sent with their explicit consent", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    // Sent before the block: no directory consent on the request.
    const before = await sendRequest(server.services, student, alum);
    await setProfile(student.membershipId, student.institutionId, ["finance"], true);
    const token = await server.signIn(alum);
    const hidden = await server.gql(SUMMARY, { id: before.id }, token);
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data!.interviewRequest.studentSummary).toBeNull();
    // Withdrawn so the open-request limits do not refuse the next one; sent again with the consent: shown there.
    await server.services.requestLifecycle.withdraw(viewerOf(student), { requestId: before.id });
    const sent = await send(student, alum, { shareDirectoryInformation: true });
    expect(sent.errors).toBeUndefined();
    const shown = await server.gql(SUMMARY, { id: sent.data!.requestInterview.id }, token);
    expect(shown.data!.interviewRequest.studentSummary).toEqual({ major: "Economics", classYear: 2027, fields: ["Finance"] });
    expect((await server.gql(SUMMARY, { id: before.id }, token)).data!.interviewRequest.studentSummary).toBeNull();
  });

  it("stops showing it once the student withdraws their consent to share with alumni", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const request = await sendRequest(server.services, student, alum);
    const token = await server.signIn(alum);
    expect((await server.gql(SUMMARY, { id: request.id }, token)).data!.interviewRequest.studentSummary).not.toBeNull();
    await server.services.consent.withdraw(viewerOf(student), ConsentKind.STUDENT_SHARE_WITH_ALUMNI);
    expect((await server.gql(SUMMARY, { id: request.id }, token)).data!.interviewRequest.studentSummary).toBeNull();
  });
});

describe("messageSnippet", () => {
  it("keeps a short message whole, with its whitespace folded", () => {
    expect(messageSnippet("  Hi there,\n\n  twenty minutes?  ")).toBe("Hi there, twenty minutes?");
  });

  it("cuts a long one on the last whole word that fits, without trailing punctuation, and marks the cut", () => {
    expect(messageSnippet("one two three four", 12)).toBe("one two…");
    expect(messageSnippet("one two, three four", 9)).toBe("one two…");
    // The cut falls just before a space: the last word is whole and kept.
    expect(messageSnippet("one two three", 7)).toBe("one two…");
  });

  it("cuts inside a single word longer than the room", () => {
    expect(messageSnippet("abcdefghijklmnop", 5)).toBe("abcde…");
  });
});
