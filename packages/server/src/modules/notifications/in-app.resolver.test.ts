import { strFromU8, unzipSync } from "fflate";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { OutboxJob } from "../../jobs/outbox-job";
import { outboxTask, TASK } from "../../jobs/tasks";
import { createLogger } from "../../logger";
import { useFreshDatabase } from "../../test/database";
import { addJob, runDueJobs } from "../../test/jobs";
import { asInstitution, asOwnerIn } from "../../test/request-kit";
import { buildAdmin, buildInstitution, type BuiltMember } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { addOutboxRow, buildRequestScene, eventually } from "./notifications.fixtures";
import { eventBus } from "./pubsub";

// A database of this file's own: running the due jobs runs every one in the database.
const db = useFreshDatabase("in_app_notifications", 5);
let server: TestServer;
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
const clients: Client[] = [];
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await server.close();
});

const LIST = `query($first: Int, $after: String) { myNotifications(first: $first, after: $after) {
  edges { cursor node { id kind event side requestId otherName link createdAt readAt } } pageInfo { hasNextPage endCursor } } }`;
const COUNT = `{ unreadNotificationCount }`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;
const UPDATE_PREFS = `mutation($input: UpdateNotificationPreferencesInput!) { updateMyNotificationPreferences(input: $input) { digestHour } }`;

const tokens = new Map<string, Promise<string>>();
const tokenOf = (member: BuiltMember) => {
  const key = `${member.identityId}:${member.institutionId}`;
  if (!tokens.has(key)) tokens.set(key, server.signIn(member));
  return tokens.get(key)!;
};

async function ok<T = Record<string, any>>(member: BuiltMember, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { data, errors } = await server.gql<T>(query, variables, await tokenOf(member));
  expect(errors).toBeUndefined();
  return data!;
}

