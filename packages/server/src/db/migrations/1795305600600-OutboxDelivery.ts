import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What the outbox worker and the scheduler need: a record of every delivery (so a re-run after a crash
 * sends nothing a second time), a give-up mark for rows that keep failing, a wake-up NOTIFY on every
 * new outbox row, per-institution job runs claimed with SKIP LOCKED, and the expiry reminders sent.
 * See docs/decisions/0006-outbox-delivery.md.
 */
export class OutboxDelivery1795305600600 implements MigrationInterface {
  name = "OutboxDelivery1795305600600";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // Set when the worker stops retrying; the row stays for inspection and a manual retry.
      `ALTER TABLE outbox ADD COLUMN failed_at timestamptz`,

      // One row per (outbox row, channel, recipient), written before sending and marked after.
      `CREATE TABLE outbox_deliveries (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         outbox_id bigint NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
         channel text NOT NULL CHECK (channel IN ('EMAIL','REALTIME')),
         recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 100),
         state text NOT NULL CHECK (state IN ('SENDING','SENT')),
         attempts int NOT NULL DEFAULT 1 CHECK (attempts > 0),
         message_key text,
         started_at timestamptz NOT NULL DEFAULT now(),
         sent_at timestamptz,
         last_error text,
         PRIMARY KEY (institution_id, outbox_id, channel, recipient),
         CHECK ((state = 'SENT') = (sent_at IS NOT NULL))
       )`,
      `ALTER TABLE outbox_deliveries ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE outbox_deliveries FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY outbox_deliveries_tenant_read ON outbox_deliveries FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY outbox_deliveries_tenant_write ON outbox_deliveries FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON outbox_deliveries TO infoview_app`,

      // Wakes the workers (LISTEN outbox) as soon as a row commits; identical payloads in one transaction arrive once.
      `CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           PERFORM pg_notify('outbox', NEW.institution_id::text);
           RETURN NULL;
         END
       $$`,
      `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_notify()`,

      // A scheduled job's last run per institution; the row is locked FOR UPDATE SKIP LOCKED while the job runs.
      `CREATE TABLE job_runs (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         job text NOT NULL CHECK (job ~ '^[a-z][a-z0-9-]{1,62}$'),
         last_run_at timestamptz,
         last_error text,
         PRIMARY KEY (institution_id, job)
       )`,
      `ALTER TABLE job_runs ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE job_runs FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY job_runs_tenant_read ON job_runs FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY job_runs_tenant_write ON job_runs FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON job_runs TO infoview_app`,

      // Reminders the scheduler has sent about a request, so each is sent once.
      `CREATE TABLE request_reminders (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         request_id uuid NOT NULL REFERENCES interview_requests(id) ON DELETE CASCADE,
         kind text NOT NULL CHECK (kind IN ('EXPIRY')),
         sent_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, request_id, kind)
       )`,
      `ALTER TABLE request_reminders ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE request_reminders FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY request_reminders_tenant_read ON request_reminders FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY request_reminders_tenant_write ON request_reminders FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON request_reminders TO infoview_app`,
      `REVOKE UPDATE ON request_reminders FROM infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS request_reminders`);
    await db.query(`DROP TABLE IF EXISTS job_runs`);
    await db.query(`DROP TRIGGER IF EXISTS outbox_notify ON outbox`);
    await db.query(`DROP FUNCTION IF EXISTS outbox_notify()`);
    await db.query(`DROP TABLE IF EXISTS outbox_deliveries`);
    await db.query(`ALTER TABLE outbox DROP COLUMN IF EXISTS failed_at`);
  }
}
