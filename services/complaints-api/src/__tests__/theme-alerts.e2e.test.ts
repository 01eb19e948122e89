// Themes through the API (R-MON-3), on the real Postgres: a complaints manager sets a rule, sees the alert the
// daily review raised (written here as the review would; the review itself is tested in activities and on the
// time-skipping server) with its complaints' references, logged; a senior manager sees only the count; the
// alert is closed once, with actions owned by the organisation's staff; another organisation sees none of it.
import type { DataSource } from 'typeorm';
import { seedDemoData } from '@complaints/db';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { as, tokenFor, useApi } from './api-harness';
import { insertOrganisation, staffIdOf, tokenOf } from './report-fixtures';

const { api } = useApi({ workers: false, timeoutMs: 90_000 });

let dataSource: DataSource;
const organisation = `R${uniqueSuffix().slice(-6).toUpperCase()}`;

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await insertOrganisation(dataSource, organisation, 'hpft');
});
afterAll(async () => dataSource?.destroy());

it('sets a rule, lists its alert to each reader as they may see it, and closes it once with actions', async () => {
  const manager = await tokenOf(organisation, 'complaints-manager');
  const bad = await api()
    .post('/reports/theme-rules')
    .set(as(manager))
    .send({ name: 'x', threshold: 1, withinDays: 400, subjectArea: 'gossip' })
    .expect(400);
  expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
    'subjectArea',
    'threshold',
    'withinDays',
  ]);
  const rule = await api()
    .post('/reports/theme-rules')
    .set(as(manager))
    .send({ name: 'Three about one thing in 30 days', threshold: 3, withinDays: 30 })
    .expect(201);
  expect(rule.body).toMatchObject({
    threshold: 3,
    withinDays: 30,
    retiredAt: null,
    createdBy: staffIdOf(organisation, 'complaints-manager'),
  });
  expect(rule.body).not.toHaveProperty('subjectArea');

  const references = [`${organisation}-1`, `${organisation}-2`, `${organisation}-3`];
  const [{ id: alertId }] = await dataSource.query(
    `INSERT INTO theme_alert (rule_id, organisation_code, subject_area, service_area, window_from, window_to,
       complaint_references, raised_by)
     VALUES ($1, $2, 'communications', 'mental-health', '2026-06-01', '2026-06-30', $3, 'theme-alerts/run') RETURNING id`,
    [rule.body.id, organisation, references],
  );

  const listed = await api().get('/reports/theme-alerts').set(as(manager)).expect(200);
  expect(listed.body).toEqual([
    expect.objectContaining({ id: alertId, complaints: 3, complaintReferences: references, closedAt: null }),
  ]);
  const [logged] = await dataSource.query(
    `SELECT action, "references" FROM access_log_entry WHERE staff_id = $1 AND resource = 'GET /reports/theme-alerts'`,
    [staffIdOf(organisation, 'complaints-manager')],
  );
  expect(logged).toEqual({ action: 'search', references });

  const senior = await api()
    .get('/reports/theme-alerts')
    .set(as(await tokenOf(organisation, 'senior-manager')))
    .expect(200);
  expect(senior.body[0]).toMatchObject({ complaints: 3 });
  expect(senior.body[0]).not.toHaveProperty('complaintReferences');

  const otherOrganisation = await tokenFor('complaints-manager@hpft.demo');
  const theirs = await api().get('/reports/theme-alerts?status=all').set(as(otherOrganisation)).expect(200);
  expect(theirs.body.some((alert: { id: string }) => alert.id === alertId)).toBe(false);
  await api()
    .post(`/reports/theme-alerts/${alertId}/closure`)
    .set(as(otherOrganisation))
    .send({ note: 'not ours', actions: [] })
    .expect(404);

  const closure = {
    note: 'Communication training for the ward team.',
    actions: [
      { description: 'Book the training', ownerId: staffIdOf(organisation, 'handler'), due: '2026-09-30' },
    ],
  };
  const closed = await api()
    .post(`/reports/theme-alerts/${alertId}/closure`)
    .set(as(manager))
    .send(closure)
    .expect(200);
  expect(closed.body).toMatchObject({
    closingNote: closure.note,
    actions: closure.actions,
    closedBy: staffIdOf(organisation, 'complaints-manager'),
  });
  const twice = await api()
    .post(`/reports/theme-alerts/${alertId}/closure`)
    .set(as(manager))
    .send(closure)
    .expect(409);
  expect(twice.body.rule).toBe('R-MON-3');
  expect((await api().get('/reports/theme-alerts').set(as(manager)).expect(200)).body).toEqual([]);
  expect(
    (await api().get('/reports/theme-alerts?status=closed').set(as(manager)).expect(200)).body,
  ).toHaveLength(1);

  const retired = await api()
    .post(`/reports/theme-rules/${rule.body.id}/retirement`)
    .set(as(manager))
    .expect(200);
  expect(retired.body.retiredAt).not.toBeNull();
  await api().post(`/reports/theme-rules/${rule.body.id}/retirement`).set(as(manager)).expect(409);
});

it('sets a rise-over-the-quarter rule (issue #15 part 6), refusing the measure of the other kind, naming the field', async () => {
  const manager = await tokenOf(organisation, 'complaints-manager');
  const noRise = await api()
    .post('/reports/theme-rules')
    .set(as(manager))
    .send({ name: 'Rising', kind: 'rise-over-quarter', threshold: 3 })
    .expect(400);
  expect(noRise.body.errors.map((e: { field: string }) => e.field)).toEqual(['risePercent']);
  const withWindow = await api()
    .post('/reports/theme-rules')
    .set(as(manager))
    .send({ name: 'Rising', kind: 'rise-over-quarter', threshold: 3, risePercent: 50, withinDays: 30 })
    .expect(400);
  expect(withWindow.body.errors).toEqual([
    { field: 'withinDays', reason: 'is not part of a rise-over-quarter rule' },
  ]);
  const unknownKind = await api()
    .post('/reports/theme-rules')
    .set(as(manager))
    .send({ name: 'Rising', kind: 'sideways', threshold: 3, withinDays: 30 })
    .expect(400);
  expect(unknownKind.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
  const rule = await api()
    .post('/reports/theme-rules')
    .set(as(manager))
    .send({ name: 'Up by half on last quarter', kind: 'rise-over-quarter', threshold: 3, risePercent: 50 })
    .expect(201);
  expect(rule.body).toMatchObject({ kind: 'rise-over-quarter', threshold: 3, risePercent: 50 });
  expect(rule.body).not.toHaveProperty('withinDays');
  const listed = await api().get('/reports/theme-rules').set(as(manager)).expect(200);
  expect(listed.body).toEqual(
    expect.arrayContaining([expect.objectContaining({ id: rule.body.id, kind: 'rise-over-quarter' })]),
  );
});
