import type { MigrationInterface, QueryRunner } from "typeorm";

const TENANT = "(SELECT nullif(current_setting('app.institution_id', true), '')::uuid)";

/**
 * The in-app notification centre (issue 14, ADR 0028): one row per person told about an outbox row on a kind with an
 * in-app side. Structured data only (the event, the request, the other person, the side it was seen from): the web
 * client words it in the reader's language, and names are read at display time, so an erased person's name is never
 * copied here.
 */
export class InAppNotifications1795305604100 implements MigrationInterface {
  name = "InAppNotifications1795305604100";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE in_app_notifications (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         membership_id uuid NOT NULL,
         outbox_id bigint NOT NULL,
         kind text NOT NULL CHECK (kind ~ '^[A-Z_]{2,40}$'),
         event text NOT NULL CHECK (event ~ '^[A-Z_]{2,40}$'),
         side text NOT NULL CHECK (side IN ('STUDENT', 'ALUMNUS')),
         request_id uuid,
         other_membership_id uuid,
         created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         read_at timestamptz,
         PRIMARY KEY (institution_id, id),
         UNIQUE (institution_id, outbox_id, membership_id),
         FOREIGN KEY (institution_id, membership_id) REFERENCES memberships (institution_id, id) ON DELETE CASCADE,
         FOREIGN KEY (institution_id, request_id) REFERENCES interview_requests (institution_id, id) ON DELETE CASCADE,
         FOREIGN KEY (institution_id, other_membership_id) REFERENCES memberships (institution_id, id) ON DELETE SET NULL (other_membership_id)
       )`,
      // The list (newest first) and the unread count, per person.
      `CREATE INDEX in_app_notifications_list ON in_app_notifications (institution_id, membership_id, created_at DESC, id DESC)`,
      `CREATE INDEX in_app_notifications_unread ON in_app_notifications (institution_id, membership_id) WHERE read_at IS NULL`,
      "ALTER TABLE in_app_notifications ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE in_app_notifications FORCE ROW LEVEL SECURITY",
      `CREATE POLICY in_app_notifications_tenant_read ON in_app_notifications FOR SELECT USING (institution_id = ${TENANT})`,
      `CREATE POLICY in_app_notifications_tenant_write ON in_app_notifications FOR ALL USING (institution_id = ${TENANT}) WITH CHECK (institution_id = ${TENANT})`,
      "GRANT SELECT, INSERT, UPDATE, DELETE ON in_app_notifications TO infoview_app",
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS in_app_notifications`);
  }
}
