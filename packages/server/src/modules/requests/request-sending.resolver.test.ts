import { useTestDatabase } from "../../test/database";
import { buildInstitution, WITHDRAW_CONSENTS_SQL } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { Modality } from "../profiles/alumnus-profile.entity";
import { EVENTS, sendWith } from "./requests.fixtures";
import {
  acceptedRequest,
  asInstitution,
  buildContactableAlumnus,
  buildSharingStudent,
  inDays,
  institutionOf,
} from "../../test/request-kit";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const send = sendWith(() => server);

describe("sending a request", () => {
  it("creates the request with its times, questions, history entry and announcement", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const result = await send(student, alum, {
      proposedTimes: [inDays(5).toISOString(), inDays(6).toISOString(), inDays(7).toISOString()],
      questions: [
        { text: "Do you like your job?" },
        { text: "How did you get into this line of work?", bankId: "how-get-into-line-of-work" },
      ],
      shareQuestions: true,
      timeZone: "Europe/Paris",
    });
    expect(result.errors).toBeUndefined();
    const r = result.data!.requestInterview;
    expect(r).toMatchObject({
      state: "REQUESTED",
      modality: "VIDEO",
      studentId: student.membershipId,
      alumnusId: alum.membershipId,
      questionsShared: true,
      studentTimeZone: "Europe/Paris",
      alumnusTimeZone: "America/New_York",
    });
    expect(r.proposedTimes).toHaveLength(3);
    expect(r.proposedTimes[0]).toMatchObject({
      startsAt: inDays(5).toISOString(),
      endsAt: new Date(inDays(5).getTime() + 30 * 60_000).toISOString(),
      proposedBy: "STUDENT",
      kind: "REQUEST",
      status: "OPEN",
    });
    expect(r.questions).toEqual([
      {
        position: 1,
        text: "Do you like your job?",
        bankId: null,
        closed: true,
        suggestion: expect.stringMatching(/^What/),
      },
      {
        position: 2,
        text: "How did you get into this line of work?",
        bankId: "how-get-into-line-of-work",
        closed: false,
        suggestion: null,
      },
    ]);
    expect(new Date(r.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const events = await server.gql(EVENTS, { id: r.id }, await server.signIn(student));
    expect(events.data!.requestEvents).toEqual([
      expect.objectContaining({ kind: "TRANSITION", fromState: null, toState: "REQUESTED", actor: "STUDENT" }),
    ]);
    const outbox = await asInstitution(db(), student.institutionId, `SELECT topic, payload FROM outbox WHERE payload->>'requestId' = $1`, [
      r.id,
    ]);
    expect(outbox).toEqual([
      {
        topic: "request.created",
        payload: expect.objectContaining({
          requestId: r.id,
          studentId: student.membershipId,
          alumnusId: alum.membershipId,
          to: "REQUESTED",
        }),
      },
    ]);
  });

  it("refuses an alum of another institution as if it did not exist", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db());
    expect(errorCode(await send(student, alum))).toBe("NOT_FOUND");
  });

  it("refuses a modality the alum does not offer", async () => {
    const alum = await buildContactableAlumnus(db(), { modalities: [Modality.VIDEO] });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const result = await send(student, alum, { modality: "IN_PERSON" });
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors![0].message).toContain("video");
  });

  it("validates the input: one to three times, a message", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const four = [3, 4, 5, 6].map((d) => inDays(d).toISOString());
    expect(errorCode(await send(student, alum, { proposedTimes: four }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await send(student, alum, { proposedTimes: [] }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await send(student, alum, { message: "   " }))).toBe("BAD_USER_INPUT");
  });
});

