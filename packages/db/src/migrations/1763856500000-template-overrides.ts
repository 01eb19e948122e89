import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TemplateOverrides1763856500000 implements MigrationInterface {
  name = 'TemplateOverrides1763856500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE template_override (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_code varchar(8) NOT NULL REFERENCES organisation (code) ON DELETE CASCADE,
        name varchar(64) NOT NULL,
        variant varchar(16) NOT NULL DEFAULT 'standard',
        body text,
        version int NOT NULL CHECK (version > 0),
        created_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_code, name, variant, version)
      )`);
    // Sent items name an override's version: a saved version is never changed in place.
    await db.query(`
      CREATE FUNCTION template_override_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a saved template override is never changed; save a new version';
      END $$`);
    await db.query(`
      CREATE TRIGGER template_override_immutable BEFORE UPDATE ON template_override
        FOR EACH ROW EXECUTE FUNCTION template_override_immutable()`);
    // What each item was rendered from: the variant (easy read), and whether the template was the standard one
    // (template_version: the catalogue's) or the organisation's (template_version: its override's), plus any
    // overridden partials it used.
    await db.query(`
      ALTER TABLE correspondence
        ADD COLUMN variant varchar(16) NOT NULL DEFAULT 'standard',
        ADD COLUMN template_source varchar(16) NOT NULL DEFAULT 'standard'
          CHECK (template_source IN ('standard', 'organisation')),
        ADD COLUMN partial_overrides jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE correspondence DROP COLUMN partial_overrides, DROP COLUMN template_source, DROP COLUMN variant`,
    );
    await db.query(`DROP TABLE template_override`);
    await db.query(`DROP FUNCTION template_override_immutable`);
  }
}
