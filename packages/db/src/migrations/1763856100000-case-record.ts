import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseRecord1763856100000 implements MigrationInterface {
  name = 'CaseRecord1763856100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE complaint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference varchar(32) NOT NULL UNIQUE,
        organisation_code varchar(8) NOT NULL REFERENCES organisation(code),
        kind varchar(32) NOT NULL,
        anonymous boolean NOT NULL DEFAULT false,
        channel varchar(32) NOT NULL,
        received_on date NOT NULL,
        incident_on date,
        became_aware_on date,
        profile_id varchar(32) NOT NULL,
        profile_version int NOT NULL,
        reply_channels text[] NOT NULL DEFAULT '{}',
        accessibility_needs text[] NOT NULL DEFAULT '{}',
        adjustments_note text,
        preferred_language varchar(35),
        outcome_sought text,
        stage varchar(48) NOT NULL,
        handler_id varchar(64) REFERENCES staff_user(id),
        deadlines jsonb NOT NULL DEFAULT '{}',
        next_deadline date,
        breached boolean NOT NULL DEFAULT false,
        acknowledged_at timestamptz,
        closed_at timestamptz,
        workflow_started_at timestamptz,
        idempotency_key varchar(200),
        request_hash varchar(64),
        created_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX complaint_idempotency ON complaint (organisation_code, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await db.query(`CREATE INDEX complaint_worklist ON complaint (organisation_code, stage, next_deadline)`);
    await db.query(
      `CREATE INDEX complaint_outbox ON complaint (created_at) WHERE workflow_started_at IS NULL`,
    );

    await db.query(`
      CREATE TABLE complaint_party (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
        role varchar(32) NOT NULL,
        name text NOT NULL,
        date_of_birth date,
        address jsonb,
        email text,
        phone text,
        relationship varchar(32),
        consent_status varchar(16),
        consent_not_needed_reason varchar(32)
      )`);
    await db.query(`CREATE INDEX complaint_party_complaint ON complaint_party (complaint_id)`);

    await db.query(`
      CREATE TABLE complaint_issue (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
        position int NOT NULL,
        description text NOT NULL
      )`);
    await db.query(`CREATE INDEX complaint_issue_complaint ON complaint_issue (complaint_id)`);

    await db.query(`
      CREATE TABLE case_event (
        id bigserial PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint(id),
        occurred_at timestamptz NOT NULL,
        actor_type varchar(16) NOT NULL,
        actor_id varchar(64) NOT NULL,
        type varchar(64) NOT NULL,
        rule varchar(32),
        data jsonb NOT NULL DEFAULT '{}',
        dedupe_key varchar(200) UNIQUE
      )`);
    await db.query(`CREATE INDEX case_event_timeline ON case_event (complaint_id, occurred_at)`);
    await db.query(`
      CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the case timeline is append-only';
      END $$`);
    await db.query(
      `CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event FOR EACH ROW EXECUTE FUNCTION case_event_append_only()`,
    );

    await db.query(`
      CREATE TABLE complaint_reference_sequence (
        organisation_code varchar(8) NOT NULL REFERENCES organisation(code),
        year int NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (organisation_code, year)
      )`);

    await db.query(`
      CREATE TABLE correspondence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key varchar(200) NOT NULL UNIQUE,
        complaint_reference varchar(32) NOT NULL,
        template varchar(64) NOT NULL,
        template_version int NOT NULL,
        channel varchar(16) NOT NULL,
        audience varchar(32) NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        status varchar(16) NOT NULL,
        message_id varchar(200) NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX correspondence_complaint ON correspondence (complaint_reference, created_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'correspondence',
      'complaint_reference_sequence',
      'case_event',
      'complaint_issue',
      'complaint_party',
      'complaint',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query('DROP FUNCTION case_event_append_only');
  }
}
