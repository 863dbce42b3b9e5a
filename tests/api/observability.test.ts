import { createClient } from "graphql-ws";
import type { DataSource } from "typeorm";
import WebSocket from "ws";
import { createDataSource } from "../../packages/server/src/db/data-source";
import { buildStudent, TEST_PASSWORD, type BuiltMember } from "../../packages/server/src/test/factories";
import { freshDatabase, spawnServer, type SpawnedServer } from "./spawn-server";

/**
 * The built server as operators run it: JSON logs with request ids and nothing secret or personal,
 * Prometheus metrics at /metrics, and a graceful shutdown on SIGTERM.
 */

let dataSource: DataSource;
let databaseUrl: string;
let server: SpawnedServer;
let student: BuiltMember;

beforeAll(async () => {
  databaseUrl = await freshDatabase("observability");
  dataSource = createDataSource(databaseUrl, 2);
  await dataSource.initialize();
  student = await buildStudent(dataSource);
  server = await spawnServer({ DATABASE_URL: databaseUrl, SHUTDOWN_DELAY_SECONDS: "1" });
}, 120_000);

afterAll(async () => {
  await server?.stop("SIGKILL");
  await dataSource?.destroy();
});

const post = async (body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken } }`;

describe("logs", () => {
  it("writes one JSON line per request with its id, and no password, token, email or address", async () => {
    const signIn = await post(
      { query: SIGN_IN, operationName: "SignIn", variables: { input: { email: student.email, password: TEST_PASSWORD } } },
      { "x-request-id": "trace-me-1" },
    );
    expect(signIn.body.errors).toBeUndefined();
    const { accessToken, refreshToken } = signIn.body.data.signIn;
    const mine = await post(
      { query: `query Mine { myRequests(first: 5) { edges { node { id } } } }` },
      { authorization: `Bearer ${accessToken}` },
    );
    const id = mine.headers.get("x-request-id");
    await new Promise((r) => setTimeout(r, 300));

    const logs = server.logs();
    expect(logs.length).toBeGreaterThan(2);
    const signInLine = logs.find((l) => l.requestId === "trace-me-1");
    expect(signInLine).toMatchObject({ msg: "request", method: "POST", path: "/graphql", operation: "SignIn", status: 200 });
    expect(typeof signInLine!.ms).toBe("number");
    expect(logs.find((l) => l.requestId === id)).toMatchObject({ operation: "Mine", status: 200 });
    for (const secret of [TEST_PASSWORD, accessToken, refreshToken, student.email]) {
      expect(server.output()).not.toContain(secret);
    }
    // Request lines carry exactly these facts: no headers, address, variables or body.
    for (const line of logs.filter((l) => l.msg === "request")) {
      expect(Object.keys(line).sort()).toEqual([
        "hostname",
        "level",
        "method",
        "ms",
        "msg",
        "operation",
        "path",
        "pid",
        "requestId",
        "status",
        "time",
      ]);
    }
  });
});

describe("metrics", () => {
  it("serves request rate and latency by operation, errors by code, the pool, job lag and open sockets", async () => {
    await post({ query: `query Mine { myRequests(first: 5) { edges { node { id } } } }` }); // UNAUTHENTICATED
    await post({ query: `{ nope }` }); // GRAPHQL_VALIDATION_FAILED
    const socket = createClient({
      url: `${server.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
    });
    await new Promise<void>((resolve, reject) => {
      socket.on("connected", () => resolve());
      socket.on("error", reject);
    });
    // A scheduler pass (every second here) is what job lag measures.
    await new Promise((r) => setTimeout(r, 1500));
    try {
      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toMatch(/^infoview_graphql_requests_total\{operation="Mine",status="200"\} [1-9]/m);
      expect(text).toMatch(/^infoview_graphql_request_duration_seconds_bucket\{le="0\.1",operation="Mine"\} \d+/m);
      expect(text).toMatch(/^infoview_graphql_errors_total\{code="UNAUTHENTICATED"\} [1-9]/m);
      expect(text).toMatch(/^infoview_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} [1-9]/m);
      expect(text).toMatch(/^infoview_db_pool_connections\{state="total"\} [1-9]/m);
      expect(text).toMatch(/^infoview_db_pool_connections\{state="waiting"\} 0/m);
      expect(text).toMatch(/^infoview_job_lag_seconds\{job="scheduler"\} \d/m);
      expect(text).toMatch(/^infoview_websocket_connections 1$/m);
      expect(text).toMatch(/^infoview_process_cpu_user_seconds_total /m);
    } finally {
      await socket.dispose();
    }
  });
});

describe("graceful shutdown on SIGTERM", () => {
  it("finishes requests in flight, closes sockets with 1001, turns /readyz red and exits 0", async () => {
    const closeCodes: number[] = [];
    const socket = createClient({
      url: `${server.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    });
    await new Promise<void>((resolve, reject) => {
      socket.on("connected", () => resolve());
      socket.on("error", reject);
    });
    // A request that is certainly in flight when the listener closes: after 7 failed sign-ins for one email,
    // the next is held back 4 s (the sign-in throttle), longer than SHUTDOWN_DELAY_SECONDS (1 s).
    const email = `slow-${Date.now()}@test.example`;
    const failSignIn = () => post({ query: SIGN_IN, variables: { input: { email, password: "wrong password" } } });
    for (let i = 0; i < 7; i++) expect((await failSignIn()).body.errors[0].extensions.code).toBe("INVALID_CREDENTIALS");
    const slow = failSignIn().then(
      (r) => r.body.errors?.[0]?.extensions?.code as string,
      (error) => `failed: ${String(error)}`,
    );
    const quick = Array.from({ length: 8 }, () =>
      post({ query: SIGN_IN, variables: { input: { email: student.email, password: TEST_PASSWORD } } }).then(
        (r) => r.status,
        (error) => `failed: ${String(error)}`,
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const exitCode = server.stop("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    // Red for the load balancer first (SHUTDOWN_DELAY_SECONDS), while requests still get answers.
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "draining" });
    expect(await Promise.all(quick)).toEqual(Array(8).fill(200));
    // Then no new connections, while the slow request still finishes.
    await new Promise((r) => setTimeout(r, 1500 - (Date.now() - started)));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(await slow).toBe("INVALID_CREDENTIALS");
    expect(await exitCode).toBe(0);
    expect(closeCodes).toEqual([1001]);
    expect(server.output()).toContain("shut down cleanly");
    await socket.dispose();
  }, 60_000);
});
