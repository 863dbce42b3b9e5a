import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { tenantTransaction } from "../../db/tenant-transaction";
import { OutboxJob } from "../../jobs/outbox-job";
import { outboxTask, TASK } from "../../jobs/tasks";
import { createLogger } from "../../logger";
import { useFreshDatabase } from "../../test/database";
import { addJob, runDueJobs } from "../../test/jobs";
import { buildAdvisor, buildAlumnus, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { startTestServer, type TestServer } from "../../test/test-server";
import { addOutboxRow, buildRequestScene, eventually } from "./notifications.fixtures";
import { eventBus } from "./pubsub";
import { CLOSE_UNAUTHORIZED } from "./socket-sessions";

// A database of this file's own: running the due jobs runs every one in the database, not only this file's.
const db = useFreshDatabase("notifications", 5);
let server: TestServer;
/** What the server's runner does with the outbox: every due `outbox` job, run once. */
let deliverOutbox: () => Promise<void>;
beforeAll(async () => {
  server = await startTestServer(db());
  const silent = createLogger("silent");
  const outbox = new OutboxJob({
    dataSource: db(),
    deliverer: server.services.notifications.deliverer,
    settings: { leaseMs: 60_000, maxAttempts: 3 },
    logger: silent,
  });
  deliverOutbox = () => runDueJobs(db(), { [TASK.outbox]: outboxTask({ outbox, logger: silent }) });
});
afterAll(() => server.close());

const INCOMING = `subscription { incomingRequests { id requestId kind occurredAt } }`;
const UPDATES = `subscription { requestUpdates { id requestId kind occurredAt } }`;

interface Event {
  id: string;
  requestId: string;
  kind: string;
  occurredAt: string;
}

interface Socket {
  client: Client;
  closeCodes: number[];
  events: Event[];
  errors: Array<{ message: string; extensions?: { code?: string } }>;
}

const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) await s.client.dispose();
});

