import {
  delegationCurrent,
  getProfile,
  isTitle,
  missingDecisionRoles,
  roleTitle,
  signOffRole,
} from '../index';

const PHSO = getProfile('phso-model');
const HPFT = getProfile('hpft');

describe('signOffRole (R-RESP-2)', () => {
  it.each([
    [
      'the Responsible Person',
      PHSO,
      'sign-off',
      ['responsible-person'],
      false,
      { role: 'responsible-person', asDelegate: false },
    ],
    [
      'a delegate senior manager',
      PHSO,
      'sign-off',
      ['senior-manager'],
      true,
      { role: 'senior-manager', asDelegate: true },
    ],
    [
      "HPFT's delegate, in the Chief Executive's role",
      HPFT,
      'chief-executive-approval',
      ['senior-manager'],
      true,
      { role: 'responsible-person', asDelegate: true },
    ],
    [
      'the complaints team at its check',
      HPFT,
      'complaints-team-check',
      ['complaints-manager'],
      false,
      { role: 'complaints-manager', asDelegate: false },
    ],
  ] as const)('R-RESP-2: %s signs', (_who, profile, step, roles, delegated, expected) => {
    expect(signOffRole(profile, step, roles, delegated)).toEqual(expected);
  });

  it.each([
    ['a senior manager without a delegation', PHSO, 'sign-off', ['senior-manager'], false, 'not-a-signer'],
    [
      'a delegate at the complaints-team check',
      HPFT,
      'complaints-team-check',
      ['senior-manager'],
      true,
      'not-a-signer',
    ],
    [
      'anyone at a step the profile has not',
      PHSO,
      'chief-executive-approval',
      ['responsible-person'],
      false,
      'not-a-step',
    ],
  ] as const)('R-RESP-2: %s is refused', (_who, profile, step, roles, delegated, refused) => {
    expect(signOffRole(profile, step, roles, delegated)).toEqual(expect.objectContaining({ refused }));
  });

  it('R-RESP-2: a delegation is current from its first to its last day, unless ended', () => {
    const delegation = { from: '2026-12-01', until: '2026-12-14', endedAt: null };
    expect(
      ['2026-11-30', '2026-12-01', '2026-12-14', '2026-12-15'].map((day) =>
        delegationCurrent(delegation, day),
      ),
    ).toEqual([false, true, true, false]);
    expect(delegationCurrent({ ...delegation, endedAt: new Date() }, '2026-12-05')).toBe(false);
  });
});

describe('R-PERS-1 roles and titles', () => {
  it("R-PERS-1: the organisation's title for a role, else the seed's; titles compared without case or spacing", () => {
    expect(roleTitle({}, 'deputy-chief-executive')).toBe('Deputy Chief Executive');
    expect(roleTitle({ 'deputy-chief-executive': 'Deputy CEO' }, 'deputy-chief-executive')).toBe(
      'Deputy CEO',
    );
    expect(isTitle('  deputy  chief executive ', 'Deputy Chief Executive')).toBe(true);
    expect(isTitle('Chief Executive', 'Deputy Chief Executive')).toBe(false);
    expect(isTitle(null, 'Deputy Chief Executive')).toBe(false);
  });

  it('R-PERS-1: the managing director and the clinical team both take the decision', () => {
    expect(missingDecisionRoles([])).toEqual(['managing-director', 'clinical-team']);
    expect(missingDecisionRoles([{ role: 'clinical-team' }])).toEqual(['managing-director']);
    expect(missingDecisionRoles([{ role: 'managing-director' }, { role: 'clinical-team' }])).toEqual([]);
  });
});
