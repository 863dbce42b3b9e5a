import type { Server } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import type { Config } from "../config";
import type { Context } from "../graphql/context";
import type { DocumentCache } from "../graphql/limits";
import { AppError, formatError, isDatabaseUnavailable } from "../graphql/errors";
import { verifyAccessToken } from "../modules/accounts/tokens";
import { looksLikeApiKey } from "../modules/integrations/api-keys.service";
import type { Services } from "../services";
import { bearer, buildContext, callerOf, type Caller } from "./context";
import { bodyErrors, graphqlGate, httpShape, sendErrors } from "./graphql-http";
import type { Metrics } from "./metrics";
import type { Limiter, PrincipalResolver } from "./rate-limit";
import { requestIds } from "./request-id";
import { withRequestInfo } from "../modules/audit/request-info";

/** The mutations that get BULK_TIMEOUT_SECONDS (they also raise their own statement_timeout, modules/integrations). */
const BULK_MUTATIONS = new Set(["upsertStudents", "upsertAlumni", "importPeopleCsv", "deactivatePeople", "reactivatePeople"]);

/** Request body limit for admins and keys with people:write (bulk upserts, CSV imports); everyone else keeps 1 MB. */
const BULK_BODY_LIMIT = "16mb";

export interface GraphqlRouteDeps {
  config: Config;
  schema: GraphQLSchema;
  services: Services;
  logger: Logger;
  metrics: Metrics;
  httpServer: Server;
  rateLimiter: Limiter;
  principals: readonly PrincipalResolver[];
  countErrors: (codes: string[]) => void;
  /** The gate's parsed and validated documents: also Apollo's documentStore, so a document is parsed once. */
  documents: DocumentCache;
  /** Stops the WebSocket server when Apollo drains. */
  disposeWebSocket: () => Promise<void>;
}

/** Apollo Server with our error shape and logging, started. */
async function startApollo(deps: GraphqlRouteDeps): Promise<ApolloServer<Context>> {
  const { config, logger, countErrors } = deps;
  const apollo = new ApolloServer<Context>({
    schema: deps.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.api.introspection,
    hideSchemaDetailsFromClientErrors: !config.api.introspection,
    // Batches are checked (size and total cost) by graphqlGate before Apollo sees them.
    allowBatchedHttpRequests: true,
    // Every document is sent in full, so that graphqlGate checks what runs.
    persistedQueries: false,
    // The documents graphqlGate parsed and validated (the same rules, introspection included): Apollo takes them from
    // there instead of parsing and validating the text again (ADR 0026).
    documentStore: deps.documents.apolloStore,
    // Credentials travel only in the Authorization header, which a cross-site form or <img> cannot set; and
    // graphqlGate refuses mutations over GET. The spec's plain GET must work, so Apollo's check is off.
    csrfPrevention: false,
    // main.ts owns SIGTERM: drain, close sockets, finish jobs, then exit (Apollo's own handler would exit early).
    stopOnTerminationSignals: false,
    plugins: [
      {
        async contextCreationDidFail({ error }) {
          // unavailable: the client was told DATABASE_UNAVAILABLE; otherwise INTERNAL_SERVER_ERROR, a bug to look at.
          logger.error(
            { code: "CONTEXT_FAILED", unavailable: isDatabaseUnavailable(error), error: { name: error.name, stack: error.stack } },
            "request failed before it started",
          );
        },
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) {
                const code = formatError(error.toJSON(), error).extensions?.code;
                if (code !== "INTERNAL_SERVER_ERROR" && code !== "DATABASE_UNAVAILABLE") continue;
                const original = error.originalError ?? error;
                // The stack says where; no variables, tokens or rows are logged.
                logger.error(
                  { requestId: contextValue?.requestId, code, error: { name: original.name, stack: original.stack } },
                  "request failed",
                );
              }
            },
            async willSendResponse({ response }) {
              if (response.body.kind === "single")
                countErrors((response.body.singleResult.errors ?? []).map((e) => String(e.extensions?.code)));
            },
          };
        },
      },
      ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await deps.disposeWebSocket();
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  return apollo;
}

/**
 * GraphQL over HTTP at /graphql: request id, the spec's shape, the body (1 MB, or 16 MB for bulk callers),
 * the gate (rate limit, abuse limits, validation), the time budget, then Apollo with the context of buildContext().
 */
export async function graphqlRoute(
  deps: GraphqlRouteDeps,
): Promise<{ apollo: ApolloServer<Context>; handlers: Array<express.RequestHandler | express.ErrorRequestHandler> }> {
  const { config, services, countErrors } = deps;
  const apollo = await startApollo(deps);
  const bulkJson = express.json({ limit: BULK_BODY_LIMIT });
  const handlers = [
    requestIds(deps.logger, deps.metrics),
    httpShape(countErrors),
    // Bulk upserts and CSV imports (up to 50,000 rows) need room: only admins and keys with people:write get the
    // larger body limit; everyone else keeps 1 MB. A person's roles come from the signed token (no SQL before the
    // gate); a key is looked up here, once, and reused as the request's caller.
    async (req: express.Request, res: express.Response, next: express.NextFunction) => {
      try {
        const token = bearer(req.headers.authorization);
        let bulk = false;
        if (token && looksLikeApiKey(token)) {
          const caller = await callerOf(services, token);
          res.locals.caller = caller;
          bulk = caller.apiKey?.scopes.includes("people:write") ?? false;
        } else if (token) {
          bulk = (await verifyAccessToken(config.jwtSecret, token))?.roles.includes("ADMIN") ?? false;
        }
        res.locals.bulk = bulk;
        if (bulk) bulkJson(req, res, next);
        else next();
      } catch (error) {
        next(error);
      }
    },
    express.json({ limit: "1mb" }),
    bodyErrors(countErrors),
    graphqlGate({
      schema: deps.schema,
      limits: config.api,
      rateLimiter: deps.rateLimiter,
      principals: deps.principals,
      onErrors: countErrors,
      documents: deps.documents,
    }),
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      // The request's time budget: past it the client gets REQUEST_TIMEOUT, and statement_timeout ends its SQL.
      // Bulk mutations by the callers allowed them (admins, keys with people:write) get BULK_TIMEOUT_SECONDS: 50,000-row
      // upserts take a while. Everything else those callers send keeps the ordinary budget.
      const bulkWork = res.locals.bulk && (res.locals.mutationFields as string[]).some((field) => BULK_MUTATIONS.has(field));
      const budget = bulkWork ? Math.max(config.api.bulkTimeoutMs, config.api.requestTimeoutMs) : config.api.requestTimeoutMs;
      const timer = setTimeout(() => {
        if (res.headersSent) return;
        res.locals.timedOut = true;
        sendErrors(req, res, 503, [new AppError("REQUEST_TIMEOUT", "The request took too long. Please try again.")], countErrors);
      }, budget);
      res.once("close", () => clearTimeout(timer));
      next();
    },
    // The request's id and address travel with everything it runs, for the audit log (modules/audit).
    (req: express.Request, res: express.Response, next: express.NextFunction) =>
      withRequestInfo({ requestId: (res.locals.requestId as string | undefined) ?? null, ip: req.ip ?? null }, next),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> =>
        buildContext(
          services,
          (res.locals.caller as Caller | undefined) ?? (await callerOf(services, bearer(req.headers.authorization))),
          res.locals.requestId as string,
        ),
    }),
  ];
  return { apollo, handlers };
}
