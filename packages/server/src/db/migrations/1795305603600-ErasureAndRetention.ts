import type { MigrationInterface, QueryRunner } from "typeorm";

const CURRENT = `(SELECT nullif(current_setting('app.institution_id', true), '')::uuid)`;
const WEBHOOK_EVENTS_BEFORE = `ARRAY['request.created','request.accepted','request.declined','request.expired','request.completed','request.cancelled','request.withdrawn','request.no_show','request.time_proposed','consent.withdrawn','consent.given']`;
const WEBHOOK_EVENTS = `ARRAY['request.created','request.accepted','request.declined','request.expired','request.completed','request.cancelled','request.withdrawn','request.no_show','request.time_proposed','consent.withdrawn','consent.given','person.erased']`;

/**
 * Issue 13, export and erasure, retention (ADR 0022).
 *
 * - `institutions.erasure_grace_days` (default 14): how long a person's own request to delete their account waits,
 *   cancellable, before the erasure job runs it. Retention settings, NULL meaning "keep": people deactivated for more
 *   than N months, request messages and notes older than N years, delivered outbox rows and webhook deliveries after N days.
 * - `memberships.erasure_requested_at / erasure_due_at / erased_at`: a pending request and a done erasure.
 * - `person.erased` joins the webhook events.
 * - Audit rows and consent withdrawals stay append-only for the app role (no UPDATE grant). Only
 *   `deidentify_person()`, SECURITY DEFINER, may replace in them the values that name a person, for the current
 *   institution only: the shared trigger lets an UPDATE through while the function's transaction-local flag is on,
 *   and a policy lets the owner (under FORCE row-level security) update the current institution's rows only then.
 */
