import type { MigrationInterface, QueryRunner } from 'typeorm';

/** R-INT-2: each letter is stored with its print copy, a PDF laid out from the same HTML. */
export class LetterPdfs1763856400000 implements MigrationInterface {
  name = 'LetterPdfs1763856400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE correspondence ADD COLUMN pdf bytea`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE correspondence DROP COLUMN pdf`);
  }
}
