import type { MigrationInterface, QueryRunner } from "typeorm";

const REFERRAL_STATUSES = `('SUGGESTED','CONTACTED','REQUESTED','MET','NOT_PURSUED')`;
const CHANNELS = `('IN_PERSON','PHONE','VIDEO','EMAIL','EVENT','OTHER')`;
/** A row about a request belongs to that request's student, in its institution: one composite key says both. */
const OF_REQUEST = (column: string) =>
  `(${column}, institution_id, student_id) REFERENCES interview_requests (id, institution_id, student_id)`;

/**
 * After the conversation: the student's notes, the names suggested (referrals, and the chain they form),
 * follow-ups (thank-you, permission to contact again, the later update) and contacts made outside the platform.
 */
export class Conversations1795305600500 implements MigrationInterface {
  name = "Conversations1795305600500";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // The target of the composite keys below; id alone is already unique, so this never refuses a row.
      `ALTER TABLE interview_requests ADD CONSTRAINT interview_requests_id_institution_student_key UNIQUE (id, institution_id, student_id)`,

      // Private to the student; an advisor reads them only when shared here and STUDENT_SHARE_WITH_ADVISORS is active.
      `CREATE TABLE conversation_notes (
         request_id uuid PRIMARY KEY,
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         student_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         advice text NOT NULL DEFAULT '' CHECK (length(advice) <= 10000),
         takeaways text NOT NULL DEFAULT '' CHECK (length(takeaways) <= 10000),
         new_questions text[] NOT NULL DEFAULT '{}' CHECK (cardinality(new_questions) <= 30),
         shared_with_advisor boolean NOT NULL DEFAULT false,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         FOREIGN KEY ${OF_REQUEST("request_id")} ON DELETE CASCADE
       )`,
      `CREATE INDEX conversation_notes_student_idx ON conversation_notes (institution_id, student_id)`,
      `ALTER TABLE conversation_notes ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE conversation_notes FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY conversation_notes_tenant_read ON conversation_notes FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY conversation_notes_tenant_write ON conversation_notes FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON conversation_notes TO infoview_app`,

      // A name that came up in a conversation (or in a decline): who led to whom. `name` is kept even for an
      // alum from the directory, so the record survives the alum leaving.
      `CREATE TABLE referrals (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         student_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         source_request_id uuid NOT NULL,
         suggested_by_id uuid REFERENCES memberships(id) ON DELETE SET NULL,
         referred_alumnus_id uuid REFERENCES memberships(id) ON DELETE SET NULL,
         name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
         role text CHECK (length(role) BETWEEN 1 AND 200),
         how_to_reach text CHECK (length(how_to_reach) BETWEEN 1 AND 300),
         note text CHECK (length(note) BETWEEN 1 AND 1000),
         status text NOT NULL DEFAULT 'SUGGESTED' CHECK (status IN ${REFERRAL_STATUSES}),
         resulting_request_id uuid,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         FOREIGN KEY ${OF_REQUEST("source_request_id")} ON DELETE CASCADE,
         FOREIGN KEY ${OF_REQUEST("resulting_request_id")} ON DELETE SET NULL (resulting_request_id),
         CHECK (resulting_request_id IS DISTINCT FROM source_request_id),
         CHECK (resulting_request_id IS NULL OR status IN ('REQUESTED','MET','NOT_PURSUED'))
       )`,
      `CREATE INDEX referrals_student_idx ON referrals (institution_id, student_id, created_at)`,
      `CREATE INDEX referrals_source_idx ON referrals (institution_id, source_request_id)`,
      // A request comes from at most one referral.
      `CREATE UNIQUE INDEX referrals_resulting_request_key ON referrals (institution_id, resulting_request_id) WHERE resulting_request_id IS NOT NULL`,
      `ALTER TABLE referrals ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE referrals FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY referrals_tenant_read ON referrals FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY referrals_tenant_write ON referrals FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON referrals TO infoview_app`,
      // interview_requests.referred_by_id is left alone: the requests module stores the referring member there.
      // The chain runs through referrals.resulting_request_id instead.

      // One per completed request. Reminder columns make each reminder go out once.
      `CREATE TABLE follow_ups (
         request_id uuid PRIMARY KEY,
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         student_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         completed_at timestamptz NOT NULL,
         thank_you_due_at timestamptz NOT NULL,
         thank_you_sent_at timestamptz,
         thank_you_reminded_at timestamptz,
         may_contact_again boolean,
         update_due_at timestamptz NOT NULL,
         update_sent_at timestamptz,
         update_reminded_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         FOREIGN KEY ${OF_REQUEST("request_id")} ON DELETE CASCADE,
         CHECK (thank_you_due_at > completed_at AND update_due_at > completed_at)
       )`,
      `CREATE INDEX follow_ups_student_idx ON follow_ups (institution_id, student_id)`,
      `CREATE INDEX follow_ups_thank_you_pending_idx ON follow_ups (institution_id, thank_you_due_at)
         WHERE thank_you_sent_at IS NULL AND thank_you_reminded_at IS NULL`,
      `CREATE INDEX follow_ups_update_pending_idx ON follow_ups (institution_id, update_due_at)
         WHERE update_sent_at IS NULL AND update_reminded_at IS NULL`,
      `ALTER TABLE follow_ups ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE follow_ups FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY follow_ups_tenant_read ON follow_ups FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY follow_ups_tenant_write ON follow_ups FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON follow_ups TO infoview_app`,

      // Contacts made outside the platform (a job fair, a family friend): "keep a record of every contact".
      `CREATE TABLE contact_log_entries (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         student_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
         organization text CHECK (length(organization) BETWEEN 1 AND 200),
         role text CHECK (length(role) BETWEEN 1 AND 200),
         contacted_on date NOT NULL,
         channel text NOT NULL CHECK (channel IN ${CHANNELS}),
         how_to_reach text CHECK (length(how_to_reach) BETWEEN 1 AND 300),
         notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX contact_log_entries_student_idx ON contact_log_entries (institution_id, student_id, contacted_on DESC)`,
      `ALTER TABLE contact_log_entries ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE contact_log_entries FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY contact_log_entries_tenant_read ON contact_log_entries FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY contact_log_entries_tenant_write ON contact_log_entries FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON contact_log_entries TO infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["contact_log_entries", "follow_ups", "referrals", "conversation_notes"]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await db.query(`ALTER TABLE interview_requests DROP CONSTRAINT IF EXISTS interview_requests_id_institution_student_key`);
  }
}
