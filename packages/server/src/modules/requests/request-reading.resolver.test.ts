import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildConsent } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { EVENTS, MY_REQUESTS, ONE } from "./requests.fixtures";
import {
  acceptedRequest,
  buildContactableAlumnus,
  buildSharingStudent,
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
