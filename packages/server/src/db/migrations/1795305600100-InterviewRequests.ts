import type { MigrationInterface, QueryRunner } from "typeorm";

const STATES = `('REQUESTED','ACCEPTED','DECLINED','EXPIRED','WITHDRAWN','COMPLETED','CANCELLED','NO_SHOW')`;
const MODALITIES = `('PHONE','VIDEO','IN_PERSON')`;

/** Availability, interview requests and their life cycle, with no double booking enforced by the database. */
export class InterviewRequests1795305600100 implements MigrationInterface {
  name = "InterviewRequests1795305600100";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // Background work lists institutions (and nothing else) to process each inside its own tenant scope.
      `CREATE POLICY institutions_system_read ON institutions FOR SELECT USING (current_setting('app.system', true) = 'on')`,
      // Weekly windows in the alum's own zone; expanded into slots of the institution's meeting length.
      `CREATE TABLE availability_windows (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         alumnus_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         weekday int NOT NULL CHECK (weekday BETWEEN 0 AND 6),
         start_minute int NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
         end_minute int NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
         time_zone text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         CHECK (end_minute > start_minute)
       )`,
      `CREATE INDEX availability_windows_alumnus_idx ON availability_windows (institution_id, alumnus_id)`,
      `ALTER TABLE availability_windows ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE availability_windows FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY availability_windows_tenant_read ON availability_windows FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY availability_windows_tenant_write ON availability_windows FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON availability_windows TO infoview_app`,

      `CREATE TABLE availability_slots (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         alumnus_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         starts_at timestamptz NOT NULL,
         ends_at timestamptz NOT NULL,
         time_zone text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         CHECK (ends_at > starts_at)
       )`,
      `CREATE INDEX availability_slots_alumnus_idx ON availability_slots (institution_id, alumnus_id, starts_at)`,
      `ALTER TABLE availability_slots ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE availability_slots FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY availability_slots_tenant_read ON availability_slots FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY availability_slots_tenant_write ON availability_slots FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON availability_slots TO infoview_app`,

      `CREATE TABLE interview_requests (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         student_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         alumnus_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         state text NOT NULL DEFAULT 'REQUESTED' CHECK (state IN ${STATES}),
         modality text NOT NULL CHECK (modality IN ${MODALITIES}),
         message text NOT NULL CHECK (length(message) BETWEEN 1 AND 5000),
         referred_by_id uuid,
         rule_one_flagged boolean NOT NULL DEFAULT false,
         rule_one_confirmed boolean NOT NULL DEFAULT false,
         questions_shared boolean NOT NULL DEFAULT false,
         student_time_zone text NOT NULL,
         alumnus_time_zone text NOT NULL,
         expires_at timestamptz NOT NULL,
         answered_at timestamptz,
         decline_reason text,
         meeting_starts_at timestamptz,
         meeting_ends_at timestamptz,
         meeting_range tstzrange GENERATED ALWAYS AS (tstzrange(meeting_starts_at, meeting_ends_at, '[)')) STORED,
         meeting_location text,
         meeting_link text,
         meeting_phone text,
         in_person_notes text,
         calendar_sequence int NOT NULL DEFAULT 0,
         closed_at timestamptz,
         close_reason text,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         CHECK (student_id <> alumnus_id),
         CHECK (state NOT IN ('ACCEPTED','COMPLETED','NO_SHOW') OR (meeting_starts_at IS NOT NULL AND meeting_ends_at > meeting_starts_at))
       )`,
      `CREATE INDEX interview_requests_student_idx ON interview_requests (institution_id, student_id, created_at DESC)`,
      `CREATE INDEX interview_requests_alumnus_idx ON interview_requests (institution_id, alumnus_id, state, created_at DESC)`,
      `CREATE INDEX interview_requests_state_idx ON interview_requests (institution_id, state, expires_at)`,
      // One open request per student–alum pair.
      `CREATE UNIQUE INDEX interview_requests_one_open_pair ON interview_requests (institution_id, student_id, alumnus_id)
         WHERE state IN ('REQUESTED','ACCEPTED')`,
      // No double booking, ever: an alum's booked meetings never overlap.
      `ALTER TABLE interview_requests ADD CONSTRAINT interview_requests_no_double_booking
         EXCLUDE USING gist (institution_id WITH =, alumnus_id WITH =, meeting_range WITH &&)
         WHERE (state IN ('ACCEPTED','COMPLETED'))`,
      `ALTER TABLE interview_requests ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE interview_requests FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY interview_requests_tenant_read ON interview_requests FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY interview_requests_tenant_write ON interview_requests FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON interview_requests TO infoview_app`,