export class ErasureAndRetention1795305603600 implements MigrationInterface {
  name = "ErasureAndRetention1795305603600";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE institutions
         ADD COLUMN erasure_grace_days int NOT NULL DEFAULT 14 CHECK (erasure_grace_days BETWEEN 0 AND 90),
         ADD COLUMN retention_deactivated_months int CHECK (retention_deactivated_months BETWEEN 1 AND 240),
         ADD COLUMN retention_messages_years int CHECK (retention_messages_years BETWEEN 1 AND 30),
         ADD COLUMN retention_delivered_days int CHECK (retention_delivered_days BETWEEN 1 AND 3650)`,
      `ALTER TABLE memberships
         ADD COLUMN erasure_requested_at timestamptz,
         ADD COLUMN erasure_due_at timestamptz,
         ADD COLUMN erased_at timestamptz`,
      `CREATE INDEX memberships_erasure_due_idx ON memberships (institution_id, erasure_due_at) WHERE erasure_due_at IS NOT NULL AND erased_at IS NULL`,
      `ALTER TABLE webhook_endpoints DROP CONSTRAINT webhook_endpoints_events_check`,
      `ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_events_check CHECK (cardinality(events) > 0 AND events <@ ${WEBHOOK_EVENTS})`,
      `CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         -- deidentify_person() (SECURITY DEFINER) alone turns this on, for its own statements.
         IF TG_OP = 'UPDATE' AND current_setting('infoview.erasure', true) = 'on' THEN RETURN NEW; END IF;
         RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE POLICY audit_log_erasure ON audit_log FOR UPDATE
         USING (institution_id = ${CURRENT} AND current_setting('infoview.erasure', true) = 'on')
         WITH CHECK (institution_id = ${CURRENT} AND current_setting('infoview.erasure', true) = 'on')`,
      `CREATE POLICY consent_withdrawals_erasure ON consent_withdrawals FOR UPDATE
         USING (institution_id = ${CURRENT} AND current_setting('infoview.erasure', true) = 'on')
         WITH CHECK (institution_id = ${CURRENT} AND current_setting('infoview.erasure', true) = 'on')`,
      // p_values: the person's name, addresses, phone and free texts (raw and JSON-escaped). Any audit row of the
      // institution whose before/after/target holds one of them loses those values; the person's own actions lose the IP.
      `CREATE FUNCTION deidentify_person(p_institution uuid, p_membership uuid, p_identity uuid, p_values text[]) RETURNS bigint
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
       DECLARE changed bigint;
       DECLARE vals text[];
       BEGIN
         IF p_institution IS DISTINCT FROM nullif(current_setting('app.institution_id', true), '')::uuid THEN
           RAISE EXCEPTION 'deidentify_person: not the current institution' USING ERRCODE = 'insufficient_privilege';
         END IF;
         SELECT coalesce(array_agg(DISTINCT lower(v)), '{}') INTO vals FROM unnest(p_values) v WHERE length(v) >= 3;
         PERFORM set_config('infoview.erasure', 'on', true);
         UPDATE audit_log a SET
           before = CASE WHEN EXISTS (SELECT 1 FROM unnest(vals) v WHERE strpos(lower(a.before::text), v) > 0) THEN '{"erased": true}'::jsonb ELSE a.before END,
           after = CASE WHEN EXISTS (SELECT 1 FROM unnest(vals) v WHERE strpos(lower(a.after::text), v) > 0) THEN '{"erased": true}'::jsonb ELSE a.after END,
           target_id = CASE WHEN EXISTS (SELECT 1 FROM unnest(vals) v WHERE strpos(lower(a.target_id), v) > 0) THEN 'erased' ELSE a.target_id END,
           ip = CASE WHEN a.actor_membership_id = p_membership OR a.actor_identity_id = p_identity THEN NULL ELSE a.ip END
          WHERE a.institution_id = p_institution
            AND (a.actor_membership_id = p_membership OR a.actor_identity_id = p_identity
                 OR EXISTS (SELECT 1 FROM unnest(vals) v
                             WHERE strpos(lower(coalesce(a.before::text, '') || ' ' || coalesce(a.after::text, '') || ' ' || coalesce(a.target_id, '')), v) > 0));
         GET DIAGNOSTICS changed = ROW_COUNT;
         -- Request history is append-only for the app role too (SELECT, INSERT): the reasons the person wrote go here.
         UPDATE request_events SET reason = NULL
          WHERE institution_id = p_institution AND actor_id = p_membership AND reason IS NOT NULL;
         UPDATE consent_withdrawals SET reason = NULL
          WHERE institution_id = p_institution AND membership_id = p_membership AND reason IS NOT NULL;
         PERFORM set_config('infoview.erasure', 'off', true);
         RETURN changed;
       END $$`,
      `REVOKE ALL ON FUNCTION deidentify_person(uuid, uuid, uuid, text[]) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION deidentify_person(uuid, uuid, uuid, text[]) TO infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    const statements = [
      `DROP FUNCTION IF EXISTS deidentify_person(uuid, uuid, uuid, text[])`,
      `DROP POLICY IF EXISTS consent_withdrawals_erasure ON consent_withdrawals`,
      `DROP POLICY IF EXISTS audit_log_erasure ON audit_log`,
      `CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `DELETE FROM webhook_endpoints WHERE 'person.erased' = ANY(events) AND cardinality(events) = 1`,
      `UPDATE webhook_endpoints SET events = array_remove(events, 'person.erased')`,
      `ALTER TABLE webhook_endpoints DROP CONSTRAINT webhook_endpoints_events_check`,
      `ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_events_check CHECK (cardinality(events) > 0 AND events <@ ${WEBHOOK_EVENTS_BEFORE})`,
      `DROP INDEX IF EXISTS memberships_erasure_due_idx`,
      `ALTER TABLE memberships DROP COLUMN IF EXISTS erasure_requested_at, DROP COLUMN IF EXISTS erasure_due_at, DROP COLUMN IF EXISTS erased_at`,
      `ALTER TABLE institutions DROP COLUMN IF EXISTS erasure_grace_days, DROP COLUMN IF EXISTS retention_deactivated_months,
         DROP COLUMN IF EXISTS retention_messages_years, DROP COLUMN IF EXISTS retention_delivered_days`,
    ];
    for (const sql of statements) await db.query(sql);
  }
}
