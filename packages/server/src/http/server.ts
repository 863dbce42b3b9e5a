import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { WebSocketServer } from "ws";
import type { Config } from "../config";
import type { Context } from "../graphql/context";
import { formatError } from "../graphql/errors";
import { Loaders } from "../graphql/loaders";
import { getSchema } from "../graphql/schema";
import { apiKeySocketId, looksLikeApiKey } from "../modules/integrations/api-keys.service";
import type { Services } from "../services";

export interface AppDeps {
  config: Config;
  dataSource: DataSource;
  services: Services;
  logger: Logger;
}

export interface App {
  httpServer: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Request body limit for admins and keys with people:write (bulk upserts, CSV imports); everyone else keeps 1 MB. */
const BULK_BODY_LIMIT = "16mb";

function bearer(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^Bearer\s+(.+)$/i.exec(value.trim());
  return match ? match[1] : null;
}

/** Who a bearer token speaks for: a signed-in person (JWT) or an institution's integration (API key, `ivk_…`). */
async function principalOf(services: Services, token: string | null): Promise<Pick<Context, "viewer" | "apiKey">> {
  if (token && looksLikeApiKey(token)) return { viewer: null, apiKey: await services.integrations.apiKeys.authenticate(token) };
  return { viewer: await services.accounts.viewerFromToken(token), apiKey: null };
}

/** Whether the database answers and every migration has been applied. */
async function isReady(dataSource: DataSource): Promise<boolean> {
  try {
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
  const httpServer = createServer(app);

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const wsCleanup = useServer<Record<string, unknown>, { viewer?: Context["viewer"]; apiKey?: Context["apiKey"] }>(
    {
      schema,
      onConnect: async (ctx) => {
        const token = bearer(ctx.connectionParams?.authorization) ?? (ctx.connectionParams?.accessToken as string | undefined) ?? null;
        const principal = await principalOf(services, token);
        ctx.extra.viewer = principal.viewer;
        ctx.extra.apiKey = principal.apiKey;
        // Signed in at connect; closed (4401) by the guard once the session is signed out, revoked or expired.
        if (ctx.extra.viewer) services.notifications.sockets.track(ctx.extra.socket, ctx.extra.viewer.sessionId);
        // A key's socket is closed the same way once the key is revoked or rotated.
        const keySocket = ctx.extra.apiKey && token ? apiKeySocketId(token) : null;
        if (keySocket) services.notifications.sockets.track(ctx.extra.socket, keySocket);
        return true;
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
    plugins: [
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
    const ready = await isReady(dataSource);
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable" });
  });

  app.use(
    "/graphql",
    // Who is calling, once per request. Bulk upserts and CSV imports (up to 50,000 rows) need room:
    // only admins and keys with people:write get the larger body limit; everyone else keeps 1 MB.
    async (req: express.Request, res: express.Response, next: express.NextFunction) => {
      try {
        const principal = await principalOf(services, bearer(req.headers.authorization));
        res.locals.principal = principal;
        const bulk = principal.viewer?.roles.includes("ADMIN") || principal.apiKey?.scopes.includes("people:write");
        if (bulk) bulkJson(req, res, next);
        else next();
      } catch (error) {
        next(error);
      }
    },
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const requestId = (req.headers["x-request-id"] as string | undefined) ?? randomUUID();
        return {
          ...((res.locals.principal as Pick<Context, "viewer" | "apiKey"> | undefined) ??
            (await principalOf(services, bearer(req.headers.authorization)))),
          requestId,
          services,
          loaders: new Loaders(),
        };
      },
    }),
  );

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
