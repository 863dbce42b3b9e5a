import { useTestDatabase } from "../../test/database";
import { buildAdvisor, buildConsent, WITHDRAW_CONSENTS_SQL } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { EVENTS, INVITE, M } from "./request-lifecycle.fixtures";
import {
  acceptedRequest,
  asInstitution,
  buildContactableAlumnus,
  buildSharingStudent,
  inDays,
  institutionOf,
  moveMeetingToPast,
  sendRequest,
  viewerOf,
} from "../../test/request-kit";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

describe("rescheduling, cancelling, completing, no-shows, and the calendar invite", () => {
  const line = (ics: string, name: string) =>
    ics
      .replace(/\r\n /g, "")
      .split("\r\n")
      .find((l) => l.startsWith(`${name}:`));

  it("moves the meeting when the other side confirms a reschedule, updates the invite (same UID, SEQUENCE + 1), and keeps it as STATUS:CANCELLED once cancelled (the download is METHOD:PUBLISH; emails carry REQUEST and CANCEL)", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const request = await acceptedRequest(server.services, student, alum, { proposedTimes: [inDays(3)] });
    const [studentToken, alumToken] = [await server.signIn(student), await server.signIn(alum)];
    const before = (await server.gql(INVITE, { id: request.id }, studentToken)).data!.calendarInvite as string;
    expect(line(before, "DTSTART")).toBe(
      `DTSTART:${inDays(3)
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}`,
    );
    expect(line(before, "SEQUENCE")).toBe("SEQUENCE:0");
    expect(line(before, "METHOD")).toBe("METHOD:PUBLISH");
    expect(before).not.toContain("ATTENDEE");
    expect((await server.gql(INVITE, { id: request.id }, alumToken)).data!.calendarInvite).toBe(before);

    const moved = inDays(6, 18);
    const proposed = await server.gql(
      M.reschedule,
      {
        input: { requestId: request.id, startsAt: moved.toISOString(), reason: "A meeting ran over" },
      },
      alumToken,
    );
    const proposal = proposed.data!.rescheduleMeeting.proposedTimes.find((p: { kind: string }) => p.kind === "RESCHEDULE");
    expect(errorCode(await server.gql(M.confirm, { r: request.id, p: proposal.id }, alumToken))).toBe("PROPOSED_TIME_INVALID");
    const confirmed = await server.gql(M.confirm, { r: request.id, p: proposal.id }, studentToken);
    expect(confirmed.data!.confirmProposedTime).toMatchObject({
      state: "ACCEPTED",
      meetingStartsAt: moved.toISOString(),
      calendarSequence: 1,
    });
    const after = (await server.gql(INVITE, { id: request.id }, studentToken)).data!.calendarInvite as string;
    expect(line(after, "UID")).toBe(line(before, "UID"));
    expect(line(after, "SEQUENCE")).toBe("SEQUENCE:1");
    expect(line(after, "DTSTART")).toBe(
      `DTSTART:${moved
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}`,
    );

    const cancelled = await server.gql(M.cancel, { input: { requestId: request.id, reason: "Family emergency" } }, studentToken);
    expect(cancelled.data!.cancelMeeting).toMatchObject({ state: "CANCELLED", closeReason: "Family emergency", calendarSequence: 2 });
    const cancel = (await server.gql(INVITE, { id: request.id }, alumToken)).data!.calendarInvite as string;
    expect(line(cancel, "METHOD")).toBe("METHOD:PUBLISH");
    expect(line(cancel, "STATUS")).toBe("STATUS:CANCELLED");
    expect(line(cancel, "UID")).toBe(line(before, "UID"));
    expect(line(cancel, "SEQUENCE")).toBe("SEQUENCE:2");

    const events = (await server.gql(EVENTS, { id: request.id }, studentToken)).data!.requestEvents;
    expect(
      events.map((e: { kind: string; toState: string; actor: string; reason: string | null }) => [e.kind, e.toState, e.actor, e.reason]),
    ).toEqual([
      ["TRANSITION", "REQUESTED", "STUDENT", null],
      ["TRANSITION", "ACCEPTED", "ALUMNUS", null],
      ["TIME_PROPOSED", "ACCEPTED", "ALUMNUS", "A meeting ran over"],
      ["RESCHEDULED", "ACCEPTED", "STUDENT", null],
      ["TRANSITION", "CANCELLED", "STUDENT", "Family emergency"],
    ]);
  });

  it("has no invite before a meeting is booked, and none for people outside the request", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    expect(errorCode(await server.gql(INVITE, { id: sent.id }, await server.signIn(student)))).toBe("MEETING_NOT_SCHEDULED");
    const other = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await server.gql(INVITE, { id: sent.id }, await server.signIn(other)))).toBe("NOT_A_PARTICIPANT");
  });

  it("completes or records a no-show only once the meeting's time has come, with the reason", async () => {
    const alum = await buildContactableAlumnus(db());
    const [a, b] = [await buildSharingStudent(db(), institutionOf(alum)), await buildSharingStudent(db(), institutionOf(alum))];
    const one = await acceptedRequest(server.services, a, alum, { proposedTimes: [inDays(3)] });
    const two = await acceptedRequest(server.services, b, alum, { proposedTimes: [inDays(4)] });
    const alumToken = await server.signIn(alum);
    expect(errorCode(await server.gql(M.complete, { input: { requestId: one.id } }, alumToken))).toBe("MEETING_NOT_YET_HELD");
    expect(errorCode(await server.gql(M.noShow, { input: { requestId: two.id, reason: "x" } }, alumToken))).toBe("MEETING_NOT_YET_HELD");
    await moveMeetingToPast(db(), one, 3);
    await moveMeetingToPast(db(), two, 1);
    expect(
      (await server.gql(M.complete, { input: { requestId: one.id, reason: "Great talk" } }, await server.signIn(a))).data!.markCompleted,
    ).toMatchObject({ state: "COMPLETED", closeReason: "Great talk" });
    expect(
      (await server.gql(M.noShow, { input: { requestId: two.id, reason: "Did not join the call" } }, alumToken)).data!.markNoShow,
    ).toMatchObject({ state: "NO_SHOW", closeReason: "Did not join the call" });
    expect(errorCode(await server.gql(M.noShow, { input: { requestId: two.id, reason: "" } }, alumToken))).toBe("BAD_USER_INPUT");
    const [outbox] = await asInstitution(
      db(),
      alum.institutionId,
      `SELECT payload FROM outbox WHERE topic = 'request.no_show' AND payload->>'requestId' = $1`,
      [two.id],
    );
    expect(outbox.payload).toMatchObject({ reportedBy: "ALUMNUS", to: "NO_SHOW" });
  });
});

