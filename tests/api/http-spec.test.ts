import { useTestDatabase } from "../../packages/server/src/test/database";
import { buildStudent } from "../../packages/server/src/test/factories";
import { startTestServer, type TestServer } from "../../packages/server/src/test/test-server";

/** GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/): methods, media types, status codes and errors. */

const db = useTestDatabase();
let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer(db());
  token = await server.signIn(await buildStudent(db()));
});
afterAll(() => server?.close());

const GRAPHQL_RESPONSE = "application/graphql-response+json";

async function send(init: RequestInit & { path?: string } = {}): Promise<{ status: number; headers: Headers; body: any; text: string }> {
  const response = await fetch(`${server.url}${init.path ?? "/graphql"}`, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, body, text };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

const codes = (body: any): string[] => (body?.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);

describe("POST", () => {
  it("answers a query with application/json by default", async () => {
    const sent = await send(json({ query: `{ __typename }` }));
    expect(sent.status).toBe(200);
    expect(sent.headers.get("content-type")).toMatch(/^application\/json/);
    expect(sent.body).toEqual({ data: { __typename: "Query" } });
  });

  it("answers with application/graphql-response+json when the client accepts it", async () => {
    const sent = await send(json({ query: `{ __typename }` }, { accept: `${GRAPHQL_RESPONSE}, application/json;q=0.9` }));
    expect(sent.status).toBe(200);
    expect(sent.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(sent.body).toEqual({ data: { __typename: "Query" } });
  });

  it("takes variables and operationName", async () => {
    const query = `query A { a: __typename } query B($first: Int!) { myRequests(first: $first) { edges { node { id } } } }`;
    const sent = await send(json({ query, operationName: "B", variables: { first: 3 } }, { authorization: `Bearer ${token}` }));
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ data: { myRequests: { edges: [] } } });
  });

  it("runs mutations", async () => {
    const sent = await send(json({ query: `mutation { signOut }` }, { authorization: `Bearer ${token}` }));
    expect(sent.status).toBe(200);
    expect(sent.body.errors).toBeUndefined();
    token = await server.signIn(await buildStudent(db()));
  });

  it("refuses a body that is not application/json with 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const sent = await send({ method: "POST", headers: { "content-type": type }, body: `{"query":"{ __typename }"}` });
      expect(sent.status).toBe(415);
      expect(codes(sent.body)).toEqual(["UNSUPPORTED_MEDIA_TYPE"]);
    }
    const none = await send({ method: "POST", body: `{"query":"{ __typename }"}` });
    expect(none.status).toBe(415);
  });

  it("refuses malformed JSON and requests with no query with 400", async () => {
    const malformed = await send({ method: "POST", headers: { "content-type": "application/json" }, body: `{"query":` });
    expect(malformed.status).toBe(400);
    expect(codes(malformed.body)).toEqual(["BAD_REQUEST"]);
    for (const body of [
      {},
      { query: 42 },
      { query: "{ __typename }", variables: [1] },
      { query: "{ __typename }", operationName: 7 },
      "text",
    ]) {
      const sent = await send(json(body));
      expect(sent.status).toBe(400);
      expect(codes(sent.body)).toEqual(["BAD_REQUEST"]);
    }
  });

  it("answers a document that does not parse or validate with 400 and no data", async () => {
    const parse = await send(json({ query: `{ __typename` }, { accept: GRAPHQL_RESPONSE }));
    expect(parse.status).toBe(400);
    expect(parse.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(codes(parse.body)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(parse.body.data).toBeUndefined();
    const invalid = await send(json({ query: `{ nope }` }, { accept: GRAPHQL_RESPONSE }));
    expect(invalid.status).toBe(400);
    expect(codes(invalid.body)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(invalid.body.errors[0].locations).toEqual([{ line: 1, column: 3 }]);
    const ambiguous = await send(json({ query: `query A { __typename } query B { __typename }` }));
    expect(ambiguous.status).toBe(400);
    expect(codes(ambiguous.body)).toEqual(["OPERATION_RESOLUTION_FAILURE"]);
  });

  it("answers errors met while executing with 200, data and errors side by side", async () => {
    const sent = await send(json({ query: `{ myRequests(first: 5) { edges { node { id } } } }` }, { accept: GRAPHQL_RESPONSE }));
    expect(sent.status).toBe(200);
    expect(sent.body.data).toBeNull();
    expect(codes(sent.body)).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses a body over 1 MB with 413", async () => {
    const sent = await send(json({ query: `{ __typename }`, variables: { pad: "x".repeat(1_100_000) } }));
    expect(sent.status).toBe(413);
    expect(codes(sent.body)).toEqual(["PAYLOAD_TOO_LARGE"]);
  });
});

describe("GET", () => {
  const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    send({ method: "GET", path: `/graphql?${new URLSearchParams(params)}`, headers });

  it("runs queries from the query string, with variables as JSON", async () => {
    const plain = await get({ query: `{ __typename }` });
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual({ data: { __typename: "Query" } });
    const withVariables = await get(
      {
        query: `query Mine($first: Int!) { myRequests(first: $first) { edges { node { id } } } }`,
        variables: JSON.stringify({ first: 2 }),
      },
      { authorization: `Bearer ${token}`, accept: GRAPHQL_RESPONSE },
    );
    expect(withVariables.status).toBe(200);
    expect(withVariables.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(withVariables.body).toEqual({ data: { myRequests: { edges: [] } } });
  });

  it("refuses mutations with 405 and Allow: POST, and runs nothing", async () => {
    const sent = await get({ query: `mutation { signOut }` }, { authorization: `Bearer ${token}` });
    expect(sent.status).toBe(405);
    expect(sent.headers.get("allow")).toBe("POST");
    expect(codes(sent.body)).toEqual(["METHOD_NOT_ALLOWED"]);
    // The token still works: the mutation did not run.
    const still = await send(json({ query: `{ myRequests(first: 1) { edges { node { id } } } }` }, { authorization: `Bearer ${token}` }));
    expect(still.body.errors).toBeUndefined();
  });

  it("refuses variables that are not JSON, and a missing query, with 400", async () => {
    expect((await get({ query: `{ __typename }`, variables: "{oops" })).status).toBe(400);
    const missing = await get({});
    expect(missing.status).toBe(400);
    expect(codes(missing.body)).toEqual(["BAD_REQUEST"]);
  });
});

describe("methods and Accept", () => {
  it("answers other methods with 405 and Allow: GET, POST", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const sent = await send({ method, headers: { "content-type": "application/json" }, body: `{"query":"{ __typename }"}` });
      expect(sent.status).toBe(405);
      expect(sent.headers.get("allow")).toBe("GET, POST");
      expect(codes(sent.body)).toEqual(["METHOD_NOT_ALLOWED"]);
    }
  });

  it("answers 406 when the client accepts neither JSON type", async () => {
    const sent = await send(json({ query: `{ __typename }` }, { accept: "text/html" }));
    expect(sent.status).toBe(406);
    expect(codes(sent.body)).toEqual(["NOT_ACCEPTABLE"]);
  });
});

describe("/metrics", () => {
  it("is open without METRICS_TOKEN, and needs the bearer token with it", async () => {
    expect((await send({ path: "/metrics" })).text).toContain("infoview_graphql_requests_total");
    const guarded = await startTestServer(db(), { METRICS_TOKEN: "metrics-token-0123456789" });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
      const ok = await fetch(`${guarded.url}/metrics`, { headers: { authorization: "Bearer metrics-token-0123456789" } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("infoview_db_pool_connections");
    } finally {
      await guarded.close();
    }
  });
});

describe("request ids", () => {
  it("returns the caller's X-Request-Id, or a new one", async () => {
    const given = await send(json({ query: `{ __typename }` }, { "x-request-id": "abc-123.def" }));
    expect(given.headers.get("x-request-id")).toBe("abc-123.def");
    const fresh = await send(json({ query: `{ __typename }` }));
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await send(json({ query: `{ __typename }` }, { "x-request-id": "bad id\twith spaces" }));
    expect(hostile.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
