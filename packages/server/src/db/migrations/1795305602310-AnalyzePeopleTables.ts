import type { MigrationInterface, QueryRunner } from "typeorm";

const PEOPLE_TABLES = ["memberships", "identities", "student_profiles", "alumni_profiles"];

/**
 * Fresh planner statistics after a bulk upsert. Only a table's owner may ANALYZE it, and the app runs as
 * infoview_app, which owns nothing; this SECURITY DEFINER function, owned by the role that runs the migrations
 * (the tables' owner), analyzes the people tables and nothing else. Its search_path is pinned and the table
 * names are schema-qualified, so a caller cannot redirect it; only infoview_app may execute it.
 */
export class AnalyzePeopleTables1795305602310 implements MigrationInterface {
  name = "AnalyzePeopleTables1795305602310";

  async up(db: QueryRunner): Promise<void> {
    const [{ schema }]: Array<{ schema: string }> = await db.query(`SELECT quote_ident(current_schema()) AS schema`);
    const tables = PEOPLE_TABLES.map((t) => `${schema}.${t}`).join(", ");
    await db.query(
      `CREATE FUNCTION analyze_people_tables() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
         BEGIN
           ANALYZE ${tables};
         END
       $$`,
    );
    await db.query(`REVOKE ALL ON FUNCTION analyze_people_tables() FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION analyze_people_tables() TO infoview_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS analyze_people_tables()`);
  }
}
