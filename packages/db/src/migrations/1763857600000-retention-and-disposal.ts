import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention and disposal (ADR 0013): an organisation's retention periods, legal holds, and the case-file
 * disposal that is both the entry on the due list and, once carried out, the disposal certificate. The one
 * sanctioned way to erase a case file is `dispose_case_file()`; every protected table refuses the same rows
 * going any other way.
 */
export class RetentionAndDisposal1763857600000 implements MigrationInterface {
  name = 'RetentionAndDisposal1763857600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organisation ADD COLUMN retention_years jsonb NOT NULL DEFAULT '{}'`);
    await db.query(`ALTER TABLE complaint ADD COLUMN disposed_at timestamptz`);

    await db.query(`
      CREATE TABLE legal_hold (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_reference varchar(32) NOT NULL REFERENCES complaint (reference),
        reason text NOT NULL,
        placed_by varchar(64) NOT NULL,
        placed_at timestamptz NOT NULL DEFAULT now(),
        lift_reason text,
        lifted_by varchar(64),
        lifted_at timestamptz,
        CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
      )`);
    await db.query(
      `CREATE UNIQUE INDEX legal_hold_active ON legal_hold (complaint_reference) WHERE lifted_at IS NULL`,
    );
    // A hold is kept as evidence: it may be lifted once, with a reason, and never changed or removed.
    await db.query(`
      CREATE FUNCTION legal_hold_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.lifted_at IS NOT NULL OR NEW.reason <> OLD.reason OR NEW.placed_by <> OLD.placed_by
           OR NEW.placed_at <> OLD.placed_at OR NEW.complaint_reference <> OLD.complaint_reference THEN
          RAISE EXCEPTION 'a legal hold is only ever lifted, once, with a reason';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER legal_hold_kept BEFORE UPDATE OR DELETE ON legal_hold FOR EACH ROW EXECUTE FUNCTION legal_hold_kept()`,
    );

    await db.query(`
      CREATE TABLE case_file_disposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_reference varchar(32) NOT NULL UNIQUE REFERENCES complaint (reference),
        organisation_code varchar(8) NOT NULL,
        record_class varchar(32) NOT NULL,
        rule text NOT NULL,
        retention_years int NOT NULL,
        closed_on date NOT NULL,
        due_on date NOT NULL,
        found_at timestamptz NOT NULL DEFAULT now(),
        found_by varchar(200) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'disposed')),
        approved_by varchar(64),
        disposed_at timestamptz,
        erased jsonb,
        CHECK ((status = 'disposed') = (approved_by IS NOT NULL AND disposed_at IS NOT NULL AND erased IS NOT NULL))
      )`);
    await db.query(
      `CREATE INDEX case_file_disposal_due ON case_file_disposal (organisation_code, status, due_on)`,
    );
    // The certificate is evidence: never removed; changed only from due to disposed, by the disposal itself.
    await db.query(`
      CREATE FUNCTION case_file_disposal_certificate_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NOT in_sanctioned_disposal(OLD.complaint_reference) THEN
          RAISE EXCEPTION 'a disposal certificate is never changed or removed';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER case_file_disposal_certificate_kept BEFORE UPDATE OR DELETE ON case_file_disposal FOR EACH ROW EXECUTE FUNCTION case_file_disposal_certificate_kept()`,
    );

