// The experience survey (ADR 0023) with the real workers, Postgres, Temporal and SMTP: a complaint resolved early
// closes, its workflow invites the complainant (and the staff on its case team) by email, the emailed link is read
// from the real inbox and answered as the public web service's requests are served (ExperienceSurveyService, as
// the API's own database role), once; the answer is stored with nothing of the case; the report counts answers
// only in aggregate, with small numbers withheld (ADR 0016), through the HTTP API with its roles.
import type { DataSource } from 'typeorm';
import { issueAccessLink } from '@complaints/db';
import { ProblemException } from '@complaints/service-kit';
import { MailInbox, openServiceDataSource, openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { ExperienceSurveyService } from '../experience-survey/experience-survey.service';
import { as, complaintBody, tokenFor, useApi } from './api-harness';

const { api, detailWhen } = useApi({ timeoutMs: 120_000 });
const inbox = new MailInbox();

let owner: DataSource;
let apiRole: DataSource;
let survey: ExperienceSurveyService;

beforeAll(async () => {
  owner = await openTestDataSource();
  apiRole = await openServiceDataSource('complaints-api');
  survey = new ExperienceSurveyService(apiRole, { threshold: 5 });
});
afterAll(async () => Promise.all([owner, apiRole].map((source) => source?.destroy())));

/** Every refused link gets the same 404, whatever the reason: no oracle for guessing. */
async function refusedAsGone(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemException);
  expect((error as ProblemException).getResponse()).toMatchObject({
    status: 404,
    detail: 'this link no longer works',
  });
}

it('after an early resolution, the complainant is emailed a single-use survey link that records one answer kept apart from the case', async () => {
  const token = await tokenFor('handler@nct.demo');
  const body = complaintBody({ organisation: 'NCT' });
  const { reference } = (await api().post('/complaints').set(as(token)).send(body).expect(201)).body;
  await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set(as(token))
    .send({ method: 'written' })
    .expect(200);
  await detailWhen(reference, token, (detail) => detail.stage === 'early-resolution');
  await api()
    .post(`/complaints/${reference}/early-resolution/resolution`)
    .set(as(token))
    .send({
      summary: 'We apologised for the wait and changed how the waiting room is kept informed.',
      complainantSatisfied: true,
    })
    .expect(200);
  await detailWhen(reference, token, (detail) => detail.closedAt !== null);

  const [invitation] = await inbox.waitFor(
    (m) =>
      m.to.some((to) => to.address === body.complainant.email) && m.subject.endsWith('complaints process?'),
  );
  expect(invitation.text).toContain('Your complaint has now closed');
  const link = /\/nct\/survey\?link=([A-Za-z0-9_-]+)/.exec(invitation.text);
  expect(link).not.toBeNull();
  const secret = link![1];
  // The workflow's history carries the reference and the step only, never the link (ADR 0023).
  const invitations = await owner.query(
    `SELECT respondent, status FROM experience_survey_invitation WHERE idempotency_key LIKE $1`,
    [`${reference}:experience-survey:%`],
  );
  expect(invitations).toEqual(expect.arrayContaining([{ respondent: 'complainant', status: 'sent' }]));

  expect(await survey.open(secret)).toEqual({ organisation: 'NCT', respondent: 'complainant' });
  // Opening the page does not spend the link; answering does, once.
  expect(await survey.open(secret)).toEqual({ organisation: 'NCT', respondent: 'complainant' });
  const comment = `The letters were clear ${uniqueSuffix()}`;
  expect(
    await survey.answer(secret, { overall: 'satisfied', keptInformed: 'yes-always' }, comment, 'req-1'),
  ).toEqual({ recorded: true });
  await refusedAsGone(survey.answer(secret, { overall: 'very-dissatisfied' }, undefined, 'req-2'));
  await refusedAsGone(survey.open(secret));

  const stored: Record<string, unknown>[] = await owner.query(
    `SELECT * FROM experience_survey_answer WHERE comment = $1`,
    [comment],
  );
  expect(stored).toHaveLength(1);
  const { id: _id, ...row } = stored[0];
  expect(row).toEqual({
    organisation_code: 'NCT',
    profile_id: 'phso-model',
    respondent: 'complainant',
    closure_quarter: expect.stringMatching(/^\d{4}-\d{2}-Q[1-4]$/),
    closure_quarter_from: expect.any(Date),
    answers: { overall: 'satisfied', keptInformed: 'yes-always' },
    comment,
  });
  // Nothing in the answer leads back to the case, the person or the link.
  const [{ id: complaintId }] = await owner.query(`SELECT id FROM complaint WHERE reference = $1`, [
    reference,
  ]);
  const text = JSON.stringify(stored[0]);
  for (const trace of [reference, complaintId, body.complainant.email, body.complainant.name, secret])
    expect(text).not.toContain(trace);
  // The link's use is in the access log, as any access link's.
  const logged = await owner.query(
    `SELECT action, resource, basis FROM access_log_entry WHERE complaint_reference = $1 AND staff_id LIKE 'access-link:%'`,
    [reference],
  );
  expect(logged).toEqual([{ action: 'act', resource: 'POST /public-survey/answers', basis: 'access-link' }]);
});

