import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * API keys an institution's integrations authenticate with. Only a SHA-256 of the secret is kept
 * (the secret is 256 random bits, shown once); see docs/decisions/0007-api-keys.md.
 */
export class ApiKeys1795305602000 implements MigrationInterface {
  name = "ApiKeys1795305602000";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE api_keys (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
         scopes text[] NOT NULL CHECK (cardinality(scopes) > 0
           AND scopes <@ ARRAY['people:read','people:write','requests:read','reports:read','webhooks:manage']),
         secret_hash text NOT NULL UNIQUE,
         created_by_id uuid REFERENCES memberships(id) ON DELETE SET NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         rotated_at timestamptz,
         revoked_at timestamptz,
         last_used_at timestamptz
       )`,
      `CREATE INDEX api_keys_institution_idx ON api_keys (institution_id, created_at DESC)`,
      `ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE api_keys FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY api_keys_tenant_read ON api_keys FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY api_keys_tenant_write ON api_keys FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON api_keys TO infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS api_keys`);
  }
}
