// A joint HPFT + council complaint from the lead's side, through the HTTP API with the real workers, Postgres,
// Temporal and SMTP (procedure §6): the lead proposed and recorded (R-JOINT-1), consent to share per partner
// and a copied organisation that sends nothing (R-JOINT-2), the signature held until the partners approved the
// version (R-JOINT-5), and the letters read back from the inbox: the joint protocol named, each part
// attributed, the offer to discuss it with the organisations concerned, PHSO and LGSCO. A lead off this system
// and the commissioner route (R-JOINT-8), both ways: forwarded to HPFT, or handled by the ICB itself. The partners' jointResponse workflow is not run here (it is the
// joint-protocol service's); its approval arrives as that workflow sends it, the jointDraftApproved signal.
import { SEARCH_ATTRIBUTES } from '@complaints/temporal';
import { MailInbox } from '@complaints/testing';
import { jointDraftApprovedSignal } from '@complaints/workflows/messages';
import { as, complaintBody, eventually, tokenFor, useApi, type ComplaintDetail } from './api-harness';

const { api, detailWhen, workers } = useApi({ timeoutMs: 180_000 });
const inbox = new MailInbox();
const flat = (text: string) => text.replace(/\s+/g, ' ');
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const HPFT = 'Hertfordshire Partnership University NHS Foundation Trust';
const COUNCIL = 'Hertfordshire County Council Adult Care Services';

let handler: string;
let manager: string;
let chief: string;

beforeAll(async () => {
  [handler, manager, chief] = await Promise.all([
    tokenFor('handler@hpft.demo'),
    tokenFor('complaints-manager@hpft.demo'),
    tokenFor('responsible-person@hpft.demo'),
  ]);
});

async function recordComplaint(overrides: Record<string, unknown> = {}) {
  const body = complaintBody({
    issues: [
      { description: 'The crisis team did not visit my father after his discharge.' },
      { description: 'The council stopped his home care visits without telling us.' },
    ],
    ...overrides,
  });
  const created = await api().post('/complaints').set(as(handler)).send(body).expect(201);
  const detail = await detailWhen(created.body.reference, handler, (d) => d.issues.length === 2);
  return { reference: created.body.reference as string, body, detail };
}

const members = (detail: ComplaintDetail) => [
  {
    code: 'HPFT',
    issueIds: [detail.issues[0].id],
    seriousness: 3,
    receivedOn: londonToday(),
    ongoingContact: true,
  },
  { code: 'HCCACS', issueIds: [detail.issues[1].id], seriousness: 2 },
  { code: 'ENHT', copiedOnly: true, issueIds: [], seriousness: 1 },
];

