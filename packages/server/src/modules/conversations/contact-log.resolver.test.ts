import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import {
  buildAdvisor,
  buildAlumnus,
  buildConsent,
  buildInstitution,
  buildStudent,
  type BuiltInstitution,
  type BuiltMember,
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

const DAY = 24 * 3600_000;
const LOG = `query($first: Int, $after: String) { contactLog(first: $first, after: $after) {
  edges { cursor node { id kind date personName organization role channel requestState advice takeaways newQuestions
    namesSuggested { name howToReach status } thankYouDueAt thankYouSentAt mayContactAgain updateDueAt updateSentAt howToReach notes } }
  pageInfo { hasNextPage endCursor } } }`;
const CSV = `{ contactLogCsv }`;
const ADD = `mutation($input: AddContactLogEntryInput!) { addContactLogEntry(input: $input) { id name organization role contactedOn channel howToReach notes } }`;
const EXPORT = `{ myDataExport }`;

const studentOps = [
  { name: "contactLog", query: LOG, variables: {} },
  { name: "contactLogCsv", query: CSV, variables: {} },
  { name: "addContactLogEntry", query: ADD, variables: { input: { name: "Kim", contactedOn: "2024-10-01", channel: "EVENT" } } },
];

describe.each(studentOps)("$name", ({ query, variables }) => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(query, variables))).toBe("UNAUTHENTICATED");
  });

  it("is refused to alumni and advisors", async () => {
    const institution = await buildInstitution(db());
    for (const member of [await buildAlumnus(db(), { institution }), await buildAdvisor(db(), { institution })]) {
      expect(errorCode(await server.gql(query, variables, await token(member)))).toBe("FORBIDDEN");
    }
  });
});

/** A student who met one alum (with notes, a suggested name and a thank-you), has a pending request, and logged a job-fair contact. */
async function studentWithHistory(institution?: BuiltInstitution) {
  const school = institution ?? (await buildInstitution(db()));
  const student = await buildStudent(db(), { institution: school, displayName: "Maya Chen" });
  const met = await buildAlumnus(db(), { institution: school, displayName: "Morgan Diaz" });
  const closedAt = new Date(Date.now() - 5 * DAY);
  const conversation = await buildRequest(db(), student, met, { meetingStartsAt: new Date(closedAt.getTime() - 1800_000), closedAt });
  const pending = await buildRequest(db(), student, await buildAlumnus(db(), { institution: school, displayName: "Pat Waiting" }), {
    state: "REQUESTED",
  });
  const t = await token(student);
  const ok = async (query: string, variables: Record<string, unknown>) => {
    const result = await server.gql(query, variables, t);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  await ok(
    `mutation($id: ID!) { saveNotes(requestId: $id, input: { advice: "Build a portfolio, then apply.", takeaways: "=cmd|' /C calc'!A0" }) { requestId } }`,
    {
      id: conversation.id,
    },
  );
  await ok(
    `mutation($id: ID!) { addSuggestedName(requestId: $id, input: { name: "Kim Park", role: "UX lead", howToReach: "kim@example.org" }) { id } }`,
    {
      id: conversation.id,
    },
  );
  await ok(`mutation($id: ID!, $at: DateTimeISO) { recordThankYou(requestId: $id, sentAt: $at) { requestId } }`, {
    id: conversation.id,
    at: new Date(closedAt.getTime() + DAY).toISOString(),
  });
  const entry = (
    await ok(ADD, {
      input: {
        name: "Grace Hopper",
        organization: "Navy, Research Lab",
        contactedOn: "2024-10-01",
        channel: "EVENT",
        notes: 'Said "keep learning".\nMet at the fair.',
      },
    })
  ).addContactLogEntry;
  return { institution: school, student, conversation, pending, entry, closedAt };
}

describe("contactLog", () => {
  it("shows a student of another institution nothing", async () => {
    await studentWithHistory();
    expect((await server.gql(LOG, {}, await token(await buildStudent(db())))).data!.contactLog.edges).toEqual([]);
  });

  it("lists every request and logged contact of the student, newest first, with notes, names and follow-ups", async () => {
    const { institution, student, conversation, pending, entry, closedAt } = await studentWithHistory();
    await studentWithHistory(institution); // a classmate's history stays out
    const nodes = (await server.gql(LOG, {}, await token(student))).data!.contactLog.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => [n.kind, n.personName])).toEqual([
      ["INTERVIEW_REQUEST", "Pat Waiting"],
      ["INTERVIEW_REQUEST", "Morgan Diaz"],
      ["MANUAL", "Grace Hopper"],
    ]);
    expect(nodes[0]).toMatchObject({ id: pending.id, requestState: "REQUESTED", advice: null, thankYouDueAt: null });
    expect(nodes[1]).toMatchObject({
      id: conversation.id,
      organization: "Acme Analytics",
      role: "Data Scientist",
      channel: "VIDEO",
      requestState: "COMPLETED",
      advice: "Build a portfolio, then apply.",
      namesSuggested: [{ name: "Kim Park", howToReach: "kim@example.org", status: "SUGGESTED" }],
      thankYouDueAt: new Date(closedAt.getTime() + 2 * DAY).toISOString(),
      thankYouSentAt: new Date(closedAt.getTime() + DAY).toISOString(),
      mayContactAgain: null,
    });
    expect(nodes[2]).toMatchObject({
      id: entry.id,
      date: "2024-10-01",
      channel: "EVENT",
      organization: "Navy, Research Lab",
      requestState: null,
    });
  });

  it("pages with a cursor without repeating or skipping", async () => {
    const { student } = await studentWithHistory();
    const t = await token(student);
    const first = (await server.gql(LOG, { first: 2 }, t)).data!.contactLog;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await server.gql(LOG, { first: 2, after: first.pageInfo.endCursor }, t)).data!.contactLog;
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[0].cursor });
    const all = (await server.gql(LOG, {}, t)).data!.contactLog.edges.map((e: any) => e.node.id);
    expect([...first.edges, ...second.edges].map((e: any) => e.node.id)).toEqual(all);
    expect(errorCode(await server.gql(LOG, { after: "not-a-cursor" }, t))).toBe("BAD_USER_INPUT");
  });
});

