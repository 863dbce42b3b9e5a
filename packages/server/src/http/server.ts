import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import express from "express";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { getSchema } from "../graphql/schema";
import { ssoRouter } from "../modules/identity/sso.routes";
import { calendarFeedRouter } from "../modules/requests/calendar-feed";
import { unsubscribeRouter, unsubscribeSigner } from "../modules/notifications/unsubscribe";
import { digestActionRouter } from "../modules/requests/digest-action-page";
import { apiKeyIdOf } from "../modules/integrations/api-keys.service";
import type { Services } from "../services";
import { setParallelWorkers, setStatementTimeout } from "../db/tenant-transaction";
import { bearer } from "./context";
import { finalErrors, notFound } from "./errors";
import { DocumentCache } from "../graphql/limits";
import { graphqlRoute } from "./graphql-route";
import { Metrics } from "./metrics";
import { probes } from "./probes";
import { accessTokenPrincipal, RateLimiter, type Limiter, type PrincipalResolver } from "./rate-limit";
import { staticClient } from "./static-client";
import { graphqlWebSocket } from "./websocket";

export { CLOSE_RATE_LIMITED } from "./websocket";

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
  /** The rate limit shared by the processes of a cluster (cluster.ts); this process's own buckets when not given. */
  rateLimiter?: Limiter;
}

export interface App {
  httpServer: Server;
  metrics: Metrics;
  rateLimiter: Limiter;
  /** Turns /readyz red (503) so the load balancer stops sending work, before close(). */
  drain(): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** An API key counts against its own rate limit (`key:<id>`), worked out from the token's shape. */
const apiKeyPrincipal: PrincipalResolver = ({ headers, connectionParams }) => {
  const token = bearer((headers as Record<string, unknown>).authorization as string | undefined) ?? bearer(connectionParams?.authorization);
  const id = token ? apiKeyIdOf(token) : null;
  return id ? `key:${id}` : null;
};

/**
 * One HTTP server: probes, GraphQL over HTTP and WebSocket at /graphql, campus sign-in at /sso, the web client
 * at /, and at the end of the chain a JSON answer with a code for whatever nothing else answered (http/errors.ts).
 */
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
  const rateLimiter =
    deps.rateLimiter ??
    new RateLimiter({
      perMinute: config.api.rateLimitPerMinute,
      anonymousPerMinute: config.api.rateLimitAnonymousPerMinute,
    });
  const principals = [...(deps.principals ?? []), apiKeyPrincipal, accessTokenPrincipal(config.jwtSecret)];
  const countErrors = (codes: string[]) => metrics.countErrors(codes);
  let draining = false;

  // Parsed and validated documents by text, shared by the HTTP gate, the WebSocket's and Apollo (ADR 0026).
  const documents = new DocumentCache();
  const ws = graphqlWebSocket({ httpServer, schema, limits: config.api, services, rateLimiter, principals, countErrors, documents });
  services.notifications.sockets.start();
  const graphql = await graphqlRoute({
    config,
    schema,
    services,
    logger,
    metrics,
    httpServer,
    rateLimiter,
    principals,
    countErrors,
    documents,
    disposeWebSocket: ws.dispose,
  });

  metrics.attach({ dataSource, openSockets: () => ws.wsServer.clients.size });
  const reportCache = services.reports.cache;
  metrics.attachReportCache(() => ({ ...reportCache.stats, entries: reportCache.size, rows: reportCache.rows }));
  app.use(probes({ config, dataSource, metrics, draining: () => draining }));
  app.use("/graphql", ...graphql.handlers);
  app.use("/sso", ssoRouter(services.identity, logger));
  app.use("/calendar", calendarFeedRouter(services.calendarFeeds));
  app.use(
    "/unsubscribe",
    unsubscribeRouter({
      dataSource,
      signer: unsubscribeSigner(config.secretsKey),
      preferences: services.notificationPreferences,
      publicUrl: config.publicUrl,
    }),
  );
  app.use("/digest", digestActionRouter({ actions: services.digestActions, publicUrl: config.publicUrl }));
  for (const mount of deps.mounts ?? []) app.use(mount.path, mount.handler);
  app.use(staticClient(config.webDistDir, logger));
  app.use(notFound(countErrors));
  app.use(finalErrors(logger, countErrors));

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
      await graphql.apollo.stop();
      ws.wsServer.close();
    },
  };
}
