import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The daily loop (issue 14, ADR 0021): reminders before a meeting and "did it happen?" nudges after it, each sent once
 * per meeting version (meeting_reminders); the answers (meeting_checks); single-use signed links (signed_link_uses);
 * each person's secret calendar feed (calendar_feeds); how video meetings get their link (institutions, alumni_profiles).
 */
export class DailyLoop1795305603400 implements MigrationInterface {
  name = "DailyLoop1795305603400";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // One row per reminder or nudge sent, per version of the meeting (its calendar SEQUENCE): a moved meeting gets new ones.
      `CREATE TABLE meeting_reminders (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         request_id uuid NOT NULL,
         kind text NOT NULL CHECK (kind IN ('BEFORE_24H', 'BEFORE_1H', 'CHECK_1', 'CHECK_2')),
         sequence int NOT NULL CHECK (sequence >= 0),
         sent_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, request_id, kind, sequence),
         FOREIGN KEY (institution_id, request_id) REFERENCES interview_requests (institution_id, id) ON DELETE CASCADE
       )`,
      "ALTER TABLE meeting_reminders ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE meeting_reminders FORCE ROW LEVEL SECURITY",
      "CREATE POLICY meeting_reminders_tenant_read ON meeting_reminders FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "CREATE POLICY meeting_reminders_tenant_write ON meeting_reminders FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_reminders TO infoview_app",
      `REVOKE UPDATE ON meeting_reminders FROM infoview_app`,

      // The first answer to "did it happen?" for one version of the meeting settles it: one row per version.
      `CREATE TABLE meeting_checks (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         request_id uuid NOT NULL,
         sequence int NOT NULL CHECK (sequence >= 0),
         answer text NOT NULL CHECK (answer IN ('HAPPENED', 'NO_SHOW', 'MOVED')),
         answered_by text NOT NULL CHECK (answered_by IN ('STUDENT', 'ALUMNUS')),
         via text NOT NULL CHECK (via IN ('APP', 'LINK')),
         answered_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, request_id, sequence),
         FOREIGN KEY (institution_id, request_id) REFERENCES interview_requests (institution_id, id) ON DELETE CASCADE
       )`,
      "ALTER TABLE meeting_checks ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE meeting_checks FORCE ROW LEVEL SECURITY",
      "CREATE POLICY meeting_checks_tenant_read ON meeting_checks FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "CREATE POLICY meeting_checks_tenant_write ON meeting_checks FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_checks TO infoview_app",
      `REVOKE UPDATE ON meeting_checks FROM infoview_app`,

      // Signed single-use links that were used: the hash of the link's token, never the token.
      `CREATE TABLE signed_link_uses (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
         purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z-]{1,40}$'),
         used_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, token_hash)
       )`,
      "ALTER TABLE signed_link_uses ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE signed_link_uses FORCE ROW LEVEL SECURITY",
      "CREATE POLICY signed_link_uses_tenant_read ON signed_link_uses FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "CREATE POLICY signed_link_uses_tenant_write ON signed_link_uses FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "GRANT SELECT, INSERT, UPDATE, DELETE ON signed_link_uses TO infoview_app",
      `REVOKE UPDATE ON signed_link_uses FROM infoview_app`,

      // A person's calendar feed: the URL's secret is derived from the nonce with a server key (never stored); its hash finds the person.
      `CREATE TABLE calendar_feeds (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         membership_id uuid NOT NULL,
         nonce text NOT NULL CHECK (length(nonce) BETWEEN 16 AND 64),
         token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, membership_id),
         UNIQUE (institution_id, token_hash),
         FOREIGN KEY (institution_id, membership_id) REFERENCES memberships (institution_id, id) ON DELETE CASCADE
       )`,
      "ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY",
      "CREATE POLICY calendar_feeds_tenant_read ON calendar_feeds FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "CREATE POLICY calendar_feeds_tenant_write ON calendar_feeds FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))",
      "GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feeds TO infoview_app",

      // Video meetings: a generated Jitsi Meet room, the alum's personal meeting link, or a link pasted at acceptance.
      `ALTER TABLE institutions ADD COLUMN video_links text NOT NULL DEFAULT 'PASTED' CHECK (video_links IN ('JITSI', 'PERSONAL', 'PASTED'))`,
      `ALTER TABLE alumni_profiles ADD COLUMN personal_meeting_link text CHECK (personal_meeting_link ~ '^https://\\S{3,}$' AND length(personal_meeting_link) <= 500)`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alumni_profiles DROP COLUMN IF EXISTS personal_meeting_link`);
    await db.query(`ALTER TABLE institutions DROP COLUMN IF EXISTS video_links`);
    for (const table of ["calendar_feeds", "signed_link_uses", "meeting_checks", "meeting_reminders"]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
