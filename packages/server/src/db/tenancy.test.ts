import { systemTransaction, tenantTransaction } from "./tenant-transaction";
import { APP_ROLE } from "./data-source";
import { useTestDatabase } from "../test/database";
import { buildInstitutionWithEveryTable, GLOBAL_TABLES } from "../test/tenant-fixture";
import type { BuiltInstitution } from "../test/factories";

const db = useTestDatabase(2);

async function tables(): Promise<string[]> {
  const rows: Array<{ name: string }> = await db().query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}
const tenantTables = async () => (await tables()).filter((t) => !GLOBAL_TABLES.includes(t));
/** institutions is the tenant root: its own id is the tenant key. */
const keyOf = (table: string) => (table === "institutions" ? "id" : "institution_id");

describe("the tenancy catalog", () => {
  it("puts every tenant table behind forced row-level security with a policy and an institution index", async () => {
    const problems: string[] = [];
    for (const table of await tenantTables()) {
      const [info] = await db().query(
        `SELECT c.relrowsecurity AS rls, c.relforcerowsecurity AS force,
                (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
                (SELECT a.attnotnull FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = $2) AS key_not_null,
                (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = $2) AS key_type,
                EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
                         WHERE i.indrelid = c.oid AND a.attname = $2) AS key_indexed
           FROM pg_class c WHERE c.oid = $1::regclass`,
        [table, keyOf(table)],
      );
      if (!info.rls) problems.push(`${table}: row-level security not enabled`);
      if (!info.force) problems.push(`${table}: row-level security not forced`);
      if (info.policies === 0) problems.push(`${table}: no policy`);
      if (info.key_type !== "uuid" || !info.key_not_null) problems.push(`${table}: ${keyOf(table)} is not uuid not null`);
      if (!info.key_indexed) problems.push(`${table}: no index starting with ${keyOf(table)}`);
    }
    expect(problems).toEqual([]);
  });

  it("reads the current institution and identity once per statement in every policy, never row by row", async () => {
    const policies: Array<{ name: string; expr: string }> = await db().query(
      `SELECT tablename || '.' || policyname AS name, coalesce(qual, '') || ' ' || coalesce(with_check, '') AS expr
         FROM pg_policies WHERE schemaname = 'public'`,
    );
    const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
    const perRow = policies
      .filter(
        (p) =>
          count(p.expr, /current_setting\('app\.(institution|identity)_id'/g) !==
          count(p.expr, /SELECT \(NULLIF\(current_setting\('app\.(institution|identity)_id'/g),
      )
      .map((p) => p.name);
    expect(policies.length).toBeGreaterThan(40);
    expect(perRow).toEqual([]);
  });

  it("keeps institution data out of the global tables", async () => {
    for (const table of GLOBAL_TABLES) {
      const [{ has }] = await db().query(
        `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'institution_id') AS has`,
        [table],
      );
      expect({ table, hasInstitutionId: has }).toEqual({ table, hasInstitutionId: false });
    }
  });

  it("runs the app as a role that is neither owner nor superuser and cannot bypass RLS", async () => {
    const [role] = await db().query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1`, [APP_ROLE]);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const [inside] = await tenantTransaction(db(), { institutionId: null }, (m) => m.query(`SELECT current_user AS who`));
    expect(inside.who).toBe(APP_ROLE);
    const owned: Array<{ relname: string }> = await db().query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = $1`,
      [APP_ROLE],
    );
    expect(owned).toEqual([]);
  });
});

describe("isolation between institutions", () => {
  let a: BuiltInstitution;
  let b: BuiltInstitution;
  beforeAll(async () => {
    a = await buildInstitutionWithEveryTable(db());
    b = await buildInstitutionWithEveryTable(db());
  });

  it("shows institution A every one of its tenant tables, so the checks below are not vacuous", async () => {
    for (const table of await tenantTables()) {
      const [{ n }] = await tenantTransaction(db(), { institutionId: a.id }, (m) =>
        m.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${keyOf(table)} = $1`, [a.id]),
      );
      expect({ table, hasRows: n > 0 }).toEqual({ table, hasRows: true });
    }
  });

  it("hides B's rows from A in every tenant table", async () => {
    for (const table of await tenantTables()) {
      const [{ n }] = await tenantTransaction(db(), { institutionId: a.id }, (m) =>
        m.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${keyOf(table)} <> $1`, [a.id]),
      );
      expect({ table, foreignRows: n }).toEqual({ table, foreignRows: 0 });
    }
  });

  it("lets A neither update nor delete B's rows in any tenant table", async () => {
    for (const table of await tenantTables()) {
      const key = keyOf(table);
      // Zero rows touched, or no privilege at all (the app may not delete institutions): both keep B safe.
      const touched = (sql: string) =>
        tenantTransaction(db(), { institutionId: a.id }, async (m) => (await m.query(sql, [b.id]))[1] as number).catch((error: Error) => {
          if (/permission denied/.test(error.message)) return 0;
          throw error;
        });
      const updated = await touched(`UPDATE ${table} SET ${key} = ${key} WHERE ${key} = $1`);
      const deleted = await touched(`DELETE FROM ${table} WHERE ${key} = $1`);
      expect({ table, updated, deleted }).toEqual({ table, updated: 0, deleted: 0 });
    }
    const [{ n }] = await tenantTransaction(db(), { institutionId: b.id }, (m) => m.query(`SELECT count(*)::int AS n FROM memberships`));
    expect(n).toBeGreaterThan(0);
  });

  it("refuses rows written by A into B in every tenant table", async () => {
    for (const table of await tenantTables()) {
      const key = keyOf(table);
      // Copy one of A's own rows, re-labelled as B's: the policy's WITH CHECK must refuse it.
      const columns: string = (
        await db().query(
          `SELECT string_agg(quote_ident(column_name), ', ') AS list FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'`,
          [table],
        )
      )[0].list;
      const attempt = tenantTransaction(db(), { institutionId: a.id }, (m) =>
        m.query(
          `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_record(NULL::${table},
             (SELECT to_jsonb(t) || jsonb_build_object('${key}', $2::uuid) FROM ${table} t WHERE t.${key} = $1 LIMIT 1))`,
          [a.id, b.id],
        ),
      );
      await expect(attempt).rejects.toThrow(/row-level security|permission denied/);
    }
  });

  it("shows nothing when no institution is set (fail closed)", async () => {
    for (const table of await tenantTables()) {
      const [{ n }] = await tenantTransaction(db(), { institutionId: null }, (m) => m.query(`SELECT count(*)::int AS n FROM ${table}`));
      expect({ table, visible: n }).toEqual({ table, visible: 0 });
    }
  });

  it("lets background work list institutions but still see no tenant rows", async () => {
    const ids = await systemTransaction(db(), async (m) => (await m.query(`SELECT id FROM institutions`)).map((r: { id: string }) => r.id));
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    for (const table of (await tenantTables()).filter((t) => t !== "institutions")) {
      const [{ n }] = await systemTransaction(db(), (m) => m.query(`SELECT count(*)::int AS n FROM ${table}`));
      expect({ table, visible: n }).toEqual({ table, visible: 0 });
    }
  });

  it("never mixes two tenants' requests interleaved on a small pool", async () => {
    const rounds = 60;
    const results = await Promise.all(
      Array.from({ length: rounds }, (_, i) => {
        const mine = i % 2 === 0 ? a : b;
        return tenantTransaction(db(), { institutionId: mine.id }, async (m) => {
          await m.query(`SELECT pg_sleep($1)`, [(i % 5) / 1000]);
          const rows: Array<{ institution_id: string }> = await m.query(`SELECT institution_id FROM memberships`);
          const [{ setting }] = await m.query(`SELECT current_setting('app.institution_id') AS setting`);
          return { expected: mine.id, setting, seen: [...new Set(rows.map((r) => r.institution_id))] };
        });
      }),
    );
    for (const r of results) {
      expect(r.setting).toBe(r.expected);
      expect(r.seen).toEqual([r.expected]);
    }
    // After the transactions, a pooled connection carries neither the role nor the tenant.
    const [after] = await db().query(`SELECT current_user AS who, coalesce(current_setting('app.institution_id', true), '') AS setting`);
    expect(after.who).not.toBe(APP_ROLE);
    expect(after.setting).toBe("");
  });
});
