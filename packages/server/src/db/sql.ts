import type { EntityManager } from "typeorm";

/** Runs SQL and returns its rows, the same shape for SELECT, INSERT, UPDATE and DELETE … RETURNING. */
export async function sqlRows<T = Record<string, unknown>>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return (result.records ?? []) as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
