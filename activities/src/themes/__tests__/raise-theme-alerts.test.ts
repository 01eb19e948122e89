// The theme review's activity on the real test Postgres (R-MON-3): a rule raises an alert for each subject and
// service area with enough complaints in its window, once while the alert is open; feedback, older complaints
// and retired rules raise nothing. Each test run has an organisation of its own.
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { seedDemoData } from '@complaints/db';
import { openTestDataSource } from '@complaints/testing';
import { createThemeActivities } from '../raise-theme-alerts.activity';

let dataSource: DataSource;
const organisation = `A${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
const asOf = '2031-06-30';

async function complaint(name: string, receivedOn: string, issues: [string, string][], kind = 'complaint') {
  const [{ id }] = await dataSource.query(
    `INSERT INTO complaint (reference, organisation_code, kind, channel, received_on, profile_id, profile_version,
       stage, created_by, workflow_started_at)
     VALUES ($1, $2, $3, 'email', $4, 'hpft', 1, 'closer-look', 'fixture', now()) RETURNING id`,
    [`${organisation}-${name}`, organisation, kind, receivedOn],
  );
  for (const [position, [subject, service]] of issues.entries())
    await dataSource.query(
      `INSERT INTO complaint_issue (complaint_id, position, description, subject_area, service_area)
       VALUES ($1, $2, 'fixture', $3, $4)`,
      [id, position + 1, subject, service],
    );
}

async function rule(fields: { subject?: string; threshold: number; withinDays: number }): Promise<string> {
  const [{ id }] = await dataSource.query(
    `INSERT INTO theme_rule (organisation_code, name, subject_area, threshold, within_days, created_by)
     VALUES ($1, 'fixture rule', $2, $3, $4, 'fixture') RETURNING id`,
    [organisation, fields.subject ?? null, fields.threshold, fields.withinDays],
  );
  return id;
}

const alerts = async () =>
  (await dataSource.query(
    `SELECT rule_id, subject_area, service_area, window_from::text, window_to::text, complaint_references
       FROM theme_alert WHERE organisation_code = $1 AND closed_at IS NULL ORDER BY subject_area`,
    [organisation],
  )) as Record<string, unknown>[];

const communication: [string, string] = ['communications', 'mental-health'];
const appointments: [string, string] = ['appointments', 'outpatient'];

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await dataSource.query(
    `INSERT INTO organisation (code, name, profile_id, profile_version) VALUES ($1, 'Themes test', 'hpft', 1)`,
    [organisation],
  );
  // Three complaints about communication in mental health within 30 days of 30 June (the first has it twice).
  await complaint('c1', '2031-06-01', [communication, communication]);
  await complaint('c2', '2031-06-15', [communication, appointments]);
  await complaint('c3', '2031-06-30', [communication]);
  // Outside the window, or not a complaint.
  await complaint('old', '2031-05-31', [communication]);
  await complaint('feedback', '2031-06-20', [communication, appointments], 'feedback');
  await complaint('a1', '2031-06-10', [appointments]);
});
afterAll(async () => dataSource?.destroy());

it('raises one alert per theme that reaches the rule, once while it is open, and again after it is closed', async () => {
  const anyTheme = await rule({ threshold: 3, withinDays: 30 });
  const appointmentsOnly = await rule({ subject: 'appointments', threshold: 2, withinDays: 30 });
  const retired = await rule({ threshold: 2, withinDays: 366 });
  await dataSource.query(`UPDATE theme_rule SET retired_at = now() WHERE id = $1`, [retired]);
  const { raiseThemeAlerts } = createThemeActivities({ dataSource });

  const first = await raiseThemeAlerts({ asOf, raisedBy: 'theme-alerts/run-1' });
  expect(await alerts()).toEqual([
    {
      rule_id: appointmentsOnly,
      subject_area: 'appointments',
      service_area: 'outpatient',
      window_from: '2031-06-01',
      window_to: '2031-06-30',
      complaint_references: [`${organisation}-a1`, `${organisation}-c2`],
    },
    {
      rule_id: anyTheme,
      subject_area: 'communications',
      service_area: 'mental-health',
      window_from: '2031-06-01',
      window_to: '2031-06-30',
      complaint_references: [`${organisation}-c1`, `${organisation}-c2`, `${organisation}-c3`],
    },
  ]);
  const raisedFirst: { id: string }[] = await dataSource.query(
    `SELECT id FROM theme_alert WHERE organisation_code = $1`,
    [organisation],
  );
  expect(first.raised).toEqual(expect.arrayContaining(raisedFirst.map((alert) => alert.id)));

  // A retry, or the next day's review, raises nothing new while the alerts are open.
  const again = await raiseThemeAlerts({ asOf, raisedBy: 'theme-alerts/run-2' });
  const ours: { id: string }[] = await dataSource.query(
    `SELECT id FROM theme_alert WHERE organisation_code = $1`,
    [organisation],
  );
  expect(again.raised.filter((id) => ours.some((alert) => alert.id === id))).toEqual([]);
  expect(ours).toHaveLength(2);

  await dataSource.query(
    `UPDATE theme_alert SET closed_at = now(), closed_by = 'fixture' WHERE rule_id = $1`,
    [anyTheme],
  );
  await raiseThemeAlerts({ asOf, raisedBy: 'theme-alerts/run-3' });
  expect((await alerts()).map((alert) => alert.rule_id).sort()).toEqual([anyTheme, appointmentsOnly].sort());
});

it('a 29-day window leaves 1 June out, so the theme no longer reaches three', async () => {
  const strict = await rule({ subject: 'communications', threshold: 3, withinDays: 29 });
  await createThemeActivities({ dataSource }).raiseThemeAlerts({ asOf, raisedBy: 'theme-alerts/run-4' });
  expect((await alerts()).some((alert) => alert.rule_id === strict)).toBe(false);
});
