import { getMetadataStorage } from "type-graphql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { getSchema } from "../../graphql/schema";
import { useTestDatabase } from "../../test/database";
import { buildContactableAlumnus, buildSharingStudent, institutionOf } from "../../test/request-kit";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import type { BuiltMember } from "../../test/factories";
import { buildApiKey } from "../integrations/integrations.fixtures";
import { sendWith, TEMPLATE } from "./requests.fixtures";

/**
 * FERPA directory block (ADR 0023, docs/privacy.md): a blocked student never appears in anything other students or
 * alumni can list or search, and their profile reaches an alum only through a request they send, with their explicit
 * consent given with it.
 */
const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());
const send = sendWith(() => server);

async function block(student: BuiltMember, blocked = true) {
  await tenantTransaction(db(), { institutionId: student.institutionId }, (m) =>
    m.query(`UPDATE student_profiles SET directory_block = $2 WHERE membership_id = $1`, [student.membershipId, blocked]),
  );
}

/**
 * Every query and subscription a student or an alum can call, and why none of them lists or finds a blocked student.
 * A new operation open to students or alumni fails this test until it is classified here — and, if it can show other
 * people, until it leaves out blocked students and gets a test below.
 */
const REACHABLE: Record<string, string> = {
  // Lists and searches of people: alumni only (students are never listed to students or alumni).
  alumniDirectory: "alumni who consented to be listed; no student",
  alumniMatches: "alumni ranked for the student; no student",
  alumnusProfile: "one alum's profile; no student",
  openSlots: "an alum's open times",
  // Through a request: the alum sees the student only on a request that student sent (with consent when blocked).
  interviewRequest: "a request of the viewer's own",
  myRequests: "the viewer's own requests",
  requestEvents: "the history of a request of the viewer's own",
  calendarInvite: "a meeting of the viewer's own",
  myCalendarFeed: "the viewer's own meetings",
  incomingRequests: "requests sent to the alum",
  requestAccommodations: "the needs of the two people on a request of the viewer's own",
  digestAction: "one action a digest link allows on a request sent to the alum it was emailed to",
  myNotifications:
    "the viewer's own in-app items, each about a request of the viewer's own (a student is named to an alum only on a request that student sent)",
  notificationCentre: "the viewer's own new in-app items, as myNotifications",
  // The viewer's own data only.
  myDataArchive: "everything held about the viewer, nobody else",
  myAccountErasure: "the viewer's own erasure request",
  myNotificationPreferences: "the viewer's own notification choices",
  requestUpdates: "the viewer's own requests",
  // Names another member: refuses a blocked student (tested below).
  requestTemplate: "names the referrer; a blocked student is not a referrer",
  // The viewer's own records.
  me: "the viewer",
  myAlumnusProfile: "the viewer's",
  myAvailability: "the viewer's",
  myConsents: "the viewer's",
  myDataExport: "the viewer's",
  myEmails: "the viewer's",
  graduationEmailPrompt: "the viewer's own class year and addresses",
  myOutcomes: "the viewer's",
  mySignInMethods: "the viewer's",
  myStudentProfile: "the viewer's",
  mySuggestions: "alumni suggested to the student",
  contactLog: "the student's own log",
  contactLogCsv: "the student's own log",
  followUpsDue: "the student's own follow-ups",
  notes: "the student's own notes",
  referralChain: "the student's own referrals (alumni)",
  // Reference data and text checks: no people.
  careerFields: "reference data",
  industries: "reference data",
  institution: "the institution's settings",
  accommodationLeadDays: "the institution's lead time for interpreters and captioners",
  unreadNotificationCount: "a count of the viewer's own unread items",
  consentTexts: "consent texts",
  questionBank: "reference data",
  checkQuestion: "a text check",
  checkRequestMessage: "a text check",
  meetingCheckLink: "a signed link's own meeting",
  signInOptions: "sign-in methods",
};

