import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FinalResponsesAndOversight1763856300000 implements MigrationInterface {
  name = 'FinalResponsesAndOversight1763856300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE complaint ADD COLUMN under_oversight boolean NOT NULL DEFAULT false`);
    await db.query(`
      CREATE TABLE final_response_draft (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_reference varchar(32) NOT NULL REFERENCES complaint (reference) ON DELETE CASCADE,
        version int NOT NULL CHECK (version > 0),
        content jsonb NOT NULL,
        cover_letter text,
        created_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (complaint_reference, version)
      )`);
    // A saved version is evidence of what was approved and sent: it is never changed in place.
    await db.query(`
      CREATE FUNCTION final_response_draft_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a saved final-response version is never changed; save a new version';
      END $$`);
    await db.query(`
      CREATE TRIGGER final_response_draft_immutable BEFORE UPDATE ON final_response_draft
        FOR EACH ROW EXECUTE FUNCTION final_response_draft_immutable()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE final_response_draft`);
    await db.query(`DROP FUNCTION final_response_draft_immutable`);
    await db.query(`ALTER TABLE complaint DROP COLUMN under_oversight`);
  }
}
