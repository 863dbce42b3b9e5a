import type { MigrationInterface, QueryRunner } from "typeorm";

const EVENTS = `ARRAY['request.created','request.accepted','request.declined','request.expired','request.completed','request.cancelled','request.withdrawn','request.no_show','request.time_proposed','consent.withdrawn']`;

/**
 * Webhooks: endpoints an institution registers, and one delivery per (outbox row, endpoint), fanned out by
 * the outbox worker and sent (signed, retried with backoff) by the webhook sender. See docs/integrations.md.
 */
export class Webhooks1795305602100 implements MigrationInterface {
  name = "Webhooks1795305602100";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE webhook_endpoints (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
         description text NOT NULL DEFAULT '' CHECK (length(description) <= 200),
         -- The HMAC key; it must be readable to sign, so it is kept as is (like any shared webhook secret).
         secret text NOT NULL,
         events text[] NOT NULL CHECK (cardinality(events) > 0 AND events <@ ${EVENTS}),
         active boolean NOT NULL DEFAULT true,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX webhook_endpoints_institution_idx ON webhook_endpoints (institution_id, created_at)`,
      `ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY webhook_endpoints_tenant_read ON webhook_endpoints FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY webhook_endpoints_tenant_write ON webhook_endpoints FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO infoview_app`,

      `CREATE TABLE webhook_deliveries (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
         outbox_id bigint REFERENCES outbox(id) ON DELETE SET NULL,
         -- The same for every delivery (and replay) of one event: receivers deduplicate on it.
         event_id text NOT NULL,
         event text NOT NULL,
         payload jsonb NOT NULL,
         replay_of uuid REFERENCES webhook_deliveries(id) ON DELETE SET NULL,
         state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING','DELIVERED','FAILED')),
         attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
         next_attempt_at timestamptz NOT NULL DEFAULT now(),
         locked_until timestamptz,
         last_attempt_at timestamptz,
         last_status int,
         last_error text,
         delivered_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE UNIQUE INDEX webhook_deliveries_once_key ON webhook_deliveries (institution_id, endpoint_id, outbox_id) WHERE replay_of IS NULL`,
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (institution_id, next_attempt_at) WHERE state = 'PENDING'`,
      `CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (institution_id, endpoint_id, created_at DESC, id DESC)`,
      `ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY webhook_deliveries_tenant_read ON webhook_deliveries FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY webhook_deliveries_tenant_write ON webhook_deliveries FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_deliveries TO infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await db.query(`DROP TABLE IF EXISTS webhook_endpoints`);
  }
}
