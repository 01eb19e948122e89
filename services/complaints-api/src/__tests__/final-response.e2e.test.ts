// Each profile driven from intake to closure through the HTTP API alone, with the real workers, Postgres,
// Temporal and SMTP: the closer look, the R-RESP-1 draft, R-INV-8, the profile's sign-off chain (R-RESP-2),
// the final response read back from the inbox with its Ombudsman route (R-RESP-3), promised actions
// (R-RESP-4), reopening (R-REOPEN-1) and CWTH's stage two (R-STAGE2-1).
import {
  addCalendarDays,
  createWorkingDayCalendar,
  getProfile,
  workingDaysAfterReceipt,
  type ProfileId,
} from '@complaints/domain';
import { MailInbox, type ReceivedMessage } from '@complaints/testing';
import { as, complaintBody, tokenFor, useApi, type ComplaintDetail } from './api-harness';

const { api, detailWhen } = useApi({ timeoutMs: 120_000 });

const inbox = new MailInbox();
const calendar = createWorkingDayCalendar();
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const ORGANISATIONS: Record<ProfileId, string> = {
  'phso-model': 'NCT',
  hpft: 'HPFT',
  itrust: 'ITRUST',
  cwth: 'CWTH',
};

interface Case {
  organisation: string;
  profile: ProfileId;
  reference: string;
  body: ReturnType<typeof complaintBody>;
  tokens: Record<'handler' | 'manager' | 'chief' | 'director', string>;
}

/** The case's record once `accept` holds, as its handler sees it. */
function caseWhen(c: Case, accept: (detail: ComplaintDetail) => boolean): Promise<ComplaintDetail> {
  return detailWhen(c.reference, c.tokens.handler, accept);
}

/** A complaint acknowledged in writing and in its closer look (PHSO model: with an agreed date). */
async function inCloserLook(profile: ProfileId): Promise<Case> {
  const organisation = ORGANISATIONS[profile];
  const domain = organisation.toLowerCase();
  const tokens = {
    handler: await tokenFor(`handler@${domain}.demo`),
    manager: await tokenFor(`complaints-manager@${domain}.demo`),
    chief: await tokenFor(`responsible-person@${domain}.demo`),
    director: await tokenFor(`senior-manager@${domain}.demo`),
  };
  const body = complaintBody({
    organisation,
    issues: [
      { description: 'Nobody told me why my appointment was cancelled <b>twice</b>.' },
      { description: 'The receptionist was rude when I asked.' },
    ],
  });
  const created = await api().post('/complaints').set(as(tokens.handler)).send(body).expect(201);
  const c: Case = { organisation, profile, reference: created.body.reference, body, tokens };
  await api()
    .post(`/complaints/${c.reference}/acknowledgement`)
    .set(as(tokens.handler))
    .send({ method: 'written' })
    .expect(200);
  const started = await caseWhen(c, (d) => d.stage === 'early-resolution' || d.stage === 'closer-look');
  if (started.stage === 'early-resolution') {
    await api().post(`/complaints/${c.reference}/closer-look`).set(as(tokens.handler)).expect(200);
  }
  if (profile === 'phso-model') {
    const due = workingDaysAfterReceipt(body.receivedOn, 40, calendar)!;
    await api()
      .post(`/complaints/${c.reference}/timescale`)
      .set(as(tokens.handler))
      .send({ due })
      .expect(200);
  }
  return c;
}

