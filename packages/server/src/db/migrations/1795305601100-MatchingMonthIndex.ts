import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Capacity used this month, one alum at a time: matching checks it only for the ~100 best-scored alumni
 * (see docs/matching.md, "Performance") instead of counting this month's meetings for the whole institution.
 */
export class MatchingMonthIndex1795305601100 implements MigrationInterface {
  name = "MatchingMonthIndex1795305601100";

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX interview_requests_month_idx ON interview_requests (institution_id, alumnus_id, meeting_starts_at)
         WHERE state IN ('ACCEPTED','COMPLETED','NO_SHOW')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS interview_requests_month_idx`);
  }
}
