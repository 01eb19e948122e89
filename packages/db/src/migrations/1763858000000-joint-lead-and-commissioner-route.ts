import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lead's side of a joint case (ADR 0018): an organisation merely copied in records its copy against the
 * joint case (R-JOINT-2), and a complaint forwarded by a commissioner records who forwarded it, with the
 * person's consent, and when the commissioner received it (R-JOINT-8); `received_on` stays the day this
 * organisation received it, from which its clocks run.
 */
export class JointLeadAndCommissionerRoute1763858000000 implements MigrationInterface {
  name = 'JointLeadAndCommissionerRoute1763858000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE joint_case_partner ADD COLUMN copy_received_on date`);
    await db.query(`ALTER TABLE joint_case_partner ADD COLUMN copy_recorded_by varchar(64)`);
    await db.query(`
      ALTER TABLE joint_case_partner ADD CONSTRAINT joint_case_partner_copy_only_when_copied
        CHECK (copy_received_on IS NULL OR role = 'copied')`);
    await db.query(
      `ALTER TABLE complaint ADD COLUMN forwarded_by_code varchar(8) REFERENCES partner_organisation (code)`,
    );
    await db.query(`ALTER TABLE complaint ADD COLUMN commissioner_received_on date`);
    await db.query(`
      ALTER TABLE complaint ADD CONSTRAINT complaint_forwarded_by_commissioner
        CHECK ((forwarded_by_code IS NULL) = (commissioner_received_on IS NULL)
          AND (commissioner_received_on IS NULL OR commissioner_received_on <= received_on))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE complaint DROP CONSTRAINT complaint_forwarded_by_commissioner`);
    await db.query(`ALTER TABLE complaint DROP COLUMN commissioner_received_on`);
    await db.query(`ALTER TABLE complaint DROP COLUMN forwarded_by_code`);
    await db.query(`ALTER TABLE joint_case_partner DROP CONSTRAINT joint_case_partner_copy_only_when_copied`);
    await db.query(`ALTER TABLE joint_case_partner DROP COLUMN copy_recorded_by`);
    await db.query(`ALTER TABLE joint_case_partner DROP COLUMN copy_received_on`);
  }
}
