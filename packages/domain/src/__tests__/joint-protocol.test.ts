import { proposeLead, type LeadCandidate } from '../joint-protocol';

const candidate = (code: string, overrides: Partial<LeadCandidate> = {}): LeadCandidate => ({
  code,
  seriousness: 2,
  receivedOn: '2036-03-03',
  ...overrides,
});

describe('proposeLead (R-JOINT-1)', () => {
  it('R-JOINT-1: the primary focus (most serious part) leads, whoever received it first', () => {
    const proposal = proposeLead([
      candidate('HPFT', { seriousness: 2, receivedOn: '2036-03-01' }),
      candidate('HCCACS', { seriousness: 3, receivedOn: '2036-03-05' }),
    ]);
    expect(proposal).toEqual({
      leadCode: 'HCCACS',
      decisive: ['primary-focus'],
      reasons: 'the most serious part of the complaint concerns HCCACS',
    });
  });

  it('R-JOINT-1: when seriousness is equal, the organisation that received it first leads', () => {
    const proposal = proposeLead([
      candidate('HCCACS', { receivedOn: '2036-03-04' }),
      candidate('HPFT', { receivedOn: '2036-03-02' }),
      candidate('ENHT', { receivedOn: null }),
    ]);
    expect(proposal.leadCode).toBe('HPFT');
    expect(proposal.decisive).toEqual(['first-receipt']);
  });

  it.each([
    ['complainant-preference', { complainantPrefers: true }],
    ['governance-impact', { governanceImpact: true }],
    ['ongoing-contact', { ongoingContact: true }],
  ] as const)(
    'R-JOINT-1: with seriousness and receipt equal, %s decides',
    (factor, facts: Partial<LeadCandidate>) => {
      const proposal = proposeLead([candidate('HPFT'), candidate('HCCACS', facts)]);
      expect(proposal.leadCode).toBe('HCCACS');
      expect(proposal.decisive).toEqual([factor]);
    },
  );

  it('R-JOINT-1: the person preferring one organisation outweighs governance impact and ongoing contact', () => {
    const proposal = proposeLead([
      candidate('HPFT', { governanceImpact: true, ongoingContact: true }),
      candidate('HCCACS', { complainantPrefers: true }),
    ]);
    expect(proposal.leadCode).toBe('HCCACS');
  });

  it('R-JOINT-1: an organisation the person does not consent to cannot lead, however serious its part', () => {
    const proposal = proposeLead([
      candidate('HCCACS', { seriousness: 5, consentToLead: false }),
      candidate('HPFT', { seriousness: 1 }),
      candidate('ENHT', { seriousness: 1, receivedOn: '2036-03-09' }),
    ]);
    expect(proposal.leadCode).toBe('HPFT');
    expect(proposal.decisive).toEqual(['consent', 'first-receipt']);
    expect(proposal.reasons).toContain('does not consent to HCCACS leading');
  });

  it('R-JOINT-1: when nothing separates them, the first named leads and the reasons say so', () => {
    const proposal = proposeLead([candidate('HPFT'), candidate('HCCACS')]);
    expect(proposal.leadCode).toBe('HPFT');
    expect(proposal.decisive).toEqual([]);
    expect(proposal.reasons).toBe('no factor separates HPFT, HCCACS; the first named leads');
  });

  it('refuses to choose from nobody, or when the person consents to no organisation leading', () => {
    expect(() => proposeLead([])).toThrow('at least one');
    expect(() => proposeLead([candidate('HPFT', { consentToLead: false })])).toThrow('consents to none');
  });
});

it('R-JOINT-1: when consent leaves one organisation, it leads for that reason alone', () => {
  expect(
    proposeLead([candidate('HCCACS', { seriousness: 4, consentToLead: false }), candidate('HPFT')]),
  ).toEqual({
    leadCode: 'HPFT',
    decisive: ['consent'],
    reasons: 'the person does not consent to HCCACS leading; only HPFT can lead',
  });
});
