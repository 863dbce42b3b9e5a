import { GLOBAL_SCHEMAS, GLOBAL_TABLES, TENANT_KEY, TENANT_ROOT } from "./distribution";

/** Runs one catalog query; a DataSource's or an EntityManager's `query` will do. */
export type CatalogQuery = (sql: string, params?: unknown[]) => Promise<unknown>;

const WHERE = "packages/server/src/db/distribution.ts";

interface TableRow {
  oid: number;
  schema: string;
  name: string;
  rls: boolean;
  force: boolean;
  tenant: boolean;
}

interface KeyRow {
  table_oid: number;
  kind: "p" | "u" | "x" | "i";
  name: string;
  columns: string[];
  /** For an exclusion constraint, the operator of each column. */
  operators: string[] | null;
}

interface ForeignKeyRow {
  table_oid: number;
  ref_oid: number;
  name: string;
  columns: string[];
  ref_columns: string[];
  on_delete: string;
  /** The columns ON DELETE SET NULL / SET DEFAULT sets, when it names them (PostgreSQL 15+). */
  sets: string[] | null;
}

const qualified = (t: TableRow) => (t.schema === "public" ? t.name : `${t.schema}.${t.name}`);
const list = (columns: string[]) => columns.join(", ");

/**
 * Reads the catalog of a migrated database and returns, one sentence each, every way the schema departs from the
 * distribution plan of db/distribution.ts — each sentence says what to change. An empty list: nothing to fix.
 */
