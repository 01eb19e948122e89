import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0029. KO41a section 6 breaks the clinical-treatment subject down by clinical area, so an issue coded
 * clinical treatment may say which. "You said, we did" (R-MON-4) publishes a done action's words only in a
 * wording a complaints manager approved, kept with the action (and erased with it on disposal).
 */
export class Ko41aAndPublication1763859100000 implements MigrationInterface {
  name = 'Ko41aAndPublication1763859100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE complaint_issue ADD COLUMN clinical_specialty varchar(64)`);
    await db.query(`
      ALTER TABLE complaint_issue ADD CONSTRAINT complaint_issue_clinical_specialty_only_clinical
        CHECK (clinical_specialty IS NULL OR subject_area = 'clinical-treatment')`);
    await db.query(`
      ALTER TABLE case_action
        ADD COLUMN public_wording text,
        ADD COLUMN public_wording_approved_by varchar(64),
        ADD COLUMN public_wording_approved_at timestamptz`);
    await db.query(`
      ALTER TABLE case_action ADD CONSTRAINT case_action_public_wording_approved
        CHECK ((public_wording IS NULL) = (public_wording_approved_by IS NULL)
           AND (public_wording IS NULL) = (public_wording_approved_at IS NULL)
           AND (public_wording IS NULL OR status = 'done'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE case_action DROP CONSTRAINT case_action_public_wording_approved`);
    await db.query(`
      ALTER TABLE case_action
        DROP COLUMN public_wording, DROP COLUMN public_wording_approved_by, DROP COLUMN public_wording_approved_at`);
    await db.query(
      `ALTER TABLE complaint_issue DROP CONSTRAINT complaint_issue_clinical_specialty_only_clinical`,
    );
    await db.query(`ALTER TABLE complaint_issue DROP COLUMN clinical_specialty`);
  }
}
