import type { MigrationInterface, QueryRunner } from 'typeorm';

/** R-MON-3: themes an organisation watches for, and the alerts they raise, once each while open. */
export class ThemeAlerts1763858600000 implements MigrationInterface {
  name = 'ThemeAlerts1763858600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE theme_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_code varchar(8) NOT NULL REFERENCES organisation (code),
        name text NOT NULL,
        subject_area varchar(64),
        service_area varchar(64),
        threshold int NOT NULL CHECK (threshold BETWEEN 2 AND 1000),
        within_days int NOT NULL CHECK (within_days BETWEEN 1 AND 366),
        created_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE theme_alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rule_id uuid NOT NULL REFERENCES theme_rule (id),
        organisation_code varchar(8) NOT NULL REFERENCES organisation (code),
        subject_area varchar(64) NOT NULL,
        service_area varchar(64) NOT NULL,
        window_from date NOT NULL,
        window_to date NOT NULL,
        complaint_references text[] NOT NULL,
        raised_by varchar(200) NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        closed_by varchar(64),
        closed_at timestamptz,
        closing_note text,
        actions jsonb NOT NULL DEFAULT '[]'
      )`);
    // Once per theme: a second alert for the same rule, subject and service waits until the first is closed.
    await db.query(`
      CREATE UNIQUE INDEX theme_alert_open_once ON theme_alert (rule_id, subject_area, service_area)
      WHERE closed_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE theme_alert`);
    await db.query(`DROP TABLE theme_rule`);
  }
}
