// Organisations and complaints written straight into the test Postgres for the reports' known-answer tests:
// each test gets an organisation of its own, so the figures are exactly the fixtures'.
import type { DataSource } from 'typeorm';
import { signStaffToken } from '@complaints/service-kit';
import { config } from './api-harness';

export interface ComplaintFixture {
  name: string;
  receivedOn: string;
  kind?: string;
  stage?: string;
  complexity?: string | null;
  closed?: boolean;
  /** London date of closure (default: the day received, when `closed`). */
  closedOn?: string;
  anonymous?: boolean;
  channel?: string;
  /** The people on it (personal data only as far as the reports read it). */
  parties?: { role: 'complainant' | 'person-affected'; relationship?: string; dateOfBirth?: string }[];
  breached?: boolean;
  underOversight?: boolean;
  joint?: boolean;
  /** [subject area, service area, staff group, clinical area] of each issue (the last two optional). */
  issues?: [string | null, string | null, (string | null)?, (string | null)?][];
  /** [event type, London date, data] in timeline order. */
  events?: [string, string, Record<string, unknown>?][];
  /** R-MON-1: the complaint's outcome as the record holds it. */
  outcome?: string;
  /** Learning points recorded on it. */
  learning?: string[];
  /** Its action plan. */
  actions?: {
    key: string;
    due: string;
    source?: 'promised' | 'learning';
    status?: 'open' | 'done' | 'cancelled';
  }[];
}

export const REPORT_ROLES = ['complaints-manager', 'senior-manager', 'handler'] as const;

export const staffIdOf = (organisation: string, role: string) => `${organisation.toLowerCase()}-${role}`;

/** An organisation on the profile, with one member of staff for each of REPORT_ROLES. */
export async function insertOrganisation(
  dataSource: DataSource,
  code: string,
  profile: string,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO organisation (code, name, profile_id, profile_version) VALUES ($1, $2, $3, 1)`,
    [code, `Report test ${code}`, profile],
  );
  for (const role of REPORT_ROLES)
    await dataSource.query(
      `INSERT INTO staff_user (id, organisation_code, display_name, email, roles) VALUES ($1, $2, $3, $4, $5)`,
      [staffIdOf(code, role), code, `${role} ${code}`, `${role}@${code.toLowerCase()}.test`, [role]],
    );
}

export const referenceOf = (organisation: string, name: string) => `${organisation}-${name}`;

/** A fixture's event: its final response (version 1) sent on that London date. */
export const sent = (on: string): [string, string, Record<string, unknown>] => [
  'final-response-sent',
  on,
  { version: 1 },
];

export async function insertComplaint(
  dataSource: DataSource,
  organisation: string,
  profile: string,
  fixture: ComplaintFixture,
): Promise<void> {
  const [{ id }] = await dataSource.query(
    `INSERT INTO complaint (reference, organisation_code, kind, channel, received_on, profile_id, profile_version,
       stage, complexity, closed_at, breached, under_oversight, outcome, created_by, workflow_started_at, anonymous)
     VALUES ($1, $2, $3, $12, $4, $5, 1, $6, $7, $8, $9, $10, $11, 'fixture', now(), $13) RETURNING id`,
    [
      referenceOf(organisation, fixture.name),
      organisation,
      fixture.kind ?? 'complaint',
      fixture.receivedOn,
      profile,
      fixture.stage ?? 'closer-look',
      fixture.complexity === undefined ? 'straightforward' : fixture.complexity,
      fixture.closed || fixture.closedOn ? `${fixture.closedOn ?? fixture.receivedOn}T12:00:00Z` : null,
      fixture.breached ?? false,
      fixture.underOversight ?? false,
      fixture.outcome ?? null,
      fixture.channel ?? 'email',
      fixture.anonymous ?? false,
    ],
  );
  for (const party of fixture.parties ?? [])
    await dataSource.query(
      `INSERT INTO complaint_party (complaint_id, role, name, relationship, date_of_birth)
       VALUES ($1, $2, 'fixture person', $3, $4)`,
      [id, party.role, party.relationship ?? null, party.dateOfBirth ?? null],
    );
  const reference = referenceOf(organisation, fixture.name);
  for (const learning of fixture.learning ?? [])
    await dataSource.query(
      `INSERT INTO learning_point (complaint_reference, learning, recorded_by) VALUES ($1, $2, 'fixture')`,
      [reference, learning],
    );
  for (const { key, due, source = 'learning', status = 'open' } of fixture.actions ?? [])
    await dataSource.query(
      `INSERT INTO case_action (complaint_reference, action_key, source, description, owner_id, due, status,
         evidence, cancel_reason, closed_by, closed_on, created_by)
       VALUES ($1, $2, $3, 'fixture action', $4, $5, $6, $7, $8, $9, $10, 'fixture')`,
      [
        reference,
        key,
        source,
        staffIdOf(organisation, 'handler'),
        due,
        status,
        status === 'done' ? 'fixture evidence' : null,
        status === 'cancelled' ? 'fixture reason' : null,
        status === 'open' ? null : 'fixture',
        status === 'open' ? null : due,
      ],
    );
  for (const [position, [subjectArea, serviceArea, staffGroup, clinical]] of (fixture.issues ?? []).entries())
    await dataSource.query(
      `INSERT INTO complaint_issue (complaint_id, position, description, subject_area, service_area, staff_group,
         clinical_specialty)
       VALUES ($1, $2, 'fixture issue', $3, $4, $5, $6)`,
      [id, position + 1, subjectArea, serviceArea, staffGroup ?? null, clinical ?? null],
    );
  for (const [index, [type, on, data]] of (fixture.events ?? []).entries())
    await dataSource.query(
      `INSERT INTO case_event (complaint_id, occurred_at, actor_type, actor_id, type, data, dedupe_key)
       VALUES ($1, $2, 'system', 'fixture', $3, $4, $5)`,
      // Noon London time, summer or winter: the London date is the date given.
      [id, `${on}T11:00:00Z`, type, data ?? {}, `fixture-${id}-${index}`],
    );
  if (fixture.joint)
    await dataSource.query(
      `INSERT INTO joint_case (complaint_id, protocol_code, lead_code, received_by_code, lead_received_on,
         lead_decision, decided_by)
       VALUES ($1, 'hertfordshire', 'HPFT', 'HPFT', $2, '{"decisive":["primary-focus"],"reasons":"fixture"}', 'fixture')`,
      [id, fixture.receivedOn],
    );
}

export const tokenOf = (organisation: string, role: string) =>
  signStaffToken(
    { id: staffIdOf(organisation, role) },
    { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER },
  );
