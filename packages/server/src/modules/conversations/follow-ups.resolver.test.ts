import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildAlumnus, buildInstitution, buildStudent, type BuiltInstitution, type BuiltMember } from "../../test/factories";
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
const FOLLOW_UP = `requestId completedAt thankYouDueAt thankYouSentAt mayContactAgain updateDueAt updateSentAt`;
const THANK = `mutation($id: ID!, $at: DateTimeISO) { recordThankYou(requestId: $id, sentAt: $at) { ${FOLLOW_UP} } }`;
const PERMIT = `mutation($id: ID!, $ok: Boolean!) { setContactAgainPermission(requestId: $id, allowed: $ok) { ${FOLLOW_UP} } }`;
const UPDATE = `mutation($id: ID!, $at: DateTimeISO) { recordFollowUpUpdate(requestId: $id, sentAt: $at) { ${FOLLOW_UP} } }`;
const DUE = `{ followUpsDue { kind requestId alumnusName dueAt overdue } }`;

async function setDays(institution: BuiltInstitution, thankYouDays: number, followUpDays: number) {
  await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
    m.query(`UPDATE institutions SET thank_you_days = $2, follow_up_days = $3 WHERE id = $1`, [institution.id, thankYouDays, followUpDays]),
  );
}

async function completed(options: { closedAt?: Date; institution?: BuiltInstitution } = {}) {
  const institution = options.institution ?? (await buildInstitution(db()));
  const student = await buildStudent(db(), { institution });
  const alumnus = await buildAlumnus(db(), { institution, displayName: "Morgan Diaz" });
  const closedAt = options.closedAt ?? new Date(Date.now() - 2 * DAY);
  const request = await buildRequest(db(), student, alumnus, { meetingStartsAt: new Date(closedAt.getTime() - 1800_000), closedAt });
  return { institution, student, alumnus, request };
}

const mutations = [
  { name: "recordThankYou", query: THANK, variables: {} },
  { name: "setContactAgainPermission", query: PERMIT, variables: { ok: true } },
  { name: "recordFollowUpUpdate", query: UPDATE, variables: {} },
];

