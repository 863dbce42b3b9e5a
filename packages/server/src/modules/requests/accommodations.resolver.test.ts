import type { DataSource } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildAlumnus, buildInstitution, buildStudent, type BuiltInstitution } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const DAY = 86_400_000;
const SET = `mutation($input: SetAccommodationsInput!) {
  setAccommodations(input: $input) { accommodation { side needs other sharedWithAdvisors } tooSoon { leadDays notBefore laterTimes } }
}`;
const READ = `query($id: ID!) { requestAccommodations(requestId: $id) { side needs other } }`;

/** A student, an alum and a request between them with open proposed times `daysAhead` from now. */
async function scene(ds: DataSource, o: { institution?: BuiltInstitution; state?: string; daysAhead?: number[]; meetingIn?: number } = {}) {
  const institution = o.institution ?? (await buildInstitution(ds));
  const student = await buildStudent(ds, { institution, displayName: "Sam Student" });
  const alumnus = await buildAlumnus(ds, { institution, displayName: "Alex Alum" });
  const meeting = o.meetingIn === undefined ? null : new Date(Date.now() + o.meetingIn * DAY);
  const requestId = await tenantTransaction(ds, { institutionId: institution.id }, async (m) => {
    const [row] = await m.query(
      `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone,
                                       expires_at, meeting_starts_at, meeting_ends_at)
       VALUES ($1, $2, $3, $4, 'VIDEO', 'I am exploring data science and would love to hear how you got into it.', 'UTC', 'UTC', $5, $6, $7) RETURNING id`,
      [
        institution.id,
        student.membershipId,
        alumnus.membershipId,
        o.state ?? "REQUESTED",
        new Date(Date.now() + 30 * DAY),
        meeting,
        meeting && new Date(meeting.getTime() + 30 * 60_000),
      ],
    );
    for (const days of o.daysAhead ?? [3, 14]) {
      const start = new Date(Date.now() + days * DAY);
      await m.query(
        `INSERT INTO proposed_times (institution_id, request_id, starts_at, ends_at, proposed_by, kind) VALUES ($1, $2, $3, $4, 'STUDENT', 'REQUEST')`,
        [institution.id, row.id, start, new Date(start.getTime() + 30 * 60_000)],
      );
    }
    return row.id as string;
  });
  return { institution, student, alumnus, requestId };
}

const auditRows = (ds: DataSource, institutionId: string) =>
  tenantTransaction(ds, { institutionId }, (m) =>
    m.query(`SELECT action, actor_membership_id, subject_membership_id FROM audit_log WHERE action LIKE 'accommodation.%' ORDER BY id`),
  ) as Promise<Array<{ action: string; actor_membership_id: string; subject_membership_id: string | null }>>;

