import { idempotencyKeyReused, inputHash } from "../../db/idempotency";
import { tenantTransaction } from "../../db/tenant-transaction";
import { AppError, badInput } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import type { Actor } from "./principal";

export const idempotencyKeyInUse = (operation: string) =>
  new AppError("IDEMPOTENCY_KEY_IN_USE", "A call with this idempotency key is still running. Try again when it has finished.", {
    operation,
  });

/**
 * Idempotency keys for the bulk mutations (ADR 0018). They write in chunks, each its own transaction, so the key
 * cannot commit with the change as db/idempotency.ts's do: it is claimed first (its own transaction), the summary
 * the call returned is stored at the end, and a failed call gives the key up again. A retry with the same key and
 * input gets the stored summary; one while the first still runs, IDEMPOTENCY_KEY_IN_USE.
 */
export class BulkIdempotencyService {
  constructor(private readonly deps: ServiceDeps) {}

  async once<T>(actor: Actor, operation: string, key: string | null | undefined, input: unknown, run: () => Promise<T>): Promise<T> {
    if (key == null) return run();
    if (key.length < 1 || key.length > 200) throw badInput([{ field: "idempotencyKey", message: "Use 1 to 200 characters." }]);
    const caller = actor.apiKeyId ? `key:${actor.apiKeyId}` : `member:${actor.membershipId}`;
    const scope = { institutionId: actor.institutionId };
    const hash = inputHash(input);
    const params = [actor.institutionId, caller, key];
    const first = await tenantTransaction(this.deps.dataSource, scope, async (m) => {
      const claimed: unknown[] = await m.query(
        `INSERT INTO bulk_idempotency_keys (institution_id, caller, key, operation, input_hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (institution_id, caller, key) DO NOTHING RETURNING key`,
        [...params, operation, hash],
      );
      if (claimed.length > 0) return null;
      const rows: Array<{ operation: string; input_hash: string; result: T | null }> = await m.query(
        `SELECT operation, input_hash, result FROM bulk_idempotency_keys WHERE institution_id = $1 AND caller = $2 AND key = $3`,
        params,
      );
      return rows[0] ?? null;
    });
    if (first) {
      if (first.operation !== operation || first.input_hash !== hash) throw idempotencyKeyReused(operation);
      if (first.result === null) throw idempotencyKeyInUse(operation);
      return first.result;
    }
    let result: T;
    try {
      result = await run();
    } catch (error) {
      await tenantTransaction(this.deps.dataSource, scope, (m) =>
        m.query(`DELETE FROM bulk_idempotency_keys WHERE institution_id = $1 AND caller = $2 AND key = $3`, params),
      );
      throw error;
    }
    await tenantTransaction(this.deps.dataSource, scope, (m) =>
      m.query(`UPDATE bulk_idempotency_keys SET result = $4 WHERE institution_id = $1 AND caller = $2 AND key = $3`, [
        ...params,
        JSON.stringify(result),
      ]),
    );
    return result;
  }
}
