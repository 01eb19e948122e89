import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TemplateOverrideSubject1763857300000 implements MigrationInterface {
  name = 'TemplateOverrideSubject1763857300000';

  async up(db: QueryRunner): Promise<void> {
    // An organisation's own subject line, as it has its own body: null keeps the standard one. A version with
    // neither reverts to the standard template, as before.
    await db.query(`ALTER TABLE template_override ADD COLUMN subject text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE template_override DROP COLUMN subject`);
  }
}
