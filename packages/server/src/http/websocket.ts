import type { Server } from "node:http";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { ApiLimits } from "../config";
import type { Context } from "../graphql/context";
import { AppError, formatError } from "../graphql/errors";
import { checkOperation, type DocumentCache } from "../graphql/limits";
import { apiKeySocketId } from "../modules/integrations/api-keys.service";
import type { Services } from "../services";
import { bearer, buildContext, callerOf, type Caller } from "./context";
import { principalOf, type Limiter, type PrincipalResolver } from "./rate-limit";

/** WebSocket close code for a connection refused by the rate limit (4000–4999: the application's own). */
export const CLOSE_RATE_LIMITED = 4429;

export interface WebSocketDeps {
  httpServer: Server;
  schema: GraphQLSchema;
  limits: ApiLimits;
  services: Services;
  rateLimiter: Limiter;
  principals: readonly PrincipalResolver[];
  countErrors: (codes: string[]) => void;
  /** The gate's parsed and validated documents (graphql/limits.ts), shared with HTTP. */
  documents?: DocumentCache;
}

/** GraphQL over WebSocket (graphql-ws) at /graphql: the caller is known at connect; each operation is checked like HTTP's. */
export function graphqlWebSocket(deps: WebSocketDeps): { wsServer: WebSocketServer; dispose: () => Promise<void> } {
  const { schema, services, rateLimiter, principals, countErrors } = deps;
  const wsServer = new WebSocketServer({ server: deps.httpServer, path: "/graphql" });
  const cleanup = useServer<Record<string, unknown>, Partial<Caller>>(
    {
      schema,
      onConnect: async (ctx) => {
        // A connection counts against the rate limit too (it checks the session: SQL); refused ones close with 4429.
        const principal = await principalOf(
          { headers: ctx.extra.request.headers, ip: ctx.extra.request.socket.remoteAddress, connectionParams: ctx.connectionParams },
          principals,
        );
        const taken = await rateLimiter.take(principal);
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
        const taken = await rateLimiter.take(principal);
        if (!taken.ok) {
          countErrors(["RATE_LIMITED"]);
          return [
            new AppError("RATE_LIMITED", `Too many requests. Try again in ${taken.retryAfterSeconds} second(s).`, {
              retryAfterSeconds: taken.retryAfterSeconds,
            }),
          ];
        }
        const checked = checkOperation(schema, deps.limits, payload, deps.documents);
        if (checked.errors.length > 0) {
          const formatted = checked.errors.map((e) => formatError(e.toJSON(), e));
          countErrors(formatted.map((e) => String(e.extensions?.code)));
          return formatted.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
        }
      },
      // Results leave as over HTTP: stable codes, no database messages (formatError).
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined,
      context: (ctx): Context => buildContext(services, { viewer: ctx.extra.viewer ?? null, apiKey: ctx.extra.apiKey ?? null }),
    },
    wsServer,
  );
  return {
    wsServer,
    dispose: async () => {
      await cleanup.dispose();
    },
  };
}
