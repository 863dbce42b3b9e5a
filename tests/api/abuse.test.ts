import { getIntrospectionQuery } from "graphql";
import { createClient } from "graphql-ws";
import { Client as PgClient } from "pg";
import WebSocket from "ws";
import { useTestDatabase } from "../../packages/server/src/test/database";
import { buildAlumnus, buildStudent, type BuiltMember } from "../../packages/server/src/test/factories";
import { startTestServer, type TestServer } from "../../packages/server/src/test/test-server";

/**
 * Abusive queries are refused before anything runs: every test here counts the SQL statements the
 * server sends to PostgreSQL while it answers (pg's Client.prototype.query, which TypeORM's pool uses),
 * and a control request with the same token shows the counter does see the session look-up.
 */

const db = useTestDatabase();
let server: TestServer;
let student: BuiltMember;
let alumnus: BuiltMember;
let token: string;
let alumnusToken: string;

const originalQuery = PgClient.prototype.query;
let statements = 0;

beforeAll(async () => {
  server = await startTestServer(db());
  student = await buildStudent(db());
  alumnus = await buildAlumnus(db());
  token = await server.signIn(student);
  alumnusToken = await server.signIn(alumnus);
  PgClient.prototype.query = function (this: PgClient, ...args: unknown[]) {
    statements += 1;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof PgClient.prototype.query;
});
afterAll(async () => {
  PgClient.prototype.query = originalQuery;
  await server?.close();
});

interface Sent {
  status: number;
  headers: Headers;
  body: any;
  sql: number;
}

/** POSTs a body to /graphql (as the student unless told otherwise) and counts the SQL it caused. */
async function post(body: unknown, options: { token?: string | null; url?: string } = {}): Promise<Sent> {
  const auth = options.token === undefined ? token : options.token;
  const before = statements;
  const response = await fetch(`${options.url ?? server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text), sql: statements - before };
}

const codes = (sent: Sent): string[] => (sent.body.errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code);

const aliased = (count: number, selection: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(" ")} }`;

/** `__type(name:) { ofType { ofType … } }`: introspection nests as deep as a client asks. */
const nestedTypes = (levels: number) => `{ __type(name: "Query") { name ${"ofType { ".repeat(levels)}name${" }".repeat(levels)} } }`;

const REQUEST_PAGE = `myRequests(first: 100) { edges { node { id proposedTimes { startsAt } questions { text } alumnusContact { email } } } }`;

describe("the counter sees SQL", () => {
  it("counts the session look-up of an ordinary signed-in query", async () => {
    const sent = await post({ query: `{ myRequests(first: 5) { edges { node { id } } } }` });
    expect(sent.status).toBe(200);
    expect(sent.body.errors).toBeUndefined();
    expect(sent.sql).toBeGreaterThan(0);
  });
});

describe("limits on HTTP, checked before any SQL", () => {
  it("refuses a query nested deeper than GRAPHQL_MAX_DEPTH (15)", async () => {
    const deep = await post({ query: nestedTypes(16) });
    expect(deep.status).toBe(400);
    expect(codes(deep)).toContain("QUERY_TOO_DEEP");
    expect(deep.body.errors[0].extensions.max).toBe(15);
    expect(deep.sql).toBe(0);
    // Within the limit the same shape runs.
    const fine = await post({ query: nestedTypes(10) });
    expect(fine.status).toBe(200);
    expect(fine.body.data.__type.name).toBe("Query");
  });

  it.each([
    ["selections", `{ ${"a { ".repeat(20_000)}b${" }".repeat(20_000)} }`],
    ["list literals", `{ alumniDirectory(first: ${"[".repeat(20_000)}1${"]".repeat(20_000)}) { __typename } }`],
    ["input object literals", `{ a(b: ${"{ c: ".repeat(20_000)}1${" }".repeat(20_000)}) }`],
  ])("refuses %s nested 20,000 levels deep as QUERY_TOO_DEEP before parsing (no stack overflow)", async (_kind, query) => {
    const sent = await post({ query });
    expect(sent.status).toBe(400);
    expect(codes(sent)).toEqual(["QUERY_TOO_DEEP"]);
    expect(sent.sql).toBe(0);
  });

  it("does not count brackets inside strings and comments", async () => {
    const sent = await post({
      query: `# ${"{".repeat(100)}\n{ __type(name: "${"[".repeat(100)}") { name } a: __typename }`,
      variables: {},
    });
    expect(sent.status).toBe(200);
    expect(sent.body.data).toEqual({ __type: null, a: "Query" });
    const block = await post({ query: `{ __type(name: """${"(".repeat(100)} \\""" """) { name } }` });
    expect(block.status).toBe(200);
  });

  it("answers BAD_USER_INPUT when a variable holds more invalid values than graphql-js reports (50)", async () => {
    const sent = await post(
      {
        query: `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
        variables: { input: { name: "n", scopes: Array.from({ length: 60 }, (_, i) => `NOPE_${i}`) } },
      },
      { token: null },
    );
    expect(codes(sent).length).toBeGreaterThan(50);
    expect(new Set(codes(sent))).toEqual(new Set(["BAD_USER_INPUT"]));
    expect(sent.sql).toBe(0);
  });

  it("refuses more than GRAPHQL_MAX_ALIASES (30) aliases", async () => {
    const many = await post({ query: aliased(31, "__typename") });
    expect(many.status).toBe(400);
    expect(codes(many)).toEqual(["TOO_MANY_ALIASES"]);
    expect(many.sql).toBe(0);
    const fine = await post({ query: aliased(30, "__typename") }, { token: null });
    expect(fine.status).toBe(200);
    expect(Object.keys(fine.body.data)).toHaveLength(30);
  });

  it("counts aliases inside fragments each time the fragment is spread", async () => {
    // 8 aliases, spread 4 times: 32.
    const fragment = `fragment F on Query { ${Array.from({ length: 8 }, (_, i) => `x${i}: __typename`).join(" ")} }`;
    const sent = await post({ query: `{ ...F ...F ...F ...F } ${fragment}` });
    expect(codes(sent)).toEqual(["TOO_MANY_ALIASES"]);
    expect(sent.sql).toBe(0);
  });

  it("refuses a query whose cost (pages × lists) exceeds GRAPHQL_MAX_COST", async () => {
    // Each alias: 100 requests, each with lists of proposed times and questions (10 assumed each): 2,400; ten of them, 24,000.
    const costly = await post({ query: aliased(10, REQUEST_PAGE) });
    expect(costly.status).toBe(400);
    expect(codes(costly)).toEqual(["QUERY_TOO_COSTLY"]);
    expect(costly.sql).toBe(0);
    // The same ten aliases with small pages are fine.
    const fine = await post({ query: aliased(10, REQUEST_PAGE.replace("first: 100", "first: 5")) });
    expect(fine.status).toBe(200);
    expect(fine.body.errors).toBeUndefined();
  });

  it("stops a fragment bomb without expanding it", async () => {
    const fragments = [`fragment F0 on Query { __typename }`];
    for (let i = 1; i <= 30; i++) fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
    const started = Date.now();
    const sent = await post({ query: `{ ...F30 } ${fragments.join(" ")}` });
    expect(codes(sent)).toContain("QUERY_TOO_COSTLY");
    expect(sent.sql).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses pages larger than 100, as literals and as variables", async () => {
    const literal = await post({ query: `{ myRequests(first: 1000) { edges { node { id } } } }` });
    expect(literal.status).toBe(400);
    expect(codes(literal)).toEqual(["BAD_USER_INPUT"]);
    expect(literal.body.errors[0].extensions).toMatchObject({ fields: [{ field: "first" }], at: "Query.myRequests", max: 100 });
    expect(literal.sql).toBe(0);
    const variable = await post({
      query: `query($n: Int!) { alumniDirectory(first: $n) { edges { node { displayName } } } }`,
      variables: { n: 101 },
    });
    expect(codes(variable)).toEqual(["BAD_USER_INPUT"]);
    expect(variable.sql).toBe(0);
  });

  it("refuses an over-long document before parsing it all", async () => {
    const sent = await post({ query: `{ ${"__typename ".repeat(6000)} }` });
    expect(sent.status).toBe(400);
    expect(codes(sent)).toEqual(["QUERY_TOO_LARGE"]);
    expect(sent.sql).toBe(0);
  });

  it("runs small batches and refuses batches of more than GRAPHQL_MAX_BATCH (10) operations", async () => {
    const small = await post([{ query: `{ a: __typename }` }, { query: `{ b: __typename }` }], { token: null });
    expect(small.status).toBe(200);
    expect(small.body).toEqual([{ data: { a: "Query" } }, { data: { b: "Query" } }]);

    const big = await post(Array.from({ length: 11 }, () => ({ query: `{ myRequests(first: 5) { edges { node { id } } } }` })));
    expect(big.status).toBe(400);
    expect(codes(big)).toEqual(["BATCH_TOO_LARGE"]);
    expect(big.sql).toBe(0);

    // Ten operations, each within the cost limit, but together over it.
    const heavy = await post(Array.from({ length: 10 }, () => ({ query: `{ ${REQUEST_PAGE} }` })));
    expect(codes(heavy)).toEqual(["QUERY_TOO_COSTLY"]);
    expect(heavy.sql).toBe(0);
  });

  it("answers invalid queries without SQL too (validation runs before the context is built)", async () => {
    const sent = await post({ query: `{ myRequests(first: 5) { edges { node { nope } } } }` });
    expect(sent.status).toBe(400);
    expect(codes(sent)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(sent.sql).toBe(0);
  });
});

describe("introspection and suggestions", () => {
  it("allows the standard introspection query where introspection is on (the default outside production)", async () => {
    const sent = await post({ query: getIntrospectionQuery() }, { token: null });
    expect(sent.status).toBe(200);
    expect(sent.body.data.__schema.queryType.name).toBe("Query");
  });

  it("refuses introspection and drops field suggestions when GRAPHQL_INTROSPECTION=false", async () => {
    const closed = await startTestServer(db(), { GRAPHQL_INTROSPECTION: "false" });
    try {
      const introspection = await post({ query: `{ __schema { types { name } } }` }, { url: closed.url, token: null });
      expect(introspection.status).toBe(400);
      expect(codes(introspection).length).toBeGreaterThan(0);
      expect(new Set(codes(introspection))).toEqual(new Set(["GRAPHQL_VALIDATION_FAILED"]));
      expect(introspection.body.errors[0].message).toMatch(/introspection/i);
      expect(introspection.sql).toBe(0);
      const typo = await post({ query: `{ myRequest(first: 5) { edges { node { id } } } }` }, { url: closed.url, token: null });
      expect(typo.body.errors[0].message).toMatch(/Cannot query field "myRequest"/);
      expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
      // Where introspection is on, the suggestion helps.
      const helpful = await post({ query: `{ myRequest(first: 5) { edges { node { id } } } }` }, { token: null });
      expect(helpful.body.errors[0].message).toMatch(/Did you mean "myRequests"/);
      // __typename is not introspection of the schema and still works.
      expect((await post({ query: `{ __typename }` }, { url: closed.url, token: null })).body.data).toEqual({ __typename: "Query" });
    } finally {
      await closed.close();
    }
  });
});

describe("rate limits per principal", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer(db(), { RATE_LIMIT_PER_MINUTE: "4", RATE_LIMIT_ANON_PER_MINUTE: "2" });
  });
  afterAll(() => limited.close());

  it("answers 429 with Retry-After once a person's bucket is empty, and counts people and addresses apart", async () => {
    const asStudent = () => post({ query: `{ __typename }` }, { url: limited.url });
    for (let i = 0; i < 4; i++) expect((await asStudent()).status).toBe(200);
    const refused = await asStudent();
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(["RATE_LIMITED"]);
    // 4 a minute: the next token comes in 15 seconds.
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(15);
    expect(refused.body.errors[0].extensions.retryAfterSeconds).toBe(Number(refused.headers.get("retry-after")));
    expect(refused.sql).toBe(0);

    // Another person from the same address has a bucket of their own.
    expect((await post({ query: `{ __typename }` }, { url: limited.url, token: alumnusToken })).status).toBe(200);
    // Anonymous callers are counted by address, with their own (lower) limit.
    const anonymous = () => post({ query: `{ __typename }` }, { url: limited.url, token: null });
    expect((await anonymous()).status).toBe(200);
    expect((await anonymous()).status).toBe(200);
    const anonymousRefused = await anonymous();
    expect(anonymousRefused.status).toBe(429);
    expect(anonymousRefused.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

describe("limits on the WebSocket path", () => {
  it("refuses deep, aliased and costly subscriptions with no SQL after connecting", async () => {
    // Connected first (the connection checks the session: that SQL is not the subscriptions').
    const client = createClient({
      url: `${server.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${alumnusToken}` },
      retryAttempts: 0,
      lazy: false,
    });
    await new Promise<void>((resolve, reject) => {
      client.on("connected", () => resolve());
      client.on("error", reject);
    });
    const run = (query: string) =>
      new Promise<string[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no answer")), 10_000);
        client.subscribe(
          { query },
          {
            next: () => {},
            error: (error) => {
              clearTimeout(timer);
              resolve(Array.isArray(error) ? error.map((e) => String(e.extensions?.code)) : [String(error)]);
            },
            complete: () => {
              clearTimeout(timer);
              resolve([]);
            },
          },
        );
      });
    try {
      const cases: Array<[string, string]> = [
        [`subscription { ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(" ")} }`, "TOO_MANY_ALIASES"],
        [`subscription { incomingRequests { id ${"__typename ".repeat(6000)} } }`, "QUERY_TOO_LARGE"],
        [nestedTypes(16).replace(/^\{/, "subscription {"), "QUERY_TOO_DEEP"],
        [`subscription { incomingRequests { nope } }`, "GRAPHQL_VALIDATION_FAILED"],
      ];
      for (const [query, code] of cases) {
        const before = statements;
        expect(await run(query)).toEqual([code]);
        expect(statements - before).toBe(0);
      }
    } finally {
      await client.dispose();
    }
  });

  it("counts connections and subscriptions: RATE_LIMITED on a subscription, close code 4429 on a connection", async () => {
    const limited = await startTestServer(db(), { RATE_LIMIT_PER_MINUTE: "4" });
    const client = createClient({
      url: `${limited.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${alumnusToken}` },
      retryAttempts: 0,
      lazy: false,
    });
    const subscribeOnce = (query: string) =>
      new Promise<Array<{ extensions?: { code?: string; retryAfterSeconds?: number } }>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no answer")), 10_000);
        client.subscribe(
          { query },
          {
            next: () => {},
            error: (error) => {
              clearTimeout(timer);
              resolve(Array.isArray(error) ? error : [{ extensions: { code: String(error) } }]);
            },
            complete: () => {
              clearTimeout(timer);
              resolve([]);
            },
          },
        );
      });
    try {
      await new Promise<void>((resolve, reject) => {
        client.on("connected", () => resolve());
        client.on("error", reject);
      });
      // The connection took one token; refused operations count too: three invalid ones use the rest.
      for (let i = 0; i < 3; i++) {
        expect((await subscribeOnce(`subscription { incomingRequests { nope } }`)).map((e) => e.extensions?.code)).toEqual([
          "GRAPHQL_VALIDATION_FAILED",
        ]);
      }
      const refused = await subscribeOnce(`subscription { incomingRequests { id } }`);
      expect(refused.map((e) => e.extensions?.code)).toEqual(["RATE_LIMITED"]);
      expect(refused[0].extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      // A new connection from the same person is closed at once with 4429, before its session is checked.
      const before = statements;
      const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
        const socket = new WebSocket(`${limited.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
        socket.on("open", () =>
          socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${alumnusToken}` } })),
        );
        socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
      });
      expect(closed.code).toBe(4429);
      expect(closed.reason).toMatch(/retry after \d+ s/);
      expect(statements - before).toBe(0);
    } finally {
      await client.dispose();
      await limited.close();
    }
  });
});