/** A graphql-ws client (the `ws` implementation) with one subscription, recording what arrives. */
function subscribe(query: string, token: string | null): Socket {
  const socket: Socket = {
    client: null as unknown as Client,
    closeCodes: [],
    events: [],
    errors: [],
  };
  socket.client = createClient({
    url: `${server.url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    on: {
      closed: (event) => socket.closeCodes.push((event as { code: number }).code),
    },
  });
  socket.client.subscribe<Record<string, Event>>(
    { query },
    {
      next: (result) => {
        if (result.errors) socket.errors.push(...(result.errors as Socket["errors"]));
        if (result.data) socket.events.push(...Object.values(result.data));
      },
      error: (error) => {
        if (Array.isArray(error)) socket.errors.push(...error);
      },
      complete: () => {},
    },
  );
  sockets.push(socket);
  return socket;
}

const tokens = new Map<string, Promise<string>>();
const tokenOf = (member: BuiltMember) => {
  const key = `${member.identityId}:${member.institutionId}`;
  if (!tokens.has(key)) tokens.set(key, server.signIn(member));
  return tokens.get(key)!;
};

/** Waits until this process's bus has the subscriptions, so nothing is published before they listen. */
const listening = (institutionId: string, count: number) =>
  eventually(() => eventBus.subscriberCount(institutionId) >= count, 20_000, `${count} subscription(s) in ${institutionId}`);

describe("subscriptions over graphql-ws", () => {
  it("tells the alum about a new request, the student about their own, and no one else", async () => {
    const institution = await buildInstitution(db());
    const alumnus = await buildAlumnus(db(), { institution });
    const student = await buildStudent(db(), { institution });
    const classmate = await buildStudent(db(), { institution });
    const elsewhere = await buildInstitution(db());
    const stranger = await buildStudent(db(), { institution: elsewhere });
    const strangersAlum = await buildAlumnus(db(), { institution: elsewhere });

    const alum = subscribe(INCOMING, await tokenOf(alumnus));
    const sender = subscribe(UPDATES, await tokenOf(student));
    const sameSchool = subscribe(UPDATES, await tokenOf(classmate));
    const otherSchool = subscribe(UPDATES, await tokenOf(stranger));
    await listening(institution.id, 3);
    await listening(elsewhere.id, 1);

    const request = await buildRequestScene(db(), {
      institution,
      student,
      alumnus,
    });
    const outboxId = await addOutboxRow(db(), request, "request.created");
    await deliverOutbox();

    await eventually(() => alum.events.length === 1 && sender.events.length === 1, 20_000, "the alum's and the sender's events");
    expect(alum.events[0]).toEqual({
      id: outboxId,
      requestId: request.requestId,
      kind: "CREATED",
      occurredAt: expect.any(String),
    });
    expect(sender.events[0]).toMatchObject({
      requestId: request.requestId,
      kind: "CREATED",
    });

    // Events arrive in order on each socket: once a later event of their own has arrived, an earlier one
    // meant for someone else would have arrived before it. The classmate now asks the same alum.
    const classmates = await buildRequestScene(db(), {
      institution,
      student: classmate,
      alumnus,
    });
    await addOutboxRow(db(), classmates, "request.created");
    const strangers = await buildRequestScene(db(), {
      institution: elsewhere,
      student: stranger,
      alumnus: strangersAlum,
    });
    await addOutboxRow(db(), strangers, "request.created");
    await deliverOutbox();

    await eventually(
      () => sameSchool.events.length > 0 && otherSchool.events.length > 0 && alum.events.length > 1,
      20_000,
      "the later events",
    );
    expect(sameSchool.events.map((e) => e.requestId)).toEqual([classmates.requestId]);
    expect(otherSchool.events.map((e) => e.requestId)).toEqual([strangers.requestId]);
    expect(alum.events.map((e) => e.requestId)).toEqual([request.requestId, classmates.requestId]);
    expect(sender.events.map((e) => e.requestId)).toEqual([request.requestId]);
    for (const s of [alum, sender, sameSchool, otherSchool]) expect(s.errors).toEqual([]);
  });

  it("tells both people when a request changes, and only once per change", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED" });
    const student = subscribe(UPDATES, await tokenOf(scene.student));
    const alum = subscribe(UPDATES, await tokenOf(scene.alumnus));
    await listening(scene.institution.id, 2);

    const accepted = await addOutboxRow(db(), scene, "request.accepted", { sequence: 0 });
    await deliverOutbox();
    // Delivering again (its job run a second time) finds nothing to do: the event is not sent twice.
    await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) => m.query(`UPDATE outbox SET delivered_at = NULL`));
    await addJob(db(), TASK.outbox, { institutionId: scene.institution.id, outboxId: accepted }, `outbox:${accepted}`);
    await deliverOutbox();
    await addOutboxRow(db(), scene, "request.cancelled", {
      actor: "STUDENT",
      sequence: 1,
    });
    await deliverOutbox();

    await eventually(() => student.events.length >= 2 && alum.events.length >= 2, 20_000, "two events each");
    expect(student.events.map((e) => e.kind)).toEqual(["ACCEPTED", "CANCELLED"]);
    expect(alum.events.map((e) => e.kind)).toEqual(["ACCEPTED", "CANCELLED"]);
  });

  it("refuses a subscription without sign-in (UNAUTHENTICATED) and to the wrong role (FORBIDDEN)", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    const advisor = await buildAdvisor(db(), { institution });

    const anonymous = subscribe(UPDATES, null);
    const studentAsAlum = subscribe(INCOMING, await tokenOf(student));
    const advisorUpdates = subscribe(UPDATES, await tokenOf(advisor));

    await eventually(
      () => anonymous.errors.length > 0 && studentAsAlum.errors.length > 0 && advisorUpdates.errors.length > 0,
      20_000,
      "the refusals",
    );
    expect(anonymous.errors[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(studentAsAlum.errors[0].extensions?.code).toBe("FORBIDDEN");
    expect(advisorUpdates.errors[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("sockets of ended sessions", () => {
  beforeAll(() => server.services.notifications.sockets.start(200));
  afterAll(() => server.services.notifications.sockets.start());

  it("closes the socket (4401) after the person signs out, and leaves other sessions' sockets open", async () => {
    const institution = await buildInstitution(db());
    const alumnus = await buildAlumnus(db(), { institution });
    const student = await buildStudent(db(), { institution });
    // A session of its own, so signing out does not end the other tests' cached tokens.
    const token = await server.signIn(alumnus);
    const leaving = subscribe(UPDATES, token);
    const staying = subscribe(UPDATES, await tokenOf(student));
    await listening(institution.id, 2);

    const signOut = await server.gql(`mutation { signOut }`, {}, token);
    expect(signOut.data).toEqual({ signOut: true });

    await eventually(() => leaving.closeCodes.includes(CLOSE_UNAUTHORIZED), 20_000, "the socket to close");
    await eventually(() => eventBus.subscriberCount(institution.id) === 1, 20_000, "the subscription to end");
    expect(staying.closeCodes).toEqual([]);

    // The remaining socket still receives events.
    const scene = await buildRequestScene(db(), {
      institution,
      student,
      alumnus,
    });
    await addOutboxRow(db(), scene, "request.created");
    await deliverOutbox();
    await eventually(() => staying.events.length === 1, 20_000, "the event on the open socket");
  });

  it("closes the socket when the session expires", async () => {
    const student = await buildStudent(db());
    const token = await server.signIn(student);
    const socket = subscribe(UPDATES, token);
    await listening(student.institutionId, 1);

    await tenantTransaction(db(), { institutionId: null }, (m) =>
      m.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE identity_id = $1`, [student.identityId]),
    );

    await eventually(() => socket.closeCodes.includes(CLOSE_UNAUTHORIZED), 20_000, "the socket to close");
  });
});
