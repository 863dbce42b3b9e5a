import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { AppError, badInput } from "../graphql/errors";

/** Who sent the key and for what: a key is scoped to one membership in one institution. */
export interface IdempotencyScope {
  institutionId: string;
  membershipId: string;
  /** The client's key; null or undefined runs the operation without idempotency. */
  key: string | null | undefined;
  /** The mutation's name: the same key may not be reused for another operation. */
  operation: string;
  /** What the operation was sent (the key itself left out): the same key may not be reused with other input. */
  input?: unknown;
}

export interface IdempotentResult {
  /** The id of what the first call created. */
  id: string;
  /** True when this call created nothing and returns the first call's result. */
  replayed: boolean;
}

export const idempotencyKeyReused = (operation: string) =>
  new AppError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used for a different operation or input. Use a new key.", {
    operation,
  });

/** JSON with object keys sorted, dates as ISO strings, the idempotency key itself and undefined left out. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => k !== "idempotencyKey" && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the operation's input, canonical (key order, dates), so a retry of the same input matches. */
export const inputHash = (input: unknown): string => createHash("sha256").update(canonical(input)).digest("hex");

/**
 * Runs `create` at most once per (membership, key). Call it inside the transaction that creates the
 * thing, first thing in it: the key row and the thing commit together or not at all.
 *
 * Concurrent duplicates are safe without retries: the second INSERT … ON CONFLICT DO NOTHING waits on
 * the unique key until the first transaction ends. If it committed, the second inserts nothing and
 * reads the first result (each statement sees newly committed rows under READ COMMITTED); if it rolled
 * back, the second goes ahead and creates. A failed first call therefore leaves no trace, and its retry
 * runs again.
 */
export async function runIdempotent(
  manager: EntityManager,
  scope: IdempotencyScope,
  create: () => Promise<string>,
): Promise<IdempotentResult> {
  if (scope.key == null) return { id: await create(), replayed: false };
  if (scope.key.length < 1 || scope.key.length > 200) throw badInput([{ field: "idempotencyKey", message: "Use 1 to 200 characters." }]);
  const params = [scope.institutionId, scope.membershipId, scope.key];
  const hash = inputHash(scope.input);
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (institution_id, membership_id, key, operation, input_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (institution_id, membership_id, key) DO NOTHING RETURNING key`,
    [...params, scope.operation, hash],
  );
  if (claimed.length === 0) {
    const rows: Array<{ operation: string; result_id: string | null; input_hash: string | null }> = await manager.query(
      `SELECT operation, result_id, input_hash FROM idempotency_keys WHERE institution_id = $1 AND membership_id = $2 AND key = $3`,
      params,
    );
    const first = rows[0];
    if (first && first.operation !== scope.operation) throw idempotencyKeyReused(scope.operation);
    // Keys stored before input hashes (ADR 0018) have none: they are compared by operation only.
    if (first?.input_hash && first.input_hash !== hash) throw idempotencyKeyReused(scope.operation);
    // The first call records its result before it commits, so a committed key always has one.
    if (!first?.result_id) throw new Error(`idempotency key for ${scope.operation} has no result`);
    return { id: first.result_id, replayed: true };
  }
  const id = await create();
  await manager.query(`UPDATE idempotency_keys SET result_id = $4 WHERE institution_id = $1 AND membership_id = $2 AND key = $3`, [
    ...params,
    id,
  ]);
  return { id, replayed: false };
}