describe("the alum's contact details", () => {
  const CONTACT = `query($id: ID!) { interviewRequest(id: $id) { state alumnusContact { email phone } } }`;

  it("are revealed to the student only after acceptance, and only while the alum shares them", async () => {
    const alum = await buildContactableAlumnus(db(), { shareContact: true });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const [profile] = await asInstitution(
      db(),
      alum.institutionId,
      `SELECT contact_email, contact_phone FROM alumni_profiles WHERE membership_id = $1`,
      [alum.membershipId],
    );
    const sent = await sendRequest(server.services, student, alum);
    const token = await server.signIn(student);
    expect((await server.gql(CONTACT, { id: sent.id }, token)).data!.interviewRequest.alumnusContact).toBeNull();
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [sent.id]);
    await server.services.requestLifecycle.accept(viewerOf(alum), {
      requestId: sent.id,
      proposedTimeId: times[0].id,
      meetingLink: "https://x.example",
    });
    expect((await server.gql(CONTACT, { id: sent.id }, token)).data!.interviewRequest.alumnusContact).toEqual({
      email: profile.contact_email,
      phone: profile.contact_phone,
    });
    // Not to the alum's own view of the request, nor to advisors.
    expect((await server.gql(CONTACT, { id: sent.id }, await server.signIn(alum))).data!.interviewRequest.alumnusContact).toBeNull();
    const advisor = await buildAdvisor(db(), { institution: institutionOf(alum) });
    expect((await server.gql(CONTACT, { id: sent.id }, await server.signIn(advisor))).data!.interviewRequest.alumnusContact).toBeNull();
    await asInstitution(db(), alum.institutionId, WITHDRAW_CONSENTS_SQL, [alum.membershipId, "ALUMNUS_SHARE_CONTACT"]);
    expect((await server.gql(CONTACT, { id: sent.id }, token)).data!.interviewRequest.alumnusContact).toBeNull();
  });

  it("stay hidden after acceptance when the alum does not share contact details", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const request = await acceptedRequest(server.services, student, alum);
    expect((await server.gql(CONTACT, { id: request.id }, await server.signIn(student))).data!.interviewRequest).toEqual({
      state: "ACCEPTED",
      alumnusContact: null,
    });
    await buildConsent(db(), alum, "ALUMNUS_SHARE_CONTACT");
    expect(
      (await server.gql(CONTACT, { id: request.id }, await server.signIn(student))).data!.interviewRequest.alumnusContact,
    ).not.toBeNull();
  });
});
