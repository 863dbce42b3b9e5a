import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Incremental sync. Rows carry the id of the transaction that last wrote them (sync_xid, set by trigger);
 * feeds page by (sync_xid, id) and only show rows of transactions older than every one still running
 * (pg_snapshot_xmin), so a cursor never skips a row that commits late. Deletions of people and requests
 * are kept in deleted_records for the same feeds. See docs/decisions/0008-sync-cursors.md.
 */
export class SyncFeeds1795305602200 implements MigrationInterface {
  name = "SyncFeeds1795305602200";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE FUNCTION set_sync_xid() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           NEW.sync_xid := pg_current_xact_id();
           RETURN NEW;
         END
       $$`,
      `CREATE TABLE deleted_records (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         entity text NOT NULL CHECK (entity IN ('PERSON','REQUEST')),
         entity_id uuid NOT NULL,
         role text,
         external_id text,
         deleted_at timestamptz NOT NULL DEFAULT now(),
         sync_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
       )`,
      `CREATE INDEX deleted_records_sync_idx ON deleted_records (institution_id, sync_xid, id)`,
      `ALTER TABLE deleted_records ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE deleted_records FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY deleted_records_tenant_read ON deleted_records FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY deleted_records_tenant_write ON deleted_records FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON deleted_records TO infoview_app`,
      // Recorded only for deletions inside the institution's own scope: when the institution itself goes, so does its feed.
      `CREATE FUNCTION record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF OLD.institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid) AND EXISTS (SELECT 1 FROM institutions WHERE id = OLD.institution_id) THEN
             IF TG_TABLE_NAME = 'memberships' THEN
               INSERT INTO deleted_records (institution_id, entity, entity_id, role, external_id)
               VALUES (OLD.institution_id, 'PERSON', OLD.id, OLD.role, OLD.external_id);
             ELSE
               INSERT INTO deleted_records (institution_id, entity, entity_id) VALUES (OLD.institution_id, 'REQUEST', OLD.id);
             END IF;
           END IF;
           RETURN NULL;
         END
       $$`,
    ];
    for (const table of ["memberships", "interview_requests"]) {
      statements.push(
        `ALTER TABLE ${table} ADD COLUMN sync_xid xid8 NOT NULL DEFAULT pg_current_xact_id()`,
        `CREATE INDEX ${table}_sync_idx ON ${table} (institution_id, sync_xid, id)`,
        `CREATE INDEX ${table}_updated_idx ON ${table} (institution_id, updated_at)`,
        `CREATE TRIGGER ${table}_sync_xid BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION set_sync_xid()`,
        `CREATE TRIGGER ${table}_deleted AFTER DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION record_deletion()`,
      );
    }
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["memberships", "interview_requests"]) {
      await db.query(`DROP TRIGGER IF EXISTS ${table}_deleted ON ${table}`);
      await db.query(`DROP TRIGGER IF EXISTS ${table}_sync_xid ON ${table}`);
      await db.query(`DROP INDEX IF EXISTS ${table}_updated_idx`);
      await db.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS sync_xid`);
    }
    await db.query(`DROP FUNCTION IF EXISTS record_deletion()`);
    await db.query(`DROP TABLE IF EXISTS deleted_records`);
    await db.query(`DROP FUNCTION IF EXISTS set_sync_xid()`);
  }
}
