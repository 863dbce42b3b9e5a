import type { MigrationInterface, QueryRunner } from "typeorm";

const WEBHOOK_EVENTS = `ARRAY['request.created','request.accepted','request.declined','request.expired','request.completed','request.cancelled','request.withdrawn','request.no_show','request.time_proposed','consent.withdrawn','consent.given']`;
const SCOPES = `ARRAY['people:read','people:write','requests:read','reports:read','webhooks:manage','audit:read','consents:read']`;

/**
 * Issue 13, audit log and consent records (ADR 0019): both append-only at the database level.
 *
 * - `audit_log`: one row per action (who, what, on what, before/after, request id, IP, when). The app role may INSERT
 *   and SELECT, nothing else; a trigger refuses UPDATE and TRUNCATE to everyone, and DELETE is allowed only by the
 *   retention purge (`purge_audit_log`, SECURITY DEFINER) and only for rows older than the institution's retention.
 * - consents become a ledger: `consents` is renamed `consent_grants` (one row per agreement, never changed) and a
 *   withdrawal (or the replacement of an agreement by one to a newer text) is a row of `consent_withdrawals`. The
 *   name `consents` becomes a view (security_invoker, so row-level security applies as the caller) with the old
 *   columns — given_at, withdrawn_at — plus `in_force`: not withdrawn, and either on the latest text of its kind or
 *   the institution keeps older agreements in force while people review the new text (consent_review_policy).
 * - institution settings: audit_retention_years (default 7), consent_review_policy (KEEP or PAUSE).
 * - the webhook event consent.given and the API key scopes audit:read and consents:read.
 */
export class AuditLogAndConsentRecords1795305603200 implements MigrationInterface {
  name = "AuditLogAndConsentRecords1795305603200";

