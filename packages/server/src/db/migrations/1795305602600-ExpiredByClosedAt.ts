import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * unresponsiveAlumni reads the requests expired in the last 90 days through an index on `closed_at`, replacing the
 * index on `coalesce(closed_at, expires_at)` of 1795305602401: under row-level security PostgreSQL treats a COALESCE
 * in a condition as possibly leaky and never uses it as an index condition for the app role, so that index was read
 * whole (40,000 entries at the benchmark's flagship, ~21 ms; with this one ~2 ms). Expiry always sets `closed_at`;
 * the list still finds an expired request without one through `closed_at IS NULL` on the same index.
 * See docs/decisions/0010-policies-read-settings-once.md.
 */
export class ExpiredByClosedAt1795305602600 implements MigrationInterface {
  name = "ExpiredByClosedAt1795305602600";

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX IF NOT EXISTS interview_requests_expired_closed_idx ON interview_requests (institution_id, closed_at)
         INCLUDE (alumnus_id, expires_at) WHERE state = 'EXPIRED'`,
    );
    await db.query(`DROP INDEX IF EXISTS interview_requests_expired_at_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX IF NOT EXISTS interview_requests_expired_at_idx ON interview_requests (institution_id, (coalesce(closed_at, expires_at)))
         INCLUDE (alumnus_id, closed_at, expires_at) WHERE state = 'EXPIRED'`,
    );
    await db.query(`DROP INDEX IF EXISTS interview_requests_expired_closed_idx`);
  }
}
