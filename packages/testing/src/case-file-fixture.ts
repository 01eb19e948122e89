import type { DataSource } from 'typeorm';
import { uniqueSuffix } from './database';

export interface CaseFileFixture {
  reference: string;
  complaintId: string;
  issueId: string;
  /** Personal details written into the case file, to look for afterwards. */
  person: { name: string; email: string; dateOfBirth: string };
  issueText: string;
  letterText: string;
}

/**
 * A complete case file written straight to the record: the complaint (closed at `closedAt`, or open), a
 * complainant, an issue coded for KO41a, timeline events, a final response and a plan version, equality
 * answers, limits on contact and a letter with its PDF. What retention, disposal and subject access act on.
 */
export async function writeCaseFile(
  dataSource: DataSource,
  options: { organisation?: string; closedAt?: Date | null; receivedOn?: string } = {},
): Promise<CaseFileFixture> {
  const suffix = uniqueSuffix();
  const organisation = options.organisation ?? 'HPFT';
  const reference = `${organisation}-2000-${suffix}`.slice(0, 32);
  const person = {
    name: `Robin Ashdown-${suffix}`,
    email: `robin.${suffix}@example.org`,
    dateOfBirth: '1961-07-14',
  };
  const issueText = `The ward lost my hearing aids (${suffix}).`;
  const letterText = `Dear Robin Ashdown-${suffix}, thank you for your complaint.`;
  const [{ id: complaintId }] = await dataSource.query(
    `INSERT INTO complaint (reference, organisation_code, kind, channel, received_on, incident_on, profile_id,
       profile_version, stage, closed_at, outcome_sought, adjustments_note, accessibility_needs, reply_channels,
       complexity, outcome, met_agreed_timescale, created_by, workflow_started_at)
     VALUES ($1, $2, 'complaint', 'email', $3, '1999-12-01', 'hpft', 1, $4, $5, 'My hearing aids back',
       'Needs a hearing loop', '{large-print}', '{email}', 'complex', 'upheld', true, 'fixture', now())
     RETURNING id`,
    [
      reference,
      organisation,
      options.receivedOn ?? '2000-01-10',
      options.closedAt === null ? 'responded' : 'closed',
      options.closedAt === undefined ? new Date() : options.closedAt,
    ],
  );
  await dataSource.query(
    `INSERT INTO complaint_party (complaint_id, role, name, date_of_birth, email, phone, relationship, address)
     VALUES ($1, 'complainant', $2, $3, $4, '07700 900456', 'patient', $5)`,
    [
      complaintId,
      person.name,
      person.dateOfBirth,
      person.email,
      { lines: ['1 Mill Lane'], postcode: 'AL1 1AA' },
    ],
  );
  const [{ id: issueId }] = await dataSource.query(
    `INSERT INTO complaint_issue (complaint_id, position, description, subject_area, service_area, staff_group)
     VALUES ($1, 1, $2, 'patient-care', 'inpatient', 'nursing-midwifery-and-health-visiting') RETURNING id`,
    [complaintId, issueText],
  );
  await dataSource.query(
    `INSERT INTO case_event (complaint_id, occurred_at, actor_type, actor_id, type, rule, data)
     VALUES ($1, now(), 'system', 'intake', 'complaint-received', 'R-INT-1', $2),
            ($1, now(), 'system', 'workflow', 'closed', 'R-RESP-4', '{}')`,
    [complaintId, { complainant: person.name }],
  );
  await dataSource.query(
    `INSERT INTO final_response_draft (complaint_reference, version, content, created_by)
     VALUES ($1, 1, $2, 'fixture')`,
    [
      reference,
      { sections: { apology: `We are sorry, ${person.name}.` }, findings: [], remedies: [], actions: [] },
    ],
  );
  await dataSource.query(
    `INSERT INTO investigation_plan (complaint_reference, version, content, created_by) VALUES ($1, 1, $2, 'fixture')`,
    [reference, { howAffected: 'Could not hear the doctors', keyIssueIds: [issueId] }],
  );
  await dataSource.query(
    `INSERT INTO equality_monitoring (complaint_reference, answers, recorded_by) VALUES ($1, $2, 'fixture')`,
    [reference, { disability: 'yes', religion: 'buddhist' }],
  );
  await dataSource.query(
    `INSERT INTO contact_restriction (complaint_reference, organisation_code, person_email, behaviours, limits,
       decided_with, review_on, status, proposed_by)
     VALUES ($1, $2, $3, '{excessive-contact}', '{single-point-of-contact}', '{}', '2001-01-01', 'proposed', 'fixture')`,
    [reference, organisation, person.email],
  );
  await dataSource.query(
    `INSERT INTO correspondence (idempotency_key, complaint_reference, template, template_version, channel, audience,
       recipient, subject, html, text, status, message_id, pdf)
     VALUES ($1, $2, 'acknowledgement', 1, 'letter', 'complainant', $3, 'Your complaint', $4, $4, 'sent', $1, $5)`,
    [
      `${reference}:ack:letter`,
      reference,
      `${person.name}, 1 Mill Lane`,
      letterText,
      Buffer.from('%PDF-1.7 fixture'),
    ],
  );
  return { reference, complaintId, issueId, person, issueText, letterText };
}