describe("contactLogCsv", () => {
  it("writes the log as RFC 4180 CSV with formulas defused", async () => {
    const { student, closedAt } = await studentWithHistory();
    const csv: string = (await server.gql(CSV, {}, await token(student))).data!.contactLogCsv;
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "Date,Type,Name,Organization,Role,Channel,Status,Advice,Takeaways,New questions,Names suggested,Thank-you due,Thank-you sent,May contact again,Update due,Update sent,How to reach,Notes",
    );
    expect(csv.endsWith("\r\n")).toBe(true);
    const day = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(at);
    expect(csv).toContain(
      `,Interview request,Morgan Diaz,Acme Analytics,Data Scientist,VIDEO,COMPLETED,"Build a portfolio, then apply.",'=cmd|' /C calc'!A0,,Kim Park (UX lead) – kim@example.org [SUGGESTED],${day(new Date(closedAt.getTime() + 2 * DAY))},${day(new Date(closedAt.getTime() + DAY))},,`,
    );
    expect(csv).toContain(
      `2024-10-01,Logged contact,Grace Hopper,"Navy, Research Lab",,EVENT,,,,,,,,,,,,"Said ""keep learning"".\nMet at the fair."\r\n`,
    );
  });

  it("is empty but for the header for a student of another institution", async () => {
    await studentWithHistory();
    const csv = (await server.gql(CSV, {}, await token(await buildStudent(db())))).data!.contactLogCsv;
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1);
  });
});

describe("addContactLogEntry", () => {
  it("logs a contact made outside the platform", async () => {
    const student = await buildStudent(db());
    const result = await server.gql(
      ADD,
      {
        input: {
          name: " Sam Ortiz ",
          organization: " ",
          role: "Recruiter",
          contactedOn: "2025-01-15",
          channel: "PHONE",
          howToReach: "sam@example.org",
        },
      },
      await token(student),
    );
    expect(result.data!.addContactLogEntry).toMatchObject({
      name: "Sam Ortiz",
      organization: null,
      role: "Recruiter",
      contactedOn: "2025-01-15",
      channel: "PHONE",
      howToReach: "sam@example.org",
      notes: "",
    });
  });

  it("refuses a day that does not exist or is in the future", async () => {
    const t = await token(await buildStudent(db()));
    const future = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    for (const contactedOn of ["2025-02-30", "15/01/2025", future]) {
      const result = await server.gql(ADD, { input: { name: "Kim", contactedOn, channel: "EMAIL" } }, t);
      expect({ contactedOn, code: errorCode(result) }).toEqual({ contactedOn, code: "BAD_USER_INPUT" });
    }
  });
});

describe("myDataExport", () => {
  it("holds the student's profile, consents, requests, notes, referrals, follow-ups and contact log", async () => {
    const { student, conversation, pending, entry } = await studentWithHistory();
    await buildConsent(db(), student, "STUDENT_SHARE_WITH_ADVISORS");
    const data = JSON.parse((await server.gql(EXPORT, {}, await token(student))).data!.myDataExport);
    expect(data.person).toMatchObject({ displayName: "Maya Chen", email: student.email, role: "STUDENT" });
    expect(data.profile).toMatchObject({ major: "Economics", pitch: "A test pitch." });
    expect(data.consents).toEqual([expect.objectContaining({ kind: "STUDENT_SHARE_WITH_ADVISORS", textVersion: 1, withdrawnAt: null })]);
    expect(data.requests.map((r: any) => r.id).sort()).toEqual([conversation.id, pending.id].sort());
    expect(data.notes).toEqual([expect.objectContaining({ requestId: conversation.id, advice: "Build a portfolio, then apply." })]);
    expect(data.referrals).toEqual([
      expect.objectContaining({ sourceRequestId: conversation.id, name: "Kim Park", howToReach: "kim@example.org" }),
    ]);
    expect(data.followUps).toEqual([expect.objectContaining({ requestId: conversation.id, thankYouSentAt: expect.any(String) })]);
    expect(data.contactLogEntries).toEqual([expect.objectContaining({ id: entry.id, contactedOn: "2024-10-01" })]);
    expect(data.contactLog).toHaveLength(3);
  });

  it("holds nothing of another student, in the same institution or another", async () => {
    const mine = await studentWithHistory();
    const classmate = await studentWithHistory(mine.institution);
    const elsewhere = await studentWithHistory();
    const text: string = (await server.gql(EXPORT, {}, await token(mine.student))).data!.myDataExport;
    for (const other of [classmate, elsewhere]) {
      for (const id of [other.student.membershipId, other.conversation.id, other.pending.id, other.entry.id])
        expect(text).not.toContain(id);
      expect(text).not.toContain(other.student.email);
    }
    const data = JSON.parse(text);
    for (const section of [data.requests, data.notes, data.referrals, data.followUps, data.contactLogEntries, data.contactLog]) {
      expect(section.length).toBeGreaterThan(0);
    }
    const ids = await tenantTransaction(db(), { institutionId: mine.institution.id }, (m) =>
      m.query(`SELECT id FROM interview_requests WHERE student_id = $1 ORDER BY id`, [mine.student.membershipId]),
    );
    expect(data.requests.map((r: any) => r.id).sort()).toEqual(ids.map((r: { id: string }) => r.id));
  });
});
