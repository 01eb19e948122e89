// A theme rule of the kind "rise over the quarter" (issue #15 part 6, R-MON-3) on the real test Postgres: a subject
// and service area with at least the threshold of complaints in the financial quarter so far, and more than the
// rule's percentage above the whole quarter before, raises one alert for the quarter so far; a theme that did not
// rise enough, or is below the threshold, raises none. Each test run has an organisation of its own.
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { seedDemoData } from '@complaints/db';
import { openTestDataSource } from '@complaints/testing';
import { createThemeActivities } from '../raise-theme-alerts.activity';

let dataSource: DataSource;
const organisation = `R${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
// 2031-32-Q2 is July to September 2031; the quarter before, April to June.
const asOf = '2031-08-15';
let count = 0;

async function complaints(receivedOn: string, issue: [string, string], n: number, kind = 'complaint') {
  for (let i = 0; i < n; i += 1) {
    count += 1;
    const [{ id }] = await dataSource.query(
      `INSERT INTO complaint (reference, organisation_code, kind, channel, received_on, profile_id, profile_version,
         stage, created_by, workflow_started_at)
       VALUES ($1, $2, $3, 'email', $4, 'hpft', 1, 'closer-look', 'fixture', now()) RETURNING id`,
      [`${organisation}-${count}`, organisation, kind, receivedOn],
    );
    await dataSource.query(
      `INSERT INTO complaint_issue (complaint_id, position, description, subject_area, service_area)
       VALUES ($1, 1, 'fixture', $2, $3)`,
      [id, issue[0], issue[1]],
    );
  }
}

const communication: [string, string] = ['communications', 'mental-health'];
const appointments: [string, string] = ['appointments', 'outpatient'];
const waiting: [string, string] = ['waiting-times', 'community'];

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await dataSource.query(
    `INSERT INTO organisation (code, name, profile_id, profile_version) VALUES ($1, 'Rise test', 'hpft', 1)`,
    [organisation],
  );
  // Communication: 2 last quarter, 4 so far this quarter (+100%). Appointments: 3 then 4 (+33%). Waiting: 0 then 2.
  await complaints('2031-04-10', communication, 2);
  await complaints('2031-07-01', communication, 3);
  await complaints('2031-08-15', communication, 1);
  await complaints('2031-08-16', communication, 5); // after the review's date
  await complaints('2031-07-20', communication, 3, 'feedback'); // not complaints
  await complaints('2031-06-30', appointments, 3);
  await complaints('2031-07-05', appointments, 4);
  await complaints('2031-07-05', waiting, 2);
});
afterAll(async () => dataSource?.destroy());

it('raises an alert for each theme that rose by more than the percentage to at least the threshold, once', async () => {
  const [{ id: rule }] = await dataSource.query(
    `INSERT INTO theme_rule (organisation_code, name, kind, threshold, rise_percent, created_by)
     VALUES ($1, 'Up by half on last quarter', 'rise-over-quarter', 3, 50, 'fixture') RETURNING id`,
    [organisation],
  );
  const { raiseThemeAlerts } = createThemeActivities({ dataSource });
  const first = await raiseThemeAlerts({ asOf, raisedBy: 'theme-alerts/run-1' });
  const alerts: Record<string, unknown>[] = await dataSource.query(
    `SELECT id, rule_id, subject_area, service_area, window_from::text, window_to::text, complaint_references
       FROM theme_alert WHERE organisation_code = $1 ORDER BY subject_area`,
    [organisation],
  );
  expect(alerts).toEqual([
    {
      id: expect.any(String),
      rule_id: rule,
      subject_area: 'communications',
      service_area: 'mental-health',
      window_from: '2031-07-01',
      window_to: '2031-08-15',
      complaint_references: expect.arrayContaining([`${organisation}-3`, `${organisation}-6`]),
    },
  ]);
  expect((alerts[0].complaint_references as string[]).length).toBe(4);
  expect(first.raised).toContain(alerts[0].id);
  await raiseThemeAlerts({ asOf, raisedBy: 'theme-alerts/run-2' });
  const [{ n }] = await dataSource.query(
    `SELECT count(*)::int AS n FROM theme_alert WHERE organisation_code = $1`,
    [organisation],
  );
  expect(n).toBe(1);
});

it('is refused by the schema without its percentage, or with a day window', async () => {
  await expect(
    dataSource.query(
      `INSERT INTO theme_rule (organisation_code, name, kind, threshold, created_by)
       VALUES ($1, 'no rise', 'rise-over-quarter', 3, 'fixture')`,
      [organisation],
    ),
  ).rejects.toThrow(/theme_rule_rise_of_its_kind/);
  await expect(
    dataSource.query(
      `INSERT INTO theme_rule (organisation_code, name, kind, threshold, rise_percent, within_days, created_by)
       VALUES ($1, 'both', 'rise-over-quarter', 3, 50, 30, 'fixture')`,
      [organisation],
    ),
  ).rejects.toThrow(/theme_rule_window_of_its_kind/);
});