describe('the experience survey report', () => {
  const organisation = `S${uniqueSuffix().slice(-6).toUpperCase()}`;

  beforeAll(async () => {
    await owner.query(
      `INSERT INTO organisation (code, name, profile_id, profile_version) VALUES ($1, $2, 'hpft', 1)`,
      [organisation, `Survey test ${organisation}`],
    );
    const answer = (
      respondent: string,
      quarter: string,
      from: string,
      answers: object,
      comment: string | null,
    ) =>
      owner.query(
        `INSERT INTO experience_survey_answer (organisation_code, profile_id, respondent, closure_quarter,
           closure_quarter_from, answers, comment) VALUES ($1, 'hpft', $2, $3, $4, $5, $6)`,
        [organisation, respondent, quarter, from, answers, comment],
      );
    // 2001-02 Q1 (April–June 2001): ten complainants and two staff; one complainant in Q2.
    const overall = [...Array(5).fill('satisfied'), ...Array(4).fill('very-satisfied'), 'dissatisfied'];
    for (const [index, choice] of overall.entries())
      await answer(
        'complainant',
        '2001-02-Q1',
        '2001-04-01',
        { overall: choice },
        index < 2 ? `comment ${2 - index}` : null,
      );
    await answer('staff', '2001-02-Q1', '2001-04-01', { overall: 'satisfied' }, 'a staff comment');
    await answer('staff', '2001-02-Q1', '2001-04-01', { overall: 'neither' }, null);
    await answer('complainant', '2001-02-Q2', '2001-07-01', { overall: 'very-satisfied' }, null);
  });

  it('counts answers only in aggregate, withholding small numbers and the comments of a small group', async () => {
    const report = await survey.report(organisation, '2001-04-01', '2001-06-30');
    expect(report).toMatchObject({ quarters: ['2001-02-Q1'], suppressedBelow: 5 });
    const [complainants, staff] = report.respondents;
    expect(complainants.respondent).toBe('complainant');
    expect(complainants.responses).toBe(10);
    // dissatisfied 1 is small; very-satisfied 4 is withheld with it, so the withheld cells hold five and
    // 10 − 5 − 0 gives nothing away: satisfied 5 and the zeros show.
    expect(complainants.questions.overall).toEqual({
      'very-satisfied': null,
      satisfied: 5,
      neither: 0,
      dissatisfied: null,
      'very-dissatisfied': 0,
      'not-answered': 0,
    });
    expect(complainants.questions.keptInformed).toEqual({
      'yes-always': 0,
      'yes-sometimes': 0,
      no: 0,
      'not-answered': 10,
    });
    expect(complainants.comments).toEqual(['comment 1', 'comment 2']);
    // Two staff answered: too few to show anything, their comment included.
    expect(staff).toEqual(expect.objectContaining({ respondent: 'staff', responses: null, comments: null }));
    expect(Object.values(staff.questions.overall).every((count) => count === null)).toBe(true);

    const year = await survey.report(organisation, '2001-04-01', '2002-03-31');
    expect(year.quarters).toEqual(['2001-02-Q1', '2001-02-Q2', '2001-02-Q3', '2001-02-Q4']);
    expect(year.respondents[0].responses).toBe(11);
  });

  it('is served to complaints managers and leaders of the organisation, for whole months only', async () => {
    const manager = await tokenFor('complaints-manager@hpft.demo');
    const ok = await api()
      .get('/reports/experience-survey?from=2026-04-01&to=2026-06-30')
      .set(as(manager))
      .expect(200);
    expect(ok.body).toMatchObject({ organisation: 'HPFT', quarters: ['2026-27-Q1'], suppressedBelow: 5 });
    expect(ok.body.respondents.map((r: { respondent: string }) => r.respondent)).toEqual([
      'complainant',
      'staff',
    ]);
    const narrow = await api()
      .get('/reports/experience-survey?from=2026-04-02&to=2026-06-30')
      .set(as(manager))
      .expect(400);
    expect(narrow.body.errors).toEqual([
      { field: 'from', reason: 'must be the first day of a month: reports cover whole months' },
    ]);
    await api()
      .get('/reports/experience-survey?from=2026-04-01&to=2026-06-30')
      .set(as(await tokenFor('staff@hpft.demo')))
      .expect(403);
  });

  it('refuses an unknown link and a link issued for another purpose alike', async () => {
    await refusedAsGone(survey.open('x'.repeat(43)));
    const [{ id }] = await owner.query(`SELECT id FROM complaint LIMIT 1`);
    const progress = await issueAccessLink(owner.manager, {
      purpose: 'complainant-progress',
      complaintId: id,
      singleUse: false,
      issuedBy: 'test',
      expiresAt: new Date(Date.now() + 60_000),
    });
    await refusedAsGone(survey.answer(progress.token, {}, undefined, null));
  });
});