  async up(db: QueryRunner): Promise<void> {
    const checkNamed = async (table: string, like: string): Promise<string[]> =>
      (
        (await db.query(
          `SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE $2`,
          [table, like],
        )) as Array<{ conname: string }>
      ).map((r) => r.conname);
    for (const name of await checkNamed("api_keys", "%scopes%")) await db.query(`ALTER TABLE api_keys DROP CONSTRAINT "${name}"`);
    for (const name of await checkNamed("webhook_endpoints", "%events%"))
      await db.query(`ALTER TABLE webhook_endpoints DROP CONSTRAINT "${name}"`);

    const statements = [
      `ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_check CHECK (cardinality(scopes) > 0 AND scopes <@ ${SCOPES})`,
      `ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_events_check CHECK (cardinality(events) > 0 AND events <@ ${WEBHOOK_EVENTS})`,

      `ALTER TABLE institutions
         ADD COLUMN audit_retention_years int NOT NULL DEFAULT 7 CHECK (audit_retention_years BETWEEN 1 AND 30),
         ADD COLUMN consent_review_policy text NOT NULL DEFAULT 'KEEP' CHECK (consent_review_policy IN ('KEEP', 'PAUSE'))`,

      // Refuses a change to an append-only table, whoever asks (the owner too).
      `CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,

      `CREATE TABLE audit_log (
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         actor_kind text NOT NULL CHECK (actor_kind IN ('PERSON', 'API_KEY', 'SYSTEM')),
         actor_identity_id uuid,
         actor_membership_id uuid,
         actor_api_key_id uuid,
         action text NOT NULL CHECK (action ~ '^[a-z_]+(\\.[a-z_]+)+$' AND length(action) <= 80),
         target_type text NOT NULL CHECK (target_type ~ '^[a-z_]{1,40}$'),
         target_id text CHECK (length(target_id) <= 200),
         subject_membership_id uuid,
         before jsonb,
         after jsonb,
         request_id text CHECK (length(request_id) <= 128),
         ip inet,
         CHECK (actor_kind <> 'PERSON' OR actor_identity_id IS NOT NULL),
         CHECK (actor_kind <> 'API_KEY' OR actor_api_key_id IS NOT NULL),
         PRIMARY KEY (institution_id, id)
       )`,
      `CREATE INDEX audit_log_time_idx ON audit_log (institution_id, occurred_at DESC, id DESC)`,
      `CREATE INDEX audit_log_subject_idx ON audit_log (institution_id, subject_membership_id, occurred_at DESC) WHERE subject_membership_id IS NOT NULL`,
      `CREATE INDEX audit_log_actor_idx ON audit_log (institution_id, actor_identity_id, occurred_at DESC) WHERE actor_identity_id IS NOT NULL`,
      "ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE audit_log FORCE ROW LEVEL SECURITY",
      "CREATE POLICY audit_log_tenant_read ON audit_log FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "CREATE POLICY audit_log_tenant_insert ON audit_log FOR INSERT WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "REVOKE ALL ON audit_log FROM infoview_app",
      "GRANT SELECT, INSERT ON audit_log TO infoview_app",
      "CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()",
      "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()",
      // The app cannot back- or forward-date an entry: its time is the database's clock.
      `CREATE FUNCTION audit_log_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF current_user = 'infoview_app' THEN NEW.occurred_at := clock_timestamp(); END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_stamp()`,
      // Only the purge may delete, only in its transaction, and only rows past the institution's retention.
      `CREATE POLICY audit_log_purge ON audit_log FOR DELETE USING (
         institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)
         AND current_setting('infoview.audit_purge', true) = 'on'
         AND occurred_at < now() - make_interval(years => (SELECT i.audit_retention_years FROM institutions i WHERE i.id = institution_id)))`,
      `CREATE FUNCTION purge_audit_log(p_institution uuid) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
         SET search_path = public, pg_temp AS $$
       DECLARE purged bigint;
       BEGIN
         -- Only the institution the transaction acts for; the retention is checked here as well as by the policy,
         -- which a login past row-level security (a superuser owner) would not meet.
         IF p_institution IS DISTINCT FROM nullif(current_setting('app.institution_id', true), '')::uuid THEN
           RAISE EXCEPTION 'purge_audit_log: not the current institution' USING ERRCODE = 'insufficient_privilege';
         END IF;
         PERFORM set_config('infoview.audit_purge', 'on', true);
         DELETE FROM audit_log
          WHERE institution_id = p_institution
            AND occurred_at < now() - make_interval(years => (SELECT i.audit_retention_years FROM institutions i WHERE i.id = p_institution));
         GET DIAGNOSTICS purged = ROW_COUNT;
         PERFORM set_config('infoview.audit_purge', 'off', true);
         RETURN purged;
       END $$`,
      `REVOKE ALL ON FUNCTION purge_audit_log(uuid) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION purge_audit_log(uuid) TO infoview_app`,

      // Consent records: the agreements, never changed again.
      `ALTER TABLE consents RENAME TO consent_grants`,
      `CREATE TABLE consent_withdrawals (
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         consent_id uuid NOT NULL,
         membership_id uuid NOT NULL,
         kind text NOT NULL,
         reason text NOT NULL CHECK (reason IN ('WITHDRAWN', 'REPLACED')),
         withdrawn_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, id),
         UNIQUE (institution_id, consent_id),
         FOREIGN KEY (institution_id, consent_id) REFERENCES consent_grants (institution_id, id) ON DELETE CASCADE,
         FOREIGN KEY (institution_id, membership_id) REFERENCES memberships (institution_id, id) ON DELETE CASCADE
       )`,
      `CREATE INDEX consent_withdrawals_kind_idx ON consent_withdrawals (institution_id, kind, withdrawn_at DESC)`,
      // A withdrawal closes an agreement of an earlier moment; a replacement shares the new agreement's instant.
      // The owner is under row-level security too (FORCE) when it is not a superuser, as in production: without an
      // institution set it would see no agreement, and move no withdrawal. The copy runs with FORCE lifted.
      `ALTER TABLE consent_grants NO FORCE ROW LEVEL SECURITY`,
      `ALTER TABLE consent_withdrawals NO FORCE ROW LEVEL SECURITY`,
      `INSERT INTO consent_withdrawals (institution_id, consent_id, membership_id, kind, reason, withdrawn_at)
       SELECT g.institution_id, g.id, g.membership_id, g.kind,
              CASE WHEN EXISTS (SELECT 1 FROM consent_grants n WHERE n.institution_id = g.institution_id AND n.membership_id = g.membership_id
                                   AND n.kind = g.kind AND n.id <> g.id AND n.given_at = g.withdrawn_at)
                   THEN 'REPLACED' ELSE 'WITHDRAWN' END,
              g.withdrawn_at
         FROM consent_grants g WHERE g.withdrawn_at IS NOT NULL`,
      `ALTER TABLE consent_grants FORCE ROW LEVEL SECURITY`,
      `DROP INDEX IF EXISTS consents_one_active_idx`,
      `ALTER TABLE consent_grants DROP COLUMN withdrawn_at`,
      `CREATE INDEX consent_grants_kind_idx ON consent_grants (institution_id, kind, given_at DESC)`,
      `DROP POLICY IF EXISTS consents_tenant_write ON consent_grants`,
      `CREATE POLICY consent_grants_tenant_insert ON consent_grants FOR INSERT WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `REVOKE UPDATE, DELETE, TRUNCATE ON consent_grants FROM infoview_app`,
      `CREATE TRIGGER consent_grants_append_only BEFORE UPDATE ON consent_grants FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`,
      `CREATE TRIGGER consent_grants_no_truncate BEFORE TRUNCATE ON consent_grants FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`,
      "ALTER TABLE consent_withdrawals ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE consent_withdrawals FORCE ROW LEVEL SECURITY",
      "CREATE POLICY consent_withdrawals_tenant_read ON consent_withdrawals FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "CREATE POLICY consent_withdrawals_tenant_insert ON consent_withdrawals FOR INSERT WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "REVOKE ALL ON consent_withdrawals FROM infoview_app",
      "GRANT SELECT, INSERT ON consent_withdrawals TO infoview_app",
      "CREATE TRIGGER consent_withdrawals_append_only BEFORE UPDATE ON consent_withdrawals FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()",
      "CREATE TRIGGER consent_withdrawals_no_truncate BEFORE TRUNCATE ON consent_withdrawals FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()",
      // What the partial unique index consents_one_active_idx guaranteed: one active agreement per membership and kind.
      // Taking turns per (membership, kind) first, so two transactions cannot both see none; ConsentService takes the
      // same lock earlier in its transaction. Each statement of a volatile function reads a fresh snapshot.
      `CREATE FUNCTION consent_grants_one_active() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock(hashtextextended('consents:' || NEW.institution_id || ':' || NEW.membership_id || ':' || NEW.kind, 0));
         IF EXISTS (SELECT 1 FROM consent_grants g
                     WHERE g.institution_id = NEW.institution_id AND g.membership_id = NEW.membership_id AND g.kind = NEW.kind
                       AND NOT EXISTS (SELECT 1 FROM consent_withdrawals w WHERE w.institution_id = g.institution_id AND w.consent_id = g.id)) THEN
           RAISE EXCEPTION 'consents_one_active: membership % already holds an active % consent', NEW.membership_id, NEW.kind
             USING ERRCODE = 'unique_violation';
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER consent_grants_one_active BEFORE INSERT ON consent_grants FOR EACH ROW EXECUTE FUNCTION consent_grants_one_active()`,

