import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectionOrder1763857000000 implements MigrationInterface {
  name = 'ProjectionOrder1763857000000';

  async up(db: QueryRunner): Promise<void> {
    // The workflow time of the event whose stage and deadlines the row shows: an older event finishing late
    // (a command's record racing the main flow's) must not put the worklist back in time.
    await db.query(`ALTER TABLE complaint ADD COLUMN projected_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE complaint DROP COLUMN projected_at`);
  }
}
