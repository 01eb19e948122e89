import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationsAndStaff1763856000000 implements MigrationInterface {
  name = 'OrganisationsAndStaff1763856000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organisation (
        code varchar(8) PRIMARY KEY,
        name text NOT NULL,
        profile_id varchar(32) NOT NULL,
        profile_version int NOT NULL,
        nation varchar(32) NOT NULL DEFAULT 'england-and-wales',
        closure_days jsonb NOT NULL DEFAULT '[]',
        letterhead jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE staff_user (
        id varchar(64) PRIMARY KEY,
        organisation_code varchar(8) NOT NULL REFERENCES organisation(code),
        display_name text NOT NULL,
        email text NOT NULL UNIQUE,
        roles text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE staff_user');
    await db.query('DROP TABLE organisation');
  }
}