describe("FERPA directory block", () => {
  it("every query and subscription open to students or alumni is reviewed for blocked students", async () => {
    await getSchema();
    const storage = getMetadataStorage();
    const rulesOf = (target: Function, method: string) =>
      storage.authorizedFields.find((f) => f.target === target && f.fieldName === method)?.roles ?? [];
    const reachable = new Set<string>();
    for (const h of [...storage.queries, ...storage.subscriptions]) {
      const rules = rulesOf(h.target, h.methodName) as string[];
      if (rules.some((r) => ["STUDENT", "ALUMNUS", "SIGNED_IN", "PUBLIC"].includes(r))) reachable.add(h.schemaName);
    }
    expect([...reachable].filter((name) => !(name in REACHABLE)).sort()).toEqual([]);
    // And the list is not stale.
    expect(
      Object.keys(REACHABLE)
        .filter((name) => !reachable.has(name))
        .sort(),
    ).toEqual([]);
  });

  it("refuses a blocked student's request without their consent given with it, and records the consent", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    await block(student);
    const refused = await send(student, alum);
    expect(errorCode(refused)).toBe("DIRECTORY_CONSENT_REQUIRED");
    expect(errorCode(await send(student, alum, { shareDirectoryInformation: false }))).toBe("DIRECTORY_CONSENT_REQUIRED");
    const sent = await send(student, alum, { shareDirectoryInformation: true });
    expect(sent.errors).toBeUndefined();
    const [row] = await tenantTransaction(db(), { institutionId: student.institutionId }, (m) =>
      m.query(`SELECT directory_consent_at FROM interview_requests WHERE id = $1`, [sent.data!.requestInterview.id]),
    );
    expect(row.directory_consent_at).toBeInstanceOf(Date);
    // The alum sees the student on that request, and only there.
    const mine = await server.gql(`{ myRequests { edges { node { id studentName } } } }`, {}, await server.signIn(alum));
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myRequests.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([sent.data!.requestInterview.id]);
  });

  it("needs nothing more from a student without a block (no consent is recorded)", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await send(student, alum);
    expect(sent.errors).toBeUndefined();
    const [row] = await tenantTransaction(db(), { institutionId: student.institutionId }, (m) =>
      m.query(`SELECT directory_consent_at FROM interview_requests WHERE id = $1`, [sent.data!.requestInterview.id]),
    );
    expect(row.directory_consent_at).toBeNull();
  });

  it("never lets another student name a blocked student to an alum as their referrer", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const classmate = await buildSharingStudent(db(), institutionOf(alum));
    // Unblocked, the classmate's name goes into the template and onto the request.
    const before = await server.gql(TEMPLATE, { a: alum.membershipId, r: classmate.membershipId }, await server.signIn(student));
    expect(before.errors).toBeUndefined();
    await block(classmate);
    const template = await server.gql(TEMPLATE, { a: alum.membershipId, r: classmate.membershipId }, await server.signIn(student));
    expect(errorCode(template)).toBe(
      errorCode(await server.gql(TEMPLATE, { a: alum.membershipId, r: alum.institutionId }, await server.signIn(student))),
    );
    const sent = await send(student, alum, { referredById: classmate.membershipId });
    expect(errorCode(sent)).toBe("BAD_USER_INPUT");
  });

  it("takes the flag from upsertStudents and the roster CSV, and leaves it as it is when omitted", async () => {
    const { key, adminToken, institutionId } = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
    const email = (n: number) => `block${n}-${process.hrtime.bigint()}@sis.example`;
    const upsert = `mutation($rows: [StudentUpsertInput!]!) { upsertStudents(rows: $rows) { created updated unchanged errors { row field code } } }`;
    const rows = [
      { externalId: "B-1", email: email(1), displayName: "Blocked One", directoryBlock: true },
      { externalId: "B-2", email: email(2), displayName: "Open Two" },
    ];
    expect((await server.gql(upsert, { rows }, key)).data!.upsertStudents).toMatchObject({ created: 2, errors: [] });
    const flags = () =>
      tenantTransaction(db(), { institutionId }, (m) =>
        m.query(
          `SELECT ms.external_id AS id, p.directory_block AS blocked FROM memberships ms JOIN student_profiles p ON p.membership_id = ms.id
            WHERE ms.external_id LIKE 'B-%' ORDER BY 1`,
        ),
      );
    expect(await flags()).toEqual([
      { id: "B-1", blocked: true },
      { id: "B-2", blocked: false },
    ]);
    // Omitted: unchanged. Given: changed, and counted as an update.
    const again = await server.gql(
      upsert,
      {
        rows: [
          { ...rows[0], directoryBlock: undefined },
          { ...rows[1], directoryBlock: true },
        ],
      },
      key,
    );
    expect(again.data!.upsertStudents).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await flags()).toEqual([
      { id: "B-1", blocked: true },
      { id: "B-2", blocked: true },
    ]);
    const csv = ["externalId,email,displayName,directoryBlock", `B-1,${rows[0].email},Blocked One,no`, `B-3,${email(3)},Three,maybe`].join(
      "\r\n",
    );
    const imported = await server.gql(
      `mutation($csv: String!) { importPeopleCsv(kind: STUDENT, csv: $csv) { updated created errors { row field code } } }`,
      { csv },
      adminToken,
    );
    expect(imported.data!.importPeopleCsv).toEqual({
      updated: 1,
      created: 0,
      errors: [{ row: 3, field: "directoryBlock", code: "INVALID" }],
    });
    expect((await flags())[0]).toEqual({ id: "B-1", blocked: false });
    // Not a column of the alumni roster.
    const alumni = await server.gql(
      `mutation($csv: String!) { importPeopleCsv(kind: ALUMNUS, csv: $csv) { created } }`,
      { csv: `externalId,email,displayName,directoryBlock\r\nA-1,${email(4)},Al,yes` },
      adminToken,
    );
    expect(errorCode(alumni)).toBe("CSV_INVALID");
  });
});