describe("accommodations", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(SET, { input: { requestId: "00000000-0000-0000-0000-000000000000", needs: [] } }))).toBe(
      "UNAUTHENTICATED",
    );
    expect(errorCode(await server.gql(READ, { id: "00000000-0000-0000-0000-000000000000" }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to advisors when saying, and to people of another request or institution", async () => {
    const s = await scene(db(), { daysAhead: [20] });
    const advisor = await server.signIn(await buildAdvisor(db(), { institution: s.institution }));
    expect(errorCode(await server.gql(SET, { input: { requestId: s.requestId, needs: ["EXTRA_TIME"] } }, advisor))).toBe("FORBIDDEN");
    const elsewhere = await scene(db(), { daysAhead: [20] });
    const stranger = await server.signIn(elsewhere.student);
    expect(errorCode(await server.gql(SET, { input: { requestId: s.requestId, needs: ["EXTRA_TIME"] } }, stranger))).toBe(
      "REQUEST_NOT_FOUND",
    );
    expect(errorCode(await server.gql(READ, { id: s.requestId }, stranger))).toBe("REQUEST_NOT_FOUND");
  });

  it("shows the student's needs to the alum, and to advisors only when the student shares them; every view is recorded", async () => {
    const s = await scene(db(), { daysAhead: [20] });
    const studentToken = await server.signIn(s.student);
    const alumToken = await server.signIn(s.alumnus);
    const advisor = await buildAdvisor(db(), { institution: s.institution });
    const advisorToken = await server.signIn(advisor);

    const said = await server.gql(
      SET,
      { input: { requestId: s.requestId, needs: ["STEP_FREE_VENUE", "OTHER"], other: "A quiet room, please" } },
      studentToken,
    );
    expect(said.errors).toBeUndefined();
    expect(said.data!.setAccommodations).toEqual({
      accommodation: { side: "STUDENT", needs: ["STEP_FREE_VENUE", "OTHER"], other: "A quiet room, please", sharedWithAdvisors: false },
      tooSoon: null,
    });
    const alumSees = await server.gql(READ, { id: s.requestId }, alumToken);
    expect(alumSees.data!.requestAccommodations).toEqual([
      { side: "STUDENT", needs: ["STEP_FREE_VENUE", "OTHER"], other: "A quiet room, please" },
    ]);
    expect((await server.gql(READ, { id: s.requestId }, advisorToken)).data!.requestAccommodations).toEqual([]);

    await server.gql(SET, { input: { requestId: s.requestId, needs: ["STEP_FREE_VENUE"], shareWithAdvisors: true } }, studentToken);
    expect((await server.gql(READ, { id: s.requestId }, advisorToken)).data!.requestAccommodations).toEqual([
      { side: "STUDENT", needs: ["STEP_FREE_VENUE"], other: null },
    ]);
    // The alum's own needs are never shown to advisors, and cannot be shared with them.
    expect(
      errorCode(await server.gql(SET, { input: { requestId: s.requestId, needs: ["EXTRA_TIME"], shareWithAdvisors: true } }, alumToken)),
    ).toBe("BAD_USER_INPUT");
    await server.gql(SET, { input: { requestId: s.requestId, needs: ["EXTRA_TIME"] } }, alumToken);
    expect((await server.gql(READ, { id: s.requestId }, advisorToken)).data!.requestAccommodations).toEqual([
      { side: "STUDENT", needs: ["STEP_FREE_VENUE"], other: null },
    ]);
    expect((await server.gql(READ, { id: s.requestId }, studentToken)).data!.requestAccommodations).toEqual([
      { side: "STUDENT", needs: ["STEP_FREE_VENUE"], other: null },
      { side: "ALUMNUS", needs: ["EXTRA_TIME"], other: null },
    ]);

    const views = (await auditRows(db(), s.institution.id)).filter((r) => r.action === "accommodation.viewed");
    // In any order (the log's ids are not a sequence): the alum once, the advisor twice (after sharing), the student once.
    const key = (r: { actor_membership_id: string; subject_membership_id: string | null }) =>
      `${r.actor_membership_id}>${r.subject_membership_id}`;
    expect(views.map(key).sort()).toEqual(
      [
        { action: "accommodation.viewed", actor_membership_id: s.alumnus.membershipId, subject_membership_id: s.student.membershipId },
        { action: "accommodation.viewed", actor_membership_id: advisor.membershipId, subject_membership_id: s.student.membershipId },
        { action: "accommodation.viewed", actor_membership_id: advisor.membershipId, subject_membership_id: s.student.membershipId },
        { action: "accommodation.viewed", actor_membership_id: s.student.membershipId, subject_membership_id: s.alumnus.membershipId },
      ]
        .map(key)
        .sort(),
    );
  });

  it("asks OTHER in the person's own words", async () => {
    const s = await scene(db(), { daysAhead: [20] });
    const token = await server.signIn(s.student);
    const result = await server.gql(SET, { input: { requestId: s.requestId, needs: ["OTHER"] } }, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(result.errors)).toContain("other");
  });

  it("tells the person when an interpreter is asked for sooner than the lead time, and offers the later proposed times", async () => {
    const s = await scene(db(), { daysAhead: [3, 14] });
    const token = await server.signIn(s.student);
    const result = await server.gql(SET, { input: { requestId: s.requestId, needs: ["SIGN_LANGUAGE_INTERPRETER"] } }, token);
    expect(result.errors).toBeUndefined();
    const tooSoon = result.data!.setAccommodations.tooSoon;
    expect(tooSoon.leadDays).toBe(10);
    expect(Math.abs(new Date(tooSoon.notBefore).getTime() - (Date.now() + 10 * DAY))).toBeLessThan(60_000);
    expect(tooSoon.laterTimes).toHaveLength(1);
    expect(Math.abs(new Date(tooSoon.laterTimes[0]).getTime() - (Date.now() + 14 * DAY))).toBeLessThan(60_000);
    // Step-free needs nobody booked ahead: no lead time.
    expect(
      (await server.gql(SET, { input: { requestId: s.requestId, needs: ["STEP_FREE_VENUE"] } }, token)).data!.setAccommodations.tooSoon,
    ).toBeNull();
  });

  it("counts a booked meeting's time, and nothing once the conversation is over", async () => {
    const booked = await scene(db(), { state: "ACCEPTED", meetingIn: 12, daysAhead: [] });
    const alum = await server.signIn(booked.alumnus);
    expect(
      (await server.gql(SET, { input: { requestId: booked.requestId, needs: ["CAPTIONS"] } }, alum)).data!.setAccommodations.tooSoon,
    ).toBeNull();
    const soon = await scene(db(), { state: "ACCEPTED", meetingIn: 2, daysAhead: [] });
    const soonResult = await server.gql(
      SET,
      { input: { requestId: soon.requestId, needs: ["CAPTIONS"] } },
      await server.signIn(soon.alumnus),
    );
    expect(soonResult.data!.setAccommodations.tooSoon).toMatchObject({ leadDays: 10, laterTimes: [] });
    const done = await scene(db(), { state: "COMPLETED", meetingIn: -2, daysAhead: [] });
    expect(
      errorCode(await server.gql(SET, { input: { requestId: done.requestId, needs: ["CAPTIONS"] } }, await server.signIn(done.student))),
    ).toBe("ACCOMMODATIONS_CLOSED");
  });
});
