import type { DataSource, EntityManager } from "typeorm";
import { APP_ROLE } from "./app-role";

let statementTimeout = "0";
let parallelWorkers = "0";

/** PostgreSQL statement_timeout for the statements of every transaction below (0: none). Set once at start. */
export function setStatementTimeout(ms: number): void {
  statementTimeout = `${Math.max(0, Math.floor(ms))}ms`;
}

/**
 * PostgreSQL max_parallel_workers_per_gather for every transaction below (default 0). A parallel worker is a new
 * process for each query that uses one: for the short statements of a request, starting it costs more than the work
 * (a needs-action list: 11 ms with a worker, 3 ms without), and under concurrent load the cores are busy anyway.
 * Long computations that gain from workers (reports computed afresh) raise it for their own transaction.
 */
export function setParallelWorkers(workers: number): void {
  parallelWorkers = String(Math.max(0, Math.floor(workers)));
}

/** The setting for one transaction's long computation: `SELECT set_config(...)` with this as $1. */
export const PARALLEL_WORKERS_SQL = `SELECT set_config('max_parallel_workers_per_gather', $1, true)`;

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
              set_config('statement_timeout', $4, true), set_config('max_parallel_workers_per_gather', $5, true)`,
      [APP_ROLE, scope.institutionId ?? "", scope.identityId ?? "", statementTimeout, parallelWorkers],
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
      `SELECT set_config('role', $1, true), set_config('app.system', 'on', true), set_config('statement_timeout', $2, true),
              set_config('max_parallel_workers_per_gather', $3, true)`,
      [APP_ROLE, statementTimeout, parallelWorkers],
    );
    return fn(manager);
  });
}