describe('a joint HPFT and council complaint, led by HPFT', () => {
  it('R-JOINT-1 R-JOINT-2 R-JOINT-5: joint case, consent, copy, the signature after the partners approved, one letter per step naming both organisations', async () => {
    const { reference, body, detail } = await recordComplaint();

    // R-JOINT-1: the primary focus (HPFT's part is the more serious) leads, and the decision is recorded.
    const joint = await api()
      .post(`/complaints/${reference}/joint-case`)
      .set(as(handler))
      .send({ protocol: 'hertfordshire', receivedBy: 'HPFT', members: members(detail), complex: true })
      .expect(201);
    expect(joint.body).toMatchObject({
      protocol: 'hertfordshire',
      lead: 'HPFT',
      receivedBy: 'HPFT',
      leadReceivedOn: body.receivedOn,
      leadDecision: {
        decisive: ['primary-focus'],
        reasons: 'the most serious part of the complaint concerns HPFT',
        proposed: 'HPFT',
      },
      decidedBy: 'hpft-handler',
      complex: true,
    });
    expect(
      joint.body.members.map((m: { code: string; role: string; consent: string; issueIds: string[] }) => [
        m.code,
        m.role,
        m.consent,
        m.issueIds,
      ]),
    ).toEqual([
      ['ENHT', 'copied', 'not-sought', []],
      ['HPFT', 'lead', 'not-sought', [detail.issues[0].id]],
      ['HCCACS', 'partner', 'not-sought', [detail.issues[1].id]],
    ]);

    // Operations find it by lead and partners (organisation codes only).
    const handle = workers().client.workflow.getHandle(reference);
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(SEARCH_ATTRIBUTES.joint)).toBe(true);
    expect(attributes.get(SEARCH_ATTRIBUTES.leadOrganisation)).toBe('HPFT');
    expect(attributes.get(SEARCH_ATTRIBUTES.partnerOrganisations)).toEqual(['HCCACS']);

    // Twice is refused, and changes nothing.
    const again = await api()
      .post(`/complaints/${reference}/joint-case`)
      .set(as(handler))
      .send({ protocol: 'hertfordshire', receivedBy: 'HPFT', members: members(detail) })
      .expect(409);
    expect(again.body.rule).toBe('R-JOINT-1');

    // R-JOINT-2: consent to share with the council; the trust merely copied in records its copy.
    const consent = await api()
      .put(`/complaints/${reference}/joint-case/partners/HCCACS/consent`)
      .set(as(handler))
      .send({ consent: 'given' })
      .expect(200);
    const council = consent.body.members.find((m: { code: string }) => m.code === 'HCCACS');
    expect(council).toMatchObject({ consent: 'given', consentRecordedAt: expect.any(String) });
    const copy = await api()
      .post(`/complaints/${reference}/joint-case/partners/ENHT/copy`)
      .set(as(handler))
      .send({ receivedOn: londonToday() })
      .expect(200);
    expect(copy.body.members.find((m: { code: string }) => m.code === 'ENHT').copyReceivedOn).toBe(
      londonToday(),
    );
    const notCopied = await api()
      .post(`/complaints/${reference}/joint-case/partners/HCCACS/copy`)
      .set(as(handler))
      .send({ receivedOn: londonToday() })
      .expect(409);
    expect(notCopied.body).toMatchObject({ rule: 'R-JOINT-2', detail: expect.stringContaining('a partner') });
    await api()
      .put(`/complaints/${reference}/joint-case/partners/EEAST/consent`)
      .set(as(handler))
      .send({ consent: 'given' })
      .expect(404);
    const badConsent = await api()
      .put(`/complaints/${reference}/joint-case/partners/HCCACS/consent`)
      .set(as(handler))
      .send({ consent: 'maybe' })
      .expect(400);
    expect(badConsent.body.errors.map((e: { field: string }) => e.field)).toEqual(['consent']);

    // The lead acknowledges; the letter says the joint protocol is used and names both organisations.
    await api()
      .post(`/complaints/${reference}/acknowledgement`)
      .set(as(handler))
      .send({ method: 'written' })
      .expect(200);
    const [acknowledgement] = await inbox.waitFor(
      (m) => m.subject === `Your complaint ${reference}: acknowledgement`,
    );
    expect(acknowledgement.to[0].address).toBe(body.complainant.email);
    const ackText = flat(acknowledgement.text);
    expect(ackText).toContain('Hertfordshire Joint Protocol, a joint protocol between these organisations');
    expect(ackText).toContain(`${HPFT} and ${COUNCIL}`);
    // The copied organisation sends no acknowledgement of its own, and nothing goes to it.
    // (Other packages' tests share the inbox and write to ENHT about their own complaints.)
    const toCopied = await inbox.messagesTo('complaints-manager@enht.demo');
    expect(toCopied.filter((m) => m.subject.includes(reference))).toEqual([]);
    expect(
      (await inbox.messagesTo(body.complainant.email)).filter((m) => /acknowledg/i.test(m.subject)),
    ).toHaveLength(1);

    const started = await detailWhen(reference, handler, (d) =>
      ['early-resolution', 'closer-look'].includes(d.stage),
    );
    if (started.stage === 'early-resolution')
      await api().post(`/complaints/${reference}/closer-look`).set(as(handler)).expect(200);
    await detailWhen(reference, handler, (d) => d.stage === 'closer-look');

    // R-JOINT-5: each part of the draft names the organisation that contributed it.
    const draft = {
      sections: {
        'issues-and-outcome-sought': 'You asked why the visits stopped and for them to restart.',
        'how-investigated': 'Both organisations read their records and spoke to their staff.',
        'evidence-considered': 'The crisis team log and the council care plan.',
        'what-went-wrong': 'Neither organisation told the other that the discharge had happened.',
        impact: 'Your father was without support for nine days.',
        apology: 'We are both sorry for the gap in his care.',
        'wider-learning': 'Discharges are now shared with the council on the day.',
        'staying-involved': 'We will write when the new sharing is in place.',
      },
      sectionContributors: [{ section: 'how-investigated', organisations: ['HPFT', 'HCCACS'] }],
      findings: [
        {
          issueId: detail.issues[0].id,
          outcome: 'upheld',
          finding: 'The crisis team visit was not booked.',
          contributedBy: ['HPFT'],
        },
        {
          issueId: detail.issues[1].id,
          outcome: 'upheld',
          finding: 'The care visits were stopped in error.',
          contributedBy: ['HCCACS'],
        },
      ],
      remedies: [{ kind: 'apology', detail: 'This letter.' }],
      actions: [],
      careContext: 'nhs-care',
      coverLetter: 'I have read this joint response personally.',
    };
    const wrongContributor = await api()
      .post(`/complaints/${reference}/final-response/drafts`)
      .set(as(handler))
      .send({ ...draft, sectionContributors: [{ section: 'impact', organisations: ['ENHT'] }] })
      .expect(400);
    expect(wrongContributor.body.errors).toEqual([
      {
        field: 'sectionContributors[0].organisations[0]',
        reason: 'ENHT is not the lead or a partner of this joint case',
      },
    ]);
    const saved = await api()
      .post(`/complaints/${reference}/final-response/drafts`)
      .set(as(handler))
      .send(draft)
      .expect(201);
    expect(saved.body.missing).toEqual([]);
    await api()
      .post(`/complaints/${reference}/final-response/outcome-sharing`)
      .set(as(handler))
      .send({ commentsRecorded: true })
      .expect(200);
    await api()
      .post(`/complaints/${reference}/final-response/submission`)
      .set(as(handler))
      .send({ version: saved.body.version })
      .expect(200);
    const shared = await eventually(
      () =>
        api()
          .get(`/complaints/${reference}/joint-case`)
          .set(as(handler))
          .then((response) => response.body),
      (view) => view.process?.shared?.length === 1,
    );
    expect(shared.process.shared[0].version).toBe(saved.body.version);

    // The complaints team's check goes ahead; the Chief Executive's signature waits for the partners.
    await api()
      .post(`/complaints/${reference}/final-response/approval`)
      .set(as(manager))
      .send({ step: 'complaints-team-check', version: saved.body.version })
      .expect(200);
    const early = await api()
      .post(`/complaints/${reference}/final-response/approval`)
      .set(as(chief))
      .send({ step: 'chief-executive-approval', version: saved.body.version })
      .expect(409);
    expect(early.body).toMatchObject({
      rule: 'R-JOINT-5',
      detail: expect.stringContaining('with the partners for approval'),
    });

    // Every partner approved: the jointResponse workflow's signal, as it sends it.
    await handle.signal(jointDraftApprovedSignal, { version: saved.body.version });
    await eventually(
      () =>
        api()
          .get(`/complaints/${reference}/joint-case`)
          .set(as(handler))
          .then((response) => response.body),
      (view) => view.process?.approvedVersions?.includes(saved.body.version),
    );
    await api()
      .post(`/complaints/${reference}/final-response/approval`)
      .set(as(chief))
      .send({ step: 'chief-executive-approval', version: saved.body.version })
      .expect(200);

    const [letter] = await inbox.waitFor(
      (m) => m.subject === `Your complaint ${reference}: our final response`,
      { timeoutMs: 30_000 },
    );
    const text = flat(letter.text);
    // The lead's letterhead; one response from both, each part attributed.
    expect(text.slice(0, 200)).toContain(HPFT);
    expect(text).toContain(`This is one response from ${HPFT} and ${COUNCIL}`);
    expect(text).toContain(`The crisis team visit was not booked. Contributed by ${HPFT}.`);
    expect(text).toContain(`The care visits were stopped in error. Contributed by ${COUNCIL}.`);
    expect(text).toContain(
      `Both organisations read their records and spoke to their staff. Contributed by ${HPFT} and ${COUNCIL}.`,
    );
    expect(text).toContain(`the other organisations concerned (${COUNCIL})`);
    // PHSO for the NHS care, LGSCO for the social care, and their joint working.
    expect(text).toContain('Parliamentary and Health Service Ombudsman');
    expect(text).toContain('Local Government and Social Care Ombudsman PO Box 4771');
    expect(text).toContain('They work together on complaints about both');
    expect(text).toContain('joint protocol');
    // Every R-RESP-1 element the letter itself adds.
    expect(text).toContain('our complaints procedure for this complaint has now ended');
    expect(text).toMatch(/advocacy/i);

    const timeline = (
      await detailWhen(reference, handler, (d) => d.stage === 'responded' || d.stage === 'closed')
    ).timeline;
    expect(timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'became-joint',
        'sharing-consent-recorded',
        'copy-recorded',
        'joint-draft-shared',
        'joint-draft-approved',
        'final-response-sent',
      ]),
    );
  });

  it('R-JOINT-1: a lead off this system is refused with where to forward it, and nothing is written', async () => {
    const { reference, detail } = await recordComplaint();
    const councilLeads = members(detail).map((member) =>
      member.code === 'HCCACS' ? { ...member, seriousness: 5 } : member,
    );
    const refused = await api()
      .post(`/complaints/${reference}/joint-case`)
      .set(as(handler))
      .send({ protocol: 'hertfordshire', receivedBy: 'HPFT', members: councilLeads })
      .expect(409);
    expect(refused.body.rule).toBe('R-JOINT-1');
    expect(refused.body.detail).toContain('HCCACS leads and is not on this system');
    expect(refused.body.detail).toContain('complaints-manager@hccacs.demo');
    await api().get(`/complaints/${reference}/joint-case`).set(as(handler)).expect(404);

    // Staff may decide the lead otherwise, with the decisive factors and reasons; received first by the
    // council, HPFT accepts the lead and its clocks run from its own receipt.
    const decided = await api()
      .post(`/complaints/${reference}/joint-case`)
      .set(as(handler))
      .send({
        protocol: 'hertfordshire',
        receivedBy: 'HCCACS',
        members: councilLeads,
        lead: 'HPFT',
        decisive: ['complainant-preference', 'ongoing-contact'],
        reasons: 'The family asked HPFT to lead, and the crisis team sees him weekly.',
      })
      .expect(201);
    expect(decided.body).toMatchObject({
      lead: 'HPFT',
      receivedBy: 'HCCACS',
      leadDecision: { decisive: ['complainant-preference', 'ongoing-contact'], proposed: 'HCCACS' },
    });
    const record = await detailWhen(reference, handler, (d) =>
      d.timeline.some((e) => e.type === 'became-joint'),
    );
    expect(record.timeline.filter((e) => e.type === 'became-joint')).toHaveLength(1);
    expect(record.timeline.find((e) => e.type === 'lead-accepted')?.data).toEqual({
      lead: 'HPFT',
      receivedBy: 'HCCACS',
      leadReceivedOn: record.receivedOn,
    });
  });

  it('bad joint cases name the field; another organisation cannot see the joint case (R-INT-8)', async () => {
    const { reference, detail } = await recordComplaint();
    const bad = await api()
      .post(`/complaints/${reference}/joint-case`)
      .set(as(handler))
      .send({
        protocol: 'hertfordshire',
        receivedBy: 'NOBODY',
        members: [
          { code: 'HPFT', issueIds: [detail.issues[0].id], seriousness: 3 },
          { code: 'POHWER', issueIds: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'], seriousness: 9 },
        ],
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['members.1.seriousness']);
    const unknown = await api()
      .post(`/complaints/${reference}/joint-case`)
      .set(as(handler))
      .send({
        protocol: 'hertfordshire',
        receivedBy: 'NOBODY',
        members: [
          { code: 'HPFT', issueIds: [detail.issues[0].id], seriousness: 3 },
          { code: 'POHWER', issueIds: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'], seriousness: 2 },
        ],
      })
      .expect(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'members[1].code',
      'members[1].issueIds[0]',
      'receivedBy',
    ]);
    const elsewhere = await tokenFor('handler@nct.demo');
    await api().get(`/complaints/${reference}/joint-case`).set(as(elsewhere)).expect(404);
    await api()
      .post(`/complaints/${reference}/joint-case`)
      .set(as(elsewhere))
      .send({ protocol: 'hertfordshire', receivedBy: 'HPFT', members: members(detail) })
      .expect(404);
  });
});

