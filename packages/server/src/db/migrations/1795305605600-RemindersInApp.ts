import type { MigrationInterface, QueryRunner } from "typeorm";

/** The kinds that gained an in-app side (issue 14, ADR 0028: reminders and nudges reach the notification centre). */
const KINDS = "('MEETING_REMINDERS', 'MEETING_CHECKS', 'FOLLOW_UPS', 'EXPIRY_REMINDERS')";

/**
 * Until now these kinds had no in-app side, so every saved choice and institution default stored `in_app = false` for
 * them whatever the person meant (the page offered no switch). That false was never a choice: it becomes the built-in
 * default (on), so nobody's centre stays silent because they once saved their email choices. Row-level security is
 * lifted for the update only, in this migration's transaction, as the consents migration does.
 */
export class RemindersInApp1795305605600 implements MigrationInterface {
  name = "RemindersInApp1795305605600";

  async up(db: QueryRunner): Promise<void> {
    for (const table of ["notification_preferences", "notification_defaults"]) {
      await db.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await db.query(`UPDATE ${table} SET in_app = true WHERE kind IN ${KINDS} AND NOT in_app`);
      await db.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["notification_preferences", "notification_defaults"]) {
      await db.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await db.query(`UPDATE ${table} SET in_app = false WHERE kind IN ${KINDS}`);
      await db.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
  }
}
