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

/**
 * Statements for an append-only tenant table (ADR 0019): the app role may read its institution's rows and add rows
 * to it, nothing else (no UPDATE, DELETE or TRUNCATE grant), and a trigger refuses UPDATE and TRUNCATE to everyone,
 * the owner too. Needs the function refuse_append_only_change() (migration 1795305603200-AuditLogAndConsentRecords).
 */
export function appendOnlyTenantTableSql(table: string): string[] {
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_tenant_read ON ${table} FOR SELECT USING (institution_id = ${CURRENT_INSTITUTION})`,
    `CREATE POLICY ${table}_tenant_insert ON ${table} FOR INSERT WITH CHECK (institution_id = ${CURRENT_INSTITUTION})`,
    `REVOKE ALL ON ${table} FROM ${APP_ROLE}`,
    `GRANT SELECT, INSERT ON ${table} TO ${APP_ROLE}`,
    `CREATE TRIGGER ${table}_append_only BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`,
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`,
  ];
}
