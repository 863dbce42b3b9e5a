import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * FERPA directory block (issue 13, ADR 0023): a student whose directory information the institution must not disclose.
 * `student_profiles.directory_block` is set by the roster import and the bulk upserts; a blocked student's profile
 * reaches an alum only through a request the student sends with explicit consent at that moment, recorded on the
 * request as `directory_consent_at` (null for students without a block).
 */
export class DirectoryBlock1795305603700 implements MigrationInterface {
  name = "DirectoryBlock1795305603700";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE student_profiles ADD COLUMN directory_block boolean NOT NULL DEFAULT false`);
    await db.query(`ALTER TABLE interview_requests ADD COLUMN directory_consent_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE interview_requests DROP COLUMN directory_consent_at`);
    await db.query(`ALTER TABLE student_profiles DROP COLUMN directory_block`);
  }
}
