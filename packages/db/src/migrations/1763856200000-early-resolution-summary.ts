import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EarlyResolutionSummary1763856200000 implements MigrationInterface {
  name = 'EarlyResolutionSummary1763856200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE complaint ADD COLUMN early_resolution_summary text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE complaint DROP COLUMN early_resolution_summary`);
  }
}
