import type { MigrationInterface, QueryRunner } from "typeorm";

/** Each source of a student's activity and the column that dates it (see docs/reports.md, needsAction). */
const SOURCES = [
  ["interview_requests", "updated_at"],
  ["follow_ups", "updated_at"],
  ["outcomes", "created_at"],
  ["contact_log_entries", "updated_at"],
] as const;

/** A student's last activity: the latest of the four sources, or NULL without any. `m` is the student's membership. */
const LAST_ACTIVITY = `greatest(${SOURCES.map(
  ([table, column]) => `(SELECT max(x.${column}) FROM ${table} x WHERE x.institution_id = m.institution_id AND x.student_id = m.id)`,
).join(", ")})`;

/**
 * Speed for the institution-wide reports over 100,000+ requests (docs/reports.md, Performance):
 * - `student_activity`: each student's last activity, kept exact by statement-level triggers on the four sources and
 *   on memberships, so `needsAction.inactiveStudents` walks one index in order instead of grouping every request;
 * - covering and partial indexes for the funnel, the trend and the alumni lists. `IF NOT EXISTS` because databases
 *   migrated before 1795305601500 was final lack some of its indexes.
 */
export class ReportSpeed1795305601600 implements MigrationInterface {
  name = "ReportSpeed1795305601600";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE student_activity (
         student_id uuid PRIMARY KEY REFERENCES memberships(id) ON DELETE CASCADE,
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         last_at timestamptz,
         since timestamptz NOT NULL
       )`,
      `CREATE INDEX student_activity_since_idx ON student_activity (institution_id, since, student_id) INCLUDE (last_at)`,
      `ALTER TABLE student_activity ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE student_activity FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY student_activity_tenant_read ON student_activity FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY student_activity_tenant_write ON student_activity FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON student_activity TO infoview_app`,

      // Recomputes the listed students' rows from the sources (exact after inserts, updates and deletes alike).
      `CREATE FUNCTION student_activity_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
         INSERT INTO student_activity AS s (student_id, institution_id, last_at, since)
         SELECT m.id, m.institution_id, a.at, coalesce(a.at, m.created_at)
           FROM memberships m CROSS JOIN LATERAL (SELECT ${LAST_ACTIVITY} AS at) a
          WHERE m.id = ANY (ids) AND m.role = 'STUDENT'
         ON CONFLICT (student_id) DO UPDATE SET last_at = EXCLUDED.last_at, since = EXCLUDED.since
       $$`,
      ...(["new_rows", "old_rows"] as const).map(
        (rows) => `CREATE FUNCTION student_activity_${rows}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           PERFORM student_activity_refresh(ARRAY(SELECT DISTINCT t.student_id FROM ${rows} t));
           RETURN NULL;
         END $$`,
      ),
      `CREATE FUNCTION student_activity_members() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           PERFORM student_activity_refresh(ARRAY(SELECT t.id FROM new_rows t WHERE t.role = 'STUDENT'));
           RETURN NULL;
         END $$`,
      ...SOURCES.flatMap(([table]) => [
        `CREATE TRIGGER student_activity_inserted AFTER INSERT ON ${table}
           REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION student_activity_new_rows()`,
        `CREATE TRIGGER student_activity_updated AFTER UPDATE ON ${table}
           REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION student_activity_new_rows()`,
        `CREATE TRIGGER student_activity_deleted AFTER DELETE ON ${table}
           REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION student_activity_old_rows()`,
      ]),
      `CREATE TRIGGER student_activity_members_inserted AFTER INSERT ON memberships
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION student_activity_members()`,
      `CREATE TRIGGER student_activity_members_updated AFTER UPDATE ON memberships
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION student_activity_members()`,

      // Whatever already exists, set-based: one grouped pass over each source.
      `INSERT INTO student_activity (student_id, institution_id, last_at, since)
       SELECT m.id, m.institution_id, l.at, coalesce(l.at, m.created_at)
         FROM memberships m
         LEFT JOIN (
           SELECT student_id, max(at) AS at FROM (
             ${SOURCES.map(([table, column]) => `SELECT student_id, max(${column}) AS at FROM ${table} GROUP BY student_id`).join(" UNION ALL ")}
           ) x GROUP BY student_id
         ) l ON l.student_id = m.id
        WHERE m.role = 'STUDENT'`,

      // The funnel and the trend: index-only range scans joined on the request id.
      `CREATE INDEX IF NOT EXISTS interview_requests_report_idx ON interview_requests (institution_id, created_at)
         INCLUDE (id, student_id, alumnus_id, state, answered_at)`,
      `DROP INDEX IF EXISTS interview_requests_created_idx`,
      `CREATE INDEX IF NOT EXISTS follow_ups_completed_idx ON follow_ups (institution_id, completed_at) INCLUDE (request_id, thank_you_sent_at)`,
      `CREATE INDEX IF NOT EXISTS follow_ups_thank_you_open_idx ON follow_ups (institution_id, thank_you_due_at) WHERE thank_you_sent_at IS NULL`,
      // Overloaded and unresponsive alumni read only open, waiting and expired requests.
      `CREATE INDEX interview_requests_open_idx ON interview_requests (institution_id, alumnus_id)
         INCLUDE (state, meeting_starts_at, created_at) WHERE state IN ('REQUESTED', 'ACCEPTED')`,
      `CREATE INDEX interview_requests_expired_idx ON interview_requests (institution_id, alumnus_id)
         INCLUDE (closed_at, expires_at) WHERE state = 'EXPIRED'`,
      `CREATE INDEX interview_requests_answered_idx ON interview_requests (institution_id, alumnus_id, answered_at)`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    const statements = [
      `DROP INDEX IF EXISTS interview_requests_answered_idx`,
      `DROP INDEX IF EXISTS interview_requests_expired_idx`,
      `DROP INDEX IF EXISTS interview_requests_open_idx`,
      `CREATE INDEX IF NOT EXISTS interview_requests_created_idx ON interview_requests (institution_id, created_at)
         INCLUDE (id, student_id, alumnus_id, state, answered_at)`,
      `DROP INDEX IF EXISTS interview_requests_report_idx`,
      `DROP TRIGGER IF EXISTS student_activity_members_updated ON memberships`,
      `DROP TRIGGER IF EXISTS student_activity_members_inserted ON memberships`,
      ...SOURCES.flatMap(([table]) =>
        ["inserted", "updated", "deleted"].map((t) => `DROP TRIGGER IF EXISTS student_activity_${t} ON ${table}`),
      ),
      `DROP FUNCTION IF EXISTS student_activity_members()`,
      `DROP FUNCTION IF EXISTS student_activity_new_rows()`,
      `DROP FUNCTION IF EXISTS student_activity_old_rows()`,
      `DROP FUNCTION IF EXISTS student_activity_refresh(uuid[])`,
      `DROP TABLE IF EXISTS student_activity`,
    ];
    for (const sql of statements) await db.query(sql);
  }
}
