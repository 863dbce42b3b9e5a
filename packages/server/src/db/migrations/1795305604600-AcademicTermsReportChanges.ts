import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The term reports' periods come from academic_terms (1795305604500): a change to them announces the institution on
 * the report-changes channel like every table a report reads (1795305602400, 1795305602402), so cached reports and
 * trends are forgotten. Without it a term trend, keyed by the current term's start, stayed stale after an earlier term
 * moved. No data is read or written.
 */
export class AcademicTermsReportChanges1795305604600 implements MigrationInterface {
  name = "AcademicTermsReportChanges1795305604600";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TRIGGER report_changed_inserted AFTER INSERT ON academic_terms
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_changed_new_rows()`,
      `CREATE TRIGGER report_changed_updated AFTER UPDATE ON academic_terms
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_changed_new_rows()`,
      `CREATE TRIGGER report_changed_deleted AFTER DELETE ON academic_terms
         REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_changed_old_rows()`,
      `CREATE TRIGGER report_changed_truncated AFTER TRUNCATE ON academic_terms FOR EACH STATEMENT EXECUTE FUNCTION report_changed_everywhere()`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const t of ["inserted", "updated", "deleted", "truncated"])
      await db.query(`DROP TRIGGER IF EXISTS report_changed_${t} ON academic_terms`);
  }
}
