import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffIdentity1763857400000 implements MigrationInterface {
  name = 'StaffIdentity1763857400000';

  async up(db: QueryRunner): Promise<void> {
    // A token is only as good as its staff_user row (ADR 0010): a disabled row refuses sign-in, and the
    // identity provider's subject links a production token to the row.
    await db.query(`ALTER TABLE staff_user ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await db.query(`ALTER TABLE staff_user ADD COLUMN identity_subject text UNIQUE`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE staff_user DROP COLUMN identity_subject`);
    await db.query(`ALTER TABLE staff_user DROP COLUMN active`);
  }
}
