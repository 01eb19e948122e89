import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #12 points 6 and 9 (ADR 0034). R-RESP-2: the Responsible Person's delegations (to whom, for what, from
 * and until, recorded by whom, ended early by whom), so a final response is signed by them or by a recorded
 * delegate, and its letter names who signed. Staff carry their job title and organisations their own titles
 * for the procedure's roles. R-PERS-1: a decision records who took it in which role, and the title in which it
 * was approved.
 */
export class SignOffDelegationsAndTitles1763859500000 implements MigrationInterface {
  name = 'SignOffDelegationsAndTitles1763859500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE staff_user ADD COLUMN job_title text`);
    await db.query(`ALTER TABLE organisation ADD COLUMN role_titles jsonb NOT NULL DEFAULT '{}'`);
    await db.query(`
      CREATE TABLE sign_off_delegation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_code varchar(8) NOT NULL REFERENCES organisation (code),
        delegated_by varchar(64) NOT NULL REFERENCES staff_user (id),
        delegate_id varchar(64) NOT NULL REFERENCES staff_user (id),
        function varchar(32) NOT NULL CHECK (function IN ('final-response-sign-off')),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        recorded_by varchar(64) NOT NULL REFERENCES staff_user (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        ended_by varchar(64) REFERENCES staff_user (id),
        CHECK (ends_on >= starts_on),
        CHECK (delegate_id <> delegated_by),
        CHECK ((ended_at IS NULL) = (ended_by IS NULL))
      )`);
    await db.query(
      `CREATE INDEX sign_off_delegation_by_delegate ON sign_off_delegation (organisation_code, delegate_id)`,
    );
    await db.query(`ALTER TABLE contact_restriction ADD COLUMN decided_by jsonb NOT NULL DEFAULT '[]'`);
    await db.query(`ALTER TABLE contact_restriction ADD COLUMN approved_as text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contact_restriction DROP COLUMN approved_as`);
    await db.query(`ALTER TABLE contact_restriction DROP COLUMN decided_by`);
    await db.query(`DROP TABLE sign_off_delegation`);
    await db.query(`ALTER TABLE organisation DROP COLUMN role_titles`);
    await db.query(`ALTER TABLE staff_user DROP COLUMN job_title`);
  }
}
