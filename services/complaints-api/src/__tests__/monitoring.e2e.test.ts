// R-MON-1/2 through the HTTP API with a real Postgres: issues coded KO41a-style, complexity assessed, equality
// answers kept apart from the case and only counted, and the monitoring report leaders read (its suppression of
// small numbers is in monitoring-suppression.e2e.test.ts, with counts known exactly).
import { openTestDataSource } from '@complaints/testing';
import { as, complaintBody, tokenFor, useApi } from './api-harness';

const { api } = useApi({ workers: false, timeoutMs: 60_000 });

/** The report of the whole month the day falls in (reports cover whole months, ADR 0016). */
function monthOf(day: string) {
  const [year, month] = day.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${day.slice(0, 7)}-01`, to: `${day.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

async function report(token: string, day: string) {
  const { from, to } = monthOf(day);
  return (await api().get(`/reports/monitoring?from=${from}&to=${to}`).set(as(token)).expect(200)).body;
}

it('issues are coded, complexity assessed, equality answers counted but never shown with the case (R-MON-1)', async () => {
  const handler = await tokenFor('handler@cwth.demo');
  const manager = await tokenFor('complaints-manager@cwth.demo');
  const body = complaintBody({ organisation: 'CWTH' });
  const { reference } = (await api().post('/complaints').set(as(handler)).send(body).expect(201)).body;
  const issueId = (await api().get(`/complaints/${reference}`).set(as(handler)).expect(200)).body.issues[0]
    .id;

  const invalid = await api()
    .put(`/complaints/${reference}/issues/${issueId}/coding`)
    .set(as(handler))
    .send({ subjectArea: 'weather', serviceArea: 'outpatient', staffGroup: 'pilots' })
    .expect(400);
  expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
    'staffGroup',
    'subjectArea',
  ]);
  await api()
    .put(`/complaints/${reference}/issues/00000000-0000-4000-8000-000000000000/coding`)
    .set(as(handler))
    .send({ subjectArea: 'communications', serviceArea: 'outpatient', staffGroup: 'management' })
    .expect(404);
  await api()
    .put(`/complaints/${reference}/issues/${issueId}/coding`)
    .set(as(handler))
    .send({ subjectArea: 'communications', serviceArea: 'training-and-education', staffGroup: 'management' })
    .expect(200);
  await api()
    .put(`/complaints/${reference}/complexity`)
    .set(as(handler))
    .send({ complexity: 'complex' })
    .expect(200);

  const wrong = await api()
    .put(`/complaints/${reference}/equality-monitoring`)
    .set(as(handler))
    .send({ answers: { ageBand: '200', shoeSize: '9' } })
    .expect(400);
  expect(wrong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
    'answers.ageBand',
    'answers.shoeSize',
  ]);
  await api()
    .put(`/complaints/${reference}/equality-monitoring`)
    .set(as(handler))
    .send({ answers: { ageBand: '35-44', disability: 'prefer-not-to-say' } })
    .expect(204);

  const detail = (await api().get(`/complaints/${reference}`).set(as(handler)).expect(200)).body;
  expect(detail.complexity).toBe('complex');
  expect(detail.issues[0]).toEqual(
    expect.objectContaining({
      subjectArea: 'communications',
      serviceArea: 'training-and-education',
      staffGroup: 'management',
    }),
  );
  expect(JSON.stringify(detail)).not.toContain('35-44');
  expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(
    expect.arrayContaining(['issue-coded', 'complexity-assessed']),
  );

  const { from, to } = monthOf(body.receivedOn);
  await api().get(`/reports/monitoring?from=${from}&to=${to}`).set(as(handler)).expect(403);
  const month = await report(manager, body.receivedOn);
  expect(month).toMatchObject({ organisation: 'CWTH', from, to, suppressedBelow: 5 });
  expect(month.complaints === null || month.complaints >= 1).toBe(true);
  expect(Object.keys(month.equality.ageBand)).toEqual(expect.arrayContaining(['35-44', 'not-answered']));
  expect(JSON.stringify(month)).not.toContain(reference);

  const badRange = await api().get('/reports/monitoring?from=2026-02-30&to=x').set(as(manager)).expect(400);
  expect([...new Set(badRange.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
    'from',
    'to',
  ]);
});

it('replaced equality answers are kept, and the timeline says only that answers were recorded (R-MON-1)', async () => {
  const handler = await tokenFor('handler@cwth.demo');
  const { reference } = (
    await api()
      .post('/complaints')
      .set(as(handler))
      .send(complaintBody({ organisation: 'CWTH' }))
      .expect(201)
  ).body;
  for (const ageBand of ['25-34', '35-44']) {
    await api()
      .put(`/complaints/${reference}/equality-monitoring`)
      .set(as(handler))
      .send({ answers: { ageBand } })
      .expect(204);
  }
  const owner = await openTestDataSource();
  try {
    const kept = await owner.query(
      'SELECT answers, recorded_by FROM equality_monitoring_revision WHERE complaint_reference = $1',
      [reference],
    );
    expect(kept).toEqual([{ answers: { ageBand: '25-34' }, recorded_by: 'cwth-handler' }]);
  } finally {
    await owner.destroy();
  }
  const { timeline } = (await api().get(`/complaints/${reference}`).set(as(handler)).expect(200)).body;
  const recorded = timeline.filter((e: { type: string }) => e.type === 'equality-monitoring-recorded');
  expect(recorded).toHaveLength(2);
  expect(JSON.stringify(timeline)).not.toMatch(/25-34|35-44/);
});
