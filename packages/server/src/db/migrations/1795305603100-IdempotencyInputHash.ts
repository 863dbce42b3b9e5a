import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Idempotency keys remember what they were sent with (a SHA-256 of the operation's input, ADR 0018): the same
 * key with a different input is refused as IDEMPOTENCY_KEY_REUSED instead of quietly returning the first
 * result. Keys stored before this have no hash and keep the old behaviour.
 *
 * The bulk mutations get keys of their own: API keys call them (no membership), they write in chunks (so the
 * key is claimed before and its summary stored after), and a retry gets that summary back. The SQL is written
 * out here, not built by db/rls.ts, so that what this migration runs never changes.
 */
export class IdempotencyInputHash1795305603100 implements MigrationInterface {
  name = "IdempotencyInputHash1795305603100";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idempotency_keys ADD COLUMN input_hash text CHECK (input_hash ~ '^[0-9a-f]{64}$')`);
    await db.query(
      `CREATE TABLE bulk_idempotency_keys (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         caller text NOT NULL CHECK (caller ~ '^(key|member):'),
         key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
         operation text NOT NULL,
         input_hash text NOT NULL CHECK (input_hash ~ '^[0-9a-f]{64}$'),
         result jsonb,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, caller, key)
       )`,
    );
    const current = `(SELECT nullif(current_setting('app.institution_id', true), '')::uuid)`;
    await db.query(`ALTER TABLE bulk_idempotency_keys ENABLE ROW LEVEL SECURITY`);
    await db.query(`ALTER TABLE bulk_idempotency_keys FORCE ROW LEVEL SECURITY`);
    await db.query(
      `CREATE POLICY bulk_idempotency_keys_tenant_read ON bulk_idempotency_keys FOR SELECT USING (institution_id = ${current})`,
    );
    await db.query(
      `CREATE POLICY bulk_idempotency_keys_tenant_write ON bulk_idempotency_keys FOR ALL
         USING (institution_id = ${current}) WITH CHECK (institution_id = ${current})`,
    );
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON bulk_idempotency_keys TO infoview_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE bulk_idempotency_keys`);
    await db.query(`ALTER TABLE idempotency_keys DROP COLUMN input_hash`);
  }
}
