import type { MigrationInterface, QueryRunner } from "typeorm";

/** The tenant tables whose primary key left institution_id out, and the column(s) of that key. */
const KEYS: Array<[table: string, key: string]> = [
  ["memberships", "id"],
  ["invitations", "id"],
  ["student_profiles", "membership_id"],
  ["alumni_profiles", "membership_id"],
  ["consent_texts", "id"],
  ["consents", "id"],
  ["availability_windows", "id"],
  ["availability_slots", "id"],
  ["interview_requests", "id"],
  ["proposed_times", "id"],
  ["request_questions", "id"],
  ["request_events", "id"],
  ["outbox", "id"],
  ["rule_one_flags", "id"],
  ["conversation_notes", "request_id"],
  ["referrals", "id"],
  ["follow_ups", "request_id"],
  ["contact_log_entries", "id"],
  ["alumnus_match_stats", "alumnus_id"],
  ["alumnus_suggestions", "id"],
  ["outcomes", "id"],
  ["student_activity", "student_id"],
  ["api_keys", "id"],
  ["webhook_endpoints", "id"],
  ["webhook_deliveries", "id"],
  ["deleted_records", "id"],
];

/** Unique constraints that left institution_id out: [table, constraint, columns]. The secrets carry their institution. */
const UNIQUES: Array<[table: string, name: string, columns: string]> = [
  ["invitations", "invitations_token_hash_key", "token_hash"],
  ["api_keys", "api_keys_secret_hash_key", "secret_hash"],
  ["request_questions", "request_questions_request_id_position_key", "request_id, position"],
];

/** The index (institution_id, alumnus_id) that the new primary key of alumnus_match_stats duplicates. */
const DUPLICATE_INDEX = `alumnus_match_stats_institution_idx`;
const DUPLICATE_INDEX_SQL = `CREATE INDEX IF NOT EXISTS ${DUPLICATE_INDEX} ON alumnus_match_stats (institution_id, alumnus_id)`;

/** Trigger functions whose ON CONFLICT names the old key, or that count another table's rows without the institution. */
const FUNCTION_EDITS: Array<[signature: string, from: string, to: string]> = [
  ["match_stats_requests_inserted()", "ON CONFLICT (alumnus_id)", "ON CONFLICT (institution_id, alumnus_id)"],
  ["match_stats_requests_updated()", "ON CONFLICT (alumnus_id)", "ON CONFLICT (institution_id, alumnus_id)"],
  [
    "match_stats_requests_updated()",
    "JOIN old_rows o ON o.id = n.id",
    "JOIN old_rows o ON o.institution_id = n.institution_id AND o.id = n.id",
  ],
  ...(["new_rows", "old_rows"] as const).flatMap((rows): Array<[string, string, string]> => [
    [`match_stats_windows_${rows}()`, "ON CONFLICT (alumnus_id)", "ON CONFLICT (institution_id, alumnus_id)"],
    [
      `match_stats_windows_${rows}()`,
      "WHERE w.alumnus_id = t.alumnus_id",
      "WHERE w.institution_id = t.institution_id AND w.alumnus_id = t.alumnus_id",
    ],
  ]),
  ["student_activity_refresh(uuid[])", "ON CONFLICT (student_id)", "ON CONFLICT (institution_id, student_id)"],
];

const ON_DELETE: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

interface ForeignKey {
  name: string;
  table: string;
  column: string;
  ref: string;
  onDelete: string;
}

/** A single-column reference to a tenant table, as found before this migration. */
interface SingleForeignKey extends ForeignKey {
  refColumn: string;
  onUpdate: string;
  tenant: boolean;
}

/**
 * Every tenant table's primary key and unique constraints include institution_id, and every foreign key between two
 * tenant tables carries it on both sides — so the schema can be distributed by institution_id (Citus-style, every
 * tenant table co-located), with each key and each reference checked inside one shard. See docs/scaling.md §3.
 *
 * Primary keys become (institution_id, <old key>); foreign keys (institution_id, x_id) REFERENCES t (institution_id,
 * id) with the same ON DELETE, where SET NULL names its column (`SET NULL (x_id)`, PostgreSQL 15+) so institution_id
 * is never nulled. The foreign keys are found in the catalog, so a reference added by a migration ordered before this
 * one is carried forward too. Ids stay unique in practice (random uuids, sequences): the app may still name a row by
 * id alone, and row-level security adds the institution to every lookup, which the new keys serve.
 *
 * Every key is rebuilt and every reference re-checked under exclusive locks, in one transaction: 5 s for 270,000 rows
 * on a busy 2-core machine (docs/scaling.md, Carrying existing databases forward).
 */
export class TenantKeys1795305602630 implements MigrationInterface {
  name = "TenantKeys1795305602630";

