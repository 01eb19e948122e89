import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Monitoring1763856700000 implements MigrationInterface {
  name = 'Monitoring1763856700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE complaint_issue
        ADD COLUMN subject_area varchar(64),
        ADD COLUMN service_area varchar(64),
        ADD COLUMN staff_group varchar(64)`);
    await db.query(`
      ALTER TABLE complaint
        ADD COLUMN complexity varchar(32),
        ADD COLUMN outcome varchar(32),
        ADD COLUMN met_agreed_timescale boolean`);
    // R-MON-1: equality answers are kept apart from the case record and read only in aggregate.
    await db.query(`
      CREATE TABLE equality_monitoring (
        complaint_reference varchar(32) PRIMARY KEY REFERENCES complaint (reference) ON DELETE CASCADE,
        answers jsonb NOT NULL,
        recorded_by varchar(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE equality_monitoring`);
    await db.query(
      `ALTER TABLE complaint DROP COLUMN complexity, DROP COLUMN outcome, DROP COLUMN met_agreed_timescale`,
    );
    await db.query(
      `ALTER TABLE complaint_issue DROP COLUMN subject_area, DROP COLUMN service_area, DROP COLUMN staff_group`,
    );
  }
}
