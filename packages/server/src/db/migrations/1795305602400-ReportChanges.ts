import type { MigrationInterface, QueryRunner } from "typeorm";

/** The NOTIFY channel on which a change to anything a report reads names its institution ('*': every institution). */
export const REPORT_CHANGES_CHANNEL = "infoview_report_changes";

/**
 * What each report reads, and the columns that matter: a row inserted or deleted, or one of these columns changed,
 * announces the row's institution. `institution_id` is listed so a row moved between institutions announces both.
 */
export const TENANT_SOURCES: Array<[table: string, columns: string[]]> = [
  ["interview_requests", ["institution_id", "created_at", "state", "answered_at", "student_id", "alumnus_id"]],
  ["follow_ups", ["institution_id", "request_id", "completed_at", "thank_you_sent_at"]],
  ["rule_one_flags", ["institution_id", "created_at", "student_id", "alumnus_id"]],
  ["outcomes", ["institution_id", "created_at", "student_id", "request_id", "kind"]],
  ["student_profiles", ["institution_id", "membership_id", "fields", "class_year", "advisor_id"]],
  // Labels: a member's name comes through their membership's identity.
  ["memberships", ["institution_id", "identity_id"]],
];

const changed = (columns: string[]) =>
  `(${columns.map((c) => `OLD.${c}`).join(", ")}) IS DISTINCT FROM (${columns.map((c) => `NEW.${c}`).join(", ")})`;

/**
 * Report cache invalidation (docs/reports.md, Performance): row triggers that `pg_notify` the institution whose report
 * numbers a write may change. NOTIFY is transactional (sent on commit, nothing on rollback) and folds identical payloads of
 * one transaction into one, so a bulk write of 50,000 rows sends one notification per institution. Every server process
 * LISTENs (reports/report-cache.ts) and forgets that institution's cached reports.
 * No data is read or written: safe and instant on any database.
 */
export class ReportChanges1795305602400 implements MigrationInterface {
  name = "ReportChanges1795305602400";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE FUNCTION report_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('${REPORT_CHANGES_CHANNEL}', OLD.institution_id::text); END IF;
         IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('${REPORT_CHANGES_CHANNEL}', NEW.institution_id::text); END IF;
         RETURN NULL;
       END $$`,
      // Tables without an institution: a career field's or a person's name appears in every institution's labels.
      `CREATE FUNCTION report_changed_everywhere() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('${REPORT_CHANGES_CHANNEL}', '*');
         RETURN NULL;
       END $$`,
      `CREATE FUNCTION report_changed_institution() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('${REPORT_CHANGES_CHANNEL}', NEW.id::text);
         RETURN NULL;
       END $$`,
      ...TENANT_SOURCES.flatMap(([table, columns]) => [
        `CREATE TRIGGER report_changed_rows AFTER INSERT OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION report_changed()`,
        `CREATE TRIGGER report_changed_columns AFTER UPDATE ON ${table} FOR EACH ROW WHEN (${changed(columns)})
           EXECUTE FUNCTION report_changed()`,
      ]),
      `CREATE TRIGGER report_changed_rows AFTER INSERT OR DELETE ON career_fields FOR EACH STATEMENT EXECUTE FUNCTION report_changed_everywhere()`,
      `CREATE TRIGGER report_changed_columns AFTER UPDATE ON career_fields FOR EACH ROW WHEN (${changed(["id", "name"])})
         EXECUTE FUNCTION report_changed_everywhere()`,
      `CREATE TRIGGER report_changed_columns AFTER UPDATE ON identities FOR EACH ROW WHEN (${changed(["display_name"])})
         EXECUTE FUNCTION report_changed_everywhere()`,
      `CREATE TRIGGER report_changed_columns AFTER UPDATE ON institutions FOR EACH ROW WHEN (${changed(["time_zone"])})
         EXECUTE FUNCTION report_changed_institution()`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [table] of TENANT_SOURCES) {
      await db.query(`DROP TRIGGER IF EXISTS report_changed_rows ON ${table}`);
      await db.query(`DROP TRIGGER IF EXISTS report_changed_columns ON ${table}`);
    }
    await db.query(`DROP TRIGGER IF EXISTS report_changed_rows ON career_fields`);
    for (const table of ["career_fields", "identities", "institutions"])
      await db.query(`DROP TRIGGER IF EXISTS report_changed_columns ON ${table}`);
    for (const fn of ["report_changed", "report_changed_everywhere", "report_changed_institution"])
      await db.query(`DROP FUNCTION IF EXISTS ${fn}()`);
  }
}
