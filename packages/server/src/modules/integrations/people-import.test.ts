import { randomUUID } from "node:crypto";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAdvisor } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { eventually } from "../notifications/notifications.fixtures";
import { connectionStringOf, PgListener } from "../notifications/pg-listener";
import { eventBus, EventBus } from "../notifications/pubsub";
import { buildApiKey } from "./integrations.fixtures";
import { PeopleImportService } from "./people-import.service";
import { importTopic, type ImportProgressEvent } from "../notifications/people-import.topics";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const IMPORT = `mutation($kind: PersonKind!, $csv: String!, $importId: ID) {
  importPeopleCsv(kind: $kind, csv: $csv, importId: $importId) { importId total created updated unchanged errors { row externalId field code } }
}`;
const PROGRESS = `subscription($importId: ID!) { importProgress(importId: $importId) { importId total processed created updated unchanged failed done } }`;

const clients: Client[] = [];
afterAll(async () => {
  for (const c of clients) await c.dispose();
});

function watch(token: string, importId: string) {
  const events: Array<Record<string, any>> = [];
  const errors: unknown[] = [];
  const closeCodes: number[] = [];
  const client = createClient({
    url: `${server.url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
  });
  clients.push(client);
  client.subscribe<{ importProgress: Record<string, any> }>(
    { query: PROGRESS, variables: { importId } },
    {
      next: (r) => {
        if (r.errors) errors.push(...r.errors);
        if (r.data) events.push(r.data.importProgress);
      },
      error: (e) => errors.push(e),
      complete: () => {},
    },
  );
  return { events, errors, closeCodes };
}

/** Waits until the bus has the import's subscription, so no progress is published before it listens. */
const listening = (institutionId: string, importId: string) =>
  eventually(
    () =>
      ((eventBus as unknown as { target: { listeners: Map<string, number> } }).target.listeners.get(importTopic(institutionId, importId)) ??
        0) > 0,
    20_000,
    "the import subscription",
  );

const csvOf = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n");

describe("importPeopleCsv", () => {
  it("imports a large file in chunks, reporting progress live and bad lines by number", async () => {
    const { adminToken, institutionId } = await buildApiKey(server, db(), ["PEOPLE_READ"]);
    const importId = randomUUID();
    const progress = watch(adminToken, importId);
    await listening(institutionId, importId);
    const stamp = Date.now();
    const rows = Array.from({ length: 12_001 }, (_, n) => [`CSV-${n}`, `csv${n}-${stamp}@sis.example`, `Student, ${n}`, "2027", ""]);
    rows[41][1] = "not-an-email";
    const csv = csvOf([["External ID", "email", "display_name", "classYear", "major"], ...rows]);
    const result = await server.gql(IMPORT, { kind: "STUDENT", csv, importId }, adminToken);
    expect(result.errors).toBeUndefined();
    expect(result.data!.importPeopleCsv).toEqual({
      importId,
      total: 12_001,
      created: 12_000,
      updated: 0,
      unchanged: 0,
      errors: [{ row: 43, externalId: "CSV-41", field: "email", code: "INVALID" }],
    });
    await eventually(() => progress.events.some((e) => e.done), 20_000, "the last progress event");
    expect(progress.errors).toEqual([]);
    expect(progress.events.map((e) => [e.processed, e.created, e.failed, e.done])).toEqual([
      [1, 0, 1, false],
      [5_001, 5_000, 1, false],
      [10_001, 10_000, 1, false],
      [12_001, 12_000, 1, true],
    ]);
    const [{ count, named }] = await tenantTransaction(db(), { institutionId }, (m) =>
      m.query(
        `SELECT count(*)::int AS count, count(*) FILTER (WHERE i.display_name = 'Student, 7')::int AS named
           FROM memberships ms JOIN identities i ON i.id = ms.identity_id WHERE ms.external_id LIKE 'CSV-%'`,
      ),
    );
    expect({ count, named }).toEqual({ count: 12_000, named: 1 });
    // The same file again writes nothing.
    const again = await server.gql(IMPORT, { kind: "STUDENT", csv }, adminToken);
    expect(again.data!.importPeopleCsv).toMatchObject({ created: 0, updated: 0, unchanged: 12_000 });
  }, 120_000);

  it("refuses a file it cannot read with CSV_INVALID, writing nothing", async () => {
    const { adminToken } = await buildApiKey(server, db(), ["PEOPLE_READ"]);
    for (const csv of [
      "",
      "email,displayName\na@b.co,A",
      "externalId,email,displayName,shoeSize\n1,a@b.co,A,9",
      'externalId,email,displayName\n1,"a@b.co,A',
    ]) {
      expect(errorCode(await server.gql(IMPORT, { kind: "STUDENT", csv }, adminToken))).toBe("CSV_INVALID");
    }
    expect(
      errorCode(await server.gql(IMPORT, { kind: "STUDENT", csv: "externalId,email,displayName,employer\n1,a@b.co,A,Acme" }, adminToken)),
    ).toBe("CSV_INVALID");
  });

  describe("access", () => {
    it("requires credentials", async () => {
      expect(errorCode(await server.gql(IMPORT, { kind: "STUDENT", csv: "externalId,email,displayName" }))).toBe("UNAUTHENTICATED");
    });

    it("is for admins and keys with people:write", async () => {
      const advisor = await buildAdvisor(db());
      expect(
        errorCode(await server.gql(IMPORT, { kind: "STUDENT", csv: "externalId,email,displayName" }, await server.signIn(advisor))),
      ).toBe("FORBIDDEN");
      const { key } = await buildApiKey(server, db(), ["PEOPLE_READ"]);
      expect(errorCode(await server.gql(IMPORT, { kind: "STUDENT", csv: "externalId,email,displayName" }, key))).toBe("SCOPE_MISSING");
    });

    it("follows an import over a socket opened with a key, and closes that socket once the key is revoked", async () => {
      const fixture = await buildApiKey(server, db(), ["PEOPLE_WRITE"]);
      const importId = randomUUID();
      const socket = watch(fixture.key, importId);
      await listening(fixture.institutionId, importId);
      await server.gql(
        IMPORT,
        { kind: "STUDENT", csv: `externalId,email,displayName\nK-1,k1-${Date.now()}@x.example,Kay`, importId },
        fixture.key,
      );
      await eventually(() => socket.events.some((e) => e.done), 20_000, "progress over the key's socket");
      await server.services.notifications.sockets.sweep();
      expect(socket.closeCodes).toEqual([]);
      await server.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: fixture.keyId }, fixture.adminToken);
      await server.services.notifications.sockets.sweep();
      await eventually(() => socket.closeCodes.includes(4401), 10_000, "the socket closed with 4401");
    });

    it("shows an import's progress only in its own institution", async () => {
      const mine = await buildApiKey(server, db(), ["PEOPLE_READ"]);
      const theirs = await buildApiKey(server, db(), ["PEOPLE_READ"]);
      const importId = randomUUID();
      const spy = watch(theirs.adminToken, importId);
      const own = watch(mine.adminToken, importId);
      await listening(theirs.institutionId, importId);
      await listening(mine.institutionId, importId);
      await server.gql(
        IMPORT,
        { kind: "ALUMNUS", csv: `externalId,email,displayName,employer\nA-1,a1-${Date.now()}@x.example,Al,Acme`, importId },
        mine.adminToken,
      );
      await eventually(() => own.events.some((e) => e.done), 20_000, "own progress");
      expect(spy.events).toEqual([]);
    });
  });
});

describe("import progress across server processes", () => {
  /** Two buses, each with its own LISTEN connection: two server processes as far as PostgreSQL can tell. */
  async function twoProcesses() {
    const processes = [new EventBus(), new EventBus()].map((bus) => ({ bus, listener: new PgListener(connectionStringOf(db())) }));
    for (const p of processes) {
      await p.bus.listen(p.listener);
      await p.listener.start();
    }
    return processes;
  }

  function record(bus: EventBus, topic: string): ImportProgressEvent[] {
    const seen: ImportProgressEvent[] = [];
    const iterator = bus.pubSub.subscribe(topic)[Symbol.asyncIterator]();
    void (async () => {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) seen.push(next.value as ImportProgressEvent);
    })();
    return seen;
  }

  const csvRows = (n: number, prefix: string) => {
    const stamp = Date.now();
    return csvOf([
      ["externalId", "email", "displayName"],
      ...Array.from({ length: n }, (_, i) => [`${prefix}-${i}`, `${prefix.toLowerCase()}${i}-${stamp}@sis.example`, `Student ${i}`]),
    ]);
  };

  it("reaches a subscriber in another process through NOTIFY, ending with the done event", async () => {
    const { institutionId } = await buildApiKey(server, db(), ["PEOPLE_READ"]);
    const [a, b] = await twoProcesses();
    try {
      const importId = randomUUID();
      const topic = importTopic(institutionId, importId);
      const inA = record(a.bus, topic);
      const inB = record(b.bus, topic);
      const imports = new PeopleImportService(server.services.integrations.people, { dataSource: db(), bus: a.bus, notifyEveryMs: 0 });
      const result = await imports.importCsv(institutionId, "STUDENT", csvRows(11_000, "XP"), importId);
      expect(result.created).toBe(11_000);
      await eventually(() => inB.some((e) => e.done), 20_000, "the last progress event in the other process");
      const steps = (events: ImportProgressEvent[]) => events.map((e) => [e.processed, e.created, e.done]);
      expect(steps(inB)).toEqual([
        [0, 0, false],
        [5_000, 5_000, false],
        [10_000, 10_000, false],
        [11_000, 11_000, true],
      ]);
      // The importing process's own subscribers hear each event once (not again from its own NOTIFY).
      expect(steps(inA)).toEqual(steps(inB));
      expect(inB.at(-1)).toEqual({
        importId,
        kind: "STUDENT",
        total: 11_000,
        processed: 11_000,
        created: 11_000,
        updated: 0,
        unchanged: 0,
        failed: 0,
        done: true,
      });
    } finally {
      await a.listener.close();
      await b.listener.close();
    }
  }, 120_000);

  it("throttles the notifications: other processes get at most one per interval, and always the last", async () => {
    const { institutionId } = await buildApiKey(server, db(), ["PEOPLE_READ"]);
    const [a, b] = await twoProcesses();
    try {
      const importId = randomUUID();
      const topic = importTopic(institutionId, importId);
      const inA = record(a.bus, topic);
      const inB = record(b.bus, topic);
      let clock = 0;
      const imports = new PeopleImportService(server.services.integrations.people, {
        dataSource: db(),
        bus: a.bus,
        notifyEveryMs: 250,
        // Each step takes 100 ms on this clock: the first event goes, then one 300 ms later, then the last.
        now: () => (clock += 100),
      });
      await imports.importCsv(institutionId, "STUDENT", csvRows(26_000, "TH"), importId);
      await eventually(() => inB.some((e) => e.done), 20_000, "the last progress event in the other process");
      expect(inA.map((e) => e.processed)).toEqual([0, 5_000, 10_000, 15_000, 20_000, 25_000, 26_000]);
      expect(inB.map((e) => e.processed)).toEqual([0, 15_000, 26_000]);
    } finally {
      await a.listener.close();
      await b.listener.close();
    }
  }, 180_000);
});
