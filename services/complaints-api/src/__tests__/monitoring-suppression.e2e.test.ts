// Reports that cannot re-identify (ADR 0016), on the real Postgres: the monitoring report of an organisation whose
// complaints are known exactly, with small counts withheld and, where a total would give one away, more beside
// it; and a period narrower than whole months refused through the API, naming the field.
import type { DataSource } from 'typeorm';
import { SUBJECT_AREAS } from '@complaints/domain';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { MonitoringReportService } from '../monitoring/monitoring-report.service';
import { as, tokenFor, useApi } from './api-harness';

const { api } = useApi({ workers: false, timeoutMs: 90_000 });

let dataSource: DataSource;
const organisation = `M${uniqueSuffix().slice(-6).toUpperCase()}`;

interface Fixture {
  receivedOn: string;
  kind?: string;
  complexity: string | null;
  outcome: string | null;
  met: boolean | null;
  equality?: Record<string, string>;
}

// Twelve complaints received in March 2001, one PALS enquiry that month and one complaint in April.
const FIXTURES: Fixture[] = [
  ...Array.from({ length: 7 }, (_, i) => ({
    complexity: 'complex',
    outcome: i < 5 ? 'not-upheld' : 'partially-upheld',
    met: true,
  })),
  ...Array.from({ length: 3 }, () => ({
    complexity: 'straightforward',
    outcome: 'partially-upheld',
    met: true,
  })),
  { complexity: null, outcome: 'partially-upheld', met: false },
  { complexity: null, outcome: 'upheld', met: null },
].map((fixture, index) => ({
  ...fixture,
  receivedOn: `2001-03-${String(index + 1).padStart(2, '0')}`,
  equality: index < 6 ? (index === 0 ? { disability: 'yes' } : { disability: 'no' }) : undefined,
}));
// Outcomes: not-upheld 5, partially-upheld 6, upheld 1; the agreed timescale met 10, missed 1, not yet known 1.
FIXTURES.push(
  { receivedOn: '2001-03-15', kind: 'pals-enquiry', complexity: 'complex', outcome: 'upheld', met: true },
  { receivedOn: '2001-04-01', complexity: 'complex', outcome: 'upheld', met: true },
);

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await dataSource.query(
    `INSERT INTO organisation (code, name, profile_id, profile_version) VALUES ($1, $2, 'hpft', 1)`,
    [organisation, `Monitoring test ${organisation}`],
  );
  for (const [index, fixture] of FIXTURES.entries()) {
    const reference = `${organisation}-2001-${String(index).padStart(6, '0')}`;
    const [{ id }] = await dataSource.query(
      `INSERT INTO complaint (reference, organisation_code, kind, channel, received_on, profile_id, profile_version,
         stage, complexity, outcome, met_agreed_timescale, created_by, workflow_started_at)
       VALUES ($1, $2, $3, 'email', $4, 'hpft', 1, 'responded', $5, $6, $7, 'fixture', now()) RETURNING id`,
      [
        reference,
        organisation,
        fixture.kind ?? 'complaint',
        fixture.receivedOn,
        fixture.complexity,
        fixture.outcome,
        fixture.met,
      ],
    );
    await dataSource.query(
      `INSERT INTO complaint_issue (complaint_id, position, description, subject_area) VALUES ($1, 1, 'x', 'communications')`,
      [id],
    );
    if (fixture.equality)
      await dataSource.query(
        `INSERT INTO equality_monitoring (complaint_reference, answers, recorded_by) VALUES ($1, $2, 'fixture')`,
        [reference, fixture.equality],
      );
  }
});

afterAll(async () => {
  await dataSource?.destroy();
});

it('withholds small counts, and enough beside them that no total or difference reveals them', async () => {
  const report = await new MonitoringReportService(dataSource, { threshold: 5 }).report(
    organisation,
    '2001-03-01',
    '2001-03-31',
  );
  expect(report.complaints).toBe(12);
  expect(report.suppressedBelow).toBe(5);
  // straightforward 3 and not-recorded 2 are small; together they hold 5, so complex 7 may show.
  expect(report.byComplexity).toEqual({ straightforward: null, complex: 7, 'not-recorded': null });
  // upheld 1 is the one small count; 12 − 6 − 5 − 0 would give it back, so the zeros and the next smallest go too.
  expect(report.byOutcome).toEqual({
    upheld: null,
    'partially-upheld': 6,
    'not-upheld': null,
    'resolved-early': null,
    withdrawn: null,
    'out-of-scope': null,
    'out-of-time': null,
    'not-recorded': null,
  });
  // missed 1 and not yet responded 1 are small; the responses met (10) go too, or 12 − 10 − 1 would show "missed".
  expect(report.agreedTimescale).toEqual({ met: null, missed: null });
  expect(report.issues.bySubjectArea).toEqual({
    ...Object.fromEntries([...SUBJECT_AREAS, 'uncoded'].map((area) => [area, 0])),
    communications: 12,
  });
  // Six people answered: one said yes to disability, so every disability answer is withheld; none gave a religion.
  expect(Object.values(report.equality.disability).every((count) => count === null)).toBe(true);
  expect(report.equality.religion).toMatchObject({ 'not-answered': 6, buddhist: 0, christian: 0 });
});

it('refuses a period narrower than whole calendar months, naming the field', async () => {
  const manager = await tokenFor('complaints-manager@hpft.demo');
  const oneDay = await api()
    .get('/reports/monitoring?from=2026-03-02&to=2026-03-02')
    .set(as(manager))
    .expect(400);
  expect(oneDay.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(oneDay.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'to']);
  const backwards = await api()
    .get('/reports/monitoring?from=2026-04-01&to=2026-03-31')
    .set(as(manager))
    .expect(400);
  expect(backwards.body.errors).toEqual([{ field: 'to', reason: 'must not be before from' }]);
  const month = await api()
    .get('/reports/monitoring?from=2026-03-01&to=2026-03-31')
    .set(as(manager))
    .expect(200);
  expect(month.body).toMatchObject({ organisation: 'HPFT', suppressedBelow: 5 });
});
