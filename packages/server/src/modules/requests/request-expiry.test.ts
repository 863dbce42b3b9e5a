import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { startTestServer, type TestServer } from "../../test/test-server";
import { EVENTS } from "./request-lifecycle.fixtures";
import {
  acceptedRequest,
  asInstitution,
  buildContactableAlumnus,
  buildSharingStudent,
  inDays,
  institutionOf,
  sendRequest,
} from "../../test/request-kit";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

describe("expiry", () => {
  it("expires REQUESTED requests past their expiry, with a history entry by the system and an announcement, and nothing else", async () => {
    const alum = await buildContactableAlumnus(db());
    const [a, b, c] = [
      await buildSharingStudent(db(), institutionOf(alum)),
      await buildSharingStudent(db(), institutionOf(alum)),
      await buildSharingStudent(db(), institutionOf(alum)),
    ];
    const due = await sendRequest(server.services, a, alum);
    const notDue = await sendRequest(server.services, b, alum);
    const accepted = await acceptedRequest(server.services, c, alum, { proposedTimes: [inDays(2)] });
    await asInstitution(
      db(),
      alum.institutionId,
      `UPDATE interview_requests SET expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [[due.id, accepted.id]],
    );
    const expired = await tenantTransaction(db(), { institutionId: alum.institutionId }, (m) =>
      server.services.requestLifecycle.expireDue(m, new Date()),
    );
    expect(expired).toEqual([due.id]);
    const states = await asInstitution(db(), alum.institutionId, `SELECT id, state FROM interview_requests WHERE id = ANY($1::uuid[])`, [
      [due.id, notDue.id, accepted.id],
    ]);
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
      [due.id]: "EXPIRED",
      [notDue.id]: "REQUESTED",
      [accepted.id]: "ACCEPTED",
    });
    const events = (await server.gql(EVENTS, { id: due.id }, await server.signIn(a))).data!.requestEvents;
    expect(events.at(-1)).toMatchObject({ kind: "TRANSITION", fromState: "REQUESTED", toState: "EXPIRED", actor: "SYSTEM" });
    const topics = await asInstitution(db(), alum.institutionId, `SELECT topic FROM outbox WHERE payload->>'requestId' = $1 ORDER BY id`, [
      due.id,
    ]);
    expect(topics.map((t) => t.topic)).toEqual(["request.created", "request.expired"]);
    const again = await tenantTransaction(db(), { institutionId: alum.institutionId }, (m) =>
      server.services.requestLifecycle.expireDue(m, new Date()),
    );
    expect(again).toEqual([]);
  });
});

describe("the history is append-only", () => {
  it("refuses the app role any change or removal of a history entry", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const sent = await sendRequest(server.services, student, alum);
    await expect(
      asInstitution(db(), alum.institutionId, `UPDATE request_events SET reason = 'edited' WHERE request_id = $1`, [sent.id]),
    ).rejects.toThrow(/permission denied/);
    await expect(asInstitution(db(), alum.institutionId, `DELETE FROM request_events WHERE request_id = $1`, [sent.id])).rejects.toThrow(
      /permission denied/,
    );
  });
});
