import { tenantTransaction } from "../../db/tenant-transaction";
import { buildRequestScene } from "../notifications/notifications.fixtures";
import { useFreshDatabase } from "../../test/database";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useFreshDatabase("calendar_feed", 4);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const FEED = `query { myCalendarFeed { url webcalUrl createdAt } }`;
const ROTATE = `mutation { rotateCalendarFeed { url webcalUrl } }`;
/** Content lines with folding undone. */
const unfolded = (ics: string) => ics.replace(/\r\n /g, "").split("\r\n");
const events = (ics: string) =>
  ics
    .replace(/\r\n /g, "")
    .split("BEGIN:VEVENT")
    .slice(1)
    .map((e) =>
      Object.fromEntries(
        e
          .split("\r\n")
          .filter((l) => /^[A-Z-]+[:;]/.test(l))
          .map((l) => [l.split(/[:;]/)[0], l.slice(l.indexOf(":") + 1)]),
      ),
    );

async function get(url: string) {
  const response = await fetch(`${server.url}${new URL(url).pathname}`);
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

describe("the calendar feed", () => {
  it("lists all the person's meetings with stable UIDs and SEQUENCE, cancelled ones as CANCELLED, nobody else's", async () => {
    const booked = await buildRequestScene(db(), { state: "ACCEPTED", meetingStartsAt: new Date("2026-03-10T15:00:00Z") });
    const { institution, student } = booked;
    const moved = await buildRequestScene(db(), {
      institution,
      student,
      state: "ACCEPTED",
      meetingStartsAt: new Date("2026-03-12T15:00:00Z"),
      calendarSequence: 2,
    });
    const cancelled = await buildRequestScene(db(), {
      institution,
      student,
      state: "CANCELLED",
      meetingStartsAt: new Date("2026-03-11T15:00:00Z"),
      calendarSequence: 1,
    });
    const someoneElse = await buildRequestScene(db(), {
      institution,
      state: "ACCEPTED",
      meetingStartsAt: new Date("2026-03-13T15:00:00Z"),
    });
    await buildRequestScene(db(), { institution, student, state: "REQUESTED" });

    const token = await server.signIn(student);
    const { data } = await server.gql(FEED, {}, token);
    const feed = data!.myCalendarFeed;
    expect(feed.url).toMatch(/\/calendar\/[0-9a-f]{72}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace(/^https?:\/\//, "webcal://"));
    // Asked again, the same feed.
    expect((await server.gql(FEED, {}, token)).data!.myCalendarFeed.url).toBe(feed.url);

    const response = await get(feed.url);
    expect(response.status).toBe(200);
    expect(response.type).toMatch(/^text\/calendar/);
    expect(unfolded(response.body)).toContain("METHOD:PUBLISH");
    expect(unfolded(response.body)).toContain("X-WR-CALNAME:Infoview: Sam Student");
    expect(events(response.body).map((e) => [e.UID, e.SEQUENCE, e.DTSTART, e.STATUS])).toEqual([
      [`${booked.requestId}@infoview`, "0", "20260310T150000Z", "CONFIRMED"],
      [`${cancelled.requestId}@infoview`, "1", "20260311T150000Z", "CANCELLED"],
      [`${moved.requestId}@infoview`, "2", "20260312T150000Z", "CONFIRMED"],
    ]);
    expect(response.body).not.toContain(someoneElse.requestId);
    expect(response.body).not.toContain("ATTENDEE");

    // The meeting moves: the same UID, the new time and a higher SEQUENCE.
    await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(
        `UPDATE interview_requests SET meeting_starts_at = '2026-03-17T15:00:00Z', meeting_ends_at = '2026-03-17T15:30:00Z', calendar_sequence = 1 WHERE id = $1`,
        [booked.requestId],
      ),
    );
    const after = events((await get(feed.url)).body).find((e) => e.UID === `${booked.requestId}@infoview`);
    expect([after?.SEQUENCE, after?.DTSTART]).toEqual(["1", "20260317T150000Z"]);

    // The alum's own feed has the meeting too.
    const alumFeed = (await server.gql(FEED, {}, await server.signIn(booked.alumnus))).data!.myCalendarFeed.url;
    expect(alumFeed).not.toBe(feed.url);
    expect((await get(alumFeed)).body).toContain(`UID:${booked.requestId}@infoview`);
  });

  it("writes the events in the owner's language: Spanish for a person who chose it, English for one who did not", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED", meetingStartsAt: new Date("2026-03-10T15:00:00Z") });
    const chose = await server.gql(
      `mutation { updateMyPreferences(input: { locale: "es" }) { identity { locale } } }`,
      {},
      await server.signIn(scene.student),
    );
    expect(chose.errors).toBeUndefined();
    const feedOf = async (member: typeof scene.student) => {
      const token = await server.signIn(member);
      const url = (await server.gql(FEED, {}, token)).data!.myCalendarFeed.url as string;
      return events((await get(url)).body);
    };
    const [spanish] = await feedOf(scene.student);
    expect(spanish.SUMMARY).toBe("Entrevista informativa: Sam Student y Alex Alum");
    expect(spanish.DESCRIPTION).toMatch(/^Una entrevista informativa: /);
    const [english] = await feedOf(scene.alumnus);
    expect(english.SUMMARY).toBe("Informational interview: Sam Student and Alex Alum");
    expect(spanish.UID).toBe(english.UID);
  });

  it("rotates the secret: the old URL stops working; unknown or malformed secrets are 404", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED", meetingStartsAt: new Date("2026-04-10T15:00:00Z") });
    const token = await server.signIn(scene.student);
    const old = (await server.gql(FEED, {}, token)).data!.myCalendarFeed.url as string;
    const rotated = (await server.gql(ROTATE, {}, token)).data!.rotateCalendarFeed.url as string;
    expect(rotated).not.toBe(old);
    expect((await get(old)).status).toBe(404);
    expect((await get(rotated)).status).toBe(200);
    expect((await server.gql(FEED, {}, token)).data!.myCalendarFeed.url).toBe(rotated);
    const tampered = rotated.replace(/([0-9a-f])\.ics$/, (_, c: string) => `${c === "0" ? "1" : "0"}.ics`);
    expect((await get(tampered)).status).toBe(404);
    expect((await get(`${server.url}/calendar/not-a-secret.ics`)).status).toBe(404);
    expect(errorCode(await server.gql(ROTATE))).toBe("UNAUTHENTICATED");
  });
});
