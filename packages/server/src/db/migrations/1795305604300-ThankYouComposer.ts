import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The thank-you composer (issue 14): the one thing the student will do after a conversation, kept with their notes;
 * how the thank-you went (through the platform, or elsewhere: email, card, letter) and, when sent through the
 * platform, the words the alum received.
 */
export class ThankYouComposer1795305604300 implements MigrationInterface {
  name = "ThankYouComposer1795305604300";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE conversation_notes ADD COLUMN next_step text NOT NULL DEFAULT '' CHECK (char_length(next_step) <= 2000)`,
      `ALTER TABLE follow_ups ADD COLUMN thank_you_channel text CHECK (thank_you_channel IN ('PLATFORM', 'EMAIL', 'CARD', 'LETTER', 'OTHER'))`,
      `ALTER TABLE follow_ups ADD COLUMN thank_you_text text CHECK (char_length(thank_you_text) <= 4000)`,
      `ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_thank_you_text_platform CHECK (thank_you_text IS NULL OR thank_you_channel = 'PLATFORM')`,
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE follow_ups DROP CONSTRAINT IF EXISTS follow_ups_thank_you_text_platform`);
    await db.query(`ALTER TABLE follow_ups DROP COLUMN IF EXISTS thank_you_text`);
    await db.query(`ALTER TABLE follow_ups DROP COLUMN IF EXISTS thank_you_channel`);
    await db.query(`ALTER TABLE conversation_notes DROP COLUMN IF EXISTS next_step`);
  }
}
