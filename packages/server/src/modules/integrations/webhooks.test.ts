import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { OutboxJob } from "../../jobs/outbox-job";
import { outboxTask, TASK, webhookTask } from "../../jobs/tasks";
import { createLogger } from "../../logger";
import { useFreshDatabase } from "../../test/database";
import { makeJobsDue, OutcomeRecorder, queuedJobs, runDueJobs } from "../../test/jobs";
import { buildAdvisor } from "../../test/factories";
import {
  acceptedRequest,
  buildContactableAlumnus,
  buildSharingStudent,
  institutionOf,
  moveMeetingToPast,
  sendRequest,
  viewerOf,
} from "../../test/request-kit";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { ConsentKind } from "../consent/consent-kind.enum";
import { buildApiKey, type KeyFixture } from "./integrations.fixtures";
import { DEFAULT_WEBHOOK_SETTINGS, WebhookSender, type WebhookSettings } from "./webhook-sender";
import type { LookupAll } from "./network-guard";

// A database of this file's own: running the due jobs runs every one in the database, not only this file's.
const db = useFreshDatabase("webhooks", 6);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());
const silent = createLogger("silent");

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  validSignature: boolean;
}

/**
 * What a receiver written from docs/integrations.md checks, without our own code: HMAC-SHA256 of "<t>.<body>",
 * and a timestamp within 300 s of now.
 */
function independentlyVerified(secret: string, header: string | undefined, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match || Math.abs(Date.now() / 1000 - Number(match[1])) > 300) return false;
  return createHmac("sha256", secret).update(`${match[1]}.${body}`).digest("hex") === match[2];
}

