import type { EntityManager } from "typeorm";
import { APP_ROLE } from "../db/app-role";

/**
 * Scopes the open transaction to one institution as the app role, exactly as tenantTransaction
 * does, but inside a transaction the caller already holds, so several institutions can be
 * written atomically. Transaction-local, like tenantTransaction: nothing outlives the commit.
 */
export async function enterTenant(manager: EntityManager, institutionId: string): Promise<void> {
  await manager.query(
    `SELECT set_config('role', $1, true), set_config('app.institution_id', $2, true), set_config('app.identity_id', '', true)`,
    [APP_ROLE, institutionId],
  );
}
