import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcomes and learning on every case (issue #15 part 1, ADR 0024): the learning points recorded on any complaint
 * or feedback, and each complaint's action plan (the actions promised in its final response and those its learning
 * led to), with owner, date, status and the evidence that an action is done. Both are case-file records: kept until
 * the case file is disposed of, so `dispose_case_file()` now erases them too.
 */
export class OutcomesLearningAndActionPlans1763858800000 implements MigrationInterface {
  name = 'OutcomesLearningAndActionPlans1763858800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE learning_point (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_reference varchar(32) NOT NULL REFERENCES complaint (reference),
        learning text NOT NULL,
        recorded_by varchar(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX learning_point_by_complaint ON learning_point (complaint_reference)`);
    await db.query(`
      CREATE TABLE case_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_reference varchar(32) NOT NULL REFERENCES complaint (reference),
        action_key varchar(64) NOT NULL,
        source varchar(16) NOT NULL CHECK (source IN ('promised', 'learning')),
        learning_point_id uuid REFERENCES learning_point (id),
        description text NOT NULL,
        owner_id varchar(64) NOT NULL,
        due date NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        evidence text,
        cancel_reason text,
        closed_by varchar(64),
        closed_on date,
        created_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (complaint_reference, action_key),
        CHECK ((status = 'done') = (evidence IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
        CHECK ((status = 'open') = (closed_by IS NULL AND closed_on IS NULL))
      )`);
    await db.query(`CREATE INDEX case_action_open_by_due ON case_action (due) WHERE status = 'open'`);
    for (const table of ['learning_point', 'case_action'])
      await db.query(
        `CREATE TRIGGER ${table}_kept BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION kept_until_disposal()`,
      );
    await db.query(`
      CREATE OR REPLACE FUNCTION dispose_case_file(p_reference varchar, p_approved_by varchar) RETURNS jsonb
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

        -- The joint case's records (ADR 0019): the partners' own tables, then the joint case and its links.
        SELECT count(*) INTO v_count FROM joint_contribution WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        v_erased := v_erased || jsonb_build_object('jointContributions', v_count);
        DELETE FROM joint_contribution WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_draft_decision WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_variation WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_coordination WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_conflict WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_disagreement WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_learning WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_notification WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_case_partner WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_case WHERE complaint_id = v_complaint.id;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('jointCases', v_count);
        DELETE FROM access_link WHERE complaint_id = v_complaint.id;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('accessLinks', v_count);

        -- The complaint's learning and action plan (migration 1763858800000): staff's words, which may name people.
        DELETE FROM case_action WHERE complaint_reference = p_reference;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('actions', v_count);
        DELETE FROM learning_point WHERE complaint_reference = p_reference;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('learningPoints', v_count);

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
    await db.query(`
      CREATE OR REPLACE FUNCTION dispose_case_file(p_reference varchar, p_approved_by varchar) RETURNS jsonb
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

        -- The joint case's records (ADR 0019): the partners' own tables, then the joint case and its links.
        SELECT count(*) INTO v_count FROM joint_contribution WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        v_erased := v_erased || jsonb_build_object('jointContributions', v_count);
        DELETE FROM joint_contribution WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_draft_decision WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_variation WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_coordination WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_conflict WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_disagreement WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_learning WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_notification WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_case_partner WHERE joint_case_id IN (SELECT id FROM joint_case WHERE complaint_id = v_complaint.id);
        DELETE FROM joint_case WHERE complaint_id = v_complaint.id;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('jointCases', v_count);
        DELETE FROM access_link WHERE complaint_id = v_complaint.id;
        GET DIAGNOSTICS v_count = ROW_COUNT; v_erased := v_erased || jsonb_build_object('accessLinks', v_count);

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
    await db.query(`DROP TABLE case_action`);
    await db.query(`DROP TABLE learning_point`);
  }
}
