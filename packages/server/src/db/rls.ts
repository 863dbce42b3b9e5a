import { APP_ROLE } from "./app-role";

/**
 * The current institution, or NULL when none is set — so an unscoped query sees nothing. As a scalar subquery, so
 * PostgreSQL evaluates it once per statement (an InitPlan) instead of once per row, and can compare an index to it:
 * a bare current_setting() in a policy cost ~100 ms on a 50,000-row scan (migration 1795305602500-PoliciesOnce).
 */
export const CURRENT_INSTITUTION = `(SELECT nullif(current_setting('app.institution_id', true), '')::uuid)`;
export const CURRENT_IDENTITY = `(SELECT nullif(current_setting('app.identity_id', true), '')::uuid)`;

/**
 * Statements that put a tenant-owned table behind row-level security for the app role. Migrations do not call this
 * (they hold the SQL they run, ADR 0015): a new migration writes these five statements out, as its neighbours do.
 */
export function tenantTableSql(table: string, extraVisibility?: string): string[] {
  const visible = extraVisibility
    ? `(institution_id = ${CURRENT_INSTITUTION} OR ${extraVisibility})`
    : `institution_id = ${CURRENT_INSTITUTION}`;
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_tenant_read ON ${table} FOR SELECT USING (${visible})`,
    `CREATE POLICY ${table}_tenant_write ON ${table} FOR ALL USING (institution_id = ${CURRENT_INSTITUTION}) WITH CHECK (institution_id = ${CURRENT_INSTITUTION})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}`,
  ];
}
