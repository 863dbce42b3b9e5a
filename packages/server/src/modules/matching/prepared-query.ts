import { createHash } from "node:crypto";
import type { QueryResult } from "pg";
import type { EntityManager } from "typeorm";

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<QueryResult>;
}

/**
 * Runs a SELECT as a named prepared statement on the transaction's connection, so PostgreSQL can reuse its plan
 * (planning the candidate query costs more than running it on a warm page). The name comes from the SQL text, so
 * each query shape is prepared once per connection. Outside a transaction it falls back to a plain query.
 */
export async function preparedQuery<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const runner = m.queryRunner as (typeof m.queryRunner & { connect(): Promise<PgClient> }) | undefined;
  if (!runner) return m.query(sql, params);
  const client = await runner.connect();
  const name = `prep_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
  const result = await client.query({ name, text: sql, values: params });
  return result.rows as T[];
}
