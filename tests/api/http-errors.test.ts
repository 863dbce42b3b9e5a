import { request as rawRequest } from "node:http";
import { gzipSync } from "node:zlib";
import { createApp, type App } from "../../packages/server/src/http/server";
import { createLogger } from "../../packages/server/src/logger";
import { createServices } from "../../packages/server/src/services";
import { useTestDatabase } from "../../packages/server/src/test/database";
import { buildAdmin } from "../../packages/server/src/test/factories";
import { MemoryMailer, testConfig } from "../../packages/server/src/test/test-server";

/**
 * Every error the HTTP layer can produce is a GraphQL-over-HTTP JSON answer with a documented code
 * (docs/error-codes.md), never Express's HTML page, and never a stack or a file path — in development too,
 * where Express's own final handler would show both.
 */

const db = useTestDatabase();
let app: App;
let base: string;
let adminToken: string;
const previousEnv = process.env.NODE_ENV;

beforeAll(async () => {
  process.env.NODE_ENV = "development";
  const config = testConfig({ NODE_ENV: "development" });
  const services = createServices(db(), config, new MemoryMailer());
  app = await createApp({
    config,
    dataSource: db(),
    services,
    logger: createLogger("silent"),
    mounts: [
      {
        path: "/boom",
        handler: () => {
          throw new Error(`failed in ${__filename}`);
        },
      },
    ],
  });
  const port = await app.listen(0, "127.0.0.1");
  base = `http://127.0.0.1:${port}`;
  const admin = await buildAdmin(db());
  const signIn = await post(
    JSON.stringify({
      query: `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`,
      variables: { input: { email: admin.email, password: admin.password, institutionId: admin.institutionId } },
    }),
  );
  adminToken = signIn.json.data.signIn.accessToken;
});
afterAll(async () => {
  process.env.NODE_ENV = previousEnv;
  await app?.close();
  await new Promise<void>((resolve) => app?.httpServer.close(() => resolve()));
});

interface Answer {
  status: number;
  type: string;
  text: string;
  json: any;
}

/** A raw request: node:http sends the headers and bytes exactly as given (fetch would fix some up). */
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = rawRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), text, json });
      });
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const QUERY = JSON.stringify({ query: "{ __typename }" });
const post = (body: Buffer | string, headers: Record<string, string> = {}) =>
  send("POST", "/graphql", { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers }, body);

/** JSON with exactly this code, and nothing that reveals the server's insides. */
function expectJsonError(answer: Answer, status: number, code: string): void {
  expect({ status: answer.status, type: answer.type }).toEqual({
    status,
    type: expect.stringMatching(/^application\/(graphql-response\+)?json/),
  });
  expect(answer.json?.errors?.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual([code]);
  expect(answer.text).not.toMatch(/<html|<pre|<!DOCTYPE/i);
  expect(answer.text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|\/work\/|node_modules|\.ts\b|stack/i);
}

describe("body errors", () => {
  it.each([
    ["an unknown charset", "application/json; charset=x-bogus", 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["latin1", "application/json; charset=latin1", 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["ISO-8859-1", "application/json; charset=ISO-8859-1", 415, "UNSUPPORTED_MEDIA_TYPE"],
  ])("refuses %s as JSON", async (_name, contentType, status, code) => {
    expectJsonError(await post(QUERY, { "content-type": contentType }), status, code);
  });

  it("refuses Content-Encoding: gzip on a body that is not gzip with BAD_REQUEST", async () => {
    expectJsonError(await post(QUERY, { "content-encoding": "gzip" }), 400, "BAD_REQUEST");
  });

  it("refuses an unknown Content-Encoding with UNSUPPORTED_MEDIA_TYPE", async () => {
    expectJsonError(await post(QUERY, { "content-encoding": "x-bogus" }), 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("still takes a real gzip body", async () => {
    const answer = await post(gzipSync(QUERY), { "content-encoding": "gzip" });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: { __typename: "Query" } });
  });

  it("refuses malformed JSON and a body over the limit, as JSON", async () => {
    expectJsonError(await post(`{"query":`), 400, "BAD_REQUEST");
    expectJsonError(
      await post(JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(1_100_000) } })),
      413,
      "PAYLOAD_TOO_LARGE",
    );
  });

  it("applies the same to the larger body limit of admins (its own parser)", async () => {
    const auth = { authorization: `Bearer ${adminToken}` };
    expectJsonError(await post(QUERY, { ...auth, "content-type": "application/json; charset=latin1" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expectJsonError(await post(QUERY, { ...auth, "content-encoding": "gzip" }), 400, "BAD_REQUEST");
    expectJsonError(await post(`{"query":`, auth), 400, "BAD_REQUEST");
  });

  it("refuses a body shorter than its Content-Length as JSON, when the client gives up", async () => {
    // The server waits for the rest; the client ends the connection: nothing to answer, and nothing may crash.
    const answer = await new Promise<string>((resolve) => {
      const req = rawRequest(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": "100" },
      });
      req.on("error", () => resolve("closed"));
      req.write(`{"query":`);
      setTimeout(() => {
        req.destroy();
        resolve("closed");
      }, 200);
    });
    expect(answer).toBe("closed");
    expect((await post(QUERY)).status).toBe(200);
  });
});

describe("errors outside /graphql", () => {
  it("answers a route nobody serves with JSON NOT_FOUND", async () => {
    expectJsonError(await send("POST", "/nowhere", { "content-type": "application/json" }, "{}"), 404, "NOT_FOUND");
    expectJsonError(await send("DELETE", "/", {}), 404, "NOT_FOUND");
  });

  it("answers a path that does not decode with JSON BAD_REQUEST", async () => {
    expectJsonError(await send("GET", "/sso/%E0%A4%A/start", {}), 400, "BAD_REQUEST");
  });

  it("answers an error no handler caught with JSON INTERNAL_SERVER_ERROR, without stack or file path, in development", async () => {
    expect(process.env.NODE_ENV).toBe("development");
    expectJsonError(await send("GET", "/boom", {}), 500, "INTERNAL_SERVER_ERROR");
  });

  it("answers campus sign-in's SAML form with an unknown charset as JSON, not Express's page", async () => {
    const body = "SAMLResponse=x";
    const answer = await send(
      "POST",
      "/sso/00000000-0000-4000-8000-000000000000/saml/acs",
      { "content-type": "application/x-www-form-urlencoded; charset=x-bogus", "content-length": String(body.length) },
      body,
    );
    expectJsonError(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
  });
});