const list = async (member: BuiltMember, first = 20, after?: string) =>
  (await ok(member, LIST, { first, after })).myNotifications as {
    edges: Array<{ cursor: string; node: Record<string, any> }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
const unread = async (member: BuiltMember) => (await ok(member, COUNT)).unreadNotificationCount as number;

describe("the notification centre", () => {
  it("is written by the delivery for the people told (not the one who acted), once, and leads to the request", async () => {
    const scene = await buildRequestScene(db());
    const outboxId = await addOutboxRow(db(), scene, "request.created");
    await deliverOutbox();
    // Delivered again (its job run a second time): the ledger keeps it to one item.
    await asInstitution(db(), scene.institution.id, `UPDATE outbox SET delivered_at = NULL WHERE id = $1`, [outboxId]);
    await addJob(db(), TASK.outbox, { institutionId: scene.institution.id, outboxId }, `outbox:${outboxId}`);
    await deliverOutbox();

    const alum = await list(scene.alumnus);
    expect(alum.edges.map((e) => e.node)).toEqual([
      {
        id: expect.any(String),
        kind: "NEW_REQUEST",
        event: "CREATED",
        side: "ALUMNUS",
        requestId: scene.requestId,
        otherName: "Sam Student",
        link: `/alumni/requests/${scene.requestId}`,
        createdAt: expect.any(String),
        readAt: null,
      },
    ]);
    expect(await unread(scene.alumnus)).toBe(1);
    // The student sent it: nothing for them.
    expect((await list(scene.student)).edges).toEqual([]);
    expect(await unread(scene.student)).toBe(0);

    await addOutboxRow(db(), scene, "request.declined", { actor: "ALUMNUS" });
    await deliverOutbox();
    const student = await list(scene.student);
    expect(student.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        kind: "REQUEST_ANSWERS",
        event: "DECLINED",
        side: "STUDENT",
        otherName: "Alex Alum",
        link: `/student/conversations/${scene.requestId}`,
      }),
    ]);
  });

  it("respects in-app off, except for kinds that cannot be turned off", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED" });
    await ok(scene.alumnus, UPDATE_PREFS, {
      input: { preferences: [{ kind: "NEW_REQUEST", email: "IMMEDIATE", inApp: false }] },
    });
    await ok(scene.student, UPDATE_PREFS, {
      input: { preferences: [{ kind: "REQUEST_ANSWERS", email: "IMMEDIATE", inApp: false }] },
    });
    await addOutboxRow(db(), scene, "request.created");
    await addOutboxRow(db(), scene, "request.accepted", { sequence: 0 });
    await addOutboxRow(db(), scene, "request.cancelled", { actor: "STUDENT", sequence: 1 });
    await deliverOutbox();

    // The alum: no new-request item (off), the first booking (on), the cancellation (cannot be turned off).
    expect((await list(scene.alumnus)).edges.map((e) => e.node.event)).toEqual(["CANCELLED", "ACCEPTED"]);
    // The student: the booking is off for them; the cancellation was theirs, so they are not told of it.
    expect((await list(scene.student)).edges.map((e) => e.node.event)).toEqual([]);
    // The email still went to the student (only the in-app side is off).
    expect(server.mailer.sent.filter((m) => m.to === scene.student.email).length).toBeGreaterThan(0);
  });

  it("pages newest first with cursors, marks read by id (only the viewer's own) and all at once", async () => {
    const scene = await buildRequestScene(db());
    for (let i = 0; i < 5; i += 1) await addOutboxRow(db(), scene, "request.created");
    await deliverOutbox();
    const first = await list(scene.alumnus, 2);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list(scene.alumnus, 2, first.pageInfo.endCursor!);
    const third = await list(scene.alumnus, 2, second.pageInfo.endCursor!);
    expect(third.edges).toHaveLength(1);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const all = [...first.edges, ...second.edges, ...third.edges].map((e) => e.node);
    expect(new Set(all.map((n) => n.id)).size).toBe(5);
    const times = all.map((n) => Date.parse(n.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const bad = await server.gql(LIST, { first: 2, after: "not-a-cursor" }, await tokenOf(scene.alumnus));
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");

    // Someone else's id is ignored; the alum's own two are marked.
    const other = await buildRequestScene(db(), { institution: scene.institution });
    await addOutboxRow(db(), other, "request.created");
    await deliverOutbox();
    const othersId = (await list(other.alumnus)).edges[0].node.id;
    expect((await ok(scene.alumnus, MARK, { ids: [all[0].id, all[1].id, othersId] })).markNotificationsRead).toBe(3);
    expect(await unread(other.alumnus)).toBe(1);
    const after = await list(scene.alumnus);
    expect(
      after.edges
        .filter((e) => e.node.readAt !== null)
        .map((e) => e.node.id)
        .sort(),
    ).toEqual([all[0].id, all[1].id].sort());
    expect(errorCode(await server.gql(MARK, { ids: ["nope"] }, await tokenOf(scene.alumnus)))).toBe("BAD_USER_INPUT");

    expect((await ok(scene.alumnus, MARK_ALL)).markAllNotificationsRead).toBe(0);
    expect(await unread(scene.alumnus)).toBe(0);
    expect(await unread(other.alumnus)).toBe(1);
  });

  it("keeps each institution's items to itself, by row-level security as well as by the query", async () => {
    const mine = await buildRequestScene(db());
    const theirs = await buildRequestScene(db());
    await addOutboxRow(db(), mine, "request.created");
    await addOutboxRow(db(), theirs, "request.created");
    await deliverOutbox();
    const seen = await asInstitution(db(), mine.institution.id, `SELECT institution_id FROM in_app_notifications`);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.institution_id === mine.institution.id)).toBe(true);
    const forged = await asInstitution(
      db(),
      mine.institution.id,
      `WITH u AS (UPDATE in_app_notifications SET read_at = now() WHERE institution_id = $1 RETURNING id) SELECT id FROM u`,
      [theirs.institution.id],
    );
    expect(forged).toEqual([]);
    expect(await unread(theirs.alumnus)).toBe(1);
    await expect(
      asInstitution(
        db(),
        mine.institution.id,
        `INSERT INTO in_app_notifications (institution_id, membership_id, outbox_id, kind, event, side) VALUES ($1, $2, 1, 'NEW_REQUEST', 'CREATED', 'ALUMNUS')`,
        [theirs.institution.id, theirs.alumnus.membershipId],
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("is erased with the person, and is in their data archive before", async () => {
    const scene = await buildRequestScene(db());
    const admin = await buildAdmin(db(), { institution: scene.institution });
    await addOutboxRow(db(), scene, "request.created");
    await deliverOutbox();
    const document = JSON.parse((await ok(scene.alumnus, `{ myDataExport }`)).myDataExport);
    expect(document.notifications).toEqual([
      expect.objectContaining({ role: "ALUMNUS", kind: "NEW_REQUEST", event: "CREATED", requestId: scene.requestId, readAt: null }),
    ]);
    const zip = unzipSync(Buffer.from((await ok(scene.alumnus, `{ myDataArchive { base64 } }`)).myDataArchive.base64, "base64"));
    const csv = Object.entries(zip).find(([name]) => name.endsWith("/notifications.csv"));
    expect(csv && strFromU8(csv[1])).toContain(scene.requestId);

    await ok(admin, `mutation($id: ID!) { erasePerson(membershipId: $id) }`, { id: scene.alumnus.membershipId });
    const left = await asOwnerIn(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`SELECT count(*)::int AS n FROM in_app_notifications WHERE membership_id = $1`, [scene.alumnus.membershipId]),
    );
    expect(left).toEqual([{ n: 0 }]);
  });
});

describe("the notification centre over graphql-ws", () => {
  it("pushes a new item and the unread count to its person only", async () => {
    const scene = await buildRequestScene(db());
    const updates: { alum: any[]; student: any[] } = { alum: [], student: [] };
    for (const [who, member] of [
      ["alum", scene.alumnus],
      ["student", scene.student],
    ] as const) {
      const client = createClient({
        url: `${server.url.replace(/^http/, "ws")}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${await tokenOf(member)}` },
        retryAttempts: 0,
      });
      clients.push(client);
      client.subscribe(
        { query: `subscription { notificationCentre { unreadCount added { id event side otherName link } } }` },
        { next: (r) => updates[who].push(r.errors ?? r.data?.notificationCentre), error: (e) => updates[who].push(e), complete: () => {} },
      );
    }
    await eventually(() => eventBus.subscriberCount(scene.institution.id) >= 2, 20_000, "two subscriptions");

    await addOutboxRow(db(), scene, "request.created");
    await deliverOutbox();
    await eventually(() => updates.alum.length === 1, 20_000, "the alum's update");
    expect(updates.alum[0]).toEqual({
      unreadCount: 1,
      added: [
        {
          id: expect.any(String),
          event: "CREATED",
          side: "ALUMNUS",
          otherName: "Sam Student",
          link: `/alumni/requests/${scene.requestId}`,
        },
      ],
    });

    // The student's first update is the alum's answer: the request they sent was never pushed to them.
    await addOutboxRow(db(), scene, "request.declined", { actor: "ALUMNUS" });
    await deliverOutbox();
    await eventually(() => updates.student.length === 1, 20_000, "the student's update");
    expect(updates.student[0]).toEqual({ unreadCount: 1, added: [expect.objectContaining({ event: "DECLINED", side: "STUDENT" })] });
    expect(updates.alum).toHaveLength(1);
  });

  it("refuses a subscription without sign-in", async () => {
    const institution = await buildInstitution(db());
    const errors: any[] = [];
    const client = createClient({ url: `${server.url.replace(/^http/, "ws")}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    client.subscribe(
      { query: `subscription { notificationCentre { unreadCount } }` },
      { next: (r) => errors.push(...(r.errors ?? [])), error: (e) => errors.push(...(Array.isArray(e) ? e : [e])), complete: () => {} },
    );
    await eventually(() => errors.length > 0, 20_000, "the refusal");
    expect(errors[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(eventBus.subscriberCount(institution.id)).toBe(0);
  });
});
