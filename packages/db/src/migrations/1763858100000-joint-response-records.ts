import type { MigrationInterface, QueryRunner } from 'typeorm';

const JOINT_RECORD_TABLES = [
  'joint_contribution',
  'joint_draft_decision',
  'joint_variation',
  'joint_coordination',
  'joint_conflict',
  'joint_disagreement',
  'joint_learning',
  'joint_notification',
];

/**
 * The joint-protocol service's records of a joint case (ADR 0019): partners' contributions as versioned
 * documents, their decisions on the lead's drafts, variations and warnings, co-ordination meetings, conflicts,
 * disagreements, learning, and the notifications sent to partners (one per step, never twice). Each is kept
 * until its case file is disposed of; `dispose_case_file()` now erases them with the joint case, its members
 * and its access links.
 */
export class JointResponseRecords1763858100000 implements MigrationInterface {
  name = 'JointResponseRecords1763858100000';

  async up(db: QueryRunner): Promise<void> {
    const jointCase = `joint_case_id uuid NOT NULL REFERENCES joint_case (id)`;
    const member = (column: string) => `${column} varchar(8) NOT NULL REFERENCES partner_organisation (code)`;
    await db.query(`
      CREATE TABLE joint_contribution (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${jointCase},
        ${member('partner_code')},
        version int NOT NULL CHECK (version > 0),
        body text NOT NULL,
        apology text,
        submitted_by varchar(64) NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (joint_case_id, partner_code, version)
      )`);
    await db.query(`
      CREATE TABLE joint_draft_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${jointCase},
        ${member('partner_code')},
        draft_version int NOT NULL CHECK (draft_version > 0),
        decision varchar(24) NOT NULL CHECK (decision IN ('approved', 'changes-requested')),
        comments text,
        decided_by varchar(64) NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (joint_case_id, partner_code, draft_version),
        CHECK (decision = 'approved' OR comments IS NOT NULL)
      )`);
    await db.query(`
      CREATE TABLE joint_variation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${jointCase},
        ${member('partner_code')},
        kind varchar(16) NOT NULL CHECK (kind IN ('variation', 'cannot-meet')),
        reasons text NOT NULL,
        expected_on date,
        recorded_by varchar(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind = 'variation' OR expected_on IS NOT NULL)
      )`);
    await db.query(`
      CREATE TABLE joint_coordination (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${jointCase},
        held_on date NOT NULL,
        kind varchar(8) NOT NULL CHECK (kind IN ('meeting', 'call')),
        attended varchar(8)[] NOT NULL DEFAULT '{}',
        notes text NOT NULL,
        recorded_by varchar(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE joint_conflict (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${jointCase},
        between_codes varchar(8)[] NOT NULL,
        description text NOT NULL,
        flagged_by varchar(64) NOT NULL,
        flagged_at timestamptz NOT NULL DEFAULT now(),
        resolution text,
        resolved_by varchar(64),
        resolved_at timestamptz,
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      )`);
    await db.query(`
      CREATE TABLE joint_disagreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${jointCase},
        ${member('raised_by_code')},
        with_codes varchar(8)[] NOT NULL,
        matter text NOT NULL,
        raised_by varchar(64) NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        outcome text,
        outcome_recorded_by varchar(64),
        outcome_recorded_at timestamptz,
        CHECK ((outcome_recorded_at IS NULL) = (outcome IS NULL))
      )`);
    await db.query(`
      CREATE TABLE joint_learning (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${jointCase},
        ${member('organisation_code')},
        learning text NOT NULL,
        action_points jsonb NOT NULL DEFAULT '[]',
        recorded_by varchar(64) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE joint_notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${jointCase},
        ${member('partner_code')},
        step varchar(128) NOT NULL,
        notice varchar(32) NOT NULL,
        sent_to varchar(24) NOT NULL CHECK (sent_to IN ('complaints-manager', 'deputy')),
        status varchar(16) NOT NULL CHECK (status IN ('sending', 'sent', 'bounced')),
        manager_bounced boolean NOT NULL DEFAULT false,
        access_link_id uuid REFERENCES access_link (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (joint_case_id, step)
      )`);
    // Like the case file's other records (ADR 0013): removed only by dispose_case_file().
    await db.query(`
      CREATE FUNCTION joint_record_kept_until_disposal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF in_sanctioned_disposal((SELECT c.reference FROM joint_case j JOIN complaint c ON c.id = j.complaint_id
                                   WHERE j.id = OLD.joint_case_id)) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is kept until its case file is disposed of', TG_TABLE_NAME;
      END $$`);
    for (const table of JOINT_RECORD_TABLES) {
      await db.query(`CREATE INDEX ${table}_by_case ON ${table} (joint_case_id)`);
      await db.query(
        `CREATE TRIGGER ${table}_kept BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION joint_record_kept_until_disposal()`,
      );
    }
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
    for (const table of [...JOINT_RECORD_TABLES].reverse()) await db.query(`DROP TABLE ${table}`);
    await db.query(`DROP FUNCTION joint_record_kept_until_disposal`);
  }
}
