import { randomUUID } from "node:crypto";
import type { Context } from "../graphql/context";
import { Loaders } from "../graphql/loaders";
import { looksLikeApiKey } from "../modules/integrations/api-keys.service";
import type { Services } from "../services";

/** Who is asking: a signed-in person, an institution's integration, or nobody. */
export type Caller = Pick<Context, "viewer" | "apiKey">;

/** The token of an `Authorization: Bearer …` header (or a WebSocket's connectionParams.authorization). */
export function bearer(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^Bearer\s+(.+)$/i.exec(value.trim());
  return match ? match[1] : null;
}

/** Who a bearer token speaks for: a signed-in person (JWT) or an institution's integration (API key, `ivk_…`). */
export async function callerOf(services: Services, token: string | null): Promise<Caller> {
  if (token && looksLikeApiKey(token)) return { viewer: null, apiKey: await services.integrations.apiKeys.authenticate(token) };
  return { viewer: await services.accounts.viewerFromToken(token), apiKey: null };
}

/**
 * The one way a GraphQL context is made, over HTTP (per request, with the request id of http/request-id.ts)
 * and over WebSocket (per operation, with an id of its own): the caller, verified before, and fresh DataLoaders.
 */
export function buildContext(services: Services, caller: Caller, requestId: string = randomUUID()): Context {
  return { viewer: caller.viewer ?? null, apiKey: caller.apiKey ?? null, requestId, services, loaders: new Loaders() };
}
