import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Idempotency keys remember what they were sent with (a SHA-256 of the operation's input, ADR 0018): the same
 * key with a different input is refused as IDEMPOTENCY_KEY_REUSED instead of quietly returning the first
 * result. Keys stored before this have no hash and keep the old behaviour.
 */
export class IdempotencyInputHash1795305603100 implements MigrationInterface {
  name = "IdempotencyInputHash1795305603100";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idempotency_keys ADD COLUMN input_hash text CHECK (input_hash ~ '^[0-9a-f]{64}$')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idempotency_keys DROP COLUMN input_hash`);
  }
}
