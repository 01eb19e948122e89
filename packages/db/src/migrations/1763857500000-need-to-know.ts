import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-INT-8 need-to-know (docs/adr/0011-need-to-know.md): who is on each complaint's case team (and who is
 * named as involved, and so kept out), break-glass grants, and the append-only access log.
 */
export class NeedToKnow1763857500000 implements MigrationInterface {
  name = 'NeedToKnow1763857500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_team_member (
        id bigserial PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        staff_id varchar(64) NOT NULL,
        role varchar(32) NOT NULL,
        named_in varchar(80) NOT NULL,
        named_by varchar(64) NOT NULL,
        named_at timestamptz NOT NULL DEFAULT now(),
        ended_in varchar(80),
        ended_at timestamptz
      )`);
    await db.query(
      `CREATE UNIQUE INDEX case_team_member_active ON case_team_member (complaint_id, staff_id, role) WHERE ended_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX case_team_member_staff ON case_team_member (staff_id) WHERE ended_at IS NULL`,
    );
    // Complaints allocated before this migration keep their handler on the team.
    await db.query(`
      INSERT INTO case_team_member (complaint_id, staff_id, role, named_in, named_by)
      SELECT id, handler_id, 'handler', 'allocation', 'migration' FROM complaint WHERE handler_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE access_grant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
        staff_id varchar(64) NOT NULL,
        reason text NOT NULL,
        granted_by varchar(64) NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_by varchar(64),
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX access_grant_staff ON access_grant (complaint_id, staff_id)`);

    await db.query(`
      CREATE TABLE access_log_entry (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        staff_id varchar(64) NOT NULL,
        organisation_code varchar(8) NOT NULL,
        complaint_reference varchar(32),
        action varchar(16) NOT NULL,
        resource varchar(200) NOT NULL,
        outcome varchar(16) NOT NULL,
        basis varchar(32),
        purpose text,
        "references" text[] NOT NULL DEFAULT '{}',
        request_id varchar(64)
      )`);
    await db.query(
      `CREATE INDEX access_log_entry_complaint ON access_log_entry (complaint_reference, occurred_at)`,
    );
    await db.query(`CREATE INDEX access_log_entry_request ON access_log_entry (request_id)`);
    await db.query(`
      CREATE FUNCTION access_log_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the access log is append-only';
      END $$`);
    await db.query(
      `CREATE TRIGGER access_log_entry_append_only BEFORE UPDATE OR DELETE ON access_log_entry FOR EACH ROW EXECUTE FUNCTION access_log_entry_append_only()`,
    );
    await db.query(
      `CREATE TRIGGER access_log_entry_no_truncate BEFORE TRUNCATE ON access_log_entry FOR EACH STATEMENT EXECUTE FUNCTION access_log_entry_append_only()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE access_log_entry');
    await db.query('DROP FUNCTION access_log_entry_append_only');
    await db.query('DROP TABLE access_grant');
    await db.query('DROP TABLE case_team_member');
  }
}
