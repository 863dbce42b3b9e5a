import type { MigrationInterface, QueryRunner } from "typeorm";

const TENANT = "(SELECT nullif(current_setting('app.institution_id', true), '')::uuid)";

/**
 * Academic terms (issue 13, "Reports done properly"): each institution's own calendar of terms — a name and the
 * local date each starts on. A term runs until the next one starts; reports' TERM period follows them instead of
 * fixed half-years (docs/reports.md).
 */
export class AcademicTerms1795305604500 implements MigrationInterface {
  name = "AcademicTerms1795305604500";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE academic_terms (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         name text NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 80),
         starts_on date NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, id),
         UNIQUE (institution_id, starts_on)
       )`,
      "ALTER TABLE academic_terms ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE academic_terms FORCE ROW LEVEL SECURITY",
      `CREATE POLICY academic_terms_tenant_read ON academic_terms FOR SELECT USING (institution_id = ${TENANT})`,
      `CREATE POLICY academic_terms_tenant_write ON academic_terms FOR ALL USING (institution_id = ${TENANT}) WITH CHECK (institution_id = ${TENANT})`,
      "GRANT SELECT, INSERT, UPDATE, DELETE ON academic_terms TO infoview_app",
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS academic_terms`);
  }
}
