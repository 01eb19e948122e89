import type { MigrationInterface, QueryRunner } from 'typeorm';

/** R-MON-3: each quarter's review by a senior manager is kept, once, and never changed. */
export class QuarterlyReviews1763858500000 implements MigrationInterface {
  name = 'QuarterlyReviews1763858500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE quarterly_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_code varchar(8) NOT NULL REFERENCES organisation (code),
        quarter varchar(10) NOT NULL CHECK (quarter ~ '^[0-9]{4}-[0-9]{2}-Q[1-4]$'),
        reviewed_by varchar(64) NOT NULL REFERENCES staff_user (id),
        reviewed_at timestamptz NOT NULL DEFAULT now(),
        decisions text NOT NULL,
        actions jsonb NOT NULL DEFAULT '[]',
        UNIQUE (organisation_code, quarter)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE quarterly_review`);
  }
}
