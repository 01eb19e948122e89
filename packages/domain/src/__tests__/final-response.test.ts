import {
  getProfile,
  isOutOfTime,
  missingResponseElements,
  ombudsmanRoute,
  otherOmbudsmanRoutes,
  summariseFinalResponse,
  WRITTEN_SECTIONS,
  type FinalResponseContent,
} from '..';

const complete: FinalResponseContent = {
  sections: Object.fromEntries(WRITTEN_SECTIONS.map((section) => [section, `About ${section}.`])),
  findings: [
    { issueId: 'i1', outcome: 'upheld', finding: 'It went wrong.' },
    { issueId: 'i2', outcome: 'not-upheld', finding: 'It did not.' },
  ],
  remedies: [{ kind: 'apology', detail: 'We are sorry.' }],
  actions: [{ id: 'action-1', description: 'Train the team', ownerId: 'hpft-handler', due: '2027-01-29' }],
  careContext: 'nhs-care',
};
const summaryOf = (content: FinalResponseContent, profile = getProfile('hpft')) =>
  summariseFinalResponse(3, content, ['i1', 'i2'], profile, 'Cover');

describe('R-RESP-1: a response missing any element cannot be sent', () => {
  it('a complete response misses nothing', () => {
    expect(missingResponseElements(summaryOf(complete))).toEqual([]);
  });

  it('names each missing element: blank sections, an issue without a finding, no apology for an upheld issue', () => {
    const missing = missingResponseElements(
      summaryOf({
        ...complete,
        sections: { ...complete.sections, impact: '   ', 'wider-learning': undefined },
        findings: complete.findings.slice(0, 1),
        remedies: [{ kind: 'payment-or-refund', detail: 'A refund.' }],
      }),
    );
    expect(missing.map((m) => m.element)).toEqual(['impact', 'wider-learning', 'findings', 'apology']);
    expect(missing.find((m) => m.element === 'findings')!.reason).toContain('i2');
  });

  it('where nothing is upheld, no apology or remedy is needed', () => {
    const { apology: _apology, ...sections } = complete.sections;
    const nothingWrong = {
      ...complete,
      sections,
      findings: complete.findings.map((f) => ({ ...f, outcome: 'not-upheld' as const })),
      remedies: [],
    };
    expect(missingResponseElements(summaryOf(nothingWrong))).toEqual([]);
  });

  it('R-RESP-3: the Ombudsman route follows what the complaint is about', () => {
    const hpft = getProfile('hpft');
    expect(ombudsmanRoute(hpft, 'nhs-care')).toBe('phso');
    expect(ombudsmanRoute(hpft, 'social-care')).toBe('lgsco');
    expect(ombudsmanRoute(hpft, 'mental-health-act')).toBe('cqc');
    expect(ombudsmanRoute(getProfile('itrust'), 'social-care')).toBe('independent-authority');
    expect(ombudsmanRoute(getProfile('cwth'), 'nhs-care')).toBe('icb-nhse');
  });

  it.each([
    ['phso-model', 'health-and-social-care', 'phso', ['lgsco']],
    ['hpft', 'health-and-social-care', 'phso', ['lgsco']],
    ['hpft', 'nhs-care', 'phso', []],
    ['hpft', 'social-care', 'lgsco', []],
    ['hpft', 'mental-health-act', 'cqc', []],
    ['itrust', 'health-and-social-care', 'independent-authority', []],
    ['cwth', 'health-and-social-care', 'icb-nhse', []],
  ] as const)(
    'R-RESP-3 (issue #12 point 7): %s, %s → %s first, then %j beside it',
    (profile, careContext, route, others) => {
      expect(ombudsmanRoute(getProfile(profile), careContext)).toBe(route);
      expect(otherOmbudsmanRoutes(getProfile(profile), careContext)).toEqual(others);
    },
  );
});

describe('R-INT-6: 12 months from the incident or from finding out, whichever is later', () => {
  it.each([
    ['2026-03-10', '2025-03-10', null, false],
    ['2026-03-11', '2025-03-10', null, true],
    ['2026-03-11', '2025-03-10', '2025-06-01', false],
    ['2026-02-28', '2025-02-28', null, false],
    ['2025-03-01', '2024-02-29', null, true],
    ['2026-03-11', null, null, false],
  ] as const)(
    'received %s, incident %s, found out %s → out of time: %s',
    (received, incident, aware, late) => {
      expect(isOutOfTime(received, incident, aware)).toBe(late);
    },
  );
});
