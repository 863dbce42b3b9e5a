import { createHash } from "node:crypto";
import type { PoolClient } from "pg";
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

/**
 * Runs a statement as a named prepared statement on the transaction's connection (node-postgres prepares it once per
 * connection, by name). The name comes from the text, so two texts never share one. From the sixth run on a
 * connection PostgreSQL may use a generic plan, planned once: worth it for a statement of a request's hot path whose
 * text is the same for everyone and whose planning costs more than its run (row-level security adds its policies to
 * every table, so planning is rarely cheap). Measure before using it: a generic plan can also be slower (ADR 0010).
 */
export async function prepared<T>(m: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const client = (m.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!client) return m.query(text, values);
  const name = `infoview_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  return (await client.query({ name, text, values })).rows as T[];
}
