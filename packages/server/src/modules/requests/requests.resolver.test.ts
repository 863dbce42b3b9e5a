import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildAlumnus, buildInstitution, type BuiltMember } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { BANK, CHECK_MESSAGE, CHECK_QUESTION, EVENTS, JOB_ASK, MY_REQUESTS, ONE, REQUEST_INTERVIEW, TEMPLATE } from "./requests.fixtures";
import { acceptedRequest, buildContactableAlumnus, buildSharingStudent, inDays, institutionOf } from "../../test/request-kit";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

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
