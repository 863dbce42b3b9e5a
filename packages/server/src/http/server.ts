import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { WebSocketServer } from "ws";
import type { Config } from "../config";
import type { Context } from "../graphql/context";
import { AppError, formatError, isDatabaseUnavailable } from "../graphql/errors";
import { Loaders } from "../graphql/loaders";
import { getSchema } from "../graphql/schema";
import { verifyAccessToken } from "../modules/accounts/tokens";
import { ssoRouter } from "../modules/identity/sso.routes";
import { calendarFeedRouter } from "../modules/requests/calendar-feed";
import { apiKeyIdOf, apiKeySocketId, looksLikeApiKey } from "../modules/integrations/api-keys.service";
import type { Services } from "../services";
import { setParallelWorkers, setStatementTimeout } from "../db/tenant-transaction";
import { checkOperation } from "../graphql/limits";
import { bodyErrors, graphqlGate, httpShape, sendErrors } from "./graphql-http";
import { Metrics } from "./metrics";
import { accessTokenPrincipal, principalOf, RateLimiter, type PrincipalResolver } from "./rate-limit";
import { requestIds } from "./request-id";

export interface AppDeps {
  config: Config;
  dataSource: DataSource;
  services: Services;
  logger: Logger;
  /**
   * Who a request counts against for rate limits, tried in order before the access token's person and
   * the caller's IP address: API keys add theirs here (returning `key:<apiKeyId>`).
   */
  principals?: PrincipalResolver[];
  /** Extra handlers mounted before the web client, e.g. the demo's identity provider at /demo-idp (main.ts). */
  mounts?: Array<{ path: string; handler: (req: IncomingMessage, res: ServerResponse) => void }>;
}

