import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildInstitution } from "../../test/factories";
import { asInstitution, buildContactableAlumnus, buildSharingStudent, inDays, sendRequest, viewerOf } from "../../test/request-kit";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { M } from "./request-lifecycle.fixtures";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const SETTINGS = `mutation($input: UpdateInstitutionSettingsInput!) { updateInstitutionSettings(input: $input) { videoLinks } }`;
const PROFILE = `mutation($input: UpdateAlumnusProfileInput!) { updateMyAlumnusProfile(input: $input) { personalMeetingLink } }`;

/** A video request waiting for the alum of an institution whose video links are `videoLinks`. */
async function videoRequest(videoLinks: "JITSI" | "PERSONAL" | "PASTED") {
  const institution = await buildInstitution(db());
  await asInstitution(db(), institution.id, `UPDATE institutions SET video_links = $1 WHERE id = $2`, [videoLinks, institution.id]);
  const alum = await buildContactableAlumnus(db(), { institution });
  const student = await buildSharingStudent(db(), institution);
  const sent = await sendRequest(server.services, student, alum, { proposedTimes: [inDays(3)] });
  const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [sent.id]);
  return { alum, student, sent, time: times[0], token: await server.signIn(alum) };
}

describe("video links", () => {
  it("JITSI: a new unguessable Jitsi Meet room per meeting when the alum pastes none; a pasted link still wins", async () => {
    const a = await videoRequest("JITSI");
    const accepted = await server.gql(M.accept, { input: { requestId: a.sent.id, proposedTimeId: a.time.id } }, a.token);
    expect(accepted.errors).toBeUndefined();
    const link = accepted.data!.acceptRequest.meetingLink as string;
    expect(link).toMatch(/^https:\/\/meet\.jit\.si\/Infoview-[0-9a-f]{32}$/);
    // The student sees it in the meeting details and in the calendar file.
    const invite = await server.gql(
      `query($id: ID!) { calendarInvite(requestId: $id) }`,
      { id: a.sent.id },
      await server.signIn(a.student),
    );
    expect(invite.data!.calendarInvite).toContain(`URL:${link}`);

    const b = await videoRequest("JITSI");
    const other = await server.gql(M.accept, { input: { requestId: b.sent.id, proposedTimeId: b.time.id } }, b.token);
    expect(other.data!.acceptRequest.meetingLink).not.toBe(link);
    const c = await videoRequest("JITSI");
    const pasted = await server.gql(
      M.accept,
      { input: { requestId: c.sent.id, proposedTimeId: c.time.id, meetingLink: "https://zoom.example/j/1" } },
      c.token,
    );
    expect(pasted.data!.acceptRequest.meetingLink).toBe("https://zoom.example/j/1");
  });

  it("PERSONAL: the alum's personal meeting link from their profile, which only they see there", async () => {
    const a = await videoRequest("PERSONAL");
    const missing = await server.gql(M.accept, { input: { requestId: a.sent.id, proposedTimeId: a.time.id } }, a.token);
    expect(errorCode(missing)).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(missing.errors)).toContain("personal meeting link");
    expect(errorCode(await server.gql(PROFILE, { input: { personalMeetingLink: "http://insecure.example" } }, a.token))).toBe(
      "BAD_USER_INPUT",
    );
    const saved = await server.gql(PROFILE, { input: { personalMeetingLink: "https://meet.example/alex" } }, a.token);
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.updateMyAlumnusProfile.personalMeetingLink).toBe("https://meet.example/alex");
    const accepted = await server.gql(M.accept, { input: { requestId: a.sent.id, proposedTimeId: a.time.id } }, a.token);
    expect(accepted.data!.acceptRequest.meetingLink).toBe("https://meet.example/alex");
    const asStudent = await server.gql(
      `query($id: ID!) { alumnusProfile(membershipId: $id) { personalMeetingLink } }`,
      { id: a.alum.membershipId },
      await server.signIn(a.student),
    );
    expect(asStudent.data?.alumnusProfile?.personalMeetingLink ?? null).toBeNull();
  });

  it("PASTED (the default): the alum must paste a link; admins choose the setting", async () => {
    const a = await videoRequest("PASTED");
    expect(errorCode(await server.gql(M.accept, { input: { requestId: a.sent.id, proposedTimeId: a.time.id } }, a.token))).toBe(
      "BAD_USER_INPUT",
    );
    const fresh = await buildInstitution(db());
    const [row] = await asInstitution(db(), fresh.id, `SELECT video_links FROM institutions WHERE id = $1`, [fresh.id]);
    expect(row.video_links).toBe("PASTED");
    expect(errorCode(await server.gql(SETTINGS, { input: { videoLinks: "JITSI" } }, a.token))).toBe("FORBIDDEN");
    const admin = await buildAdmin(db(), { institution: fresh });
    const changed = await server.gql(SETTINGS, { input: { videoLinks: "JITSI" } }, await server.signIn(admin));
    expect(changed.data!.updateInstitutionSettings.videoLinks).toBe("JITSI");
    expect(errorCode(await server.gql(SETTINGS, { input: { videoLinks: "SKYPE" } }, await server.signIn(admin)))).toBeDefined();
  });
});