describe.each(mutations)("$name", ({ query, variables }) => {
  it("is refused without signing in", async () => {
    const { request } = await completed();
    expect(errorCode(await server.gql(query, { id: request.id, ...variables }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to the alum and to advisors", async () => {
    const { institution, alumnus, request } = await completed();
    for (const member of [alumnus, await buildAdvisor(db(), { institution })]) {
      expect(errorCode(await server.gql(query, { id: request.id, ...variables }, await token(member)))).toBe("FORBIDDEN");
    }
  });

  it("finds no request of another institution", async () => {
    const { request } = await completed();
    expect(errorCode(await server.gql(query, { id: request.id, ...variables }, await token(await buildStudent(db()))))).toBe("NOT_FOUND");
  });

  it("waits until the conversation is completed", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    const accepted = await buildRequest(db(), student, await buildAlumnus(db(), { institution }), { state: "ACCEPTED" });
    expect(errorCode(await server.gql(query, { id: accepted.id, ...variables }, await token(student)))).toBe("FOLLOW_UP_NOT_OPEN");
  });
});

describe("recordThankYou", () => {
  it("records the date sent, and the due date is completion plus the institution's thank-you days", async () => {
    const institution = await buildInstitution(db());
    await setDays(institution, 3, 30);
    const closedAt = new Date(Date.now() - 4 * DAY);
    const { student, request } = await completed({ institution, closedAt });
    const sentAt = new Date(closedAt.getTime() + DAY);
    const result = await server.gql(THANK, { id: request.id, at: sentAt.toISOString() }, await token(student));
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordThankYou).toEqual({
      requestId: request.id,
      completedAt: closedAt.toISOString(),
      thankYouDueAt: new Date(closedAt.getTime() + 3 * DAY).toISOString(),
      thankYouSentAt: sentAt.toISOString(),
      mayContactAgain: null,
      updateDueAt: new Date(closedAt.getTime() + 30 * DAY).toISOString(),
      updateSentAt: null,
    });
  });

  it("defaults to now, and refuses a date in the future or before the conversation", async () => {
    const { student, request } = await completed();
    const before = Date.now();
    const sent = (await server.gql(THANK, { id: request.id }, await token(student))).data!.recordThankYou.thankYouSentAt;
    expect(new Date(sent).getTime()).toBeGreaterThanOrEqual(before - 1000);
    for (const at of [new Date(Date.now() + 2 * DAY), new Date(request.meetingStartsAt!.getTime() - DAY)]) {
      expect(errorCode(await server.gql(THANK, { id: request.id, at: at.toISOString() }, await token(student)))).toBe("SENT_AT_INVALID");
    }
  });
});

describe("setContactAgainPermission and recordFollowUpUpdate", () => {
  it("records permission, and refuses an update the alum did not agree to", async () => {
    const { student, request } = await completed();
    const denied = await server.gql(PERMIT, { id: request.id, ok: false }, await token(student));
    expect(denied.data!.setContactAgainPermission.mayContactAgain).toBe(false);
    expect(errorCode(await server.gql(UPDATE, { id: request.id }, await token(student)))).toBe("CONTACT_NOT_PERMITTED");
    await server.gql(PERMIT, { id: request.id, ok: true }, await token(student));
    const updated = (await server.gql(UPDATE, { id: request.id }, await token(student))).data!.recordFollowUpUpdate;
    expect(updated).toMatchObject({ mayContactAgain: true, updateSentAt: expect.any(String) });
  });
});

describe("followUpsDue", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(DUE))).toBe("UNAUTHENTICATED");
  });

  it("is refused to alumni and advisors", async () => {
    const institution = await buildInstitution(db());
    for (const member of [await buildAlumnus(db(), { institution }), await buildAdvisor(db(), { institution })]) {
      expect(errorCode(await server.gql(DUE, {}, await token(member)))).toBe("FORBIDDEN");
    }
  });

  it("shows nothing of another institution's students", async () => {
    await completed();
    expect((await server.gql(DUE, {}, await token(await buildStudent(db())))).data!.followUpsDue).toEqual([]);
  });

  it("lists unsent thank-yous, overdue or not, and updates whose time has come, soonest first", async () => {
    const institution = await buildInstitution(db());
    await setDays(institution, 2, 7);
    const student = await buildStudent(db(), { institution });
    const meet = async (name: string, daysAgo: number) => {
      const closedAt = new Date(Date.now() - daysAgo * DAY);
      const alum = await buildAlumnus(db(), { institution, displayName: name });
      return {
        closedAt,
        request: await buildRequest(db(), student, alum, { meetingStartsAt: new Date(closedAt.getTime() - 1800_000), closedAt }),
      };
    };
    const recent = await meet("Recent Alum", 1); // thank-you due tomorrow
    const old = await meet("Old Alum", 10); // thank-you overdue, update due
    const thanked = await meet("Thanked Alum", 9); // thank-you sent; update due but alum said no
    await server.gql(THANK, { id: thanked.request.id }, await token(student));
    await server.gql(PERMIT, { id: thanked.request.id, ok: false }, await token(student));
    await buildRequest(db(), student, await buildAlumnus(db(), { institution }), {
      state: "ACCEPTED",
      meetingStartsAt: new Date(Date.now() + DAY),
    });

    const due = (await server.gql(DUE, {}, await token(student))).data!.followUpsDue;
    expect(due).toEqual([
      {
        kind: "THANK_YOU",
        requestId: old.request.id,
        alumnusName: "Old Alum",
        dueAt: new Date(old.closedAt.getTime() + 2 * DAY).toISOString(),
        overdue: true,
      },
      {
        kind: "UPDATE",
        requestId: old.request.id,
        alumnusName: "Old Alum",
        dueAt: new Date(old.closedAt.getTime() + 7 * DAY).toISOString(),
        overdue: true,
      },
      {
        kind: "THANK_YOU",
        requestId: recent.request.id,
        alumnusName: "Recent Alum",
        dueAt: new Date(recent.closedAt.getTime() + 2 * DAY).toISOString(),
        overdue: false,
      },
    ]);
  });
});
