import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A consent must be given against a text of its own kind in its own institution. The service picks
 * the right text; this makes a mismatched row impossible, whoever writes it (imports, seeds, later code).
 */
export class ConsentTextKindMatch1795305600210 implements MigrationInterface {
  name = "ConsentTextKindMatch1795305600210";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE consent_texts ADD CONSTRAINT consent_texts_id_institution_kind_key UNIQUE (id, institution_id, kind)`);
    await db.query(
      `ALTER TABLE consents ADD CONSTRAINT consents_text_of_same_kind_fkey
         FOREIGN KEY (consent_text_id, institution_id, kind) REFERENCES consent_texts (id, institution_id, kind) ON DELETE RESTRICT`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE consents DROP CONSTRAINT IF EXISTS consents_text_of_same_kind_fkey`);
    await db.query(`ALTER TABLE consent_texts DROP CONSTRAINT IF EXISTS consent_texts_id_institution_kind_key`);
  }
}
