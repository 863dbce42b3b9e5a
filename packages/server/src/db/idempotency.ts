import type { EntityManager } from "typeorm";
import { AppError } from "../graphql/errors";

/** Who sent the key and for what: a key is scoped to one membership in one institution. */
export interface IdempotencyScope {
  institutionId: string;
  membershipId: string;
  /** The client's key; null or undefined runs the operation without idempotency. */
  key: string | null | undefined;
  /** The mutation's name: the same key may not be reused for another operation. */
  operation: string;
}

export interface IdempotentResult {
  /** The id of what the first call created. */
  id: string;
  /** True when this call created nothing and returns the first call's result. */
  replayed: boolean;
}

export const idempotencyKeyReused = (operation: string) =>
  new AppError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used for a different operation. Use a new key.", { operation });

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
  const params = [scope.institutionId, scope.membershipId, scope.key];
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (institution_id, membership_id, key, operation) VALUES ($1, $2, $3, $4)
     ON CONFLICT (institution_id, membership_id, key) DO NOTHING RETURNING key`,
    [...params, scope.operation],
  );
  if (claimed.length === 0) {
    const rows: Array<{ operation: string; result_id: string | null }> = await manager.query(
      `SELECT operation, result_id FROM idempotency_keys WHERE institution_id = $1 AND membership_id = $2 AND key = $3`,
      params,
    );
    const first = rows[0];
    // The first call records its result before it commits, so a committed key always has one.
    if (!first?.result_id) throw new Error(`idempotency key for ${scope.operation} has no result`);
    if (first.operation !== scope.operation) throw idempotencyKeyReused(scope.operation);
    return { id: first.result_id, replayed: true };
  }
  const id = await create();
  await manager.query(`UPDATE idempotency_keys SET result_id = $4 WHERE institution_id = $1 AND membership_id = $2 AND key = $3`, [
    ...params,
    id,
  ]);
  return { id, replayed: false };
}