describe('the commissioner route (R-JOINT-8)', () => {
  it('a complaint the ICB forwarded with consent records who and when, and is handled as made to HPFT', async () => {
    const receivedOn = londonToday();
    const forwarded = complaintBody({
      receivedOn,
      forwardedBy: {
        commissionerCode: 'hweicb',
        commissionerReceivedOn: '2020-01-06',
        personConsented: true,
      },
    });
    const created = await api().post('/complaints').set(as(handler)).send(forwarded).expect(201);
    const plain = await api()
      .post('/complaints')
      .set(as(handler))
      .send(complaintBody({ receivedOn }))
      .expect(201);
    const detail = await detailWhen(created.body.reference, handler, () => true);
    expect(detail).toMatchObject({ forwardedBy: 'HWEICB', commissionerReceivedOn: '2020-01-06', receivedOn });
    // The clocks run from HPFT's own receipt, as for a complaint made to it.
    expect(detail.deadlines.acknowledgement).toBe(plain.body.deadlines.acknowledgement);
    expect(detail.timeline.find((e) => e.type === 'complaint-received')?.data).toMatchObject({
      forwardedBy: 'HWEICB',
      commissionerReceivedOn: '2020-01-06',
    });
    await api()
      .post(`/complaints/${created.body.reference}/acknowledgement`)
      .set(as(handler))
      .send({ method: 'written' })
      .expect(200);
    const [letter] = await inbox.waitFor(
      (m) => m.subject === `Your complaint ${created.body.reference}: acknowledgement`,
    );
    expect(flat(letter.text)).toContain(
      'Hertfordshire and West Essex Integrated Care Board received your complaint on Monday 6 January 2020 and, with your consent, passed it to us. We are handling it as a complaint made to us.',
    );
  });

  it('or the ICB handles it itself (PHSO model 12.3): it leads from its own record with HPFT as a partner, and only an ICB the complaint was made to can say so', async () => {
    const icbHandler = await tokenFor('handler@hweicb.demo');
    const body = complaintBody({
      organisation: 'HWEICB',
      issues: [
        { description: 'The crisis team did not visit my father after his discharge.' },
        { description: 'Nobody from the crisis team returned our calls.' },
      ],
    });
    const created = await api().post('/complaints').set(as(icbHandler)).send(body).expect(201);
    const reference = created.body.reference as string;
    const detail = await detailWhen(reference, icbHandler, (d) => d.issues.length === 2);
    const icbHandles = (receivedBy: string) => ({
      protocol: 'hertfordshire',
      receivedBy,
      members: [
        { code: 'HWEICB', issueIds: [], seriousness: 1, receivedOn: londonToday() },
        { code: 'HPFT', issueIds: detail.issues.map((issue) => issue.id), seriousness: 3 },
      ],
      lead: 'HWEICB',
      decisive: ['commissioner-handles'],
      reasons: 'The family asked the ICB to look into it, as the crisis team is still treating him.',
    });
    const notMadeToIt = await api()
      .post(`/complaints/${reference}/joint-case`)
      .set(as(icbHandler))
      .send(icbHandles('HPFT'))
      .expect(400);
    expect(notMadeToIt.body.errors).toEqual([
      {
        field: 'decisive',
        reason: expect.stringContaining('HWEICB is an ICB, but HPFT received it'),
      },
    ]);
    const handled = await api()
      .post(`/complaints/${reference}/joint-case`)
      .set(as(icbHandler))
      .send(icbHandles('HWEICB'))
      .expect(201);
    expect(handled.body).toMatchObject({
      lead: 'HWEICB',
      receivedBy: 'HWEICB',
      leadDecision: { decisive: ['commissioner-handles'], proposed: 'HPFT' },
    });
    expect(handled.body.members.map((m: { code: string; role: string }) => [m.code, m.role])).toEqual([
      ['HWEICB', 'lead'],
      ['HPFT', 'partner'],
    ]);
    // The ICB's clocks are its own (the PHSO model's), from the day it received the complaint.
    expect(handled.body.leadReceivedOn).toBe(body.receivedOn);
    // HPFT's own complaints team does not see the ICB's record: it takes part through the partner API.
    await api().get(`/complaints/${reference}`).set(as(handler)).expect(404);

    // A provider cannot claim the commissioner's factor for itself.
    const hpftCase = await recordComplaint();
    const providerClaims = await api()
      .post(`/complaints/${hpftCase.reference}/joint-case`)
      .set(as(handler))
      .send({
        protocol: 'hertfordshire',
        receivedBy: 'HPFT',
        members: members(hpftCase.detail),
        lead: 'HPFT',
        decisive: ['commissioner-handles'],
        reasons: 'HPFT handles it.',
      })
      .expect(400);
    expect(providerClaims.body.errors[0]).toMatchObject({
      field: 'decisive',
      reason: expect.stringContaining('HPFT is not an ICB (its kind is nhs-trust)'),
    });
  });

  it('refuses a forwarder that is not a commissioner, a date after ours, and no consent, naming each field', async () => {
    const refused = await api()
      .post('/complaints')
      .set(as(handler))
      .send(
        complaintBody({
          forwardedBy: {
            commissionerCode: 'ENHT',
            commissionerReceivedOn: '2999-01-01',
            personConsented: true,
          },
        }),
      )
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'forwardedBy.commissionerCode',
      'forwardedBy.commissionerReceivedOn',
    ]);
    const noConsent = await api()
      .post('/complaints')
      .set(as(handler))
      .send(
        complaintBody({
          forwardedBy: {
            commissionerCode: 'HWEICB',
            commissionerReceivedOn: '2020-01-06',
            personConsented: false,
          },
        }),
      )
      .expect(400);
    expect(noConsent.body.errors).toEqual([
      {
        field: 'forwardedBy.personConsented',
        reason: 'a complaint is forwarded only with the consent of the person (R-JOINT-8)',
      },
    ]);
  });
});
