/**
 * The bench's reference server (issue 16, target 1): the least a GraphQL server on this stack can do per signed-in
 * request. @apollo/server 5 on express 5 with a type-graphql schema; for every request it opens a transaction on the
 * same database, sets the role and settings the way db/tenant-transaction.ts does, runs `SELECT 1` and commits. No
 * sessions, no limits, no logging. Infoview's signed-in `{ __typename }` is reported as a ratio of this server's, both
 * measured in the same run (tests/perf/README.md).
 *
 *   DATABASE_URL=… PORT=… DB_POOL_SIZE=10 node tests/perf/reference-server.js
 */
"use strict";
require("reflect-metadata");
const http = require("node:http");
const express = require("express");
const pg = require("pg");
const { ApolloServer } = require("@apollo/server");
const { expressMiddleware } = require("@as-integrations/express5");
const { Query, Resolver, buildSchema } = require("type-graphql");

const APP_ROLE = "infoview_app";

/** One resolver, so that type-graphql builds a schema (a Query type needs a field); the bench asks only `{ __typename }`. */
class PingResolver {
  ping() {
    return "pong";
  }
}
Reflect.decorate([Query(() => String)], PingResolver.prototype, "ping", Object.getOwnPropertyDescriptor(PingResolver.prototype, "ping"));
Reflect.decorate([Resolver()], PingResolver);

async function main() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  const schema = await buildSchema({ resolvers: [PingResolver], validate: false });
  const apollo = new ApolloServer({ schema, csrfPrevention: false, introspection: false });
  await apollo.start();
  const app = express();
  app.get("/readyz", (_req, res) => res.json({ ok: true }));
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async () => {
        // As tenantTransaction: one transaction, the role and settings transaction-local, then the statement.
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query(
            `SELECT set_config('role', $1, true), set_config('app.institution_id', $2, true), set_config('app.identity_id', $3, true),
                    set_config('statement_timeout', $4, true), set_config('max_parallel_workers_per_gather', $5, true)`,
            [APP_ROLE, "", "", "30000ms", "0"],
          );
          await client.query("SELECT 1");
          await client.query("COMMIT");
        } finally {
          client.release();
        }
        return {};
      },
    }),
  );
  const server = http.createServer(app);
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
  const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