      `CREATE TABLE proposed_times (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         request_id uuid NOT NULL REFERENCES interview_requests(id) ON DELETE CASCADE,
         starts_at timestamptz NOT NULL,
         ends_at timestamptz NOT NULL,
         proposed_by text NOT NULL DEFAULT 'STUDENT' CHECK (proposed_by IN ('STUDENT','ALUMNUS')),
         CHECK (ends_at > starts_at)
       )`,
      `CREATE INDEX proposed_times_request_idx ON proposed_times (institution_id, request_id)`,
      `ALTER TABLE proposed_times ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE proposed_times FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY proposed_times_tenant_read ON proposed_times FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY proposed_times_tenant_write ON proposed_times FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON proposed_times TO infoview_app`,

      `CREATE TABLE request_questions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         request_id uuid NOT NULL REFERENCES interview_requests(id) ON DELETE CASCADE,
         position int NOT NULL,
         bank_id text,
         text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
         closed boolean NOT NULL DEFAULT false,
         UNIQUE (request_id, position)
       )`,
      `CREATE INDEX request_questions_request_idx ON request_questions (institution_id, request_id)`,
      `ALTER TABLE request_questions ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE request_questions FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY request_questions_tenant_read ON request_questions FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY request_questions_tenant_write ON request_questions FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON request_questions TO infoview_app`,

      // Append-only history: the app may add events, never change or remove them.
      `CREATE TABLE request_events (
         id bigserial PRIMARY KEY,
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         request_id uuid NOT NULL REFERENCES interview_requests(id) ON DELETE CASCADE,
         actor_id uuid REFERENCES memberships(id) ON DELETE SET NULL,
         from_state text CHECK (from_state IN ${STATES}),
         to_state text NOT NULL CHECK (to_state IN ${STATES}),
         reason text,
         at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX request_events_request_idx ON request_events (institution_id, request_id, at)`,
      `ALTER TABLE request_events ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE request_events FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY request_events_tenant_read ON request_events FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY request_events_tenant_write ON request_events FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON request_events TO infoview_app`,
      `REVOKE UPDATE, DELETE ON request_events FROM infoview_app`,
      `GRANT USAGE ON SEQUENCE request_events_id_seq TO infoview_app`,

      // A retried mutation with the same key returns the first result and creates nothing twice.
      `CREATE TABLE idempotency_keys (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         membership_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
         operation text NOT NULL,
         result_id uuid,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, membership_id, key)
       )`,
      `ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY idempotency_keys_tenant_read ON idempotency_keys FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY idempotency_keys_tenant_write ON idempotency_keys FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO infoview_app`,

      // Every announced change, written in the same transaction; a worker delivers it.
      `CREATE TABLE outbox (
         id bigserial PRIMARY KEY,
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         topic text NOT NULL,
         payload jsonb NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         available_at timestamptz NOT NULL DEFAULT now(),
         attempts int NOT NULL DEFAULT 0,
         locked_until timestamptz,
         delivered_at timestamptz,
         last_error text
       )`,
      `CREATE INDEX outbox_pending_idx ON outbox (institution_id, available_at) WHERE delivered_at IS NULL`,
      `ALTER TABLE outbox ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE outbox FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY outbox_tenant_read ON outbox FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY outbox_tenant_write ON outbox FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON outbox TO infoview_app`,
      `GRANT USAGE ON SEQUENCE outbox_id_seq TO infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY IF EXISTS institutions_system_read ON institutions`);
    for (const table of [
      "outbox",
      "idempotency_keys",
      "request_events",
      "request_questions",
      "proposed_times",
      "interview_requests",
      "availability_slots",
      "availability_windows",
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
  }
}
