import type { DataSource, EntityManager } from "typeorm";
import { APP_ROLE } from "./app-role";

let statementTimeout = "0";

/** PostgreSQL statement_timeout for the statements of every transaction below (0: none). Set once at start. */
export function setStatementTimeout(ms: number): void {
  statementTimeout = `${Math.max(0, Math.floor(ms))}ms`;
}

/** Who the database should act for: an institution, a person, or both. */
export interface TenantScope {
  institutionId: string | null;
  identityId?: string | null;
}

/**
 * Runs fn in one transaction as the app role, scoped to one institution.
 * The role and settings are transaction-local, so a pooled connection never carries
 * one request's tenant into the next; with no institution set, tenant tables show no rows.
 */
export async function tenantTransaction<T>(
  dataSource: DataSource,
  scope: TenantScope,
  fn: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(
      `SELECT set_config('role', $1, true), set_config('app.institution_id', $2, true), set_config('app.identity_id', $3, true),
              set_config('statement_timeout', $4, true)`,
      [APP_ROLE, scope.institutionId ?? "", scope.identityId ?? "", statementTimeout],
    );
    return fn(manager);
  });
}

/**
 * For background work only: lists institutions (the one thing it may see across tenants) so that
 * each can then be processed inside its own tenantTransaction. Tenant tables stay invisible here.
 */
export async function systemTransaction<T>(dataSource: DataSource, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(
      `SELECT set_config('role', $1, true), set_config('app.system', 'on', true), set_config('statement_timeout', $2, true)`,
      [APP_ROLE, statementTimeout],
    );
    return fn(manager);
  });
}
