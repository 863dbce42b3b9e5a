import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient, type Client as WsClient } from "graphql-ws";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import WebSocket from "ws";
import { createDataSource } from "../../packages/server/src/db/data-source";
import { spawn as spawnProcess, type ChildProcess } from "node:child_process";
import { freePort } from "../../packages/server/src/db/embedded-postgres";
import { tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { buildRequestScene, type RequestScene } from "../../packages/server/src/modules/notifications/notifications.fixtures";
import { buildStudent, TEST_PASSWORD, type BuiltMember } from "../../packages/server/src/test/factories";
import { spawnServer, type SpawnedServer } from "./spawn-server";

/**
 * Two server processes (packages/server/dist) behind no load balancer but one PostgreSQL that this
 * test owns, so that it can stop and start it: events cross processes, scheduled work runs once,
 * a process stopped mid-load loses nothing, and a PostgreSQL restart mid-load is survived. Both run graphile-worker.
 */

jest.setTimeout(120_000);

const HOUR = 3_600_000;
let dir: string;
let pgPort: number;
let cluster: ChildProcess;
let clusterOutput = "";
let url: string;
let dataSource: DataSource;
let a: SpawnedServer;
let b: SpawnedServer;
const dataDirs: string[] = [];

/** Sends a command to the cluster's process (tests/api/pg-cluster.js) and waits for its answer. */
async function clusterCommand(command: "start" | "stop"): Promise<string> {
  const seen = clusterOutput.length;
  cluster.stdin!.write(`${command}\n`);
  const answer = await eventually(
    async () => /^(started|stopped|failed).*$/m.exec(clusterOutput.slice(seen))?.[0],
    60_000,
    `PostgreSQL to ${command}`,
  );
  if (answer.startsWith("failed")) throw new Error(answer);
  return answer;
}

async function startCluster(): Promise<string> {
  return (await clusterCommand("start")).replace(/^started /, "");
}

function spawn(): Promise<SpawnedServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "infoview-replica-"));
  dataDirs.push(dataDir);
  return spawnServer({
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    WORKERS: "on",
    DB_POOL_SIZE: "5",
    // Both processes see every request from 127.0.0.1: leave the rate limits out of this test.
    RATE_LIMIT_PER_MINUTE: "1000000",
    RATE_LIMIT_ANON_PER_MINUTE: "1000000",
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "infoview-replicas-pg-"));
  pgPort = await freePort();
  cluster = spawnProcess(process.execPath, [path.join(__dirname, "pg-cluster.js"), dir, String(pgPort)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  cluster.stdout!.on("data", (d) => (clusterOutput += d));
  const serverUrl = await startCluster();
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE infoview`);
  await admin.end();
  url = serverUrl.replace(/\/postgres$/, "/infoview");
  // The first process migrates; the second starts on a migrated database.
  a = await spawn();
  b = await spawn();
  dataSource = createDataSource(url, 2);
  await dataSource.initialize();
});

afterAll(async () => {
  await a?.stop("SIGKILL");
  await b?.stop("SIGKILL");
  await dataSource?.destroy().catch(() => {});
  if (cluster && cluster.exitCode === null) {
    const exited = new Promise((r) => cluster.once("exit", r));
    cluster.stdin!.end();
    await exited;
  }
});

async function gql(server: SpawnedServer, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function signIn(server: SpawnedServer, member: BuiltMember): Promise<string> {
  const result = await gql(server, `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`, {
    i: { email: member.email, password: TEST_PASSWORD, institutionId: member.institutionId },
  });
  if (!result.body.data?.signIn) throw new Error(JSON.stringify(result.body));
  return result.body.data.signIn.accessToken;
}

async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Subscribes to requestUpdates on one process; resolves with the kinds that arrive for the request. */
function watchUpdates(
  server: SpawnedServer,
  token: string,
): { kinds: Array<{ requestId: string; kind: string }>; ready: Promise<void>; client: WsClient } {
  const kinds: Array<{ requestId: string; kind: string }> = [];
  const client = createClient({
    url: `${server.url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
  });
  const ready = new Promise<void>((resolve, reject) => {
    client.on("connected", () => resolve());
    client.on("error", reject);
  });
  client.subscribe<{ requestUpdates: { requestId: string; kind: string } }>(
    { query: `subscription { requestUpdates { requestId kind } }` },
    { next: (r) => r.data && kinds.push(r.data.requestUpdates), error: () => {}, complete: () => {} },
  );
  return { kinds, ready, client };
}

