import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The experience survey after closure (issue #18, ADR 0023). Its answers are kept apart from the case file:
 * no complaint, reference, link, person or time of answering, only the organisation, the profile, who answered
 * (complainant or staff) and the financial quarter of the closure. The invitations are the idempotency record of
 * the emails that carry the links, and go with the access link (so with the case file, ADR 0013).
 */
export class ExperienceSurvey1763858700000 implements MigrationInterface {
  name = 'ExperienceSurvey1763858700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE experience_survey_answer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_code varchar(8) NOT NULL REFERENCES organisation (code),
        profile_id varchar(32) NOT NULL,
        respondent varchar(16) NOT NULL CHECK (respondent IN ('complainant', 'staff')),
        closure_quarter varchar(12) NOT NULL CHECK (closure_quarter ~ '^\\d{4}-\\d{2}-Q[1-4]$'),
        closure_quarter_from date NOT NULL,
        answers jsonb NOT NULL,
        comment text CHECK (char_length(comment) <= 2000)
      )`);
    await db.query(`
      CREATE INDEX experience_survey_answer_period ON experience_survey_answer (organisation_code, closure_quarter_from)`);
    await db.query(`
      CREATE TABLE experience_survey_invitation (
        idempotency_key varchar(200) PRIMARY KEY,
        access_link_id uuid NOT NULL REFERENCES access_link (id) ON DELETE CASCADE,
        respondent varchar(16) NOT NULL CHECK (respondent IN ('complainant', 'staff')),
        status varchar(16) NOT NULL CHECK (status IN ('sending', 'sent', 'refused')),
        message_id varchar(300) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE experience_survey_invitation`);
    await db.query(`DROP TABLE experience_survey_answer`);
  }
}