/** A real HTTP receiver on loopback that checks each signature; it answers 500 to the first `failFirst` requests. */
class Receiver {
  readonly received: Received[] = [];
  secret = "";
  failFirst = 0;
  private server: Server | null = null;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        this.received.push({
          headers: req.headers,
          body,
          validSignature: independentlyVerified(this.secret, req.headers["infoview-signature"] as string, body),
        });
        if (this.failFirst > 0) {
          this.failFirst -= 1;
          res.writeHead(500).end("not now");
        } else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  events(): Array<{ type: string; id: string; data: Record<string, any> }> {
    return this.received.map((r) => JSON.parse(r.body));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const receivers: Receiver[] = [];
afterAll(() => Promise.all(receivers.map((r) => r.close())));
async function receiver(): Promise<Receiver> {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
}

const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url events active } } }`;
const DELIVERIES = `query($endpointId: ID!, $first: Int, $after: String) {
  webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {
    edges { cursor node { id eventId event state attempts lastStatus lastError lastAttemptAt nextAttemptAt deliveredAt replayOf body } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const REPLAY = `mutation($id: ID!) { replayWebhookDelivery(deliveryId: $id) { id eventId state replayOf } }`;
const ALL_EVENTS = [
  "REQUEST_CREATED",
  "REQUEST_ACCEPTED",
  "REQUEST_DECLINED",
  "REQUEST_EXPIRED",
  "REQUEST_COMPLETED",
  "REQUEST_CANCELLED",
  "REQUEST_WITHDRAWN",
  "CONSENT_WITHDRAWN",
];

async function endpointFor(fixture: KeyFixture, r: Receiver, events = ALL_EVENTS): Promise<string> {
  const result = await server.gql(CREATE, { input: { url: r.url, events, description: "Test receiver" } }, fixture.key);
  expect(result.errors).toBeUndefined();
  r.secret = result.data!.createWebhookEndpoint.secret;
  expect(r.secret).toMatch(/^whsec_/);
  return result.data!.createWebhookEndpoint.endpoint.id;
}

/** The server's `outbox` job, run on every due row (it fans each row out to the endpoints that want it). */
async function runOutbox(): Promise<void> {
  const outbox = new OutboxJob({
    dataSource: db(),
    deliverer: server.services.notifications.deliverer,
    settings: { leaseMs: 60_000, maxAttempts: 3 },
    logger: silent,
  });
  await runDueJobs(db(), { [TASK.outbox]: outboxTask({ outbox, logger: silent }) });
}

/** A sender as a runner has it: the `webhook` task, run on the due deliveries, counting one institution's outcomes. */
const sender = (overrides: Partial<WebhookSettings> = {}, lookup?: LookupAll) => {
  const webhooks = new WebhookSender({
    dataSource: db(),
    settings: { ...DEFAULT_WEBHOOK_SETTINGS, timeoutMs: 5000, allowPrivateNetworks: true, ...overrides },
    logger: silent,
    lookup,
  });
  const outcomes = new OutcomeRecorder();
  const tasks = { [TASK.webhook]: webhookTask({ webhooks, logger: silent, onOutcome: outcomes.onOutcome }) };
  return {
    async sendDue(institutionId: string) {
      const from = outcomes.events.length;
      await runDueJobs(db(), tasks);
      const counts = outcomes.count(institutionId, from);
      return { delivered: counts.delivered ?? 0, failed: counts.failed ?? 0, retrying: counts.retrying ?? 0 };
    },
  };
};

/** Runs the outbox, then sends what it fanned out. */
async function flush(institutionId: string, s = sender()) {
  await runOutbox();
  return s.sendDue(institutionId);
}

/** Seconds between a delivery's last attempt and its next one, as the delivery log shows them. */
const waitOf = (node: { lastAttemptAt: string; nextAttemptAt: string }) =>
  (new Date(node.nextAttemptAt).getTime() - new Date(node.lastAttemptAt).getTime()) / 1000;

describe("webhooks", () => {
  it("delivers a request's life cycle, signed, to a receiver registered with an API key", async () => {
    const fixture = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"]);
    const r = await receiver();
    await endpointFor(fixture, r);
    const institution = institutionOf(fixture.admin);
    const student = await buildSharingStudent(db(), institution);
    const alumnus = await buildContactableAlumnus(db(), { institution });

    const request = await acceptedRequest(server.services, student, alumnus);
    expect(await flush(fixture.institutionId)).toEqual({ delivered: 2, failed: 0, retrying: 0 });
    await moveMeetingToPast(db(), request);
    await server.services.requestLifecycle.complete(viewerOf(student), { requestId: request.id });
    const declined = await sendRequest(server.services, student, alumnus);
    await server.services.requestLifecycle.decline(viewerOf(alumnus), { requestId: declined.id, reason: "Travelling" });
    expect(await flush(fixture.institutionId)).toEqual({ delivered: 3, failed: 0, retrying: 0 });

    expect(r.received.every((x) => x.validSignature)).toBe(true);
    const events = r.events();
    expect(events.map((e) => [e.type, e.data.requestId])).toEqual([
      ["request.created", request.id],
      ["request.accepted", request.id],
      ["request.completed", request.id],
      ["request.created", declined.id],
      ["request.declined", declined.id],
    ]);
    expect(events[1]).toMatchObject({
      institutionId: fixture.institutionId,
      data: {
        state: "ACCEPTED",
        previousState: "REQUESTED",
        student: { membershipId: student.membershipId },
        alumnus: { membershipId: alumnus.membershipId },
      },
    });
    // Names and messages never travel in a webhook; integrations read details with their own scopes.
    expect(r.received.map((x) => x.body).join()).not.toContain("Hello!");
    expect(r.received[0].headers["infoview-event-id"]).toBe(events[0].id);
    expect(r.received[0].headers["infoview-event"]).toBe("request.created");
    expect(new Set(events.map((e) => e.id)).size).toBe(5);
    // Running everything again sends nothing twice.
    expect(await flush(fixture.institutionId)).toEqual({ delivered: 0, failed: 0, retrying: 0 });
    expect(r.received).toHaveLength(5);
  });

  it("only sends the events an endpoint chose, and announces a withdrawn consent", async () => {
    const fixture = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"]);
    const r = await receiver();
    await endpointFor(fixture, r, ["CONSENT_WITHDRAWN"]);
    const institution = institutionOf(fixture.admin);
    const student = await buildSharingStudent(db(), institution);
    const alumnus = await buildContactableAlumnus(db(), { institution });
    await sendRequest(server.services, student, alumnus);
    await server.services.consent.withdraw(viewerOf(alumnus), ConsentKind.ALUMNUS_LISTED);
    await flush(fixture.institutionId);
    expect(r.events()).toEqual([
      expect.objectContaining({
        type: "consent.withdrawn",
        data: expect.objectContaining({ membershipId: alumnus.membershipId, role: "ALUMNUS", kind: "ALUMNUS_LISTED" }),
      }),
    ]);
    expect(r.received[0].validSignature).toBe(true);
  });

  it("retries with backoff when the receiver fails, logs each attempt, and delivers once it answers", async () => {
    const fixture = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"]);
    const r = await receiver();
    r.failFirst = 2;
    const endpointId = await endpointFor(fixture, r);
    const institution = institutionOf(fixture.admin);
    await sendRequest(server.services, await buildSharingStudent(db(), institution), await buildContactableAlumnus(db(), { institution }));
    const s = sender();
    expect(await flush(fixture.institutionId, s)).toEqual({ delivered: 0, failed: 0, retrying: 1 });
    // Not due yet: the backoff holds it back.
    expect(await s.sendDue(fixture.institutionId)).toEqual({ delivered: 0, failed: 0, retrying: 0 });
    let log = (await server.gql(DELIVERIES, { endpointId }, fixture.key)).data!.webhookDeliveries.edges;
    expect(log).toHaveLength(1);
    expect(log[0].node).toMatchObject({ state: "PENDING", attempts: 1, lastStatus: 500 });
    expect(log[0].node.lastError).toContain("not now");
    // graphile-worker's backoff: exp(1) seconds after the first failure, as the log says.
    expect(waitOf(log[0].node)).toBeCloseTo(Math.E, 0);
    const [job] = await queuedJobs(db(), TASK.webhook);
    expect(job).toMatchObject({ attempts: 1, payload: { institutionId: fixture.institutionId, deliveryId: log[0].node.id } });
    // Its job keeps ids only: the receiver's answer stays in the tenant's delivery log.
    expect(job.lastError).not.toContain("not now");
    await makeJobsDue(db(), TASK.webhook);
    expect(await s.sendDue(fixture.institutionId)).toEqual({ delivered: 0, failed: 0, retrying: 1 });
    // The second wait is longer: exp(2) seconds.
    log = (await server.gql(DELIVERIES, { endpointId }, fixture.key)).data!.webhookDeliveries.edges;
    expect(waitOf(log[0].node)).toBeCloseTo(Math.exp(2), 0);
    expect(await s.sendDue(fixture.institutionId)).toEqual({ delivered: 0, failed: 0, retrying: 0 });
    await makeJobsDue(db(), TASK.webhook);
    expect(await s.sendDue(fixture.institutionId)).toEqual({ delivered: 1, failed: 0, retrying: 0 });
    log = (await server.gql(DELIVERIES, { endpointId }, fixture.key)).data!.webhookDeliveries.edges;
    expect(log[0].node).toMatchObject({ state: "DELIVERED", attempts: 3, lastStatus: 204, lastError: null, nextAttemptAt: null });
    expect(r.received).toHaveLength(3);
    // Every attempt carries the same event id, so the receiver can tell repeats apart.
    expect(new Set(r.received.map((x) => x.headers["infoview-event-id"])).size).toBe(1);
    expect(r.received.every((x) => x.validSignature)).toBe(true);
    expect(await queuedJobs(db(), TASK.webhook)).toEqual([]);
  });

  it("gives up after the last attempt, and a replay sends the event again with the same event id", async () => {
    const fixture = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"]);
    const r = await receiver();
    r.failFirst = 2;
    const endpointId = await endpointFor(fixture, r);
    const institution = institutionOf(fixture.admin);
    await sendRequest(server.services, await buildSharingStudent(db(), institution), await buildContactableAlumnus(db(), { institution }));
    const s = sender({ maxAttempts: 2 });
    await flush(fixture.institutionId, s);
    await makeJobsDue(db(), TASK.webhook);
    expect(await s.sendDue(fixture.institutionId)).toEqual({ delivered: 0, failed: 1, retrying: 0 });
    const [failed] = (await server.gql(DELIVERIES, { endpointId }, fixture.key)).data!.webhookDeliveries.edges;
    expect(failed.node).toMatchObject({ state: "FAILED", attempts: 2 });

    const replay = await server.gql(REPLAY, { id: failed.node.id }, fixture.key);
    expect(replay.data!.replayWebhookDelivery).toMatchObject({ state: "PENDING", replayOf: failed.node.id, eventId: failed.node.eventId });
    expect(await s.sendDue(fixture.institutionId)).toEqual({ delivered: 1, failed: 0, retrying: 0 });
    expect(r.received.map((x) => x.headers["infoview-event-id"])).toEqual([failed.node.eventId, failed.node.eventId, failed.node.eventId]);
    const log = (await server.gql(DELIVERIES, { endpointId, first: 1 }, fixture.key)).data!.webhookDeliveries;
    expect(log.edges[0].node).toMatchObject({ state: "DELIVERED", replayOf: failed.node.id });
    expect(log.pageInfo.hasNextPage).toBe(true);
    const next = (await server.gql(DELIVERIES, { endpointId, first: 1, after: log.pageInfo.endCursor }, fixture.key)).data!
      .webhookDeliveries;
    expect(next.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([failed.node.id]);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it("rejects a URL that is not http(s) with WEBHOOK_URL_INVALID", async () => {
    const fixture = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"]);
    const result = await server.gql(CREATE, { input: { url: "ftp://example.org/x", events: ["REQUEST_CREATED"] } }, fixture.key);
    expect(errorCode(result)).toBe("WEBHOOK_URL_INVALID");
  });

  describe("private networks (SSRF guard)", () => {
    let guarded: TestServer;
    beforeAll(async () => {
      guarded = await startTestServer(db(), { WEBHOOK_ALLOW_PRIVATE_NETWORKS: "false" });
    });
    afterAll(() => guarded.close());

    it("refuses to register or move an endpoint to a loopback, private, link-local or metadata address", async () => {
      const fixture = await buildApiKey(guarded, db(), ["WEBHOOKS_MANAGE"]);
      for (const url of [
        "http://127.0.0.1:8080/hooks",
        "http://localhost/hooks",
        "http://api.localhost/hooks",
        "http://0.0.0.0/hooks",
        "http://2130706433/hooks", // 127.0.0.1 as one number
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/hooks",
        "http://172.20.0.1/hooks",
        "http://192.168.1.10/hooks",
        "http://100.64.0.1/hooks",
        "http://[::1]/hooks",
        "http://[::ffff:127.0.0.1]/hooks",
        "http://[::ffff:169.254.169.254]/hooks",
        "http://[fd12:3456::1]/hooks",
        "http://[fe80::1]/hooks",
        "http://[::]/hooks",
      ]) {
        const result = await guarded.gql(CREATE, { input: { url, events: ["REQUEST_CREATED"] } }, fixture.key);
        expect([url, errorCode(result)]).toEqual([url, "WEBHOOK_URL_PRIVATE"]);
      }
      // A name is resolved at registration: one pointing into a private network is refused too.
      const webhooks = guarded.services.integrations.webhooks;
      const original = webhooks.lookup;
      webhooks.lookup = async (hostname) =>
        hostname === "internal.example.com" ? [{ address: "10.0.0.7", family: 4 }] : [{ address: "93.184.215.14", family: 4 }];
      try {
        const refused = await guarded.gql(
          CREATE,
          { input: { url: "https://internal.example.com/hooks", events: ["REQUEST_CREATED"] } },
          fixture.key,
        );
        expect(errorCode(refused)).toBe("WEBHOOK_URL_PRIVATE");
        expect(refused.errors![0].message).toContain("10.0.0.7");
        const created = await guarded.gql(
          CREATE,
          { input: { url: "https://hooks.example.com/infoview", events: ["REQUEST_CREATED"] } },
          fixture.key,
        );
        expect(created.errors).toBeUndefined();
        const id = created.data!.createWebhookEndpoint.endpoint.id;
        const move = `mutation($id: ID!, $url: String!) { updateWebhookEndpoint(id: $id, input: { url: $url }) { url } }`;
        expect(errorCode(await guarded.gql(move, { id, url: "http://169.254.169.254/" }, fixture.key))).toBe("WEBHOOK_URL_PRIVATE");
        expect(errorCode(await guarded.gql(move, { id, url: "https://internal.example.com/" }, fixture.key))).toBe("WEBHOOK_URL_PRIVATE");
      } finally {
        webhooks.lookup = original;
      }
    });

    it("refuses at delivery a name that resolves to loopback, connecting only to the address it checked", async () => {
      const fixture = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"]);
      const r = await receiver();
      const port = new URL(r.url).port;
      // Registered while the name still looked harmless (here: with the guard off); it now resolves to loopback.
      const created = await server.gql(
        CREATE,
        { input: { url: `http://hooks.example.test:${port}/hooks`, events: ["REQUEST_CREATED"] } },
        fixture.key,
      );
      const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
      r.secret = created.data!.createWebhookEndpoint.secret;
      const lookups: string[] = [];
      const guardedSender = sender({ allowPrivateNetworks: false }, async (hostname) => {
        lookups.push(hostname);
        return [{ address: "127.0.0.1", family: 4 }];
      });
      const institution = institutionOf(fixture.admin);
      await sendRequest(
        server.services,
        await buildSharingStudent(db(), institution),
        await buildContactableAlumnus(db(), { institution }),
      );
      await runOutbox();
      expect(await guardedSender.sendDue(fixture.institutionId)).toEqual({ delivered: 0, failed: 0, retrying: 1 });
      expect(lookups).toEqual(["hooks.example.test"]);
      expect(r.received).toEqual([]);
      const log = (await server.gql(DELIVERIES, { endpointId }, fixture.key)).data!.webhookDeliveries.edges;
      expect(log[0].node.lastError).toContain("hooks.example.test resolves to 127.0.0.1");

      // The address itself is refused as well, with no lookup at all.
      const move = `mutation($id: ID!, $url: String!) { updateWebhookEndpoint(id: $id, input: { url: $url }) { url } }`;
      expect((await server.gql(move, { id: endpointId, url: r.url }, fixture.key)).errors).toBeUndefined();
      await makeJobsDue(db(), TASK.webhook);
      expect(await guardedSender.sendDue(fixture.institutionId)).toEqual({ delivered: 0, failed: 0, retrying: 1 });
      expect(r.received).toEqual([]);

      // With private networks allowed, the same delivery reaches the receiver: it was the guard that stopped it.
      await makeJobsDue(db(), TASK.webhook);
      expect(await sender().sendDue(fixture.institutionId)).toEqual({ delivered: 1, failed: 0, retrying: 0 });
      expect(r.received).toHaveLength(1);
      expect(r.received[0].validSignature).toBe(true);
    });
  });

  describe("access", () => {
    it("requires credentials", async () => {
      expect(errorCode(await server.gql(`{ webhookEndpoints { id } }`))).toBe("UNAUTHENTICATED");
    });

    it("is for admins and keys with webhooks:manage", async () => {
      const advisor = await buildAdvisor(db());
      expect(errorCode(await server.gql(`{ webhookEndpoints { id } }`, {}, await server.signIn(advisor)))).toBe("FORBIDDEN");
      const fixture = await buildApiKey(server, db(), ["PEOPLE_READ"]);
      expect(errorCode(await server.gql(`{ webhookEndpoints { id } }`, {}, fixture.key))).toBe("SCOPE_MISSING");
      expect((await server.gql(`{ webhookEndpoints { id } }`, {}, fixture.adminToken)).data!.webhookEndpoints).toEqual([]);
    });

    it("never shows or touches another institution's endpoints and deliveries", async () => {
      const mine = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"]);
      const theirs = await buildApiKey(server, db(), ["WEBHOOKS_MANAGE"]);
      const r = await receiver();
      const endpointId = await endpointFor(theirs, r);
      const institution = institutionOf(theirs.admin);
      await sendRequest(
        server.services,
        await buildSharingStudent(db(), institution),
        await buildContactableAlumnus(db(), { institution }),
      );
      await flush(theirs.institutionId);
      const [delivery] = (await server.gql(DELIVERIES, { endpointId }, theirs.key)).data!.webhookDeliveries.edges;
      expect((await server.gql(`{ webhookEndpoints { id } }`, {}, mine.key)).data!.webhookEndpoints).toEqual([]);
      expect(errorCode(await server.gql(DELIVERIES, { endpointId }, mine.key))).toBe("NOT_FOUND");
      expect(errorCode(await server.gql(REPLAY, { id: delivery.node.id }, mine.key))).toBe("NOT_FOUND");
      const update = `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { active: false }) { id } }`;
      expect(errorCode(await server.gql(update, { id: endpointId }, mine.key))).toBe("NOT_FOUND");
      expect(errorCode(await server.gql(`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: endpointId }, mine.key))).toBe(
        "NOT_FOUND",
      );
    });
  });
});
