import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-JOINT-6 from the lead's side: a partner the lead went ahead without, for a partial response, so the letter
 * can say that organisation's part will follow from it, with its apology.
 */
export class JointPartialResponse1763858900000 implements MigrationInterface {
  name = 'JointPartialResponse1763858900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE joint_case_partner ADD COLUMN left_out_of_response_at timestamptz`);
    await db.query(`
      ALTER TABLE joint_case_partner ADD CONSTRAINT joint_case_partner_left_out_only_partners
        CHECK (left_out_of_response_at IS NULL OR role = 'partner')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE joint_case_partner DROP CONSTRAINT joint_case_partner_left_out_only_partners`,
    );
    await db.query(`ALTER TABLE joint_case_partner DROP COLUMN left_out_of_response_at`);
  }
}