export async function distributionProblems(query: CatalogQuery): Promise<string[]> {
  const tables = (await query(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS force,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = $1 AND a.attnum > 0 AND NOT a.attisdropped) AS tenant
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'
      ORDER BY 2, 3`,
    [TENANT_KEY],
  )) as TableRow[];
  const keys = (await query(
    `SELECT * FROM (
     SELECT c.conrelid::int AS table_oid, c.contype AS kind, c.conname AS name,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
            CASE WHEN c.contype = 'x' THEN ARRAY(SELECT o.oprname::text FROM unnest(c.conexclop) WITH ORDINALITY x(op, i)
                    JOIN pg_operator o ON o.oid = x.op ORDER BY x.i) END AS operators
       FROM pg_constraint c WHERE c.contype IN ('p', 'u', 'x')
     UNION ALL
     -- Unique indexes that back no constraint (partial ones included): a distributed table cannot have them either.
     SELECT i.indrelid::int, 'i', ic.relname,
            ARRAY(SELECT coalesce(a.attname::text, '(expression)') FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY k(n, j)
                    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.j),
            NULL
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
     ) k ORDER BY table_oid, kind <> 'p', name`,
  )) as KeyRow[];
  const foreignKeys = (await query(
    `SELECT c.conrelid::int AS table_oid, c.confrelid::int AS ref_oid, c.conname AS name,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS ref_columns,
            c.confdeltype AS on_delete,
            ARRAY(SELECT a.attname::text FROM unnest(c.confdelsetcols) k(n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS sets
       FROM pg_constraint c WHERE c.contype = 'f'
      ORDER BY c.conrelid::regclass::text, c.conname`,
  )) as ForeignKeyRow[];

  const problems: string[] = [];
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const isGlobal = (t: TableRow) =>
    t.schema === "public" ? Object.hasOwn(GLOBAL_TABLES, t.name) : Object.hasOwn(GLOBAL_SCHEMAS, t.schema);
  const placementOf = (t: TableRow) => (t.schema === "public" ? GLOBAL_TABLES[t.name]?.placement : GLOBAL_SCHEMAS[t.schema]?.placement);
  const isRoot = (t: TableRow) => t.schema === "public" && t.name === TENANT_ROOT;

  for (const t of tables) {
    const name = qualified(t);
    if (!t.tenant) {
      if (isRoot(t) || isGlobal(t)) continue;
      problems.push(
        t.schema === "public"
          ? `table ${name} has no ${TENANT_KEY}: give it "${TENANT_KEY} uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE" ` +
              `(a tenant table), or list it in GLOBAL_TABLES in ${WHERE} with its placement if it belongs to no institution`
          : `table ${name} is outside the public schema and its schema is not listed: add "${t.schema}" to GLOBAL_SCHEMAS in ${WHERE} ` +
              `with its placement ("coordinator" for a job queue), or give the table ${TENANT_KEY}`,
      );
      continue;
    }
    if (isGlobal(t)) {
      problems.push(`table ${name} is listed in GLOBAL_TABLES but has ${TENANT_KEY}: drop the column, or take it off the list (${WHERE})`);
    }
    if (!t.rls || !t.force) {
      problems.push(
        `tenant table ${name}: row-level security is not ${t.rls ? "forced" : "enabled and forced"}: its migration needs ` +
          `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY, ALTER TABLE ${name} FORCE ROW LEVEL SECURITY and the tenant policies`,
      );
    }
    const own = keys.filter((k) => k.table_oid === t.oid);
    const pk = own.find((k) => k.kind === "p");
    if (!pk) problems.push(`tenant table ${name} has no primary key: add PRIMARY KEY (${TENANT_KEY}, id)`);
    for (const k of own) {
      const at = k.columns.indexOf(TENANT_KEY);
      if (k.kind === "x") {
        if (at < 0 || k.operators?.[at] !== "=")
          problems.push(`tenant table ${name}: exclusion constraint ${k.name} lacks "${TENANT_KEY} WITH =": add it as the first element`);
        continue;
      }
      if (at >= 0) continue;
      const fixed = `(${TENANT_KEY}, ${list(k.columns)})`;
      if (k.kind === "p")
        problems.push(`tenant table ${name}: primary key ${k.name} (${list(k.columns)}) lacks ${TENANT_KEY}: make it PRIMARY KEY ${fixed}`);
      if (k.kind === "u")
        problems.push(
          `tenant table ${name}: unique constraint ${k.name} (${list(k.columns)}) lacks ${TENANT_KEY}: make it UNIQUE ${fixed}`,
        );
      if (k.kind === "i")
        problems.push(
          `tenant table ${name}: unique index ${k.name} (${list(k.columns)}) lacks ${TENANT_KEY}: lead it with ${TENANT_KEY}, ${fixed}`,
        );
    }
  }

  for (const fk of foreignKeys) {
    const from = byOid.get(fk.table_oid);
    const to = byOid.get(fk.ref_oid);
    if (!from || !to) continue;
    const what = `foreign key ${fk.name} of ${qualified(from)} (${list(fk.columns)}) → ${qualified(to)} (${list(fk.ref_columns)})`;
    if (!from.tenant) {
      if (to.tenant)
        problems.push(`${what}: a table that belongs to no institution cannot reference a tenant table; reverse or drop the reference`);
      continue;
    }
    if (!to.tenant) {
      if (isRoot(to)) continue;
      if (isGlobal(to) && placementOf(to) !== "reference") {
        problems.push(
          `${what}: a tenant table can only reference global tables placed as "reference"; ${qualified(to)} is "${placementOf(to)}" in ${WHERE}`,
        );
      }
      continue;
    }
    const at = fk.columns.indexOf(TENANT_KEY);
    if (at < 0 || fk.ref_columns[at] !== TENANT_KEY) {
      const others = fk.columns.filter((c) => c !== TENANT_KEY);
      const refOthers = fk.ref_columns.filter((c, i) => fk.columns[i] !== TENANT_KEY);
      problems.push(
        `${what} leaves out ${TENANT_KEY}: make it FOREIGN KEY (${TENANT_KEY}, ${list(others)}) REFERENCES ${qualified(to)} ` +
          `(${TENANT_KEY}, ${list(refOthers)}) with the same ON DELETE — for SET NULL, name the columns: ON DELETE SET NULL (${list(others)})`,
      );
      continue;
    }
    if ((fk.on_delete === "n" || fk.on_delete === "d") && (!fk.sets || fk.sets.length === 0 || fk.sets.includes(TENANT_KEY))) {
      const others = fk.columns.filter((c) => c !== TENANT_KEY);
      const action = fk.on_delete === "n" ? "SET NULL" : "SET DEFAULT";
      problems.push(`${what}: ON DELETE ${action} would also set ${TENANT_KEY}: write ON DELETE ${action} (${list(others)})`);
    }
  }
  return problems;
}