/** A complete draft: every R-RESP-1 section, a finding per issue, remedies and one promised action. */
function completeDraft(c: Case, detail: ComplaintDetail, overrides: Record<string, unknown> = {}) {
  const due = workingDaysAfterReceipt(londonToday(), 20, calendar)!;
  return {
    sections: {
      'issues-and-outcome-sought': 'You asked why your appointment was cancelled and for an apology.',
      'how-investigated': 'We read the booking records and spoke to the clinic manager.',
      'evidence-considered': 'The booking system audit trail and the clinic rota.',
      'what-went-wrong': 'The clinic should have phoned you; it sent no notice at all.',
      impact: 'You took two days off work for appointments that did not happen.',
      apology: `We are sorry for the cancellations and for how you were spoken to (${c.reference}).`,
      'wider-learning': 'Every cancellation now triggers a phone call and a text message.',
      'staying-involved': 'We will write to you when the new booking checks are in place.',
    },
    findings: detail.issues.map((issue, index) => ({
      issueId: issue.id,
      outcome: index === 0 ? 'upheld' : 'partially-upheld',
      finding:
        index === 0 ? 'The cancellations were not communicated.' : 'The tone fell short of our standards.',
    })),
    remedies: [
      { kind: 'apology', detail: 'This letter, and a call from the clinic manager.' },
      {
        kind: 'policy-or-procedure-change',
        detail: 'Cancellation calls are now part of the booking procedure.',
      },
    ],
    actions: [
      {
        description: 'Audit cancellation calls for three months',
        ownerId: `${c.organisation.toLowerCase()}-handler`,
        due,
      },
    ],
    careContext: 'nhs-care',
    partiesComments: 'The complainant agreed the findings on the phone.',
    ...(c.profile === 'hpft'
      ? { coverLetter: 'I have read your complaint and our response personally.' }
      : {}),
    ...overrides,
  };
}

/** Saves the draft, shares the outcome and submits; returns the version. */
async function submit(c: Case, draft: Record<string, unknown>): Promise<number> {
  const saved = await api()
    .post(`/complaints/${c.reference}/final-response/drafts`)
    .set(as(c.tokens.handler))
    .send(draft)
    .expect(201);
  expect(saved.body.missing).toEqual([]);
  await api()
    .post(`/complaints/${c.reference}/final-response/outcome-sharing`)
    .set(as(c.tokens.handler))
    .send({ commentsRecorded: true })
    .expect(200);
  await api()
    .post(`/complaints/${c.reference}/final-response/submission`)
    .set(as(c.tokens.handler))
    .send({ version: saved.body.version })
    .expect(200);
  return saved.body.version;
}

/** Every step of the profile's chain, by the user holding its role (R-RESP-2). */
async function signOff(c: Case, version: number): Promise<void> {
  for (const step of getProfile(c.profile).finalResponseApproval) {
    const token = step.roles[0] === 'complaints-manager' ? c.tokens.manager : c.tokens.chief;
    await api()
      .post(`/complaints/${c.reference}/final-response/approval`)
      .set(as(token))
      .send({ step: step.step, version })
      .expect(200);
  }
}

function finalResponseLetter(c: Case, subject = 'our final response'): Promise<ReceivedMessage[]> {
  return inbox.waitFor((m) => m.subject === `Your complaint ${c.reference}: ${subject}`);
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.each([
  ['phso-model', 'Parliamentary and Health Service Ombudsman'],
  ['hpft', 'Parliamentary and Health Service Ombudsman'],
  ['itrust', 'independent'],
  ['cwth', 'NHS England'],
] as const)('%s: closer look to closure through the API', (profile, ombudsman) => {
  it('the signed final response reaches the person with its Ombudsman route; the promised action closes it (R-RESP-1…4)', async () => {
    const c = await inCloserLook(profile);
    const detail = await caseWhen(c, (d) => d.stage === 'closer-look');
    const version = await submit(c, completeDraft(c, detail));
    await caseWhen(c, (d) => d.stage === 'awaiting-sign-off');
    await signOff(c, version);

    const [letter] = await finalResponseLetter(c);
    expect(letter.to[0].address).toBe(c.body.complainant.email);
    const text = flat(letter.text);
    expect(text).toContain('The cancellations were not communicated.');
    expect(text).toContain('Nobody told me why my appointment was cancelled <b>twice</b>.');
    expect(letter.html).toContain('&lt;b&gt;twice&lt;/b&gt;');
    expect(text).toContain(ombudsman);
    if (profile === 'hpft') {
      const [cover] = await finalResponseLetter(c, 'a letter from our Chief Executive');
      expect(flat(cover.text)).toContain('I have read your complaint and our response personally.');
    }

    const responded = await caseWhen(c, (d) => d.stage === 'responded');
    expect(responded.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'outcome-shared',
        'final-response-submitted',
        'final-response-approved',
        'final-response-sent',
      ]),
    );
    // R-MON-1: each issue has its finding's outcome; the promised action is on the action plan (ADR 0024).
    expect(responded.outcome).toBe(responded.issues.length === 1 ? 'upheld' : 'partially-upheld');
    expect(responded.issues.map((issue) => issue.outcome)).toEqual(
      responded.issues.map((_, index) => (index === 0 ? 'upheld' : 'partially-upheld')),
    );
    expect(responded.actions).toEqual([
      expect.objectContaining({
        id: 'action-1',
        source: 'promised',
        description: 'Audit cancellation calls for three months',
        ownerId: `${c.organisation.toLowerCase()}-handler`,
        status: 'open',
      }),
    ]);
    const cancelPromised = await api()
      .post(`/complaints/${c.reference}/actions/action-1/cancellation`)
      .set(as(c.tokens.handler))
      .send({ reason: 'no longer needed' })
      .expect(409);
    expect(cancelPromised.body.rule).toBe('R-RESP-4');
    await api()
      .post(`/complaints/${c.reference}/actions/action-1/completion`)
      .set(as(c.tokens.handler))
      .send({})
      .expect(400);
    const done = await api()
      .post(`/complaints/${c.reference}/actions/action-1/completion`)
      .set(as(c.tokens.handler))
      .send({ evidence: 'The three-month audit report, signed off by the clinic manager.' })
      .expect(200);
    expect(done.body).toMatchObject({ id: 'action-1', status: 'done', source: 'promised' });
    await inbox.waitFor(
      (m) => m.subject === `Your complaint ${c.reference}: every action we promised is done`,
    );
    const closed = await caseWhen(c, (d) => d.closedAt !== null);
    expect(closed.stage).toBe('closed');
  });
});

