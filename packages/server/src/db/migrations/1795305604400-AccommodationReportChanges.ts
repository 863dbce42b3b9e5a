import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The requests report counts requests with accommodations (ADR 0031): saying or withdrawing needs changes that count, so
 * request_accommodations announces its institution on the report-changes channel like every table a report reads
 * (1795305602400, 1795305602402). A row exists only while it holds needs (an empty list deletes it), so inserts and
 * deletes are the changes that matter; an update keeps the count. No data is read or written.
 */
export class AccommodationReportChanges1795305604400 implements MigrationInterface {
  name = "AccommodationReportChanges1795305604400";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TRIGGER report_changed_inserted AFTER INSERT ON request_accommodations
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_changed_new_rows()`,
      `CREATE TRIGGER report_changed_deleted AFTER DELETE ON request_accommodations
         REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_changed_old_rows()`,
      `CREATE TRIGGER report_changed_truncated AFTER TRUNCATE ON request_accommodations FOR EACH STATEMENT EXECUTE FUNCTION report_changed_everywhere()`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const t of ["inserted", "deleted", "truncated"])
      await db.query(`DROP TRIGGER IF EXISTS report_changed_${t} ON request_accommodations`);
  }
}