export interface App {
  httpServer: Server;
  metrics: Metrics;
  rateLimiter: RateLimiter;
  /** Turns /readyz red (503) so the load balancer stops sending work, before close(). */
  drain(): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** The mutations that get BULK_TIMEOUT_SECONDS (they also raise their own statement_timeout, modules/integrations). */
const BULK_MUTATIONS = new Set(["upsertStudents", "upsertAlumni", "importPeopleCsv", "deactivatePeople", "reactivatePeople"]);

/** Request body limit for admins and keys with people:write (bulk upserts, CSV imports); everyone else keeps 1 MB. */
const BULK_BODY_LIMIT = "16mb";

function bearer(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^Bearer\s+(.+)$/i.exec(value.trim());
  return match ? match[1] : null;
}

function sameSecret(given: string | null, expected: string): boolean {
  const a = createHash("sha256")
    .update(given ?? "")
    .digest();
  const b = createHash("sha256").update(expected).digest();
  return given !== null && timingSafeEqual(a, b);
}

/** An API key counts against its own rate limit (`key:<id>`), worked out from the token's shape. */
const apiKeyPrincipal: PrincipalResolver = ({ headers, connectionParams }) => {
  const token = bearer((headers as Record<string, unknown>).authorization as string | undefined) ?? bearer(connectionParams?.authorization);
  const id = token ? apiKeyIdOf(token) : null;
  return id ? `key:${id}` : null;
};

/** Who a bearer token speaks for: a signed-in person (JWT) or an institution's integration (API key, `ivk_…`). */
async function callerOf(services: Services, token: string | null): Promise<Pick<Context, "viewer" | "apiKey">> {
  if (token && looksLikeApiKey(token)) return { viewer: null, apiKey: await services.integrations.apiKeys.authenticate(token) };
  return { viewer: await services.accounts.viewerFromToken(token), apiKey: null };
}
/** WebSocket close code for a connection refused by the rate limit (4000–4999: the application's own). */
export const CLOSE_RATE_LIMITED = 4429;

/** Whether the database answers and every migration has been applied. */
async function isReady(dataSource: DataSource): Promise<boolean> {
  try {
    if (!dataSource.isInitialized) return false;
    await dataSource.query("SELECT 1");
    return !(await dataSource.showMigrations());
  } catch {
    return false;
  }
}

/** One HTTP server: the web client at /, GraphQL over HTTP and WebSocket at /graphql, health probes. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, dataSource, services, logger } = deps;
  const schema = await getSchema();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.api.trustProxyHops);
  const httpServer = createServer(app);
  setStatementTimeout(config.api.statementTimeoutMs);
  setParallelWorkers(config.api.parallelWorkers);
  const metrics = new Metrics();
  const rateLimiter = new RateLimiter({
    perMinute: config.api.rateLimitPerMinute,
    anonymousPerMinute: config.api.rateLimitAnonymousPerMinute,
  });
  const principals = [...(deps.principals ?? []), apiKeyPrincipal, accessTokenPrincipal(config.jwtSecret)];
  const countErrors = (codes: string[]) => metrics.countErrors(codes);
  let draining = false;

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const wsCleanup = useServer<Record<string, unknown>, { viewer?: Context["viewer"]; apiKey?: Context["apiKey"] }>(
    {
      schema,
      onConnect: async (ctx) => {
        // A connection counts against the rate limit too (it checks the session: SQL); refused ones close with 4429.
        const principal = await principalOf(
          { headers: ctx.extra.request.headers, ip: ctx.extra.request.socket.remoteAddress, connectionParams: ctx.connectionParams },
          principals,
        );
        const taken = rateLimiter.take(principal);
        if (!taken.ok) {
          countErrors(["RATE_LIMITED"]);
          ctx.extra.socket.close(CLOSE_RATE_LIMITED, `Too many requests: retry after ${taken.retryAfterSeconds} s`);
          return false;
        }
        const token = bearer(ctx.connectionParams?.authorization) ?? (ctx.connectionParams?.accessToken as string | undefined) ?? null;
        const caller = await callerOf(services, token);
        ctx.extra.viewer = caller.viewer;
        ctx.extra.apiKey = caller.apiKey;
        // Signed in at connect; closed (4401) by the guard once the session is signed out, revoked or expired.
        if (ctx.extra.viewer) services.notifications.sockets.track(ctx.extra.socket, ctx.extra.viewer.sessionId);
        // A key's socket is closed the same way once the key is revoked or rotated.
        const keySocket = ctx.extra.apiKey && token ? apiKeySocketId(token) : null;
        if (keySocket) services.notifications.sockets.track(ctx.extra.socket, keySocket);
        return true;
      },
      // The same rate limit and abuse limits as over HTTP, before the operation runs (and before any SQL).
      onSubscribe: async (ctx, _id, payload) => {
        const principal = await principalOf(
          { headers: ctx.extra.request.headers, ip: ctx.extra.request.socket.remoteAddress, connectionParams: ctx.connectionParams },
          principals,
        );
        const taken = rateLimiter.take(principal);
        if (!taken.ok) {
          countErrors(["RATE_LIMITED"]);
          return [
            new AppError("RATE_LIMITED", `Too many requests. Try again in ${taken.retryAfterSeconds} second(s).`, {
              retryAfterSeconds: taken.retryAfterSeconds,
            }),
          ];
        }
        const checked = checkOperation(schema, config.api, payload);
        if (checked.errors.length > 0) {
          const formatted = checked.errors.map((e) => formatError(e.toJSON(), e));
          countErrors(formatted.map((e) => String(e.extensions?.code)));
          return formatted.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
        }
      },
      context: (ctx): Context => ({
        viewer: ctx.extra.viewer ?? null,
        apiKey: ctx.extra.apiKey ?? null,
        requestId: randomUUID(),
        services,
        loaders: new Loaders(),
      }),
    },
    wsServer,
  );
  services.notifications.sockets.start();

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.api.introspection,
    hideSchemaDetailsFromClientErrors: !config.api.introspection,
    // Batches are checked (size and total cost) by graphqlGate before Apollo sees them.
    allowBatchedHttpRequests: true,
    // Every document is sent in full, so that graphqlGate checks what runs.
    persistedQueries: false,
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
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const bulkJson = express.json({ limit: BULK_BODY_LIMIT });
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    if (draining) return void res.status(503).json({ status: "draining" });
    const ready = await isReady(dataSource);
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable" });
  });
  metrics.attach({ dataSource, openSockets: () => wsServer.clients.size });
  const reportCache = services.reports.cache;
  metrics.attachReportCache(() => ({ ...reportCache.stats, entries: reportCache.size, rows: reportCache.rows }));
  app.get("/metrics", async (req, res) => {
    if (config.metricsToken && !sameSecret(bearer(req.headers.authorization), config.metricsToken)) {
      return void res.status(401).setHeader("www-authenticate", "Bearer").json({ error: "METRICS_TOKEN required" });
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(
    "/graphql",
    requestIds(logger, metrics),
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
    graphqlGate({ schema, limits: config.api, rateLimiter, principals, onErrors: countErrors }),
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
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const requestId = res.locals.requestId as string;
        return {
          ...((res.locals.caller as Pick<Context, "viewer" | "apiKey"> | undefined) ??
            (await callerOf(services, bearer(req.headers.authorization)))),
          requestId,
          services,
          loaders: new Loaders(),
        };
      },
    }),
  );

  app.use("/sso", ssoRouter(services.identity, logger));
  app.use("/calendar", calendarFeedRouter(services.calendarFeeds));
  for (const mount of deps.mounts ?? []) app.use(mount.path, mount.handler);

  const webDist = config.webDistDir;
  if (existsSync(path.join(webDist, "index.html"))) {
    // Built assets carry a content hash in their names, so they never change; index.html always may.
    app.use("/assets", express.static(path.join(webDist, "assets"), { immutable: true, maxAge: "365d" }));
    app.use(express.static(webDist, { index: false, maxAge: 0 }));
    app.get(/.*/, (_req, res) => {
      res.setHeader("cache-control", "no-cache");
      res.sendFile(path.join(webDist, "index.html"));
    });
  } else {
    logger.warn({ webDist }, "web client not built; run `npm run build`");
    app.get("/", (_req, res) => {
      res.type("text").send("Infoview API is running. The web client is not built: run `npm run build`.");
    });
  }

  return {
    httpServer,
    metrics,
    rateLimiter,
    drain() {
      draining = true;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    async close() {
      services.notifications.sockets.stop();
      await apollo.stop();
      wsServer.close();
    },
  };
}
