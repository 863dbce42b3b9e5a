import type { MigrationInterface, QueryRunner } from "typeorm";

const OUTCOME_KINDS = `('PURSUING_FIELD','LEAVING_FIELD','INTERNSHIP_OFFER','JOB_OFFER','FURTHER_INTRODUCTION','OTHER')`;

/**
 * Reports for advisors: what students say came of their conversations (outcomes), and the indexes that keep
 * the institution-wide reports fast over 100,000+ requests. See docs/reports.md.
 */
export class Reports1795305601500 implements MigrationInterface {
  name = "Reports1795305601500";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // A student's own record of what came of a conversation (or of their search in general, without a request).
      `CREATE TABLE outcomes (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         student_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         request_id uuid,
         kind text NOT NULL CHECK (kind IN ${OUTCOME_KINDS}),
         note text CHECK (length(note) BETWEEN 1 AND 1000),
         created_at timestamptz NOT NULL DEFAULT now(),
         FOREIGN KEY (request_id, institution_id, student_id) REFERENCES interview_requests (id, institution_id, student_id) ON DELETE CASCADE
       )`,
      `CREATE INDEX outcomes_institution_idx ON outcomes (institution_id, created_at)`,
      `CREATE INDEX outcomes_student_idx ON outcomes (institution_id, student_id, created_at)`,
      `ALTER TABLE outcomes ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE outcomes FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY outcomes_tenant_read ON outcomes FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY outcomes_tenant_write ON outcomes FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON outcomes TO infoview_app`,
      // Reports read requests by creation time within one institution (funnel, trend), and needs-action lists
      // read each student's and alum's latest activity.
      `CREATE INDEX interview_requests_created_idx ON interview_requests (institution_id, created_at)
         INCLUDE (id, student_id, alumnus_id, state, answered_at)`,
      `CREATE INDEX interview_requests_student_activity_idx ON interview_requests (institution_id, student_id, updated_at)`,
      `CREATE INDEX follow_ups_completed_idx ON follow_ups (institution_id, completed_at) INCLUDE (request_id, thank_you_sent_at)`,
      `CREATE INDEX follow_ups_thank_you_open_idx ON follow_ups (institution_id, thank_you_due_at) WHERE thank_you_sent_at IS NULL`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS follow_ups_thank_you_open_idx`);
    await db.query(`DROP INDEX IF EXISTS follow_ups_completed_idx`);
    await db.query(`DROP INDEX IF EXISTS interview_requests_student_activity_idx`);
    await db.query(`DROP INDEX IF EXISTS interview_requests_created_idx`);
    await db.query(`DROP TABLE IF EXISTS outcomes`);
  }
}