it('HPFT: a response about NHS care and social care together names both Ombudsmen, the PHSO first (R-RESP-3, issue #12 point 7)', async () => {
  const c = await inCloserLook('hpft');
  const detail = await caseWhen(c, (d) => d.stage === 'closer-look');
  const version = await submit(c, completeDraft(c, detail, { careContext: 'health-and-social-care' }));
  await caseWhen(c, (d) => d.stage === 'awaiting-sign-off');
  await signOff(c, version);
  const text = flat((await finalResponseLetter(c))[0].text);
  expect(text).toContain('Your complaint is about NHS care and social care.');
  expect(text).toContain('They work together on complaints about both');
  expect(text.indexOf('Parliamentary and Health Service Ombudsman')).toBeGreaterThan(-1);
  expect(text.indexOf('Local Government and Social Care Ombudsman')).toBeGreaterThan(
    text.indexOf('Parliamentary and Health Service Ombudsman'),
  );
});

it('iTrust: each promised action is completed by its owner, and the person hears of each; someone else on the case cannot complete it (issue #12 point 7, R-RESP-4)', async () => {
  const c = await inCloserLook('itrust');
  const detail = await caseWhen(c, (d) => d.stage === 'closer-look');
  const due = workingDaysAfterReceipt(londonToday(), 20, calendar)!;
  const version = await submit(
    c,
    completeDraft(c, detail, {
      actions: [
        { description: 'Audit cancellation calls for three months', ownerId: 'itrust-handler', due },
        {
          description: 'Put the cancellations leaflet in every clinic',
          ownerId: 'itrust-complaint-lead',
          due,
        },
      ],
    }),
  );
  await caseWhen(c, (d) => d.stage === 'awaiting-sign-off');
  await signOff(c, version);
  await caseWhen(c, (d) => d.stage === 'responded');
  // The complaint lead owns the second action only: they joined the case team by owning it.
  const lead = await tokenFor('complaint-lead@itrust.demo');
  const notTheirs = await api()
    .post(`/complaints/${c.reference}/actions/action-1/completion`)
    .set(as(lead))
    .send({ evidence: 'Done.' })
    .expect(403);
  expect(notTheirs.body).toMatchObject({ rule: 'R-RESP-4', status: 403 });
  await api()
    .post(`/complaints/${c.reference}/actions/action-2/completion`)
    .set(as(lead))
    .send({ evidence: 'Leaflets in all six clinics, checked by the matron.' })
    .expect(200);
  const [one] = await inbox.waitFor(
    (m) => m.subject === `Your complaint ${c.reference}: an action we promised is done`,
  );
  expect(one.to[0].address).toBe(c.body.complainant.email);
  expect(flat(one.text)).toContain('Put the cancellations leaflet in every clinic');
  expect(flat(one.text)).not.toContain('Audit cancellation calls');
  expect(flat(one.text)).toContain('still to be done');
  expect((await caseWhen(c, (d) => d.stage === 'responded')).closedAt).toBeNull();

  await api()
    .post(`/complaints/${c.reference}/actions/action-1/completion`)
    .set(as(c.tokens.handler))
    .send({ evidence: 'The three-month audit report.' })
    .expect(200);
  await inbox.waitFor((m) => m.subject === `Your complaint ${c.reference}: every action we promised is done`);
  await caseWhen(c, (d) => d.closedAt !== null);
  const told = await inbox.waitFor((m) => m.subject.startsWith(`Your complaint ${c.reference}: an action`));
  expect(told).toHaveLength(1);
});

