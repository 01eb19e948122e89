import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ContactRestrictions1763856900000 implements MigrationInterface {
  name = 'ContactRestrictions1763856900000';

  async up(db: QueryRunner): Promise<void> {
    // R-PERS-1: limits on a person's contact, decided on a complaint, approved, reviewed; never a bar to a new one.
    await db.query(`
      CREATE TABLE contact_restriction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_reference varchar(32) NOT NULL REFERENCES complaint (reference) ON DELETE CASCADE,
        organisation_code varchar(8) NOT NULL,
        person_email varchar(320),
        behaviours text[] NOT NULL,
        limits text[] NOT NULL,
        decided_with text[] NOT NULL,
        note text,
        review_on date NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('proposed', 'approved', 'lifted')),
        proposed_by varchar(64) NOT NULL,
        approved_by varchar(64),
        approved_at timestamptz,
        lifted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX contact_restriction_person ON contact_restriction (organisation_code, lower(person_email))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE contact_restriction`);
  }
}
