import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The joint protocol's reference data (protocols, their members, partner users) and the lead's joint case
 * (who leads, who takes part, consent to share with each), plus access links for people with no account
 * (ADR 0017). Contributions, drafts for approval and the partners' own records come with the joint-protocol
 * service's tables.
 */
export class JointProtocolAndAccessLinks1763857900000 implements MigrationInterface {
  name = 'JointProtocolAndAccessLinks1763857900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE joint_protocol (
        code varchar(32) PRIMARY KEY,
        name text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE partner_organisation (
        code varchar(8) PRIMARY KEY,
        protocol_code varchar(32) NOT NULL REFERENCES joint_protocol (code),
        name text NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN ('nhs-trust', 'icb', 'ambulance', 'community',
          'council-adult-care', 'charity-hospice', 'advocacy', 'nhs-england')),
        care varchar(16) NOT NULL CHECK (care IN ('health', 'social-care')),
        complaints_manager jsonb NOT NULL,
        deputy jsonb,
        own_timescales jsonb NOT NULL,
        organisation_code varchar(8) UNIQUE REFERENCES organisation (code),
        on_system boolean NOT NULL DEFAULT false,
        takes_part boolean NOT NULL DEFAULT true
      )`);
    await db.query(`
      CREATE TABLE partner_user (
        id varchar(64) PRIMARY KEY,
        partner_code varchar(8) NOT NULL REFERENCES partner_organisation (code),
        display_name text NOT NULL,
        email text NOT NULL UNIQUE,
        role varchar(32) NOT NULL CHECK (role IN ('complaints-manager', 'deputy')),
        active boolean NOT NULL DEFAULT true,
        identity_subject text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE joint_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL UNIQUE REFERENCES complaint (id),
        protocol_code varchar(32) NOT NULL REFERENCES joint_protocol (code),
        lead_code varchar(8) NOT NULL REFERENCES partner_organisation (code),
        received_by_code varchar(8) NOT NULL REFERENCES partner_organisation (code),
        lead_received_on date NOT NULL,
        lead_decision jsonb NOT NULL,
        decided_by varchar(64) NOT NULL,
        complex boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE joint_case_partner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        joint_case_id uuid NOT NULL REFERENCES joint_case (id),
        partner_code varchar(8) NOT NULL REFERENCES partner_organisation (code),
        role varchar(16) NOT NULL CHECK (role IN ('lead', 'partner', 'copied')),
        issue_ids uuid[] NOT NULL DEFAULT '{}',
        consent varchar(16) NOT NULL DEFAULT 'not-sought'
          CHECK (consent IN ('not-sought', 'sought', 'given', 'refused')),
        consent_recorded_by varchar(64),
        consent_recorded_at timestamptz,
        withdrawn_at timestamptz,
        UNIQUE (joint_case_id, partner_code)
      )`);
    await db.query(`CREATE INDEX joint_case_partner_by_partner ON joint_case_partner (partner_code)`);
    await db.query(`
      CREATE TABLE access_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        purpose varchar(32) NOT NULL
          CHECK (purpose IN ('partner-case', 'complainant-progress', 'experience-survey')),
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        partner_code varchar(8) REFERENCES partner_organisation (code),
        single_use boolean NOT NULL,
        issued_by varchar(64) NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_by varchar(64),
        CHECK ((purpose = 'partner-case') = (partner_code IS NOT NULL)),
        CHECK (expires_at > issued_at)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'access_link',
      'joint_case_partner',
      'joint_case',
      'partner_user',
      'partner_organisation',
      'joint_protocol',
    ])
      await db.query(`DROP TABLE ${table}`);
  }
}
