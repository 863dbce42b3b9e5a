import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * An alum can show a LinkedIn page and one personal web page on their profile, for students preparing to meet them
 * (issue 15, "before you meet"). Both optional, https only and at most 500 characters; the service checks them first
 * with a clear code (PROFILE_LINK_INVALID), these constraints are the last wall. No data is read or written.
 */
export class AlumnusProfileLinks1795305605400 implements MigrationInterface {
  name = "AlumnusProfileLinks1795305605400";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alumni_profiles ADD COLUMN linkedin_url text, ADD COLUMN website_url text`);
    await db.query(
      `ALTER TABLE alumni_profiles
         ADD CONSTRAINT alumni_profiles_linkedin_url_https CHECK (linkedin_url IS NULL OR (linkedin_url ~ '^https://[^\\s]+$' AND length(linkedin_url) <= 500)),
         ADD CONSTRAINT alumni_profiles_website_url_https CHECK (website_url IS NULL OR (website_url ~ '^https://[^\\s]+$' AND length(website_url) <= 500))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alumni_profiles DROP COLUMN IF EXISTS linkedin_url, DROP COLUMN IF EXISTS website_url`);
  }
}
