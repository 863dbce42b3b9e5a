import type { MigrationInterface, QueryRunner } from "typeorm";

const TENANT = "(SELECT nullif(current_setting('app.institution_id', true), '')::uuid)";

/**
 * Accessibility accommodations in scheduling (issue 14, ADR 0025): what each person needs for one conversation
 * (request_accommodations, one row per side), and the institution's lead time for interpreters and captioners.
 */
export class Accommodations1795305603900 implements MigrationInterface {
  name = "Accommodations1795305603900";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE request_accommodations (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         request_id uuid NOT NULL,
         side text NOT NULL CHECK (side IN ('STUDENT', 'ALUMNUS')),
         needs text[] NOT NULL CHECK (needs <@ ARRAY['CAPTIONS', 'SIGN_LANGUAGE_INTERPRETER', 'STEP_FREE_VENUE', 'MATERIALS_IN_ADVANCE', 'EXTRA_TIME', 'OTHER']::text[]),
         other_text text CHECK (char_length(other_text) <= 500),
         shared_with_advisors boolean NOT NULL DEFAULT false,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, request_id, side),
         FOREIGN KEY (institution_id, request_id) REFERENCES interview_requests (institution_id, id) ON DELETE CASCADE,
         CHECK (('OTHER' = ANY (needs)) = (other_text IS NOT NULL))
       )`,
      "ALTER TABLE request_accommodations ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE request_accommodations FORCE ROW LEVEL SECURITY",
      `CREATE POLICY request_accommodations_tenant_read ON request_accommodations FOR SELECT USING (institution_id = ${TENANT})`,
      `CREATE POLICY request_accommodations_tenant_write ON request_accommodations FOR ALL USING (institution_id = ${TENANT}) WITH CHECK (institution_id = ${TENANT})`,
      "GRANT SELECT, INSERT, UPDATE, DELETE ON request_accommodations TO infoview_app",
      `ALTER TABLE institutions ADD COLUMN accommodation_lead_days integer NOT NULL DEFAULT 10 CHECK (accommodation_lead_days BETWEEN 0 AND 60)`,
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE institutions DROP COLUMN IF EXISTS accommodation_lead_days`);
    await db.query(`DROP TABLE IF EXISTS request_accommodations`);
  }
}