  async up(db: QueryRunner): Promise<void> {
    const tables = KEYS.map(([table]) => table);
    const keyOf = new Map(KEYS);
    const singles: SingleForeignKey[] = await db.query(
      `SELECT c.conname AS name, c.conrelid::regclass::text AS "table", a.attname AS "column", c.confrelid::regclass::text AS ref,
              ra.attname AS "refColumn", c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate",
              EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.conrelid AND x.attname = 'institution_id' AND NOT x.attisdropped) AS tenant
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.confrelid::regclass::text = ANY($1::text[])
        ORDER BY 2, 3`,
      [tables],
    );
    for (const fk of singles) {
      if (!fk.tenant)
        throw new Error(`${fk.table}.${fk.column} references ${fk.ref}, a tenant table, but ${fk.table} has no institution_id`);
      if (fk.refColumn !== keyOf.get(fk.ref)) throw new Error(`${fk.name} references ${fk.ref}.${fk.refColumn}, not its key`);
      if (fk.onUpdate !== "a") throw new Error(`${fk.name} has an ON UPDATE action, which this migration does not carry over`);
    }

    for (const fk of singles) await db.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);
    for (const [table, key] of KEYS) await this.replacePrimaryKey(db, table, `institution_id, ${key}`);
    for (const [table, name, columns] of UNIQUES) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}, ADD CONSTRAINT ${name} UNIQUE (institution_id, ${columns})`);
    }
    await db.query(`DROP INDEX IF EXISTS ${DUPLICATE_INDEX}`);
    for (const fk of singles) {
      const setsColumn = fk.onDelete === "n" || fk.onDelete === "d" ? ` (${fk.column})` : "";
      await db.query(
        `ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} FOREIGN KEY (institution_id, ${fk.column})
           REFERENCES ${fk.ref} (institution_id, ${keyOf.get(fk.ref)}) ON DELETE ${ON_DELETE[fk.onDelete]}${setsColumn}`,
      );
    }
    for (const [signature, from, to] of FUNCTION_EDITS) await rewriteFunction(db, signature, from, to);
  }

  async down(db: QueryRunner): Promise<void> {
    const tables = KEYS.map(([table]) => table);
    const keyOf = new Map(KEYS);
    for (const [signature, from, to] of [...FUNCTION_EDITS].reverse()) await rewriteFunction(db, signature, to, from);
    // The references this migration made: (institution_id, x) → t (institution_id, key of t).
    const pairs: ForeignKey[] = await db.query(
      `SELECT c.conname AS name, c.conrelid::regclass::text AS "table", a.attname AS "column", c.confrelid::regclass::text AS ref,
              c.confdeltype AS "onDelete"
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[2]
         JOIN pg_attribute t ON t.attrelid = c.conrelid AND t.attnum = c.conkey[1] AND t.attname = 'institution_id'
         JOIN pg_attribute rt ON rt.attrelid = c.confrelid AND rt.attnum = c.confkey[1] AND rt.attname = 'institution_id'
         JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[2]
         JOIN unnest($1::text[], $2::text[]) k(tbl, key) ON k.tbl = c.confrelid::regclass::text AND k.key = ra.attname
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 2
        ORDER BY 2, 3`,
      [tables, tables.map((t) => keyOf.get(t))],
    );
    for (const fk of pairs) await db.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);
    await db.query(DUPLICATE_INDEX_SQL);
    for (const [table, name, columns] of UNIQUES) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}, ADD CONSTRAINT ${name} UNIQUE (${columns})`);
    }
    for (const [table, key] of KEYS) await this.replacePrimaryKey(db, table, key);
    for (const fk of pairs) {
      await db.query(
        `ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} FOREIGN KEY (${fk.column})
           REFERENCES ${fk.ref} (${keyOf.get(fk.ref)}) ON DELETE ${ON_DELETE[fk.onDelete]}`,
      );
    }
  }

  /** Rebuilds a table's primary key on new columns, under the name it had. */
  private async replacePrimaryKey(db: QueryRunner, table: string, columns: string): Promise<void> {
    const [pk]: Array<{ name: string }> = await db.query(
      `SELECT conname AS name FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`,
      [table],
    );
    const name = pk?.name ?? `${table}_pkey`;
    await db.query(`ALTER TABLE ${table} ${pk ? `DROP CONSTRAINT ${name}, ` : ""}ADD CONSTRAINT ${name} PRIMARY KEY (${columns})`);
  }
}

/** Replaces one piece of a function's definition, refusing when the piece is missing (a definition this did not expect). */
async function rewriteFunction(db: QueryRunner, signature: string, from: string, to: string): Promise<void> {
  const [{ def }]: Array<{ def: string }> = await db.query(`SELECT pg_get_functiondef($1::regprocedure) AS def`, [signature]);
  if (!def.includes(from)) throw new Error(`${signature}: expected "${from}" in its definition`);
  await db.query(def.split(from).join(to));
}
