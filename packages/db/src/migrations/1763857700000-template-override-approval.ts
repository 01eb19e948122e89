import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TemplateOverrideApproval1763857700000 implements MigrationInterface {
  name = 'TemplateOverrideApproval1763857700000';

  async up(db: QueryRunner): Promise<void> {
    // Issue #14 (ADR 0014): an override is used only once a second complaints manager or senior manager has
    // approved it. Overrides saved before this had no second look, so none is approved here: letters use the
    // standard template until one is.
    await db.query(`
      CREATE TABLE template_override_decision (
        override_id uuid PRIMARY KEY REFERENCES template_override (id) ON DELETE CASCADE,
        decision varchar(16) NOT NULL CHECK (decision IN ('approved', 'rejected')),
        decided_by varchar(64) NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The two-person rule, kept by the database too: never the author, and never a revert (which needs none).
    await db.query(`
      CREATE FUNCTION template_override_decision_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        proposal template_override%ROWTYPE;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          RAISE EXCEPTION 'a decision on a template override is never changed';
        END IF;
        SELECT * INTO proposal FROM template_override WHERE id = NEW.override_id;
        IF proposal.created_by = NEW.decided_by THEN
          RAISE EXCEPTION 'the author of a template override cannot decide on it';
        END IF;
        IF proposal.body IS NULL AND proposal.subject IS NULL THEN
          RAISE EXCEPTION 'a revert to the standard template is not decided on';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER template_override_decision_check BEFORE INSERT OR UPDATE ON template_override_decision
        FOR EACH ROW EXECUTE FUNCTION template_override_decision_check()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE template_override_decision`);
    await db.query(`DROP FUNCTION template_override_decision_check`);
  }
}
