import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Two needsAction lists read only what they list (docs/reports.md, Performance):
 * - overloadedAlumni looks up only alumni over the institution's smallest monthly capacity, which this index gives in
 *   one probe;
 * - unresponsiveAlumni reads the requests expired in the last 90 days as one range instead of every expired request.
 * Both build in a few seconds at 1,000,000 requests; `IF NOT EXISTS` so a database that has them is left alone.
 */
export class NeedsActionIndexes1795305602401 implements MigrationInterface {
  name = "NeedsActionIndexes1795305602401";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS alumni_profiles_capacity_idx ON alumni_profiles (institution_id, monthly_capacity)`);
    await db.query(
      `CREATE INDEX IF NOT EXISTS interview_requests_expired_at_idx ON interview_requests (institution_id, (coalesce(closed_at, expires_at)))
         INCLUDE (alumnus_id, closed_at, expires_at) WHERE state = 'EXPIRED'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS interview_requests_expired_at_idx`);
    await db.query(`DROP INDEX IF EXISTS alumni_profiles_capacity_idx`);
  }
}
