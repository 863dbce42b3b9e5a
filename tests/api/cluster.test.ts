import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { createClient } from "graphql-ws";
import type { DataSource } from "typeorm";
import WebSocket from "ws";
import { createDataSource } from "../../packages/server/src/db/data-source";
import { buildRequestScene } from "../../packages/server/src/modules/notifications/notifications.fixtures";
import { TEST_PASSWORD, type BuiltMember } from "../../packages/server/src/test/factories";
import { freshDatabase, spawnServer, type SpawnedServer } from "./spawn-server";

/**
 * `npm start` on all cores (cluster.ts, ADR 0026): one server started with INFOVIEW_PROCESSES=2 is a primary and two
 * server processes on one port. A rate limit holds across them (the primary keeps the buckets), and a subscription
 * on one connection hears a mutation sent on another. Every request here opens a connection of its own
 * (agent: false), so node:cluster hands consecutive requests to the two processes in turn.
 */

jest.setTimeout(120_000);

const ANON_PER_MINUTE = 10;
let server: SpawnedServer;
let dataSource: DataSource;

beforeAll(async () => {
  const url = await freshDatabase("cluster");
  server = await spawnServer({
    DATABASE_URL: url,
    INFOVIEW_PROCESSES: "2",
    WORKERS: "on",
    DB_POOL_SIZE: "3",
    RATE_LIMIT_ANON_PER_MINUTE: String(ANON_PER_MINUTE),
    RATE_LIMIT_PER_MINUTE: "1000",
  });
  // The first process says it is ready before the second starts: wait for the primary's word that both run.
  const deadline = Date.now() + 90_000;
  while (!server.output().includes("Infoview is running 2 server processes")) {
    if (Date.now() > deadline) throw new Error(`the cluster did not start:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  dataSource = createDataSource(url, 2);
  await dataSource.initialize();
});

afterAll(async () => {
  const code = await server?.stop();
  await dataSource?.destroy().catch(() => {});
  expect(code).toBe(0);
});

/** One POST on a connection of its own. */
function post(body: object, token?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(
      `${server.url}/graphql`,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function signIn(member: BuiltMember): Promise<string> {
  const result = await post(
    {
      query: `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`,
      variables: { i: { email: member.email, password: TEST_PASSWORD } },
    },
    undefined,
  );
  if (!result.body.data?.signIn) throw new Error(JSON.stringify(result.body));
  return result.body.data.signIn.accessToken;
}

/** The pids of a process's children (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(" ").filter(Boolean).map(Number),
  );
}

describe("npm start on two cores: one primary, two server processes", () => {
  it("runs two server processes under the primary", () => {
    expect(childrenOf(server.process.pid!)).toHaveLength(2);
  });

  it("delivers a subscription event on one connection for a mutation sent on another", async () => {
    const scene = await buildRequestScene(dataSource);
    const studentToken = await signIn(scene.student);
    const alumToken = await signIn(scene.alumnus);
    const kinds: string[] = [];
    const client = createClient({
      url: `${server.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${studentToken}` },
      retryAttempts: 0,
      lazy: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        client.on("connected", () => resolve());
        client.on("error", reject);
      });
      client.subscribe<{ requestUpdates: { requestId: string; kind: string } }>(
        { query: `subscription { requestUpdates { requestId kind } }` },
        {
          next: (r) => r.data?.requestUpdates.requestId === scene.requestId && kinds.push(r.data.requestUpdates.kind),
          error: () => {},
          complete: () => {},
        },
      );
      await new Promise((r) => setTimeout(r, 500));
      const declined = await post(
        {
          query: `mutation($i: DeclineRequestInput!) { declineRequest(input: $i) { state } }`,
          variables: { i: { requestId: scene.requestId } },
        },
        alumToken,
      );
      expect(declined.body.errors).toBeUndefined();
      expect(declined.body.data.declineRequest.state).toBe("DECLINED");
      const deadline = Date.now() + 20_000;
      while (kinds.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(kinds).toEqual(["DECLINED"]);
    } finally {
      await client.dispose();
    }
  });

  it("holds one rate limit across both processes", async () => {
    // Twice the anonymous limit, each on a new connection: the two processes get about half each. With a bucket per
    // process each would let ANON_PER_MINUTE through (about all of them); the shared bucket lets at most the limit.
    const answers: number[] = [];
    for (let i = 0; i < 2 * ANON_PER_MINUTE; i++) answers.push((await post({ query: "{ __typename }" })).status);
    const ok = answers.filter((s) => s === 200).length;
    const limited = answers.filter((s) => s === 429).length;
    expect(ok + limited).toBe(answers.length);
    expect(ok).toBeGreaterThan(0);
    // The sign-ins above were anonymous requests too, and the bucket refills at 10 a minute: at most the limit passes.
    expect(ok).toBeLessThanOrEqual(ANON_PER_MINUTE);
    expect(limited).toBeGreaterThanOrEqual(ANON_PER_MINUTE);
  });
});
