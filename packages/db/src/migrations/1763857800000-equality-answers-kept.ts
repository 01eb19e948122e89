import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Equality answers replaced by new ones were lost. The database keeps each replaced version, so no code path
 * can forget to; the function runs as the schema's owner, and no service role may write the table itself.
 */
export class EqualityAnswersKept1763857800000 implements MigrationInterface {
  name = 'EqualityAnswersKept1763857800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE equality_monitoring_revision (
        id bigserial PRIMARY KEY,
        complaint_reference varchar(32) NOT NULL REFERENCES complaint (reference) ON DELETE CASCADE,
        answers jsonb NOT NULL,
        recorded_by varchar(64) NOT NULL,
        recorded_at timestamptz NOT NULL,
        replaced_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE FUNCTION equality_monitoring_keep_replaced() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        INSERT INTO equality_monitoring_revision (complaint_reference, answers, recorded_by, recorded_at)
        VALUES (OLD.complaint_reference, OLD.answers, OLD.recorded_by, OLD.recorded_at);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER equality_monitoring_keep_replaced BEFORE UPDATE ON equality_monitoring
      FOR EACH ROW EXECUTE FUNCTION equality_monitoring_keep_replaced()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER equality_monitoring_keep_replaced ON equality_monitoring`);
    await db.query(`DROP FUNCTION equality_monitoring_keep_replaced`);
    await db.query(`DROP TABLE equality_monitoring_revision`);
  }
}
