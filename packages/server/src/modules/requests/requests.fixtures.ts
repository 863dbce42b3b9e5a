/** What the request-sending and reading tests share: the GraphQL documents, a message that asks for a job, sending as a student. */
import type { BuiltMember } from "../../test/factories";
import { inDays } from "../../test/request-kit";
import type { TestServer } from "../../test/test-server";

const REQUEST_FIELDS = `id state modality message studentId alumnusId studentName alumnusName ruleOneFlagged ruleOneConfirmed questionsShared
  studentTimeZone alumnusTimeZone expiresAt proposedTimes { id startsAt endsAt proposedBy kind status }
  questions { position text bankId closed suggestion }`;
export const REQUEST_INTERVIEW = `mutation($input: RequestInterviewInput!) { requestInterview(input: $input) { ${REQUEST_FIELDS} } }`;
export const TEMPLATE = `query($a: ID!, $r: ID) { requestTemplate(alumnusId: $a, referredById: $r) { message meetingMinutes sections { whoIAm whoReferredMe whyThisPerson whatIWantToLearn theAsk } } }`;
export const CHECK_MESSAGE = `query($t: String!) { checkRequestMessage(text: $t) { flagged guidance matches { phrase category start end excerpt } } }`;
export const CHECK_QUESTION = `query($t: String!) { checkQuestion(text: $t) { closed suggestion } }`;
export const BANK = `{ questionBank { id label questions { id text closed } } }`;
export const MY_REQUESTS = `query($first: Int, $after: String, $state: RequestState) { myRequests(first: $first, after: $after, state: $state) { edges { cursor node { id state } } pageInfo { hasNextPage endCursor } } }`;
export const ONE = `query($id: ID!) { interviewRequest(id: $id) { id state message questions { text } studentName alumnusName meetingLink } }`;
export const EVENTS = `query($id: ID!) { requestEvents(requestId: $id) { kind fromState toState actor reason at } }`;

export const JOB_ASK =
  "Hi! I'm a junior studying economics. I'm looking for a job in data science, could you refer me for a position at your company?";

/** `send(student, alumnus, overrides?)` on a test file's server: sends through the API, as the student. */
export const sendWith =
  (server: () => TestServer) =>
  async (student: BuiltMember, alumnus: BuiltMember, overrides: Record<string, unknown> = {}) => {
    const token = await server().signIn(student);
    const input = {
      alumnusId: alumnus.membershipId,
      message: "Hello! I am researching careers in data science and would love to hear how you got started.",
      modality: "VIDEO",
      proposedTimes: [inDays(3).toISOString(), inDays(4).toISOString()],
      ...overrides,
    };
    return server().gql(REQUEST_INTERVIEW, { input }, token);
  };
