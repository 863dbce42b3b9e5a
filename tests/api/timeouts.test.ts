import { setStatementTimeout, tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { formatError } from "../../packages/server/src/graphql/errors";
import { useTestDatabase } from "../../packages/server/src/test/database";
import { buildInstitution } from "../../packages/server/src/test/factories";
import { startTestServer } from "../../packages/server/src/test/test-server";
import { GraphQLError } from "graphql";

/** Request timeouts: PostgreSQL's statement_timeout on every transaction, and a time budget per HTTP request. */

const db = useTestDatabase();
afterAll(() => setStatementTimeout(0));

describe("statement_timeout", () => {
  it("cancels a statement that runs past STATEMENT_TIMEOUT_SECONDS, and reports REQUEST_TIMEOUT", async () => {
    const institution = await buildInstitution(db());
    setStatementTimeout(200);
    const started = Date.now();
    const error = await tenantTransaction(db(), { institutionId: institution.id }, (m) => m.query(`SELECT pg_sleep(3)`)).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(error.code ?? error.driverError?.code).toBe("57014");
    const shown = formatError(new GraphQLError("x", { originalError: error }).toJSON(), new GraphQLError("x", { originalError: error }));
    expect(shown.extensions?.code).toBe("REQUEST_TIMEOUT");
    // Within the limit, statements run.
    setStatementTimeout(5000);
    await expect(tenantTransaction(db(), { institutionId: institution.id }, (m) => m.query(`SELECT pg_sleep(0.3)`))).resolves.toBeDefined();
  });
});

describe("REQUEST_TIMEOUT_SECONDS", () => {
  it("answers 503 REQUEST_TIMEOUT when a request takes longer", async () => {
    const server = await startTestServer(db(), { REQUEST_TIMEOUT_SECONDS: "1" });
    try {
      // After 7 failed sign-ins for one email, the next is held back 4 seconds by the sign-in throttle.
      const email = `timeout-${Date.now()}@test.example`;
      const signIn = () =>
        fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            query: `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`,
            variables: { i: { email, password: "wrong password" } },
          }),
        });
      for (let i = 0; i < 6; i++) await signIn();
      const started = Date.now();
      const slow = await signIn();
      expect(slow.status).toBe(503);
      expect(((await slow.json()) as any).errors[0].extensions.code).toBe("REQUEST_TIMEOUT");
      expect(Date.now() - started).toBeLessThan(1900);
      // The server is fine afterwards.
      const quick = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
      expect(quick.status).toBe(200);
    } finally {
      await server.close();
    }
  }, 30_000);
});
