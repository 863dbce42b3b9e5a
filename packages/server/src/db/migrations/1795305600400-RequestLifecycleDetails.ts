import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What the request life cycle needs beyond the first schema: a decline's referral (read later by
 * conversations), proposals that can be superseded (counter-proposals, reschedules), events that are
 * not state changes, and a count of Rule #1 flags for reports, including messages sent back to be reworded.
 */
export class RequestLifecycleDetails1795305600400 implements MigrationInterface {
  name = "RequestLifecycleDetails1795305600400";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // { alumnusId?, name?, contact?, note? }: another alum from the directory, or someone outside it.
      `ALTER TABLE interview_requests ADD COLUMN decline_referral jsonb
         CHECK (decline_referral IS NULL OR jsonb_typeof(decline_referral) = 'object')`,

      // REQUEST: the student's first proposals; COUNTER: the alum's other time; RESCHEDULE: either side, once accepted.
      `ALTER TABLE proposed_times
         ADD COLUMN kind text NOT NULL DEFAULT 'REQUEST' CHECK (kind IN ('REQUEST','COUNTER','RESCHEDULE')),
         ADD COLUMN status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CHOSEN','SUPERSEDED')),
         ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`,

      // TRANSITION rows change the state; the others record a proposal or a new time with from = to.
      `ALTER TABLE request_events
         ADD COLUMN kind text NOT NULL DEFAULT 'TRANSITION' CHECK (kind IN ('TRANSITION','TIME_PROPOSED','RESCHEDULED')),
         ADD CONSTRAINT request_events_kind_states CHECK (kind = 'TRANSITION' OR from_state = to_state)`,

      // One row per message the Rule #1 check flagged at send time: sent back to be reworded, or sent with confirmation.
      `CREATE TABLE rule_one_flags (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         student_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         alumnus_id uuid REFERENCES memberships(id) ON DELETE SET NULL,
         request_id uuid REFERENCES interview_requests(id) ON DELETE SET NULL,
         outcome text NOT NULL CHECK (outcome IN ('RETURNED','CONFIRMED')),
         categories text[] NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         CHECK (outcome = 'CONFIRMED' OR request_id IS NULL)
       )`,
      `CREATE INDEX rule_one_flags_institution_idx ON rule_one_flags (institution_id, created_at)`,
      `ALTER TABLE rule_one_flags ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE rule_one_flags FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY rule_one_flags_tenant_read ON rule_one_flags FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY rule_one_flags_tenant_write ON rule_one_flags FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON rule_one_flags TO infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS rule_one_flags`);
    await db.query(`ALTER TABLE request_events DROP CONSTRAINT IF EXISTS request_events_kind_states, DROP COLUMN IF EXISTS kind`);
    await db.query(`ALTER TABLE proposed_times DROP COLUMN IF EXISTS kind, DROP COLUMN IF EXISTS status, DROP COLUMN IF EXISTS created_at`);
    await db.query(`ALTER TABLE interview_requests DROP COLUMN IF EXISTS decline_referral`);
  }
}
