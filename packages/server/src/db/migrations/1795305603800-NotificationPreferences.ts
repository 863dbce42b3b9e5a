import type { MigrationInterface, QueryRunner } from "typeorm";

const TENANT = `(SELECT nullif(current_setting('app.institution_id', true), '')::uuid)`;
const EMAIL = `('IMMEDIATE', 'DAILY_DIGEST', 'WEEKLY_DIGEST', 'OFF')`;

function tenantPolicies(table: string): string[] {
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_tenant_read ON ${table} FOR SELECT USING (institution_id = ${TENANT})`,
    `CREATE POLICY ${table}_tenant_write ON ${table} FOR ALL USING (institution_id = ${TENANT}) WITH CHECK (institution_id = ${TENANT})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO infoview_app`,
  ];
}

/**
 * Notifications the person controls (issue 14, ADR 0024): the institution's defaults per kind, each person's choices per
 * kind, their quiet hours and digest day and hour, and one row per digest sent per person and period.
 */
export class NotificationPreferences1795305603800 implements MigrationInterface {
  name = "NotificationPreferences1795305603800";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE notification_defaults (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         kind text NOT NULL CHECK (kind ~ '^[A-Z_]{2,40}$'),
         email text NOT NULL CHECK (email IN ${EMAIL}),
         in_app boolean NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, kind)
       )`,
      ...tenantPolicies("notification_defaults"),

      // Per person (identity) in an institution: one choice covers all their memberships there.
      `CREATE TABLE notification_preferences (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         identity_id uuid NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
         kind text NOT NULL CHECK (kind ~ '^[A-Z_]{2,40}$'),
         email text NOT NULL CHECK (email IN ${EMAIL}),
         in_app boolean NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, identity_id, kind)
       )`,
      ...tenantPolicies("notification_preferences"),

      // Quiet hours (minutes of the day on the person's wall clock; start > end wraps past midnight) and digest timing.
      `CREATE TABLE notification_settings (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         identity_id uuid NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
         time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
         quiet_start smallint CHECK (quiet_start BETWEEN 0 AND 1439),
         quiet_end smallint CHECK (quiet_end BETWEEN 0 AND 1439),
         digest_weekday smallint NOT NULL DEFAULT 1 CHECK (digest_weekday BETWEEN 1 AND 7),
         digest_hour smallint NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, identity_id),
         CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
       )`,
      ...tenantPolicies("notification_settings"),

      // Once per person, digest and period however many job runners build digests: the key is the guarantee.
      `CREATE TABLE digest_runs (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         identity_id uuid NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
         digest text NOT NULL CHECK (digest IN ('REQUESTS', 'FOLLOW_UPS', 'ADVISOR_LISTS')),
         period text NOT NULL CHECK (period ~ '^[DW][0-9]{4}-[0-9]{2}-[0-9]{2}$'),
         items int NOT NULL CHECK (items >= 0),
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, identity_id, digest, period)
       )`,
      ...tenantPolicies("digest_runs"),
      `REVOKE UPDATE ON digest_runs FROM infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["digest_runs", "notification_settings", "notification_preferences", "notification_defaults"]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
