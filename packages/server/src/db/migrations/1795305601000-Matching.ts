import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What matching needs to rank 20,000+ alumni in one query (see docs/matching.md):
 * - alumnus_match_stats: per-alum counters kept by statement-level triggers (set-based, so bulk seeds stay fast):
 *   a decaying count of requests received (for the fairness term), answered vs. expired requests (responsiveness)
 *   and the number of weekly availability windows (availability proxy).
 * - alumnus_suggestions: an advisor suggests an alum to a student.
 * - search: a trigram index over employer, title and topics, and one over people's names.
 * - a partial index for "capacity used this month".
 *
 * The load decays with a half-life of 14 days (LOAD_HALF_LIFE_DAYS in modules/matching/scoring.ts reads it the same way).
 */
export class Matching1795305601000 implements MigrationInterface {
  name = "Matching1795305601000";

  async up(db: QueryRunner): Promise<void> {
    // ln 2 / (14 days in seconds): the load's decay rate per second.
    const rate = `(ln(2) / (14 * 86400.0))`;
    const statements = [
      `CREATE TABLE alumnus_match_stats (
         alumnus_id uuid PRIMARY KEY REFERENCES memberships(id) ON DELETE CASCADE,
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         recent_load double precision NOT NULL DEFAULT 0,
         load_at timestamptz NOT NULL DEFAULT now(),
         answered int NOT NULL DEFAULT 0,
         unanswered int NOT NULL DEFAULT 0,
         weekly_windows int NOT NULL DEFAULT 0
       )`,
      `CREATE INDEX alumnus_match_stats_institution_idx ON alumnus_match_stats (institution_id, alumnus_id)`,
      `ALTER TABLE alumnus_match_stats ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE alumnus_match_stats FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY alumnus_match_stats_tenant_read ON alumnus_match_stats FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY alumnus_match_stats_tenant_write ON alumnus_match_stats FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON alumnus_match_stats TO infoview_app`,

      // New requests add to the alum's load (decayed from their creation time, so bulk-loaded history counts less);
      // requests inserted already answered or expired count towards responsiveness too.
      `CREATE FUNCTION match_stats_requests_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           INSERT INTO alumnus_match_stats AS s (alumnus_id, institution_id, recent_load, load_at, answered, unanswered)
           SELECT n.alumnus_id, n.institution_id,
                  sum(exp(-${rate} * greatest(0, extract(epoch FROM now() - n.created_at)))), now(),
                  count(*) FILTER (WHERE n.answered_at IS NOT NULL AND n.state <> 'WITHDRAWN'),
                  count(*) FILTER (WHERE n.state = 'EXPIRED')
             FROM new_rows n GROUP BY n.alumnus_id, n.institution_id
           ON CONFLICT (alumnus_id) DO UPDATE SET
             recent_load = s.recent_load * exp(-${rate} * greatest(0, extract(epoch FROM now() - s.load_at))) + EXCLUDED.recent_load,
             load_at = now(),
             answered = s.answered + EXCLUDED.answered,
             unanswered = s.unanswered + EXCLUDED.unanswered;
           RETURN NULL;
         END $$`,
      `CREATE TRIGGER match_stats_requests_inserted AFTER INSERT ON interview_requests
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_stats_requests_inserted()`,

      // A REQUESTED request that gets an answer (accepted or declined) or expires.
      `CREATE FUNCTION match_stats_requests_updated() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           INSERT INTO alumnus_match_stats AS s (alumnus_id, institution_id, answered, unanswered)
           SELECT n.alumnus_id, n.institution_id,
                  count(*) FILTER (WHERE n.state IN ('ACCEPTED','DECLINED')),
                  count(*) FILTER (WHERE n.state = 'EXPIRED')
             FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE o.state = 'REQUESTED' AND n.state IN ('ACCEPTED','DECLINED','EXPIRED')
            GROUP BY n.alumnus_id, n.institution_id
           ON CONFLICT (alumnus_id) DO UPDATE SET
             answered = s.answered + EXCLUDED.answered,
             unanswered = s.unanswered + EXCLUDED.unanswered;
           RETURN NULL;
         END $$`,
      `CREATE TRIGGER match_stats_requests_updated AFTER UPDATE ON interview_requests
         REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_stats_requests_updated()`,

      // Weekly windows are replaced wholesale (delete + insert); recount for each alum touched.
      ...(["new_rows", "old_rows"] as const).map(
        (rows) => `CREATE FUNCTION match_stats_windows_${rows}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           INSERT INTO alumnus_match_stats AS s (alumnus_id, institution_id, weekly_windows)
           SELECT t.alumnus_id, t.institution_id, (SELECT count(*) FROM availability_windows w WHERE w.alumnus_id = t.alumnus_id)
             FROM (SELECT DISTINCT alumnus_id, institution_id FROM ${rows}) t
           ON CONFLICT (alumnus_id) DO UPDATE SET weekly_windows = EXCLUDED.weekly_windows;
           RETURN NULL;
         END $$`,
      ),
      `CREATE TRIGGER match_stats_windows_inserted AFTER INSERT ON availability_windows
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_stats_windows_new_rows()`,
      `CREATE TRIGGER match_stats_windows_deleted AFTER DELETE ON availability_windows
         REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_stats_windows_old_rows()`,

      // Whatever already exists.
      `INSERT INTO alumnus_match_stats (alumnus_id, institution_id, recent_load, load_at, answered, unanswered, weekly_windows)
       SELECT p.membership_id, p.institution_id,
              coalesce((SELECT sum(exp(-${rate} * greatest(0, extract(epoch FROM now() - r.created_at)))) FROM interview_requests r WHERE r.alumnus_id = p.membership_id), 0),
              now(),
              (SELECT count(*) FROM interview_requests r WHERE r.alumnus_id = p.membership_id AND r.answered_at IS NOT NULL AND r.state <> 'WITHDRAWN'),
              (SELECT count(*) FROM interview_requests r WHERE r.alumnus_id = p.membership_id AND r.state = 'EXPIRED'),
              (SELECT count(*) FROM availability_windows w WHERE w.alumnus_id = p.membership_id)
         FROM alumni_profiles p`,

      `CREATE TABLE alumnus_suggestions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         student_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         alumnus_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         suggested_by_id uuid REFERENCES memberships(id) ON DELETE SET NULL,
         note text CHECK (length(note) <= 1000),
         created_at timestamptz NOT NULL DEFAULT now(),
         dismissed_at timestamptz,
         CHECK (student_id <> alumnus_id)
       )`,
      `CREATE INDEX alumnus_suggestions_student_idx ON alumnus_suggestions (institution_id, student_id, created_at DESC)`,
      // One active suggestion per student–alum pair; suggesting again refreshes it.
      `CREATE UNIQUE INDEX alumnus_suggestions_one_active ON alumnus_suggestions (institution_id, student_id, alumnus_id) WHERE dismissed_at IS NULL`,
      `ALTER TABLE alumnus_suggestions ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE alumnus_suggestions FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY alumnus_suggestions_tenant_read ON alumnus_suggestions FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY alumnus_suggestions_tenant_write ON alumnus_suggestions FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON alumnus_suggestions TO infoview_app`,

      // Search: substring matching (ILIKE) served by trigram indexes.
      `CREATE FUNCTION immutable_text_join(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string($1, ' ') $$`,
      `ALTER TABLE alumni_profiles ADD COLUMN search_text text GENERATED ALWAYS AS
         (coalesce(employer, '') || ' ' || coalesce(title, '') || ' ' || immutable_text_join(topics)) STORED`,
      `CREATE INDEX alumni_profiles_search_trgm_idx ON alumni_profiles USING gin (search_text gin_trgm_ops)`,
      `CREATE INDEX identities_display_name_trgm_idx ON identities USING gin (display_name gin_trgm_ops)`,
      `CREATE INDEX alumni_profiles_topics_idx ON alumni_profiles USING gin (topics)`,

      // Capacity used this month, for all alumni of an institution at once.
      `CREATE INDEX interview_requests_capacity_idx ON interview_requests (institution_id, meeting_starts_at)
         WHERE state IN ('ACCEPTED','COMPLETED','NO_SHOW')`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    const statements = [
      `DROP INDEX IF EXISTS interview_requests_capacity_idx`,
      `DROP INDEX IF EXISTS alumni_profiles_topics_idx`,
      `DROP INDEX IF EXISTS identities_display_name_trgm_idx`,
      `ALTER TABLE alumni_profiles DROP COLUMN IF EXISTS search_text`,
      `DROP FUNCTION IF EXISTS immutable_text_join(text[])`,
      `DROP TABLE IF EXISTS alumnus_suggestions`,
      `DROP TRIGGER IF EXISTS match_stats_windows_deleted ON availability_windows`,
      `DROP TRIGGER IF EXISTS match_stats_windows_inserted ON availability_windows`,
      `DROP TRIGGER IF EXISTS match_stats_requests_updated ON interview_requests`,
      `DROP TRIGGER IF EXISTS match_stats_requests_inserted ON interview_requests`,
      `DROP FUNCTION IF EXISTS match_stats_windows_new_rows()`,
      `DROP FUNCTION IF EXISTS match_stats_windows_old_rows()`,
      `DROP FUNCTION IF EXISTS match_stats_requests_updated()`,
      `DROP FUNCTION IF EXISTS match_stats_requests_inserted()`,
      `DROP TABLE IF EXISTS alumnus_match_stats`,
    ];
    for (const sql of statements) await db.query(sql);
  }
}
