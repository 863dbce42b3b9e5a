import type { IncomingHttpHeaders } from "node:http";
import { verifyAccessToken } from "../modules/accounts/tokens";

/**
 * Who a request counts against: `user:<identityId>` for a signed-in person, `key:<apiKeyId>` for an
 * API key, `ip:<address>` for anyone else. Worked out from the request alone, with no SQL: an access
 * token's signature is checked, not its session (a signed-out token still counts against its person).
 */
export type Principal = `user:${string}` | `key:${string}` | `ip:${string}`;

export interface PrincipalRequest {
  headers: IncomingHttpHeaders | Record<string, unknown>;
  /** The caller's address (express req.ip, honouring TRUST_PROXY_HOPS; the socket's for WebSockets). */
  ip: string | undefined;
  /** graphql-ws connectionParams, for WebSockets. */
  connectionParams?: Readonly<Record<string, unknown>>;
}

/** Names a principal, or null to let the next resolver try. API keys plug in here (see createApp's deps). */
export type PrincipalResolver = (request: PrincipalRequest) => Promise<Principal | null> | Principal | null;

function bearerOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^Bearer\s+(.+)$/i.exec(value.trim());
  return match ? match[1] : null;
}

/** The signed-in person, from an access token in the Authorization header or graphql-ws connectionParams. */
export function accessTokenPrincipal(secret: Uint8Array): PrincipalResolver {
  return async ({ headers, connectionParams }) => {
    const token =
      bearerOf((headers as Record<string, unknown>).authorization) ??
      bearerOf(connectionParams?.authorization) ??
      (typeof connectionParams?.accessToken === "string" ? connectionParams.accessToken : null);
    if (!token) return null;
    const claims = await verifyAccessToken(secret, token);
    return claims ? `user:${claims.identityId}` : null;
  };
}

export async function principalOf(request: PrincipalRequest, resolvers: readonly PrincipalResolver[]): Promise<Principal> {
  for (const resolve of resolvers) {
    const principal = await resolve(request);
    if (principal) return principal;
  }
  return `ip:${request.ip ?? "unknown"}`;
}

export type Take = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/** What the gate asks: this process's RateLimiter, or the one all the processes of a cluster share (cluster.ts). */
export interface Limiter {
  take(principal: Principal, cost?: number): Take | Promise<Take>;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets in this process's memory, one per principal: `perMinute` requests in a burst, refilled
 * continuously at perMinute/60 a second. Each replica counts on its own (docs/decisions/0009), so a
 * principal spread over N replicas by the load balancer gets up to N times the limit.
 */
export class RateLimiter implements Limiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: { perMinute: number; anonymousPerMinute: number },
    private readonly now: () => number = Date.now,
    /** Buckets kept at most; the oldest are dropped first (a full bucket loses nothing by being dropped). */
    private readonly maxBuckets = 100_000,
  ) {}

  limitFor(principal: Principal): number {
    return principal.startsWith("ip:") ? this.limits.anonymousPerMinute : this.limits.perMinute;
  }

  take(principal: Principal, cost = 1): Take {
    const capacity = this.limitFor(principal);
    const perMs = capacity / 60_000;
    const now = this.now();
    const bucket = this.buckets.get(principal) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    // Re-inserted so that the map's order is least recently used first.
    this.buckets.delete(principal);
    this.buckets.set(principal, bucket);
    if (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - bucket.tokens) / perMs / 1000)) };
  }

  get size(): number {
    return this.buckets.size;
  }
}
