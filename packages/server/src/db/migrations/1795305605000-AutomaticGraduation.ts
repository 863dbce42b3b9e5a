import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Automatic graduation (issue 13, ADR 0032): an institution may have its students graduate by themselves once their
 * class year has ended. Off by default. The class year Y ends on the institution's graduation day (month-day, local
 * date) of year Y. `graduation_ran_on` is the local day the daily job last ran for the institution: the job claims the
 * day with an UPDATE on the institution's row, so one run per institution per day whatever the replicas.
 */
export class AutomaticGraduation1795305605000 implements MigrationInterface {
  name = "AutomaticGraduation1795305605000";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE institutions ADD COLUMN auto_graduation boolean NOT NULL DEFAULT false`,
      `ALTER TABLE institutions ADD COLUMN graduation_day text NOT NULL DEFAULT '06-15'
         CHECK (graduation_day ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')`,
      `ALTER TABLE institutions ADD COLUMN graduation_ran_on date`,
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const column of ["graduation_ran_on", "graduation_day", "auto_graduation"])
      await db.query(`ALTER TABLE institutions DROP COLUMN IF EXISTS ${column}`);
  }
}
