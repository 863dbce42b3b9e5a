import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The language an institution's emails are written in for people who chose none (ADR 0033): null is English. A
 * person's own choice (identities.locale, ADR 0020) comes first.
 */
export class InstitutionDefaultLocale1795305605300 implements MigrationInterface {
  name = "InstitutionDefaultLocale1795305605300";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE institutions ADD COLUMN default_locale text CHECK (default_locale IN ('en', 'es'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE institutions DROP COLUMN IF EXISTS default_locale`);
  }
}
