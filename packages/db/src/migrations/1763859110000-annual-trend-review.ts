import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An annual trend review (CWTH, R-MON-3; ADR 0029) is recorded as a quarter's is, under the financial year's name. */
export class AnnualTrendReview1763859110000 implements MigrationInterface {
  name = 'AnnualTrendReview1763859110000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE quarterly_review DROP CONSTRAINT quarterly_review_quarter_check`);
    await db.query(`
      ALTER TABLE quarterly_review ADD CONSTRAINT quarterly_review_quarter_check
        CHECK (quarter ~ '^[0-9]{4}-[0-9]{2}(-Q[1-4])?$')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM quarterly_review WHERE quarter !~ '-Q[1-4]$'`);
    await db.query(`ALTER TABLE quarterly_review DROP CONSTRAINT quarterly_review_quarter_check`);
    await db.query(`
      ALTER TABLE quarterly_review ADD CONSTRAINT quarterly_review_quarter_check
        CHECK (quarter ~ '^[0-9]{4}-[0-9]{2}-Q[1-4]$')`);
  }
}
