import { timingSafeEqual } from "node:crypto";
import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { ApiKeyPrincipal, Scope, Viewer } from "../../auth/viewer";
import type { ServiceDeps } from "../../service-deps";
import { randomToken, sha256 } from "../accounts";
import type { ApiKey, ApiKeyWithSecret, CreateApiKeyInput } from "./api-keys.types";
import { apiKeyNotFound } from "./integrations.errors";
import { isScope } from "./scopes";
import { personActor, recordAudit } from "../audit";

/** Every key starts with this, so it is recognisable in logs and by secret scanners. */
export const API_KEY_PREFIX = "ivk_";
const KEY_FORMAT = /^ivk_([0-9a-f-]{36})_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;
/** last_used_at is written at most this often per key, so busy integrations do not write on every call. */
const LAST_USED_RESOLUTION_SECONDS = 60;

const COLUMNS = `id, name, scopes, created_at AS "createdAt", rotated_at AS "rotatedAt", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`;

export const looksLikeApiKey = (token: string): boolean => token.startsWith(API_KEY_PREFIX);

/** The key id a token names, read from its shape alone (no SQL): what rate limits count against. */
export function apiKeyIdOf(token: string): string | null {
  return KEY_FORMAT.exec(token)?.[2] ?? null;
}

const SOCKET_PREFIX = "ivk:";
/** What the socket guard tracks for a WebSocket opened with a key: the key and its current secret's hash. */
export function apiKeySocketId(token: string): string | null {
  const match = KEY_FORMAT.exec(token);
  return match ? `${SOCKET_PREFIX}${match[1]}:${match[2]}:${sha256(match[3])}` : null;
}
export const isApiKeySocketId = (id: string): boolean => id.startsWith(SOCKET_PREFIX);

/** `ivk_<institution>_<key>_<secret>`: the ids route the lookup to the tenant; only sha256(secret) is stored. */
const formatKey = (institutionId: string, keyId: string, secret: string) => `${API_KEY_PREFIX}${institutionId}_${keyId}_${secret}`;

export class ApiKeysService {
  constructor(private readonly deps: Pick<ServiceDeps, "dataSource">) {}

  private inTenant<T>(institutionId: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return tenantTransaction(this.deps.dataSource, { institutionId }, fn);
  }

  async list(viewer: Viewer): Promise<ApiKey[]> {
    return this.inTenant(viewer.institutionId, (m) =>
      sqlRows<ApiKey>(
        m,
        `SELECT ${COLUMNS} FROM api_keys WHERE institution_id = $1 ORDER BY revoked_at DESC NULLS FIRST, created_at DESC`,
        [viewer.institutionId],
      ),
    );
  }

  async create(viewer: Viewer, input: CreateApiKeyInput): Promise<ApiKeyWithSecret> {
    const scopes = [...new Set(input.scopes)].filter(isScope);
    const secret = randomToken();
    const [apiKey] = await this.inTenant(viewer.institutionId, async (m) => {
      const rows = await sqlRows<ApiKey>(
        m,
        `INSERT INTO api_keys (institution_id, name, scopes, secret_hash, created_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [viewer.institutionId, input.name.trim(), scopes, sha256(secret), viewer.memberships.ADMIN ?? null],
      );
      await this.audit(m, viewer, "api_key.created", rows[0], null, { name: rows[0].name, scopes: rows[0].scopes });
      return rows;
    });
    return { apiKey, secret: formatKey(viewer.institutionId, apiKey.id, secret) };
  }

  /** A new secret for the same key (same id, name and scopes); the old secret stops working at once. */
  async rotate(viewer: Viewer, id: string): Promise<ApiKeyWithSecret> {
    const secret = randomToken();
    const [apiKey] = await this.inTenant(viewer.institutionId, async (m) => {
      const rows = await sqlRows<ApiKey>(
        m,
        `UPDATE api_keys SET secret_hash = $2, rotated_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
        [id, sha256(secret)],
      );
      if (rows[0]) await this.audit(m, viewer, "api_key.rotated", rows[0], null, null);
      return rows;
    });
    if (!apiKey) throw apiKeyNotFound();
    return { apiKey, secret: formatKey(viewer.institutionId, apiKey.id, secret) };
  }

  async revoke(viewer: Viewer, id: string): Promise<ApiKey> {
    const [apiKey] = await this.inTenant(viewer.institutionId, async (m) => {
      const rows = await sqlRows<ApiKey>(
        m,
        `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
        [id],
      );
      if (rows[0]) await this.audit(m, viewer, "api_key.revoked", rows[0], { revoked: false }, { revoked: true });
      return rows;
    });
    if (!apiKey) throw apiKeyNotFound();
    return apiKey;
  }

  private audit(
    m: EntityManager,
    viewer: Viewer,
    action: "api_key.created" | "api_key.rotated" | "api_key.revoked",
    apiKey: ApiKey,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    return recordAudit(m, {
      institutionId: viewer.institutionId,
      actor: personActor(viewer, ["ADMIN"]),
      action,
      target: { type: "api_key", id: apiKey.id },
      before,
      after,
    });
  }

  /** Whether a socket's key is still unrevoked and still has the secret it connected with. */
  async isSocketKeyActive(socketId: string): Promise<boolean> {
    const [institutionId, keyId, hash] = socketId.slice(SOCKET_PREFIX.length).split(":");
    if (!institutionId || !keyId || !hash) return false;
    const rows = await this.inTenant(institutionId, (m) =>
      sqlRows(m, `SELECT 1 FROM api_keys WHERE id = $1 AND secret_hash = $2 AND revoked_at IS NULL`, [keyId, hash]),
    );
    return rows.length > 0;
  }

  /** The principal of a valid, unrevoked key, or null. Records the use at most once a minute. */
  async authenticate(token: string): Promise<ApiKeyPrincipal | null> {
    const match = KEY_FORMAT.exec(token);
    if (!match) return null;
    const [, institutionId, keyId, secret] = match;
    return this.inTenant(institutionId, async (m) => {
      const [row] = await sqlRows<{ scopes: Scope[]; secret_hash: string; stale: boolean }>(
        m,
        `SELECT scopes, secret_hash, (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2)) AS stale
           FROM api_keys WHERE id = $1 AND revoked_at IS NULL`,
        [keyId, LAST_USED_RESOLUTION_SECONDS],
      );
      if (!row) return null;
      const given = Buffer.from(sha256(secret), "hex");
      const stored = Buffer.from(row.secret_hash, "hex");
      if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
      if (row.stale) {
        await m.query(
          `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
          [keyId, LAST_USED_RESOLUTION_SECONDS],
        );
      }
      return { keyId, institutionId, scopes: row.scopes.filter(isScope) };
    });
  }
}
