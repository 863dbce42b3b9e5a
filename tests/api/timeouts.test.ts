import { setStatementTimeout, tenantTransaction } from "../../packages/server/src/db/tenant-transaction";
import { formatError } from "../../packages/server/src/graphql/errors";
import { useTestDatabase } from "../../packages/server/src/test/database";
import { buildAdmin, buildInstitution } from "../../packages/server/src/test/factories";
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

describe("BULK_TIMEOUT_SECONDS", () => {
  it("gives the longer budget to bulk mutations, not to everything an admin sends", async () => {
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    const server = await startTestServer(db(), { REQUEST_TIMEOUT_SECONDS: "1", BULK_TIMEOUT_SECONDS: "30" });
    const holder = db().createQueryRunner();
    try {
      const token = await server.signIn(admin);
      const post = (query: string) =>
        fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
      // Another connection holds a lock that every request below needs (its session check reads memberships), so each
      // takes as long as the lock is held: 2.5 s, past the 1 s ordinary budget.
      await holder.connect();
      await holder.startTransaction();
      await holder.query(`LOCK TABLE memberships IN ACCESS EXCLUSIVE MODE`);
      const release = new Promise((resolve) => setTimeout(resolve, 2500)).then(() => holder.commitTransaction());
      const [bulk, viaFragment, ordinary] = await Promise.all([
        post(`mutation { deactivatePeople(input: { kind: STUDENT, externalIds: ["nobody"] }) { changed errors { code } } }`),
        post(
          `mutation M { ...Bulk } fragment Bulk on Mutation { reactivatePeople(input: { kind: STUDENT, externalIds: ["nobody"] }) { changed } }`,
        ),
        post(`{ people(first: 1) { edges { node { active } } } }`),
      ]);
      await release;
      expect(ordinary.status).toBe(503);
      expect(((await ordinary.json()) as any).errors[0].extensions.code).toBe("REQUEST_TIMEOUT");
      expect(bulk.status).toBe(200);
      const body = (await bulk.json()) as any;
      expect(body.errors).toBeUndefined();
      expect(body.data.deactivatePeople).toEqual({ changed: 0, errors: [{ code: "NOT_FOUND" }] });
      expect(viaFragment.status).toBe(200);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      await server.close();
    }
  }, 30_000);
});
