import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startBackgroundWork, type BackgroundWork } from "../../packages/server/src/jobs";
import { loadJobsConfig } from "../../packages/server/src/jobs/jobs.config";
import { createLogger } from "../../packages/server/src/logger";
import { verifyWebhookSignature } from "../../packages/server/src/modules/integrations/webhook-signature";
import { eventually } from "../../packages/server/src/modules/notifications/notifications.fixtures";
import { useTestDatabase } from "../../packages/server/src/test/database";
import { buildAdmin } from "../../packages/server/src/test/factories";
import {
  acceptedRequest,
  buildContactableAlumnus,
  buildSharingStudent,
  institutionOf,
  sendRequest,
  viewerOf,
} from "../../packages/server/src/test/request-kit";
import { startTestServer, type TestServer } from "../../packages/server/src/test/test-server";

/**
 * An institution's integration, with nothing but an API key: pushes its roster, syncs what changed
 * since its cursor, and receives signed webhooks as requests move — delivered by the real background
 * work (graphile-worker's outbox and webhook jobs), to a real HTTP receiver on loopback.
 */
const db = useTestDatabase();
let server: TestServer;
let work: BackgroundWork;
let receiver: Server;
const received: Array<{ body: string; signature: string; eventId: string }> = [];

beforeAll(async () => {
  server = await startTestServer(db());
  work = await startBackgroundWork({
    dataSource: db(),
    services: server.services,
    config: loadJobsConfig({
      WORKERS: "on",
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
    }),
    logger: createLogger("silent"),
  });
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: String(req.headers["infoview-signature"]), eventId: String(req.headers["infoview-event-id"]) });
      res.writeHead(received.length === 1 ? 503 : 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await work.stop();
  await new Promise((resolve) => receiver.close(resolve));
  await server.close();
});

it("pushes a roster, syncs changes since a cursor and receives a request's life cycle as signed webhooks", async () => {
  // The one step a person does: an admin makes the key.
  const admin = await buildAdmin(db());
  const created = await server.gql(
    `mutation { createApiKey(input: { name: "SIS", scopes: [PEOPLE_READ, PEOPLE_WRITE, REQUESTS_READ, WEBHOOKS_MANAGE] }) { secret } }`,
    {},
    await server.signIn(admin),
  );
  const key: string = created.data!.createApiKey.secret;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await server.gql(query, variables, key);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };

  // 1. The roster.
  const stamp = Date.now();
  const rows = Array.from({ length: 2_000 }, (_, n) => ({
    externalId: `STU-${n}`,
    email: `stu${n}-${stamp}@sis.example`,
    displayName: `Student ${n}`,
    classYear: 2027,
  }));
  const upserted = await gql(
    `mutation($rows: [StudentUpsertInput!]!) { upsertStudents(rows: $rows) { created updated unchanged errors { row } } }`,
    { rows },
  );
  expect(upserted.upsertStudents).toEqual({ created: 2_000, updated: 0, unchanged: 0, errors: [] });

  // 2. A webhook endpoint for the request life cycle.
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/infoview`;
  const endpoint = await gql(
    `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, events: [REQUEST_CREATED, REQUEST_ACCEPTED, REQUEST_DECLINED] }) { secret } }`,
    { url },
  );
  const secret: string = endpoint.createWebhookEndpoint.secret;

  // 3. A full first sync of people, keeping the cursor.
  let cursor: string | null = null;
  let seen = 0;
  for (;;) {
    const page: any = await gql(
      `query($after: String) { people(first: 1000, after: $after) { edges { node { externalId } } pageInfo { hasNextPage endCursor } } }`,
      {
        after: cursor,
      },
    );
    seen += page.people.edges.length;
    cursor = page.people.pageInfo.endCursor ?? cursor;
    if (!page.people.pageInfo.hasNextPage) break;
  }
  expect(seen).toBe(2_000);

  // 4. Life happens: a student asks two alumni; one accepts, one declines.
  const institution = institutionOf(admin);
  const student = await buildSharingStudent(db(), institution);
  const accepted = await acceptedRequest(server.services, student, await buildContactableAlumnus(db(), { institution }));
  const declinedAlum = await buildContactableAlumnus(db(), { institution });
  const declined = await sendRequest(server.services, student, declinedAlum);
  await server.services.requestLifecycle.decline(viewerOf(declinedAlum), { requestId: declined.id });

  // 5. The webhooks arrive by themselves (the first attempt is answered 503 and retried), signed.
  await eventually(() => new Set(received.map((r) => r.eventId)).size >= 4 && received.length >= 5, 30_000, "four events delivered");
  expect(received.every((r) => verifyWebhookSignature(secret, r.signature, r.body))).toBe(true);
  const events = [...new Map(received.map((r) => [r.eventId, JSON.parse(r.body)])).values()];
  expect(events.map((e) => `${e.type} ${e.data.requestId}`).sort()).toEqual(
    [
      `request.created ${accepted.id}`,
      `request.accepted ${accepted.id}`,
      `request.created ${declined.id}`,
      `request.declined ${declined.id}`,
    ].sort(),
  );

  // 6. Sync from the cursor: only the people who joined since; and the requests as they are now.
  const changed = await eventually(
    async () => {
      const page: any = await gql(`query($after: String) { people(after: $after) { edges { node { membershipId role } } } }`, {
        after: cursor,
      });
      return page.people.edges.length >= 3 ? page.people.edges : undefined;
    },
    20_000,
    "new people in the feed",
  );
  expect(changed.map((e: any) => e.node.membershipId)).toContain(student.membershipId);
  const requests: any = await gql(`{ requests { edges { node { id state } } } }`);
  expect(requests.requests.edges.map((e: any) => [e.node.id, e.node.state]).sort()).toEqual(
    [
      [accepted.id, "ACCEPTED"],
      [declined.id, "DECLINED"],
    ].sort(),
  );
}, 120_000);