it('a response missing an R-RESP-1 element cannot be submitted; the refusal names it, and nothing changes', async () => {
  const c = await inCloserLook('itrust');
  const detail = await caseWhen(c, (d) => d.stage === 'closer-look');
  const draft = completeDraft(c, detail);
  const incomplete = {
    ...draft,
    sections: { ...draft.sections, impact: '  ' },
    findings: draft.findings.slice(0, 1),
  };
  const saved = await api()
    .post(`/complaints/${c.reference}/final-response/drafts`)
    .set(as(c.tokens.handler))
    .send(incomplete)
    .expect(201);
  expect(saved.body.missing.map((m: { element: string }) => m.element)).toEqual(['impact', 'findings']);
  await api()
    .post(`/complaints/${c.reference}/final-response/outcome-sharing`)
    .set(as(c.tokens.handler))
    .send({ commentsRecorded: false })
    .expect(200);
  const refused = await api()
    .post(`/complaints/${c.reference}/final-response/submission`)
    .set(as(c.tokens.handler))
    .send({ version: saved.body.version })
    .expect(409);
  expect(refused.body.rule).toBe('R-RESP-1');
  expect(refused.body.detail).toContain('impact');
  expect(refused.body.detail).toContain(detail.issues[1].id);
  expect((await caseWhen(c, () => true)).stage).toBe('closer-look');
});

it('bad drafts and bad sign-offs are refused with problem details naming the field or rule', async () => {
  const c = await inCloserLook('hpft');
  const detail = await caseWhen(c, (d) => d.stage === 'closer-look');
  const invalid = await api()
    .post(`/complaints/${c.reference}/final-response/drafts`)
    .set(as(c.tokens.handler))
    .send({
      ...completeDraft(c, detail),
      careContext: 'somewhere',
      remedies: [{ kind: 'cake', detail: 'x' }],
    })
    .expect(400);
  expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
    'careContext',
    'remedies.0.kind',
  ]);
  const stranger = await api()
    .post(`/complaints/${c.reference}/final-response/drafts`)
    .set(as(c.tokens.handler))
    .send(completeDraft(c, detail, { actions: [{ description: 'x', ownerId: 'nobody', due: '2030-01-01' }] }))
    .expect(422);
  expect(stranger.body.errors).toEqual([{ field: 'actions[0].ownerId', reason: expect.any(String) }]);

  const noCover = await api()
    .post(`/complaints/${c.reference}/final-response/drafts`)
    .set(as(c.tokens.handler))
    .send(completeDraft(c, detail, { coverLetter: undefined }))
    .expect(201);
  await api()
    .post(`/complaints/${c.reference}/final-response/outcome-sharing`)
    .set(as(c.tokens.handler))
    .send({ commentsRecorded: true })
    .expect(200);
  const withoutCover = await api()
    .post(`/complaints/${c.reference}/final-response/submission`)
    .set(as(c.tokens.handler))
    .send({ version: noCover.body.version })
    .expect(409);
  expect(withoutCover.body.rule).toBe('R-RESP-2');

  const version = await submit(c, completeDraft(c, detail));
  // HPFT: the complaints team checks before the Chief Executive approves.
  const outOfOrder = await api()
    .post(`/complaints/${c.reference}/final-response/approval`)
    .set(as(c.tokens.chief))
    .send({ step: 'chief-executive-approval', version })
    .expect(409);
  expect(outOfOrder.body).toEqual(expect.objectContaining({ rule: 'R-RESP-2' }));
  const notTheirs = await api()
    .post(`/complaints/${c.reference}/final-response/approval`)
    .set(as(c.tokens.handler))
    .send({ step: 'complaints-team-check', version })
    .expect(403);
  expect(notTheirs.body.title).toBe('Forbidden');
  // HPFT's senior managers sign no step, so the response is not theirs to see (R-INT-8 need-to-know): 404.
  await api()
    .post(`/complaints/${c.reference}/final-response/approval`)
    .set(as(c.tokens.director))
    .send({ step: 'chief-executive-approval', version })
    .expect(404);
});

