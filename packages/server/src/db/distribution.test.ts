import { distributionProblems } from "./distribution-check";
import { GLOBAL_TABLES, TENANT_ROOT } from "./distribution";
import { useFreshDatabase } from "../test/database";

// A database of its own, cloned from the migrated template: only what the migrations made is in its catalog.
const db = useFreshDatabase("distribution", 2);

describe("the distribution plan (docs/scaling.md §3)", () => {
  it("finds nothing to fix in the migrated schema: every table is a tenant table, the tenant root or a listed global table", async () => {
    expect(await distributionProblems((sql, params) => db().query(sql, params))).toEqual([]);
  });

  it("lists only global tables that exist, and keeps the tenant root out of the list", async () => {
    const rows: Array<{ name: string }> = await db().query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
    );
    const existing = new Set(rows.map((r) => r.name));
    expect(Object.keys(GLOBAL_TABLES).filter((t) => !existing.has(t))).toEqual([]);
    expect(Object.keys(GLOBAL_TABLES)).not.toContain(TENANT_ROOT);
    expect(existing.has(TENANT_ROOT)).toBe(true);
  });

  it("names what to fix when a new table forgets the plan", async () => {
    const runner = db().createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      for (const sql of [
        `CREATE TABLE sketch_unlisted (id uuid PRIMARY KEY)`,
        `CREATE TABLE sketch_parent (id uuid PRIMARY KEY, institution_id uuid NOT NULL REFERENCES institutions(id), code text)`,
        `CREATE UNIQUE INDEX sketch_parent_code_key ON sketch_parent (code)`,
        `CREATE TABLE sketch_child (
           institution_id uuid NOT NULL REFERENCES institutions(id),
           parent_id uuid REFERENCES sketch_parent(id),
           membership_id uuid,
           session_id uuid REFERENCES sessions(id),
           during tstzrange,
           FOREIGN KEY (institution_id, membership_id) REFERENCES memberships (institution_id, id) ON DELETE SET NULL,
           EXCLUDE USING gist (membership_id WITH =, during WITH &&)
         )`,
        `ALTER TABLE sketch_child ENABLE ROW LEVEL SECURITY`,
        `ALTER TABLE sign_in_attempts ADD COLUMN institution_ref uuid, ADD COLUMN membership_ref uuid,
           ADD CONSTRAINT sign_in_attempts_membership_fkey FOREIGN KEY (institution_ref, membership_ref) REFERENCES memberships (institution_id, id)`,
      ]) {
        await runner.query(sql);
      }
      const problems = await distributionProblems((sql, params) => runner.query(sql, params));
      const where = "packages/server/src/db/distribution.ts";
      expect(problems).toEqual([
        `tenant table sketch_child: row-level security is not forced: its migration needs ` +
          `ALTER TABLE sketch_child ENABLE ROW LEVEL SECURITY, ALTER TABLE sketch_child FORCE ROW LEVEL SECURITY and the tenant policies`,
        `tenant table sketch_child has no primary key: add PRIMARY KEY (institution_id, id)`,
        `tenant table sketch_child: exclusion constraint sketch_child_membership_id_during_excl lacks "institution_id WITH =": add it as the first element`,
        `tenant table sketch_parent: row-level security is not enabled and forced: its migration needs ` +
          `ALTER TABLE sketch_parent ENABLE ROW LEVEL SECURITY, ALTER TABLE sketch_parent FORCE ROW LEVEL SECURITY and the tenant policies`,
        `tenant table sketch_parent: primary key sketch_parent_pkey (id) lacks institution_id: make it PRIMARY KEY (institution_id, id)`,
        `tenant table sketch_parent: unique index sketch_parent_code_key (code) lacks institution_id: lead it with institution_id, (institution_id, code)`,
        `table sketch_unlisted has no institution_id: give it "institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE" ` +
          `(a tenant table), or list it in GLOBAL_TABLES in ${where} with its placement if it belongs to no institution`,
        ...[
          `foreign key sign_in_attempts_membership_fkey of sign_in_attempts (institution_ref, membership_ref) → memberships (institution_id, id): ` +
            `a table that belongs to no institution cannot reference a tenant table; reverse or drop the reference`,
          `foreign key sketch_child_institution_id_membership_id_fkey of sketch_child (institution_id, membership_id) → memberships (institution_id, id): ` +
            `ON DELETE SET NULL would also set institution_id: write ON DELETE SET NULL (membership_id)`,
          `foreign key sketch_child_parent_id_fkey of sketch_child (parent_id) → sketch_parent (id) leaves out institution_id: ` +
            `make it FOREIGN KEY (institution_id, parent_id) REFERENCES sketch_parent (institution_id, id) with the same ON DELETE — ` +
            `for SET NULL, name the columns: ON DELETE SET NULL (parent_id)`,
          `foreign key sketch_child_session_id_fkey of sketch_child (session_id) → sessions (id): ` +
            `a tenant table can only reference global tables placed as "reference"; sessions is "coordinator" in ${where}`,
        ].sort(),
      ]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
