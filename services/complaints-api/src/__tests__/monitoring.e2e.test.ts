// R-MON-1/2 through the HTTP API with a real Postgres: issues coded KO41a-style, complexity assessed, equality
// answers kept apart from the case and only counted, and the monitoring report leaders read.
import { openTestDataSource } from '@complaints/testing';
import { as, complaintBody, tokenFor, useApi } from './api-harness';

const { api } = useApi({ workers: false, timeoutMs: 60_000 });

async function report(token: string, day: string) {
  return (await api().get(`/reports/monitoring?from=${day}&to=${day}`).set(as(token)).expect(200)).body;
}

it('issues are coded, complexity assessed, equality answers counted but never shown with the case (R-MON-1)', async () => {
  const handler = await tokenFor('handler@cwth.demo');
  const manager = await tokenFor('complaints-manager@cwth.demo');
  const body = complaintBody({ organisation: 'CWTH' });
  const before = await report(manager, body.receivedOn);
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

  await api()
    .get(`/reports/monitoring?from=${body.receivedOn}&to=${body.receivedOn}`)
    .set(as(handler))
    .expect(403);
  const after = await report(manager, body.receivedOn);
  const delta = (path: (r: typeof after) => number | undefined) => (path(after) ?? 0) - (path(before) ?? 0);
  expect(delta((r) => r.complaints)).toBe(1);
  expect(delta((r) => r.byComplexity.complex)).toBe(1);
  expect(delta((r) => r.issues.bySubjectArea.communications)).toBe(1);
  expect(delta((r) => r.equality.ageBand['35-44'])).toBe(1);
  expect(delta((r) => r.equality.disability['prefer-not-to-say'])).toBe(1);
  expect(delta((r) => r.equality.religion['not-answered'])).toBe(1);

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
