import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The language a person chose for Infoview (ADR 0020): null until they choose, and then the web client follows it over the
 * browser's language on every device. Identities are global (not per institution), so this is a column, not a tenant table.
 */
export class IdentityLocale1795305603300 implements MigrationInterface {
  name = "IdentityLocale1795305603300";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE identities ADD COLUMN locale text CHECK (locale IN ('en', 'es'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE identities DROP COLUMN IF EXISTS locale`);
  }
}
