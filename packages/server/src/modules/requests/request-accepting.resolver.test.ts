import { useTestDatabase } from "../../test/database";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { Modality } from "../profiles/alumnus-profile.entity";
import { EVENTS, M } from "./request-lifecycle.fixtures";
import {
  acceptedRequest,
  asInstitution,
  buildContactableAlumnus,
  buildSharingStudent,
  inDays,
  institutionOf,
  sendRequest,
  viewerOf,
} from "../../test/request-kit";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

describe("accepting", () => {
  it("books the chosen time with the meeting details, supersedes the other times, and records and announces it", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum, { proposedTimes: [inDays(3), inDays(4)] });
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [sent.id]);
    const chosen = times[1];
    const result = await server.gql(
      M.accept,
      {
        input: {
          requestId: sent.id,
          proposedTimeId: chosen.id,
          meetingLink: "https://meet.example/r1",
        },
      },
      await server.signIn(alum),
    );
    expect(result.errors).toBeUndefined();
    const r = result.data!.acceptRequest;
    expect(r).toMatchObject({
      state: "ACCEPTED",
      meetingStartsAt: chosen.startsAt.toISOString(),
      meetingEndsAt: chosen.endsAt.toISOString(),
      meetingLink: "https://meet.example/r1",
      calendarSequence: 0,
    });
    expect(r.proposedTimes.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [times[0].id, "SUPERSEDED"],
      [chosen.id, "CHOSEN"],
    ]);
    const events = (await server.gql(EVENTS, { id: sent.id }, await server.signIn(student))).data!.requestEvents;
    expect(events.map((e: { fromState: string | null; toState: string; actor: string }) => [e.fromState, e.toState, e.actor])).toEqual([
      [null, "REQUESTED", "STUDENT"],
      ["REQUESTED", "ACCEPTED", "ALUMNUS"],
    ]);
    const topics = await asInstitution(db(), alum.institutionId, `SELECT topic FROM outbox WHERE payload->>'requestId' = $1 ORDER BY id`, [
      sent.id,
    ]);
    expect(topics.map((t) => t.topic)).toEqual(["request.created", "request.accepted"]);
  });

  it("asks for the details the modality needs", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum, { modality: Modality.IN_PERSON });
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [sent.id]);
    const token = await server.signIn(alum);
    const missing = await server.gql(
      M.accept,
      {
        input: {
          requestId: sent.id,
          proposedTimeId: times[0].id,
          meetingLink: "https://x.example",
        },
      },
      token,
    );
    expect(errorCode(missing)).toBe("BAD_USER_INPUT");
    expect(missing.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: "meetingLocation" })]);
    const ok = await server.gql(
      M.accept,
      {
        input: {
          requestId: sent.id,
          proposedTimeId: times[0].id,
          meetingLocation: "12 Main St, Room 4",
          inPersonNotes: "Visitor parking on Elm St; business casual",
        },
      },
      token,
    );
    expect(ok.data!.acceptRequest).toMatchObject({
      state: "ACCEPTED",
      meetingLocation: "12 Main St, Room 4",
      inPersonNotes: "Visitor parking on Elm St; business casual",
    });
  });

  it("never double-books: a second acceptance at an overlapping time is SLOT_TAKEN, and cancelling frees the time", async () => {
    const alum = await buildContactableAlumnus(db());
    const when = inDays(8);
    const a = await buildSharingStudent(db(), institutionOf(alum));
    const b = await buildSharingStudent(db(), institutionOf(alum));
    const first = await acceptedRequest(server.services, a, alum, { proposedTimes: [when] });
    const second = await sendRequest(server.services, b, alum, { proposedTimes: [new Date(when.getTime() + 15 * 60_000)] });
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [second.id]);
    const token = await server.signIn(alum);
    const input = {
      requestId: second.id,
      proposedTimeId: times[0].id,
      meetingLink: "https://meet.example/2",
    };
    expect(errorCode(await server.gql(M.accept, { input }, token))).toBe("SLOT_TAKEN");
    await server.services.requestLifecycle.cancel(viewerOf(a), { requestId: first.id, reason: "Exam moved" });
    expect((await server.gql(M.accept, { input }, token)).data!.acceptRequest.state).toBe("ACCEPTED");
  });

  it("keeps to the alum's monthly capacity", async () => {
    const alum = await buildContactableAlumnus(db(), { capacity: 1 });
    const a = await buildSharingStudent(db(), institutionOf(alum));
    const b = await buildSharingStudent(db(), institutionOf(alum));
    const when = inDays(3);
    const second = await sendRequest(server.services, b, alum, { proposedTimes: [new Date(when.getTime() + 2 * 3600_000)] });
    await acceptedRequest(server.services, a, alum, { proposedTimes: [when] });
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(alum), [second.id]);
    const result = await server.gql(
      M.accept,
      {
        input: {
          requestId: second.id,
          proposedTimeId: times[0].id,
          meetingLink: "https://x.example",
        },
      },
      await server.signIn(alum),
    );
    expect(errorCode(result)).toBe("CAPACITY_REACHED");
  });

  it("lets the alum offer another time, which the student confirms (and only the student)", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    const alumToken = await server.signIn(alum);
    const offered = inDays(10, 17);
    const counter = await server.gql(
      M.accept,
      {
        input: {
          requestId: sent.id,
          startsAt: offered.toISOString(),
          meetingLink: "https://meet.example/c",
        },
      },
      alumToken,
    );
    expect(counter.errors).toBeUndefined();
    expect(counter.data!.acceptRequest.state).toBe("REQUESTED");
    const proposal = counter.data!.acceptRequest.proposedTimes.find((p: { kind: string }) => p.kind === "COUNTER");
    expect(proposal).toMatchObject({ proposedBy: "ALUMNUS", status: "OPEN", startsAt: offered.toISOString() });
    expect(errorCode(await server.gql(M.confirm, { r: sent.id, p: proposal.id }, alumToken))).toBe("INVALID_TRANSITION");
    const studentToken = await server.signIn(student);
    const confirmed = await server.gql(M.confirm, { r: sent.id, p: proposal.id }, studentToken);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmProposedTime).toMatchObject({
      state: "ACCEPTED",
      meetingStartsAt: offered.toISOString(),
      meetingLink: "https://meet.example/c",
    });
    const events = (await server.gql(EVENTS, { id: sent.id }, studentToken)).data!.requestEvents;
    expect(events.map((e: { kind: string; toState: string; actor: string }) => [e.kind, e.toState, e.actor])).toEqual([
      ["TRANSITION", "REQUESTED", "STUDENT"],
      ["TIME_PROPOSED", "REQUESTED", "ALUMNUS"],
      ["TRANSITION", "ACCEPTED", "STUDENT"],
    ]);
    const topics = await asInstitution(db(), alum.institutionId, `SELECT topic FROM outbox WHERE payload->>'requestId' = $1 ORDER BY id`, [
      sent.id,
    ]);
    expect(topics.map((t) => t.topic)).toEqual(["request.created", "request.time_proposed", "request.accepted"]);
  });

  it("refuses the student their own proposed time and a superseded counter-proposal", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    const first = await server.services.requestLifecycle.accept(viewerOf(alum), {
      requestId: sent.id,
      startsAt: inDays(11),
      meetingLink: "https://x.example",
    });
    await server.services.requestLifecycle.accept(viewerOf(alum), {
      requestId: sent.id,
      startsAt: inDays(12),
      meetingLink: "https://x.example",
    });
    const [times] = await server.services.requestQueries.proposedTimes(viewerOf(student), [first.id]);
    const stale = times.find((t) => t.kind === "COUNTER" && t.status === "SUPERSEDED")!;
    const own = times.find((t) => t.kind === "REQUEST")!;
    const token = await server.signIn(student);
    expect(errorCode(await server.gql(M.confirm, { r: sent.id, p: stale.id }, token))).toBe("PROPOSED_TIME_INVALID");
    expect(errorCode(await server.gql(M.confirm, { r: sent.id, p: own.id }, token))).toBe("PROPOSED_TIME_INVALID");
  });
});