      // The current state, as before, for every reader.
      `CREATE VIEW consents WITH (security_invoker = true) AS
       SELECT g.id, g.institution_id, g.membership_id, g.consent_text_id, g.kind, g.given_at,
              w.withdrawn_at, w.reason AS withdrawal_reason, t.version AS text_version,
              (w.id IS NULL AND (
                 NOT EXISTS (SELECT 1 FROM consent_texts n WHERE n.institution_id = g.institution_id AND n.kind = g.kind AND n.version > t.version)
                 OR (SELECT i.consent_review_policy FROM institutions i WHERE i.id = g.institution_id) = 'KEEP')) AS in_force
         FROM consent_grants g
         JOIN consent_texts t ON t.institution_id = g.institution_id AND t.id = g.consent_text_id
         LEFT JOIN consent_withdrawals w ON w.institution_id = g.institution_id AND w.consent_id = g.id`,
      `GRANT SELECT ON consents TO infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    const statements = [
      `DROP VIEW IF EXISTS consents`,
      `DROP TRIGGER IF EXISTS consent_grants_append_only ON consent_grants`,
      `DROP TRIGGER IF EXISTS consent_grants_one_active ON consent_grants`,
      `DROP FUNCTION IF EXISTS consent_grants_one_active()`,
      `DROP TRIGGER IF EXISTS consent_grants_no_truncate ON consent_grants`,
      `DROP POLICY IF EXISTS consent_grants_tenant_insert ON consent_grants`,
      `ALTER TABLE consent_grants ADD COLUMN withdrawn_at timestamptz`,
      `ALTER TABLE consent_grants NO FORCE ROW LEVEL SECURITY`,
      `ALTER TABLE consent_withdrawals NO FORCE ROW LEVEL SECURITY`,
      `UPDATE consent_grants g SET withdrawn_at = w.withdrawn_at FROM consent_withdrawals w WHERE w.institution_id = g.institution_id AND w.consent_id = g.id`,
      `ALTER TABLE consent_grants FORCE ROW LEVEL SECURITY`,
      `DROP TABLE consent_withdrawals`,
      `ALTER TABLE consent_grants RENAME TO consents`,
      `CREATE UNIQUE INDEX consents_one_active_idx ON consents (institution_id, membership_id, kind) WHERE withdrawn_at IS NULL`,
      `DROP INDEX IF EXISTS consent_grants_kind_idx`,
      `CREATE POLICY consents_tenant_write ON consents FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON consents TO infoview_app`,
      `DROP FUNCTION IF EXISTS purge_audit_log(uuid)`,
      `DROP TABLE IF EXISTS audit_log`,
      `DROP FUNCTION IF EXISTS audit_log_stamp()`,
      `DROP FUNCTION IF EXISTS refuse_append_only_change()`,
      `ALTER TABLE institutions DROP COLUMN IF EXISTS audit_retention_years, DROP COLUMN IF EXISTS consent_review_policy`,
    ];
    for (const sql of statements) await db.query(sql);
  }
}