    // True only while dispose_case_file() is running for this complaint: it is on the call stack, it set the
    // transaction-local marker to this complaint, and the complaint's disposal is due. Anything else (an
    // ordinary DELETE, with or without the marker set by hand) is refused.
    await db.query(`
      CREATE FUNCTION in_sanctioned_disposal(p_reference varchar) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
      DECLARE
        v_stack text;
      BEGIN
        GET DIAGNOSTICS v_stack = PG_CONTEXT;
        RETURN position('function dispose_case_file(' IN v_stack) > 0
           AND current_setting('complaints.case_file_disposal', true) = p_reference
           AND EXISTS (SELECT 1 FROM case_file_disposal d WHERE d.complaint_reference = p_reference AND d.status = 'due');
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND in_sanctioned_disposal((SELECT reference FROM complaint WHERE id = OLD.complaint_id)) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'the case timeline is append-only';
      END $$`);
    // Versions of the words (final responses) are kept until the case file is disposed of.
    await db.query(`
      CREATE FUNCTION kept_until_disposal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF in_sanctioned_disposal(OLD.complaint_reference) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is kept until its case file is disposed of', TG_TABLE_NAME;
      END $$`);
    await db.query(
      `CREATE TRIGGER final_response_draft_kept BEFORE DELETE ON final_response_draft FOR EACH ROW EXECUTE FUNCTION kept_until_disposal()`,
    );
    // What disposal leaves of a complaint is its anonymised statistical stub: never changed or removed.
    await db.query(`
      CREATE FUNCTION complaint_stub_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.disposed_at IS NOT NULL THEN
          RAISE EXCEPTION 'complaint % was disposed of: its statistical stub is kept as it is', OLD.reference;
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await db.query(
      `CREATE TRIGGER complaint_stub_kept BEFORE UPDATE OR DELETE ON complaint FOR EACH ROW EXECUTE FUNCTION complaint_stub_kept()`,
    );

    // The sanctioned disposal. SECURITY DEFINER so that, once each writer has its own role (ADR 0009), only
    // this function's owner needs the right to delete from the case file's tables.
    await db.query(`
      CREATE FUNCTION dispose_case_file(p_reference varchar, p_approved_by varchar) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_complaint complaint%ROWTYPE;
        v_erased jsonb;
        v_count int;
      BEGIN
        SELECT * INTO v_complaint FROM complaint WHERE reference = p_reference FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no complaint %', p_reference USING ERRCODE = 'P0002';
        END IF;
        IF v_complaint.disposed_at IS NOT NULL THEN
          RETURN (SELECT erased FROM case_file_disposal WHERE complaint_reference = p_reference);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM case_file_disposal WHERE complaint_reference = p_reference AND status = 'due') THEN
          RAISE EXCEPTION 'complaint % is not due for disposal', p_reference USING ERRCODE = 'P0003';
        END IF;
        IF EXISTS (SELECT 1 FROM legal_hold WHERE complaint_reference = p_reference AND lifted_at IS NULL) THEN
          RAISE EXCEPTION 'complaint % is under a legal hold', p_reference USING ERRCODE = 'P0004';
        END IF;
        PERFORM set_config('complaints.case_file_disposal', p_reference, true);

        v_erased := '{}';
        DELETE FROM complaint_party WHERE complaint_id = v_complaint.id;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('parties', v_count);
        UPDATE complaint_issue SET description = '' WHERE complaint_id = v_complaint.id;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('issueTexts', v_count);
        DELETE FROM case_event WHERE complaint_id = v_complaint.id;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('timelineEvents', v_count);
        DELETE FROM final_response_draft WHERE complaint_reference = p_reference;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('finalResponseVersions', v_count);
        DELETE FROM investigation_plan WHERE complaint_reference = p_reference;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('investigationPlanVersions', v_count);
        DELETE FROM equality_monitoring WHERE complaint_reference = p_reference;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('equalityMonitoring', v_count);
        -- Replaced answers (equality_monitoring_revision, migration 1763857800000): resolved when this runs.
        DELETE FROM equality_monitoring_revision WHERE complaint_reference = p_reference;
        DELETE FROM contact_restriction WHERE complaint_reference = p_reference;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('contactRestrictions', v_count);
        SELECT count(*) INTO v_count FROM correspondence WHERE complaint_reference = p_reference AND pdf IS NOT NULL;
        v_erased := v_erased || jsonb_build_object('letterPdfs', v_count);
        DELETE FROM correspondence WHERE complaint_reference = p_reference;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('correspondence', v_count);

        -- The stub: organisation, kind, channel, profile, stage, dates of receipt, acknowledgement and closure,
        -- deadlines, complexity, outcome and timeliness, and the issues' coding. Everything else goes.
        UPDATE complaint SET
          incident_on = NULL, became_aware_on = NULL, reply_channels = '{}', accessibility_needs = '{}',
          adjustments_note = NULL, preferred_language = NULL, outcome_sought = NULL, early_resolution_summary = NULL,
          handler_id = NULL, idempotency_key = NULL, request_hash = NULL, disposed_at = now()
        WHERE id = v_complaint.id;
        UPDATE case_file_disposal SET status = 'disposed', approved_by = p_approved_by, disposed_at = now(), erased = v_erased
        WHERE complaint_reference = p_reference;
        PERFORM set_config('complaints.case_file_disposal', '', true);
        RETURN v_erased;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION dispose_case_file`);
    await db.query(`DROP TRIGGER complaint_stub_kept ON complaint`);
    await db.query(`DROP FUNCTION complaint_stub_kept`);
    await db.query(`DROP TRIGGER final_response_draft_kept ON final_response_draft`);
    await db.query(`DROP FUNCTION kept_until_disposal`);
    await db.query(`
      CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the case timeline is append-only';
      END $$`);
    await db.query(`DROP FUNCTION in_sanctioned_disposal`);
    await db.query(`DROP TABLE case_file_disposal`);
    await db.query(`DROP FUNCTION case_file_disposal_certificate_kept`);
    await db.query(`DROP TABLE legal_hold`);
    await db.query(`DROP FUNCTION legal_hold_kept`);
    await db.query(`ALTER TABLE complaint DROP COLUMN disposed_at`);
    await db.query(`ALTER TABLE organisation DROP COLUMN retention_years`);
  }
}
