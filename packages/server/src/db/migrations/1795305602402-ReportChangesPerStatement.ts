import type { MigrationInterface, QueryRunner } from "typeorm";
import { REPORT_CHANGES_CHANNEL, TENANT_SOURCES } from "./1795305602400-ReportChanges";

/**
 * Report cache invalidation, cheaper for bulk writes: inserts and deletes announce their institutions once per
 * statement, from the transition table (which the student_activity triggers already keep for most of these tables),
 * instead of one trigger call per row (measured: 100,000 inserted rows cost 470 ms more with the row trigger, 36 ms
 * with this one). Updates keep the row trigger of 1795305602400, whose WHEN clause skips updates of columns no
 * report reads. TRUNCATE, which fires no row trigger, announces every institution. No data is read or written.
 */
export class ReportChangesPerStatement1795305602402 implements MigrationInterface {
  name = "ReportChangesPerStatement1795305602402";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE FUNCTION report_changed_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('${REPORT_CHANGES_CHANNEL}', x.institution_id::text) FROM (SELECT DISTINCT institution_id FROM new_rows) x;
         RETURN NULL;
       END $$`,
      `CREATE FUNCTION report_changed_old_rows() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('${REPORT_CHANGES_CHANNEL}', x.institution_id::text) FROM (SELECT DISTINCT institution_id FROM old_rows) x;
         RETURN NULL;
       END $$`,
      ...TENANT_SOURCES.flatMap(([table]) => [
        `DROP TRIGGER IF EXISTS report_changed_rows ON ${table}`,
        `CREATE TRIGGER report_changed_inserted AFTER INSERT ON ${table}
           REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_changed_new_rows()`,
        `CREATE TRIGGER report_changed_deleted AFTER DELETE ON ${table}
           REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_changed_old_rows()`,
        `CREATE TRIGGER report_changed_truncated AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION report_changed_everywhere()`,
      ]),
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [table] of TENANT_SOURCES) {
      for (const t of ["inserted", "deleted", "truncated"]) await db.query(`DROP TRIGGER IF EXISTS report_changed_${t} ON ${table}`);
      await db.query(
        `CREATE TRIGGER report_changed_rows AFTER INSERT OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION report_changed()`,
      );
    }
    await db.query(`DROP FUNCTION IF EXISTS report_changed_new_rows()`);
    await db.query(`DROP FUNCTION IF EXISTS report_changed_old_rows()`);
  }
}
