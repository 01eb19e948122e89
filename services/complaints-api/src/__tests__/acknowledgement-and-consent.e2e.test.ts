// Issue #12 points 1 and 2 through the HTTP API with the real workers, Postgres, Temporal and SMTP: a written
// acknowledgement counts only when it can reach the person (R-ACK-1), CWTH's names the handler allocated before
// it, and consent follows R-INT-5 (only with a person affected, the child rule against the date of birth held,
// refused consent with its letter). Letters are read back from the mail catcher.
import { MailInbox } from '@complaints/testing';
import { as, complaintBody, eventually, tokenFor, useApi } from './api-harness';

const { api } = useApi({ timeoutMs: 90_000 });
const inbox = new MailInbox();

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
/** A date of birth `years` years before today, less a day (so the person is `years` old). */
const bornYearsAgo = (years: number) => {
  const [y, m, d] = today().split('-');
  return `${Number(y) - years}-${m}-${d}`;
};

async function newComplaint(organisation: string, overrides: Record<string, unknown> = {}) {
  const token = await tokenFor(`handler@${organisation.toLowerCase()}.demo`);
  const body = complaintBody({ organisation, ...overrides });
  const created = await api().post('/complaints').set(as(token)).send(body).expect(201);
  return { token, body, reference: created.body.reference as string };
}

const detail = (reference: string, token: string) =>
  api()
    .get(`/complaints/${reference}`)
    .set(as(token))
    .then((r) => r.body);

/** Made by a representative for someone else, whose consent is still to come. */
const represented = (personAffected: Record<string, unknown> = {}) => ({
  complainant: { ...complaintBody().complainant, relationship: 'representative' },
  personAffected: { name: 'Sam Morgan', ...personAffected },
  consent: { status: 'pending' },
});

const { address: _address, email: _email, ...phoneOnly } = complaintBody().complainant;

