import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MAX_PAGE_SIZE } from "./graphql/page-sizes";

export interface Config {
  port: number;
  host: string;
  nodeEnv: "development" | "production" | "test";
  /** Unset means: run the embedded PostgreSQL from the data folder. */
  databaseUrl: string | null;
  dataDir: string;
  dbPoolSize: number;
  jwtSecret: Uint8Array;
  /** AES-256 key for secrets at rest (SECRETS_KEY, 32 bytes in base64); see docs/sso.md, Rotating the secrets key. */
  secretsKey: Uint8Array;
  /** Earlier keys still accepted for opening stored secrets after a rotation (SECRETS_KEY_PREVIOUS, comma-separated). */
  secretsKeyPrevious: Uint8Array[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  smtpUrl: string | null;
  publicUrl: string;
  seedDemo: boolean;
  logLevel: string;
  webDistDir: string;
  /** When set, /metrics answers only requests with `Authorization: Bearer <metricsToken>`. */
  metricsToken: string | null;
  /** Wait this long after turning /readyz red before closing the listener (for the load balancer to notice). */
  shutdownDelayMs: number;
  /** Exit anyway if a graceful shutdown takes longer than this. */
  shutdownTimeoutMs: number;
  /** Let webhook endpoints be on loopback or private networks (WEBHOOK_ALLOW_PRIVATE_NETWORKS; off: SSRF guard). */
  webhookAllowPrivateNetworks: boolean;
  /** Longest a cached report is kept (REPORT_CACHE_SECONDS; 0 turns the cache off). See docs/reports.md, Performance. */
  reportCacheMs: number;
  /** Cached reports read within this long are computed again in the background after a change (0: never). */
  reportRefreshMs: number;
  /** Abuse limits and timeouts for the GraphQL API (see http/rate-limit.ts and graphql/limits.ts). */
  api: ApiLimits;
}

export interface ApiLimits {
  /** Introspection and "Did you mean …?" suggestions (GRAPHQL_INTROSPECTION; off by default in production). */
  introspection: boolean;
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Operations in one batched HTTP request (a JSON array). */
  maxBatch: number;
  /** Largest `first` of a paginated field not listed in graphql/page-sizes.ts. */
  maxPageSize: number;
  /** Lexical tokens in one query document: bounds parsing work before anything else runs. */
  maxTokens: number;
  /** Requests per minute for a signed-in person or an API key, and for anonymous callers per IP address. */
  rateLimitPerMinute: number;
  rateLimitAnonymousPerMinute: number;
  /** Longest a GraphQL request may take before it is answered with REQUEST_TIMEOUT. */
  requestTimeoutMs: number;
  /** PostgreSQL statement_timeout for every statement the app runs in a transaction. */
  statementTimeoutMs: number;
  /** PostgreSQL max_parallel_workers_per_gather for requests' transactions (see db/tenant-transaction.ts). */
  parallelWorkers: number;
  /** The same for a report computed afresh (a long scan over a period's requests). */
  reportParallelWorkers: number;
  /** Both limits above, for bulk work (upserts and CSV imports by admins and keys with people:write). */
  bulkTimeoutMs: number;
  /** Trust X-Forwarded-For from this many proxies in front (0: use the socket's address). */
  trustProxyHops: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

export type Env = Record<string, string | undefined>;

export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no", "off"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === "") return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, "is not a valid URL");
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(" or ")}`);
  }
  return raw;
}

/** A secret kept in the data folder, so tokens survive restarts without any setup. */
function persistedSecret(dataDir: string, name = "jwt-secret"): Uint8Array {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}

/** A 32-byte AES key given in base64 (e.g. `openssl rand -base64 32`). */
function aesKey(name: string, raw: string): Uint8Array {
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(raw) ? Buffer.from(raw, "base64") : Buffer.alloc(0);
  if (key.length !== 32) throw new ConfigError(name, "must be 32 random bytes in base64 (openssl rand -base64 32)");
  return key;
}

function secretsKeys(env: Env, nodeEnv: Config["nodeEnv"], dataDir: string): Pick<Config, "secretsKey" | "secretsKeyPrevious"> {
  const raw = env.SECRETS_KEY;
  if (nodeEnv === "production" && !raw) throw new ConfigError("SECRETS_KEY", "must be set in production");
  const previous = (env.SECRETS_KEY_PREVIOUS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => aesKey("SECRETS_KEY_PREVIOUS", k));
  return { secretsKey: raw ? aesKey("SECRETS_KEY", raw) : persistedSecret(dataDir, "secrets-key"), secretsKeyPrevious: previous };
}

function metricsToken(env: Env): string | null {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === "") return null;
  if (raw.length < 16) throw new ConfigError("METRICS_TOKEN", "must be at least 16 characters long");
  return raw;
}

/** Reads and validates the environment once; a bad value names its variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = (env.NODE_ENV ?? "development") as Config["nodeEnv"];
  if (!["development", "production", "test"].includes(nodeEnv)) {
    throw new ConfigError("NODE_ENV", `must be development, production or test, got "${nodeEnv}"`);
  }
  const port = int(env, "PORT", 4000, 0, 65535);
  const dataDir = path.resolve(env.DATA_DIR || ".data");
  const secretRaw = env.JWT_SECRET;
  if (secretRaw !== undefined && secretRaw !== "" && secretRaw.length < 32) {
    throw new ConfigError("JWT_SECRET", "must be at least 32 characters long");
  }
  if (nodeEnv === "production" && !secretRaw) {
    throw new ConfigError("JWT_SECRET", "must be set in production");
  }
  return {
    port,
    host: env.HOST || "0.0.0.0",
    nodeEnv,
    databaseUrl: url(env, "DATABASE_URL", ["postgres:", "postgresql:"]),
    dataDir,
    dbPoolSize: int(env, "DB_POOL_SIZE", 10, 1, 200),
    jwtSecret: secretRaw ? new TextEncoder().encode(secretRaw) : persistedSecret(dataDir),
    ...secretsKeys(env, nodeEnv, dataDir),
    accessTokenTtlSeconds: int(env, "ACCESS_TOKEN_TTL_SECONDS", 900, 10, 86400),
    refreshTokenTtlDays: int(env, "REFRESH_TOKEN_TTL_DAYS", 30, 1, 365),
    smtpUrl: url(env, "SMTP_URL", ["smtp:", "smtps:"]),
    publicUrl: (url(env, "PUBLIC_URL", ["http:", "https:"]) ?? `http://localhost:${port}`).replace(/\/$/, ""),
    seedDemo: bool(env, "SEED_DEMO", true),
    logLevel: env.LOG_LEVEL || (nodeEnv === "test" ? "silent" : "info"),
    webDistDir: path.resolve(env.WEB_DIST_DIR || path.join(__dirname, "..", "..", "web", "dist")),
    metricsToken: metricsToken(env),
    shutdownDelayMs: int(env, "SHUTDOWN_DELAY_SECONDS", 0, 0, 300) * 1000,
    shutdownTimeoutMs: int(env, "SHUTDOWN_TIMEOUT_SECONDS", 25, 1, 3600) * 1000,
    webhookAllowPrivateNetworks: bool(env, "WEBHOOK_ALLOW_PRIVATE_NETWORKS", false),
    reportCacheMs: int(env, "REPORT_CACHE_SECONDS", 120, 0, 3600) * 1000,
    reportRefreshMs: int(env, "REPORT_REFRESH_MINUTES", 15, 0, 24 * 60) * 60_000,
    api: {
      introspection: bool(env, "GRAPHQL_INTROSPECTION", nodeEnv !== "production"),
      maxDepth: int(env, "GRAPHQL_MAX_DEPTH", 15, 2, 100),
      maxAliases: int(env, "GRAPHQL_MAX_ALIASES", 30, 0, 1000),
      maxCost: int(env, "GRAPHQL_MAX_COST", 20000, 10, 10_000_000),
      maxBatch: int(env, "GRAPHQL_MAX_BATCH", 10, 1, 100),
      maxPageSize: DEFAULT_MAX_PAGE_SIZE,
      maxTokens: int(env, "GRAPHQL_MAX_TOKENS", 5000, 100, 1_000_000),
      rateLimitPerMinute: int(env, "RATE_LIMIT_PER_MINUTE", 600, 1, 1_000_000),
      rateLimitAnonymousPerMinute: int(env, "RATE_LIMIT_ANON_PER_MINUTE", 120, 1, 1_000_000),
      requestTimeoutMs: int(env, "REQUEST_TIMEOUT_SECONDS", 30, 1, 3600) * 1000,
      statementTimeoutMs: int(env, "STATEMENT_TIMEOUT_SECONDS", 15, 1, 3600) * 1000,
      bulkTimeoutMs: int(env, "BULK_TIMEOUT_SECONDS", 300, 1, 3600) * 1000,
      parallelWorkers: int(env, "PARALLEL_WORKERS", 0, 0, 64),
      reportParallelWorkers: int(env, "REPORT_PARALLEL_WORKERS", 2, 0, 64),
      trustProxyHops: int(env, "TRUST_PROXY_HOPS", 0, 0, 10),
    },
  };
}
