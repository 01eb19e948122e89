import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InvestigationPlans1763856600000 implements MigrationInterface {
  name = 'InvestigationPlans1763856600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE investigation_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_reference varchar(32) NOT NULL REFERENCES complaint (reference) ON DELETE CASCADE,
        version int NOT NULL CHECK (version > 0),
        content jsonb NOT NULL,
        created_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (complaint_reference, version)
      )`);
    // The plan sent to the person is evidence of what was agreed: a change is a new version.
    await db.query(`
      CREATE FUNCTION investigation_plan_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a saved plan version is never changed; save a new version';
      END $$`);
    await db.query(`
      CREATE TRIGGER investigation_plan_immutable BEFORE UPDATE ON investigation_plan
        FOR EACH ROW EXECUTE FUNCTION investigation_plan_immutable()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE investigation_plan`);
    await db.query(`DROP FUNCTION investigation_plan_immutable`);
  }
}