describe('issue #12: each gate refuses with the rule and what is missing (R-ACK-1, R-INT-5)', () => {
  const cases: {
    name: string;
    organisation: string;
    overrides: Record<string, unknown>;
    path: string;
    body: Record<string, unknown>;
    rule: string;
    detail: string;
  }[] = [
    {
      name: 'R-ACK-1 HPFT: a written acknowledgement of a phone-only complainant would reach no one',
      organisation: 'HPFT',
      overrides: { complainant: phoneOnly, replyChannels: [] },
      path: 'acknowledgement',
      body: { method: 'written' },
      rule: 'R-ACK-1',
      detail: 'no postal address for the complainant',
    },
    {
      name: 'R-ACK-1 CWTH: replies by letter and no address held',
      organisation: 'CWTH',
      overrides: { complainant: { ...phoneOnly, email: 'lee@example.org' }, replyChannels: ['letter'] },
      path: 'acknowledgement',
      body: { method: 'written' },
      rule: 'R-ACK-1',
      detail: 'no postal address for the complainant (replies by letter)',
    },
    {
      name: 'R-INT-5: consent sought where no one else is represented',
      organisation: 'ITRUST',
      overrides: {},
      path: 'consent/request',
      body: {},
      rule: 'R-INT-5',
      detail: 'this complaint names no person affected',
    },
    {
      name: 'R-INT-5: consent recorded where no one else is represented',
      organisation: 'HPFT',
      overrides: {},
      path: 'consent',
      body: { outcome: 'given' },
      rule: 'R-INT-5',
      detail: 'this complaint names no person affected',
    },
    {
      name: 'R-INT-5 HPFT: consent not needed for a child, but the person affected is 13',
      organisation: 'HPFT',
      overrides: represented({ dateOfBirth: bornYearsAgo(13) }),
      path: 'consent',
      body: { outcome: 'not-needed', reason: 'child' },
      rule: 'R-INT-5',
      detail: "was not a child under the profile's age",
    },
    {
      name: 'R-INT-5 HPFT: consent not needed for a child, with no date of birth held',
      organisation: 'HPFT',
      overrides: represented(),
      path: 'consent',
      body: { outcome: 'not-needed', reason: 'child' },
      rule: 'R-INT-5',
      detail: 'needs the date of birth of the person affected',
    },
    {
      name: "R-INT-5 PHSO model: no reasonable grounds for a child's representative, but the person is an adult",
      organisation: 'NCT',
      overrides: represented({ dateOfBirth: bornYearsAgo(30) }),
      path: 'representative-decision',
      body: { decision: 'no-reasonable-grounds-for-child' },
      rule: 'R-INT-5',
      detail: "was not a child under the profile's age",
    },
    {
      name: 'R-INT-5: consent refused before it was sought',
      organisation: 'HPFT',
      overrides: represented(),
      path: 'consent',
      body: { outcome: 'refused' },
      rule: 'R-INT-5',
      detail: 'only once it has been sought',
    },
  ];

  it.each(cases)('$name', async ({ organisation, overrides, path, body, rule, detail: reason }) => {
    const { reference } = await newComplaint(organisation, overrides);
    const token = await tokenFor(`complaints-manager@${organisation.toLowerCase()}.demo`);
    const refused = await api()
      .post(`/complaints/${reference}/${path}`)
      .set(as(token))
      .send(body)
      .expect(409);
    expect(refused.body).toEqual(
      expect.objectContaining({ status: 409, rule, detail: expect.stringContaining(reason) }),
    );
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('R-ACK-1: a written acknowledgement goes, by email or queued to print', () => {
  it('R-ACK-1 HPFT: with an address only, the letter is queued to print and the acknowledgement counts', async () => {
    const { token, reference } = await newComplaint('HPFT', {
      complainant: { ...complaintBody().complainant, email: undefined },
      replyChannels: ['letter'],
    });
    const acknowledged = await api()
      .post(`/complaints/${reference}/acknowledgement`)
      .set(as(token))
      .send({ method: 'written' })
      .expect(200);
    expect(acknowledged.body).toEqual(expect.objectContaining({ method: 'written', onTime: true }));
    const sent = await eventually(
      () => detail(reference, token),
      (d) =>
        (d.timeline ?? []).some(
          (e: { type: string; data?: { items?: unknown[] } }) =>
            e.type === 'correspondence-sent' && (e.data?.items?.length ?? 0) > 0,
        ),
    );
    expect(sent.stage).not.toBe('awaiting-acknowledgement');
  });

  it('R-ACK-1 CWTH: a handler allocated before the acknowledgement is named in it, with when to expect a reply', async () => {
    const { body, reference } = await newComplaint('CWTH');
    const manager = await tokenFor('complaints-manager@cwth.demo');
    await api()
      .post(`/complaints/${reference}/allocation`)
      .set(as(manager))
      .send({ handlerId: 'cwth-handler', involvedStaffIds: [] })
      .expect(200);
    await api()
      .post(`/complaints/${reference}/acknowledgement`)
      .set(as(manager))
      .send({ method: 'written' })
      .expect(200);
    const [letter] = await inbox.waitFor(
      (m) =>
        m.subject === `Your complaint ${reference}: acknowledgement` &&
        m.to[0]?.address === body.complainant.email,
    );
    const text = letter.text.replace(/\s+/g, ' ');
    expect(text).toContain('Your complaint is being handled by Complaint Handler (CWTH).');
    expect(text).toContain('We aim to send you a full reply by');
  });
});

describe('R-INT-5: consent and representatives', () => {
  it('R-INT-5 ITRUST: consent refused — the representative is told in writing why, with the Ombudsman, and the complaint closes', async () => {
    const { token, body, reference } = await newComplaint('ITRUST', represented());
    await api()
      .post(`/complaints/${reference}/acknowledgement`)
      .set(as(token))
      .send({ method: 'written' })
      .expect(200);
    await eventually(
      () => detail(reference, token),
      (d) => d.stage === 'closer-look',
    );
    await api().post(`/complaints/${reference}/consent/request`).set(as(token)).expect(200);
    const resumed = await api()
      .post(`/complaints/${reference}/clock/resume`)
      .set(as(token))
      .send({ reason: 'information-received' })
      .expect(409);
    expect(resumed.body.rule).toBe('R-INT-5');
    expect(resumed.body.detail).toContain('continuing-without-consent');
    await api()
      .post(`/complaints/${reference}/consent`)
      .set(as(token))
      .send({ outcome: 'refused' })
      .expect(200);
    const [letter] = await inbox.waitFor(
      (m) => m.subject === `Your complaint ${reference}: our decision about representing the person`,
    );
    expect(letter.to[0].address).toBe(body.complainant.email);
    const text = letter.text.replace(/\s+/g, ' ');
    expect(text).toContain('They have told us that they do not give their consent.');
    expect(text).toContain('Independent Sector Complaints Adjudication Service (ISCAS)');
    const closed = await eventually(
      () => detail(reference, token),
      (d) => d.stage === 'closed',
    );
    expect(closed.people.find((p: { role: string }) => p.role === 'person-affected').consentStatus).toBe(
      'refused',
    );
  });

  it('R-INT-5 HPFT: consent not needed for a child under 13, by the date of birth held', async () => {
    const { token, reference } = await newComplaint('HPFT', represented({ dateOfBirth: bornYearsAgo(12) }));
    await api()
      .post(`/complaints/${reference}/consent`)
      .set(as(token))
      .send({ outcome: 'not-needed', reason: 'child' })
      .expect(200);
    const after = await detail(reference, token);
    expect(after.people.find((p: { role: string }) => p.role === 'person-affected')).toEqual(
      expect.objectContaining({ consentStatus: 'not-needed', consentNotNeededReason: 'child' }),
    );
  });

  it('R-INT-5 HPFT: at intake, consent is not needed for a child only if the date of birth shows under 13 on the day of receipt', async () => {
    const token = await tokenFor('handler@hpft.demo');
    const child = (years: number) =>
      complaintBody({
        organisation: 'HPFT',
        ...represented({ dateOfBirth: bornYearsAgo(years) }),
        consent: { status: 'not-needed', reason: 'child' },
      });
    const thirteen = await api().post('/complaints').set(as(token)).send(child(13)).expect(400);
    expect(thirteen.body.errors).toEqual([
      {
        field: 'consent.reason',
        reason: expect.stringContaining(
          'was not under 13 on the date of receipt, so their consent is needed',
        ),
      },
    ]);
    const twelve = await api().post('/complaints').set(as(token)).send(child(12)).expect(201);
    const recorded = await detail(twelve.body.reference, token);
    expect(recorded.people.find((p: { role: string }) => p.role === 'person-affected')).toEqual(
      expect.objectContaining({ consentStatus: 'not-needed', consentNotNeededReason: 'child' }),
    );
  });

  it("R-INT-5 PHSO model: no reasonable grounds for a child's representative — written reasons and it closes", async () => {
    const { body, reference } = await newComplaint('NCT', represented({ dateOfBirth: bornYearsAgo(15) }));
    const manager = await tokenFor('complaints-manager@nct.demo');
    await api()
      .post(`/complaints/${reference}/representative-decision`)
      .set(as(manager))
      .send({ decision: 'no-reasonable-grounds-for-child' })
      .expect(200);
    const [letter] = await inbox.waitFor(
      (m) => m.subject === `Your complaint ${reference}: our decision about representing the person`,
    );
    expect(letter.to[0].address).toBe(body.complainant.email);
    expect(letter.text.replace(/\s+/g, ' ')).toContain('there are not reasonable grounds');
  });
});