/** A subscription on `on` hears the decline that the alum sends through `via`. */
async function crossProcessEvent(on: SpawnedServer, via: SpawnedServer): Promise<void> {
  const scene: RequestScene = await buildRequestScene(dataSource);
  const watcher = watchUpdates(on, await signIn(on, scene.student));
  try {
    await watcher.ready;
    // The subscription is registered once the server has processed the subscribe message.
    await new Promise((r) => setTimeout(r, 500));
    const declined = await gql(
      via,
      `mutation($i: DeclineRequestInput!) { declineRequest(input: $i) { state } }`,
      { i: { requestId: scene.requestId } },
      await signIn(via, scene.alumnus),
    );
    expect(declined.body.errors).toBeUndefined();
    expect(declined.body.data.declineRequest.state).toBe("DECLINED");
    await eventually(async () => watcher.kinds.some((k) => k.requestId === scene.requestId), 20_000, "the event on the other process");
    expect(watcher.kinds.filter((k) => k.requestId === scene.requestId).map((k) => k.kind)).toEqual(["DECLINED"]);
  } finally {
    await watcher.client.dispose();
  }
}

describe("two server processes on one PostgreSQL", () => {
  it("delivers a subscription event on one process for a mutation on the other", async () => {
    await crossProcessEvent(a, b);
    await crossProcessEvent(b, a);
  });

  it("sends an expiry reminder once, though both processes run the scheduler", async () => {
    // Unanswered for six days, expiring in two hours: due for its reminder.
    const scene = await buildRequestScene(dataSource, {
      createdAt: new Date(Date.now() - 6 * 24 * HOUR),
      expiresAt: new Date(Date.now() + 2 * HOUR),
    });
    const reminders = () =>
      tenantTransaction(dataSource, { institutionId: scene.institution.id }, (m) =>
        m.query(`SELECT id, delivered_at FROM outbox WHERE topic = 'request.expiry_reminder' AND payload->>'requestId' = $1`, [
          scene.requestId,
        ]),
      ) as Promise<Array<{ id: string; delivered_at: Date | null }>>;
    // Expiry and reminders run on the crontab's minute (graphile-worker gives each minute to one process): wait for
    // the next one.
    await eventually(async () => (await reminders()).some((r) => r.delivered_at), 90_000, "the reminder to be delivered");
    // Both processes keep looking for jobs meanwhile.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await reminders()).toHaveLength(1);
    const mails = dataDirs
      .map((d) => path.join(d, "mail"))
      .filter((d) => existsSync(d))
      .flatMap((d) => readdirSync(d).map((f) => readFileSync(path.join(d, f), "utf8")))
      .filter((text) => text.includes(scene.alumnus.email));
    expect(mails).toHaveLength(1);
  });

  it("recovers by itself when PostgreSQL restarts mid-load: /readyz red, clear errors, then green again", async () => {
    const student = await buildStudent(dataSource);
    const tokens = [await signIn(a, student), await signIn(b, student)];
    const servers = [a, b];
    const ADD = `mutation($i: AddContactLogEntryInput!) { addContactLogEntry(input: $i) { id } }`;
    // Load on both processes all along: reads and writes, each outcome recorded.
    const outcomes: Array<{ at: number; outcome: string }> = [];
    const acknowledged: string[] = [];
    let running = true;
    let n = 0;
    const load = async (lane: number) => {
      while (running) {
        const i = n++;
        const name = `restart-${i}`;
        const server = servers[(lane + i) % 2];
        const token = tokens[(lane + i) % 2];
        try {
          const result =
            i % 2 === 0
              ? await gql(server, ADD, { i: { name, channel: "PHONE", contactedOn: "2026-01-15" } }, token)
              : await gql(server, `{ myRequests(first: 1) { edges { node { id } } } }`, {}, token);
          const code = result.body.errors?.[0]?.extensions?.code;
          outcomes.push({ at: Date.now(), outcome: code ?? "ok" });
          if (!code && i % 2 === 0) acknowledged.push(name);
        } catch (error) {
          outcomes.push({ at: Date.now(), outcome: `network: ${String(error)}` });
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const lanes = [load(0), load(1)];
    await new Promise((r) => setTimeout(r, 1000));

    await dataSource.destroy();
    // PostgreSQL refuses new work from the moment it is asked to stop (a fast shutdown ends the
    // sessions, then writes its checkpoint): failures may start then, not only once it has exited.
    const stopAskedAt = Date.now();
    await clusterCommand("stop");
    for (const server of servers) {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
    }
    const during = await gql(a, `{ myRequests(first: 1) { edges { node { id } } } }`, {}, tokens[0]);
    expect(during.body.errors[0].extensions.code).toBe("DATABASE_UNAVAILABLE");
    expect(during.body.errors[0].message).toMatch(/database/i);
    await new Promise((r) => setTimeout(r, 1500));

    await startCluster();
    dataSource = createDataSource(url, 2);
    await dataSource.initialize();
    for (const server of servers) {
      await eventually(async () => (await fetch(`${server.url}/readyz`)).status === 200, 30_000, `${server.url} ready again`);
    }
    const recoveredAt = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    running = false;
    await Promise.all(lanes);

    // Before the stop and after recovery, everything worked; in between, failures said what was wrong.
    expect(outcomes.filter((o) => o.at < stopAskedAt && o.outcome !== "ok")).toEqual([]);
    // Any other failure is shown with what the servers logged about it (the stack, never the data).
    const logged = servers
      .flatMap((server) => server.logs())
      .filter((line) => line.code === "INTERNAL_SERVER_ERROR" || (line.code === "CONTEXT_FAILED" && line.unavailable === false))
      .map((line) =>
        String((line.error as { stack?: string } | undefined)?.stack ?? line.msg)
          .split("\n")
          .slice(0, 4)
          .join(" | "),
      );
    expect({ failures: new Set(outcomes.filter((o) => o.outcome !== "ok").map((o) => o.outcome)), logged }).toEqual({
      failures: new Set(["DATABASE_UNAVAILABLE"]),
      logged: [],
    });
    const after = outcomes.filter((o) => o.at > recoveredAt + 500);
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((o) => o.outcome !== "ok")).toEqual([]);
    // Every write that was acknowledged is there.
    const rows = await tenantTransaction(dataSource, { institutionId: student.institutionId }, (m) =>
      m.query(`SELECT name FROM contact_log_entries WHERE student_id = $1`, [student.membershipId]),
    );
    expect(rows.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(acknowledged));
    expect(acknowledged.length).toBeGreaterThan(10);
    // LISTEN reconnected too: events still cross processes.
    await crossProcessEvent(a, b);
  });

  it("loses no accepted request when one process is stopped mid-load", async () => {
    const student = await buildStudent(dataSource);
    const token = await signIn(a, student);
    const TOTAL = 80;
    const ADD = `mutation($i: AddContactLogEntryInput!) { addContactLogEntry(input: $i) { id } }`;
    let next = 0;
    let done = 0;
    const outcomes: string[] = [];
    let aStopped: Promise<number | null> | null = null;
    // A client that sends every other request to each process, and to the other when one refuses the connection.
    const worker = async () => {
      for (let i = next++; i < TOTAL; i = next++) {
        const input = { name: `load-${i}`, channel: "EMAIL", contactedOn: "2026-01-15" };
        const order = i % 2 === 0 ? [a, b] : [b, a];
        let outcome = "not sent";
        for (const server of order) {
          try {
            const result = await gql(server, ADD, { i: input }, token);
            outcome = result.body.errors ? `error ${result.body.errors[0].extensions.code}` : "ok";
            break;
          } catch {
            outcome = "connection refused";
          }
        }
        outcomes.push(outcome);
        if (++done === 20) aStopped = a.stop("SIGTERM");
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(await aStopped).toBe(0);
    expect(outcomes.filter((o) => o !== "ok")).toEqual([]);
    const rows = await tenantTransaction(dataSource, { institutionId: student.institutionId }, (m) =>
      m.query(`SELECT name FROM contact_log_entries WHERE student_id = $1`, [student.membershipId]),
    );
    expect(rows.map((r: { name: string }) => r.name).sort()).toEqual(Array.from({ length: TOTAL }, (_, i) => `load-${i}`).sort());
  });
});