it('HPFT: a reopened complaint gets its letter and 60 working days from the reopening (R-REOPEN-1)', async () => {
  const c = await inCloserLook('hpft');
  const detail = await caseWhen(c, (d) => d.stage === 'closer-look');
  await signOff(c, await submit(c, completeDraft(c, detail, { actions: [] })));
  await caseWhen(c, (d) => d.closedAt !== null);
  // Issue #12 point 10: the reopening says why, on a day between the response and today.
  const reopening = (body: object) =>
    api().post(`/complaints/${c.reference}/reopening`).set(as(c.tokens.handler)).send(body);
  const unreasoned = await reopening({}).expect(400);
  expect(unreasoned.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  const beforeResponse = await reopening({
    reason: 'issues-not-answered',
    on: addCalendarDays(londonToday(), -1),
  }).expect(409);
  expect(beforeResponse.body).toEqual(
    expect.objectContaining({
      rule: 'R-REOPEN-1',
      detail: expect.stringContaining('before the final response was sent'),
    }),
  );
  const future = await reopening({
    reason: 'issues-not-answered',
    on: addCalendarDays(londonToday(), 1),
  }).expect(409);
  expect(future.body.detail).toContain('after today');
  await reopening({ reason: 'issues-not-answered', on: londonToday() }).expect(200);
  const reopened = await caseWhen(c, (d) => d.stage === 'closer-look' && d.closedAt === null);
  const due = workingDaysAfterReceipt(londonToday(), 60, calendar);
  expect(reopened.deadlines.finalResponse).toBe(due);
  const [letter] = await inbox.waitFor(
    (m) => m.subject === `Your complaint ${c.reference}: we have reopened it`,
  );
  expect(letter.to[0].address).toBe(c.body.complainant.email);
});

it('CWTH: stage two instead of reopening, acknowledged by letter; its decision is final (R-STAGE2-1)', async () => {
  const c = await inCloserLook('cwth');
  const detail = await caseWhen(c, (d) => d.stage === 'closer-look');
  await signOff(c, await submit(c, completeDraft(c, detail, { actions: [] })));
  await caseWhen(c, (d) => d.closedAt !== null);
  const reopen = await api()
    .post(`/complaints/${c.reference}/reopening`)
    .set(as(c.tokens.handler))
    .send({ reason: 'disagrees-with-findings' })
    .expect(409);
  expect(reopen.body.rule).toBe('R-STAGE2-1');
  await api()
    .post(`/complaints/${c.reference}/stage-two-review`)
    .set(as(c.tokens.handler))
    .send({ reason: 'disagrees-with-findings' })
    .expect(200);
  await inbox.waitFor((m) => m.subject === `Your complaint ${c.reference}: your request for a review`);
  const review = await caseWhen(c, (d) => d.stage === 'closer-look' && d.closedAt === null);
  await signOff(c, await submit(c, completeDraft(c, review, { actions: [] })));
  await finalResponseLetter(c, 'the outcome of your stage-two review');
  await caseWhen(c, (d) => d.closedAt !== null);
  const again = await api()
    .post(`/complaints/${c.reference}/stage-two-review`)
    .set(as(c.tokens.handler))
    .send({ reason: 'disagrees-with-findings' })
    .expect(409);
  expect(again.body).toEqual(
    expect.objectContaining({ rule: 'R-STAGE2-1', detail: expect.stringContaining('final') }),
  );
});

describe('R-RESP-2: signed by the Responsible Person or a recorded delegate, and the letter names who signed', () => {
  const delegations = (token: string) => ({
    record: (body: object) => api().post('/sign-off-delegations').set(as(token)).send(body),
    list: (query = '') => api().get(`/sign-off-delegations${query}`).set(as(token)),
    end: (id: string) => api().post(`/sign-off-delegations/${id}/end`).set(as(token)),
  });

  it('R-RESP-2 PHSO model: a senior manager signs only under a current delegation, on behalf of the Chief Executive; ended, they cannot', async () => {
    const [a, b] = await Promise.all([inCloserLook('phso-model'), inCloserLook('phso-model')]);
    const [versionA, versionB] = await Promise.all(
      [a, b].map(async (c) =>
        submit(c, completeDraft(c, await caseWhen(c, (d) => d.stage === 'closer-look'), { actions: [] })),
      ),
    );
    await Promise.all([a, b].map((c) => caseWhen(c, (d) => d.stage === 'awaiting-sign-off')));
    const sign = (c: Case, version: number) =>
      api()
        .post(`/complaints/${c.reference}/final-response/approval`)
        .set(as(c.tokens.director))
        .send({ step: 'sign-off', version });

    // No delegation recorded: a senior manager is not the Responsible Person's delegate (403, R-RESP-2).
    const undelegated = await sign(a, versionA).expect(403);
    expect(undelegated.body).toEqual(
      expect.objectContaining({ rule: 'R-RESP-2', detail: expect.stringContaining('current delegation') }),
    );

    // Bad input: each field named with its reason (RFC 9457 problem details).
    const today = londonToday();
    const bad = await delegations(a.tokens.chief)
      .record({
        delegateId: 'nct-handler',
        function: 'final-response-sign-off',
        from: addCalendarDays(today, -1),
        until: addCalendarDays(today, -2),
      })
      .expect(400);
    expect(bad.body.errors).toEqual([
      { field: 'delegateId', reason: expect.stringContaining('not a senior manager') },
      { field: 'from', reason: `must be today (${today}) or later` },
      { field: 'until', reason: 'must not be before from' },
    ]);
    const tooLong = await delegations(a.tokens.chief)
      .record({
        delegateId: 'nct-senior-manager',
        function: 'final-response-sign-off',
        from: today,
        until: addCalendarDays(today, 400),
      })
      .expect(400);
    expect(tooLong.body.errors).toEqual([
      { field: 'until', reason: expect.stringContaining('at most 366 days') },
    ]);
    const unnamed = await delegations(a.tokens.manager)
      .record({
        delegateId: 'nct-senior-manager',
        function: 'final-response-sign-off',
        from: today,
        until: today,
      })
      .expect(400);
    expect(unnamed.body.errors).toEqual([
      { field: 'delegatedBy', reason: expect.stringContaining('name the one') },
    ]);
    await delegations(a.tokens.handler)
      .record({
        delegateId: 'nct-senior-manager',
        function: 'final-response-sign-off',
        from: today,
        until: today,
      })
      .expect(403);

    // The complaints manager records it for the Chief Executive: who, to whom, what, from, until, by whom.
    const until = addCalendarDays(today, 14);
    const recorded = await delegations(a.tokens.manager)
      .record({
        delegatedBy: 'nct-responsible-person',
        delegateId: 'nct-senior-manager',
        function: 'final-response-sign-off',
        from: today,
        until,
      })
      .expect(201);
    expect(recorded.body).toEqual(
      expect.objectContaining({
        organisationCode: 'NCT',
        delegatedBy: 'nct-responsible-person',
        delegateId: 'nct-senior-manager',
        function: 'final-response-sign-off',
        from: today,
        until,
        recordedBy: 'nct-complaints-manager',
        endedAt: null,
        current: true,
      }),
    );
    const current = (await delegations(a.tokens.director).list('?current=true').expect(200)).body;
    expect(current.map((d: { id: string }) => d.id)).toContain(recorded.body.id);
    await delegations(a.tokens.director).list('?current=maybe').expect(400);

    // Signed by the delegate: the letter names them and whom they signed for, and the timeline the delegation.
    await sign(a, versionA).expect(200);
    const [letter] = await finalResponseLetter(a);
    const text = flat(letter.text);
    expect(text).toContain(
      'Yours sincerely, Director of Nursing (NCT) Director of Nursing on behalf of the Chief Executive Northfield Community NHS Trust',
    );
    expect(text).not.toContain('Complaints Team');
    const signed = await caseWhen(a, (d) =>
      d.timeline.some((e) => e.type === 'final-response-signed-by-delegate'),
    );
    expect(signed.timeline.find((e) => e.type === 'final-response-signed-by-delegate')).toEqual(
      expect.objectContaining({
        rule: 'R-RESP-2',
        data: {
          step: 'sign-off',
          version: versionA,
          delegationId: recorded.body.id,
          delegatedBy: 'nct-responsible-person',
        },
      }),
    );

    // Ended early: the delegate can no longer sign; ending again is refused.
    const ended = await delegations(a.tokens.chief).end(recorded.body.id).expect(200);
    expect(ended.body).toEqual(
      expect.objectContaining({
        endedBy: 'nct-responsible-person',
        current: false,
        endedAt: expect.any(String),
      }),
    );
    expect((await delegations(a.tokens.chief).end(recorded.body.id).expect(409)).body.rule).toBe('R-RESP-2');
    await delegations(a.tokens.chief).end('3fa85f64-5717-4562-b3fc-2c963f66afa6').expect(404);
    expect((await sign(b, versionB).expect(403)).body.rule).toBe('R-RESP-2');

    // The Responsible Person signs in their own name and title.
    await api()
      .post(`/complaints/${b.reference}/final-response/approval`)
      .set(as(b.tokens.chief))
      .send({ step: 'sign-off', version: versionB })
      .expect(200);
    const [own] = await finalResponseLetter(b);
    expect(flat(own.text)).toContain(
      'Yours sincerely, Chief Executive (NCT) Chief Executive Northfield Community NHS Trust',
    );
    expect(flat(own.text)).not.toContain('on behalf of');
  });

  it("R-RESP-2 HPFT: the Chief Executive's delegate approves the response and cover letter, both signed on the Chief Executive's behalf", async () => {
    const c = await inCloserLook('hpft');
    const version = await submit(
      c,
      completeDraft(c, await caseWhen(c, (d) => d.stage === 'closer-look'), { actions: [] }),
    );
    await caseWhen(c, (d) => d.stage === 'awaiting-sign-off');
    const today = londonToday();
    const delegation = {
      delegateId: 'hpft-senior-manager',
      function: 'final-response-sign-off',
      from: today,
      until: today,
    };
    const recorded = await api()
      .post('/sign-off-delegations')
      .set(as(c.tokens.chief))
      .send(delegation)
      .expect(201);
    try {
      expect(recorded.body).toEqual(
        expect.objectContaining({
          delegatedBy: 'hpft-responsible-person',
          recordedBy: 'hpft-responsible-person',
        }),
      );
      // One delegation at a time for a delegate: an overlapping one is refused, naming the one held.
      const overlapping = await api()
        .post('/sign-off-delegations')
        .set(as(c.tokens.manager))
        .send({ ...delegation, delegatedBy: 'hpft-responsible-person', until: addCalendarDays(today, 7) })
        .expect(409);
      expect(overlapping.body).toEqual(
        expect.objectContaining({ rule: 'R-RESP-2', detail: expect.stringContaining(recorded.body.id) }),
      );
      await api()
        .post(`/complaints/${c.reference}/final-response/approval`)
        .set(as(c.tokens.manager))
        .send({ step: 'complaints-team-check', version })
        .expect(200);
      // The Chief Executive's step is asked of the delegate too, by the same email.
      const [request] = await inbox.waitFor(
        (m) =>
          m.subject === `Approval needed: final response for complaint ${c.reference}` &&
          m.to.some((to) => to.address === 'responsible-person@hpft.demo'),
      );
      expect(request.to.map((to) => to.address)).toEqual(
        expect.arrayContaining(['responsible-person@hpft.demo', 'senior-manager@hpft.demo']),
      );
      // The delegate may now open the response awaiting sign-off (need-to-know) and sign it.
      await api()
        .post(`/complaints/${c.reference}/final-response/approval`)
        .set(as(c.tokens.director))
        .send({ step: 'chief-executive-approval', version })
        .expect(200);
      const signature =
        'Yours sincerely, Deputy Chief Executive (HPFT) Deputy Chief Executive on behalf of the Chief Executive Hertfordshire Partnership University NHS Foundation Trust';
      const [letter] = await finalResponseLetter(c);
      expect(flat(letter.text)).toContain(signature);
      const [cover] = await finalResponseLetter(c, 'a letter from our Chief Executive');
      expect(flat(cover.text)).toContain(signature);
    } finally {
      // HPFT's senior manager holds no delegation in the other tests.
      await api().post(`/sign-off-delegations/${recorded.body.id}/end`).set(as(c.tokens.chief));
    }
  });
});
