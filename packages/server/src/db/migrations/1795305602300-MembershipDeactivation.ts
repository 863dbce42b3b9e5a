import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Deactivation of students and alumni (not erasure): a deactivated membership keeps its history but cannot
 * sign in, leaves the directory and matching, and shows in the people feed with `active: false`.
 */
export class MembershipDeactivation1795305602300 implements MigrationInterface {
  name = "MembershipDeactivation1795305602300";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE memberships ADD COLUMN deactivated_at timestamptz`);
    // Few rows are deactivated; the partial index lists them per institution without weighing on the others.
    await db.query(
      `CREATE INDEX memberships_deactivated_idx ON memberships (institution_id, role, deactivated_at) WHERE deactivated_at IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS memberships_deactivated_idx`);
    await db.query(`ALTER TABLE memberships DROP COLUMN IF EXISTS deactivated_at`);
  }
}
