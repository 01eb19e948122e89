import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15 part 4 (ADR 0031): referrals to the Ombudsman (PHSO, LGSCO, CQC) and their decisions, whose
 * recommendations join the action plan as `ombudsman` actions; and the regulation-18 annual report, one row per
 * version of its narrative, with the two approvals and the publication on the version they were given to.
 * A referral holds no personal data (body, dates, decision, the body's reference): it stays with the complaint's
 * stub after disposal, as the outcome does, so a published year's figures can still be read.
 */
export class OmbudsmanReferralsAndAnnualReport1763859200000 implements MigrationInterface {
  name = 'OmbudsmanReferralsAndAnnualReport1763859200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ombudsman_referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_reference varchar(32) NOT NULL REFERENCES complaint (reference),
        body varchar(8) NOT NULL CHECK (body IN ('phso', 'lgsco', 'cqc')),
        referred_on date NOT NULL,
        body_reference varchar(64),
        recorded_by varchar(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        decision varchar(24) CHECK (decision IN ('not-investigated', 'upheld', 'partially-upheld', 'not-upheld')),
        decided_on date,
        decision_recorded_by varchar(64),
        decision_recorded_at timestamptz,
        CHECK ((decision IS NULL) = (decided_on IS NULL)),
        CHECK ((decision IS NULL) = (decision_recorded_by IS NULL AND decision_recorded_at IS NULL)),
        CHECK (decided_on IS NULL OR decided_on >= referred_on)
      )`);
    await db.query(
      `CREATE INDEX ombudsman_referral_by_complaint ON ombudsman_referral (complaint_reference)`,
    );
    await db.query(`CREATE INDEX ombudsman_referral_by_date ON ombudsman_referral (referred_on)`);
    await db.query(`ALTER TABLE case_action DROP CONSTRAINT case_action_source_check`);
    await db.query(`
      ALTER TABLE case_action ADD CONSTRAINT case_action_source_check
        CHECK (source IN ('promised', 'learning', 'ombudsman'))`);
    await db.query(
      `ALTER TABLE case_action ADD COLUMN ombudsman_referral_id uuid REFERENCES ombudsman_referral (id)`,
    );
    await db.query(`
      ALTER TABLE case_action ADD CONSTRAINT case_action_ombudsman_referral
        CHECK ((source = 'ombudsman') = (ombudsman_referral_id IS NOT NULL))`);
    await db.query(`
      CREATE TABLE annual_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_code varchar(8) NOT NULL REFERENCES organisation (code),
        year varchar(7) NOT NULL CHECK (year ~ '^[0-9]{4}-[0-9]{2}$'),
        version int NOT NULL CHECK (version >= 1),
        sections jsonb NOT NULL,
        drafted boolean NOT NULL DEFAULT false,
        edited_by varchar(64) NOT NULL,
        edited_at timestamptz NOT NULL DEFAULT now(),
        manager_approved_by varchar(64),
        manager_approved_at timestamptz,
        responsible_person_approved_by varchar(64),
        responsible_person_approved_at timestamptz,
        published_by varchar(64),
        published_at timestamptz,
        published_figures jsonb,
        UNIQUE (organisation_code, year, version),
        CHECK ((manager_approved_by IS NULL) = (manager_approved_at IS NULL)),
        CHECK ((responsible_person_approved_by IS NULL) = (responsible_person_approved_at IS NULL)),
        CHECK (responsible_person_approved_by IS NULL OR manager_approved_by IS NOT NULL),
        CHECK (responsible_person_approved_by IS DISTINCT FROM manager_approved_by OR manager_approved_by IS NULL),
        CHECK ((published_at IS NULL) = (published_by IS NULL AND published_figures IS NULL)),
        CHECK (published_at IS NULL OR responsible_person_approved_by IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX annual_report_published_once ON annual_report (organisation_code, year)
      WHERE published_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE annual_report`);
    await db.query(`DELETE FROM case_action WHERE source = 'ombudsman'`);
    await db.query(`ALTER TABLE case_action DROP CONSTRAINT case_action_ombudsman_referral`);
    await db.query(`ALTER TABLE case_action DROP COLUMN ombudsman_referral_id`);
    await db.query(`ALTER TABLE case_action DROP CONSTRAINT case_action_source_check`);
    await db.query(`
      ALTER TABLE case_action ADD CONSTRAINT case_action_source_check CHECK (source IN ('promised', 'learning'))`);
    await db.query(`DROP TABLE ombudsman_referral`);
  }
}