describe("consent gates", () => {
  it("refuses an alum who has not agreed to be contacted (ALUMNUS_CONTACT)", async () => {
    const alum = await buildContactableAlumnus(db(), { contact: false });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const result = await send(student, alum);
    expect(errorCode(result)).toBe("CONSENT_REQUIRED");
    expect(result.errors![0].extensions!.kind).toBe("ALUMNUS_CONTACT");
  });

  it("refuses a student who does not share their profile with alumni (STUDENT_SHARE_WITH_ALUMNI)", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum), false);
    const result = await send(student, alum);
    expect(errorCode(result)).toBe("CONSENT_REQUIRED");
    expect(result.errors![0].extensions!.kind).toBe("STUDENT_SHARE_WITH_ALUMNI");
  });

  it("takes effect at once when the alum withdraws contact consent", async () => {
    const alum = await buildContactableAlumnus(db());
    const first = await buildSharingStudent(db(), institutionOf(alum));
    expect((await send(first, alum)).errors).toBeUndefined();
    await asInstitution(db(), alum.institutionId, WITHDRAW_CONSENTS_SQL, [alum.membershipId, "ALUMNUS_CONTACT"]);
    const second = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await send(second, alum))).toBe("CONSENT_REQUIRED");
  });
});

describe("limits that protect volunteers", () => {
  it("allows one open request per student–alum pair", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    expect((await send(student, alum)).errors).toBeUndefined();
    expect(errorCode(await send(student, alum))).toBe("PAIR_ALREADY_OPEN");
  });

  it("caps a student's open requests at the institution's setting", async () => {
    const institution = await buildInstitution(db());
    await asInstitution(db(), institution.id, `UPDATE institutions SET max_open_requests_per_student = 2 WHERE id = $1`, [institution.id]);
    const student = await buildSharingStudent(db(), institution);
    for (let i = 0; i < 2; i++) expect((await send(student, await buildContactableAlumnus(db(), { institution }))).errors).toBeUndefined();
    const third = await send(student, await buildContactableAlumnus(db(), { institution }));
    expect(errorCode(third)).toBe("TOO_MANY_OPEN_REQUESTS");
    expect(third.errors![0].extensions!.max).toBe(2);
  });

  it("refuses requests to a paused alum", async () => {
    const alum = await buildContactableAlumnus(db(), { paused: true });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await send(student, alum))).toBe("ALUMNUS_PAUSED");
  });

  it("refuses requests when every proposed time falls in a month the alum has no capacity left", async () => {
    const alum = await buildContactableAlumnus(db(), { capacity: 1 });
    const first = await buildSharingStudent(db(), institutionOf(alum));
    const when = inDays(3);
    await acceptedRequest(server.services, first, alum, { proposedTimes: [when] });
    const second = await buildSharingStudent(db(), institutionOf(alum));
    const sameMonth = new Date(when.getTime() + 60 * 60_000);
    expect(errorCode(await send(second, alum, { proposedTimes: [sameMonth.toISOString()] }))).toBe("CAPACITY_REACHED");
    const zeroCapacity = await buildContactableAlumnus(db(), { capacity: 0, institution: institutionOf(alum) });
    expect(errorCode(await send(second, zeroCapacity))).toBe("CAPACITY_REACHED");
  });

  it("refuses times in the past or overlapping each other", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const past = await send(student, alum, { proposedTimes: [new Date(Date.now() - 3_600_000).toISOString()] });
    expect(errorCode(past)).toBe("PROPOSED_TIME_INVALID");
    expect(past.errors![0].extensions!.field).toBe("proposedTimes.0");
    const overlapping = await send(student, alum, { proposedTimes: [inDays(3, 15).toISOString(), inDays(3, 15, 15).toISOString()] });
    expect(errorCode(overlapping)).toBe("PROPOSED_TIME_INVALID");
    expect(overlapping.errors![0].extensions!.field).toBe("proposedTimes.1");
  });

  it("takes only the alum's open slots when they have published availability", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const slot = inDays(5, 14);
    await asInstitution(
      db(),
      alum.institutionId,
      `INSERT INTO availability_slots (institution_id, alumnus_id, starts_at, ends_at, time_zone) VALUES ($1, $2, $3, $3::timestamptz + interval '30 minutes', 'America/New_York')`,
      [alum.institutionId, alum.membershipId, slot],
    );
    const outside = await send(student, alum, { proposedTimes: [inDays(6, 14).toISOString()] });
    expect(errorCode(outside)).toBe("PROPOSED_TIME_INVALID");
    const inside = await send(student, alum, { proposedTimes: [slot.toISOString()] });
    expect(inside.errors).toBeUndefined();
  });
});
