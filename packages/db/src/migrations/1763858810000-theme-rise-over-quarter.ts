import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-MON-3 (issue #15 part 6): a theme rule of a second kind, a rise over the quarter: a subject and service area
 * with at least `threshold` complaints in the financial quarter so far and more than `rise_percent` per cent above
 * its count in the whole quarter before. Such a rule has no day window.
 */
export class ThemeRiseOverQuarter1763858810000 implements MigrationInterface {
  name = 'ThemeRiseOverQuarter1763858810000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE theme_rule
        ADD COLUMN kind varchar(24) NOT NULL DEFAULT 'within-days' CHECK (kind IN ('within-days', 'rise-over-quarter')),
        ADD COLUMN rise_percent int CHECK (rise_percent BETWEEN 1 AND 1000),
        ALTER COLUMN within_days DROP NOT NULL,
        ADD CONSTRAINT theme_rule_window_of_its_kind CHECK ((kind = 'within-days') = (within_days IS NOT NULL)),
        ADD CONSTRAINT theme_rule_rise_of_its_kind CHECK ((kind = 'rise-over-quarter') = (rise_percent IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DELETE FROM theme_alert WHERE rule_id IN (SELECT id FROM theme_rule WHERE kind <> 'within-days')`,
    );
    await db.query(`DELETE FROM theme_rule WHERE kind <> 'within-days'`);
    await db.query(`
      ALTER TABLE theme_rule
        DROP CONSTRAINT theme_rule_rise_of_its_kind,
        DROP CONSTRAINT theme_rule_window_of_its_kind,
        ALTER COLUMN within_days SET NOT NULL,
        DROP COLUMN rise_percent,
        DROP COLUMN kind`);
  }
}
