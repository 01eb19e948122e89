import { createWorkingDayCalendar } from '../calendar';
import {
  acknowledgementDue,
  getProfile,
  isProfileId,
  listProfiles,
  profileRef,
  quickResolutionDue,
  PROFILE_IDS,
  type ProfileId,
} from '../profiles';

const calendar = createWorkingDayCalendar();

describe('policy profiles (§9)', () => {
  it('ships four profiles, each at version 1 with its source seed', () => {
    expect(PROFILE_IDS).toEqual(['phso-model', 'hpft', 'itrust', 'cwth']);
    expect(listProfiles().map(profileRef)).toEqual(PROFILE_IDS.map((id) => ({ id, version: 1 })));
    expect(getProfile('hpft').sourceSeed).toBe('003_40ed3a31bfcb3024.txt');
    expect(getProfile('cwth', 1).name).toBe('Coventry and Warwickshire Training Hub');
  });

  it('throws on an unknown profile or version', () => {
    expect(() => getProfile('nhs-default' as ProfileId)).toThrow(/Unknown policy profile/);
    expect(() => getProfile('hpft', 2)).toThrow(/Unknown version 2 of policy profile hpft/);
    expect(isProfileId('itrust')).toBe(true);
    expect(isProfileId('ITRUST')).toBe(false);
  });

  it('is deeply frozen, so a pinned profile cannot drift', () => {
    const hpft = getProfile('hpft');
    expect(Object.isFrozen(hpft)).toBe(true);
    expect(Object.isFrozen(hpft.acknowledgement.includes)).toBe(true);
    expect(Object.isFrozen(hpft.afterResponse.externalRoutes[0])).toBe(true);
    expect(Object.isFrozen(PROFILE_IDS)).toBe(true);
    expect(() => {
      (hpft.acknowledgement as { workingDays: number }).workingDays = 30;
    }).toThrow(TypeError);
  });

  it('R-ACK-1: acknowledgement within 3 / 3 / 2 / 5 working days, in the style each policy asks for', () => {
    expect(PROFILE_IDS.map((id) => getProfile(id).acknowledgement.workingDays)).toEqual([3, 3, 2, 5]);
    expect(getProfile('phso-model').acknowledgement.style).toBe('verbal-or-written');
    expect(getProfile('hpft').acknowledgement.style).toBe('in-writing');
    expect(getProfile('itrust').acknowledgement.includes).toEqual(['free-review-consultation-offer']);
    expect(getProfile('cwth').acknowledgement.includes).toEqual([
      'copy-of-procedure',
      'who-is-handling',
      'when-to-expect-reply',
    ]);
  });

  it('R-ACK-1: received Thu 24 Dec 2026 → PHSO and HPFT Thu 31 Dec, iTrust Wed 30 Dec, CWTH Tue 5 Jan', () => {
    expect(PROFILE_IDS.map((id) => acknowledgementDue(getProfile(id), '2026-12-24', calendar))).toEqual([
      '2026-12-31',
      '2026-12-31',
      '2026-12-30',
      '2027-01-05',
    ]);
  });

  it('R-ACK-1: received Sat 7 Mar 2026 → iTrust Tue 10, PHSO Wed 11, CWTH Fri 13 Mar', () => {
    expect(acknowledgementDue(getProfile('itrust'), '2026-03-07', calendar)).toBe('2026-03-10');
    expect(acknowledgementDue(getProfile('phso-model'), '2026-03-07', calendar)).toBe('2026-03-11');
    expect(acknowledgementDue(getProfile('cwth'), '2026-03-07', calendar)).toBe('2026-03-13');
  });

  it('R-QUICK-1 and R-ER-1: quick routes and early-resolution aims', () => {
    expect(getProfile('phso-model').quickRoute).toMatchObject({
      kind: 'verbal-resolved-by-end-of-next-working-day',
      workingDays: 1,
    });
    expect(getProfile('hpft').quickRoute).toEqual({
      kind: 'pals-enquiry',
      workingDays: 10,
      ifUnresolved: 'becomes-complaint',
    });
    expect(getProfile('itrust').quickRoute).toEqual({ kind: 'none' });
    expect(getProfile('cwth').quickRoute.kind).toBe('resolved-by-person-responsible');
    expect(PROFILE_IDS.map((id) => getProfile(id).earlyResolution?.aimWorkingDays ?? null)).toEqual([
      10,
      10,
      null,
      null,
    ]);
  });

  it('R-INV-4: response timescales', () => {
    expect(getProfile('phso-model').responseTimescale).toEqual({ kind: 'agreed-per-case' });
    expect(getProfile('hpft').responseTimescale).toEqual({
      kind: 'working-days',
      newComplaint: 35,
      reopenedComplaint: 60,
    });
    expect(getProfile('itrust').responseTimescale).toEqual({
      kind: 'working-days',
      newComplaint: 20,
      reopenedComplaint: null,
    });
    expect(getProfile('cwth').responseTimescale).toEqual({
      kind: 'calendar-months',
      months: 1,
      otherwise: 'progress-report-with-new-date',
    });
  });

  it('R-INV-7: six-month letter only for the NHS procedures', () => {
    expect(PROFILE_IDS.map((id) => getProfile(id).sixMonthLetter)).toEqual([true, true, false, false]);
  });

  it('R-RESP-3 and R-STAGE2-1: where the complainant goes next', () => {
    const routes = (id: ProfileId) => getProfile(id).afterResponse.externalRoutes.map((r) => r.ombudsman);
    expect(routes('phso-model')).toEqual(['phso', 'lgsco', 'cqc']);
    expect(routes('hpft')).toEqual(['phso', 'lgsco', 'cqc']);
    expect(getProfile('hpft').afterResponse.externalRoutes.find((r) => r.ombudsman === 'cqc')?.scope).toBe(
      'mental-health-act',
    );
    expect(routes('itrust')).toEqual(['independent-authority']);
    expect(routes('cwth')).toEqual(['icb-nhse']);
    expect(getProfile('hpft').afterResponse.stageTwo).toBeNull();
    expect(getProfile('cwth').afterResponse.stageTwo).toMatchObject({
      reviewedBy: 'senior-leadership-team-or-board',
      acknowledgement: { workingDays: 5 },
      reply: { kind: 'calendar-months', months: 1 },
      decisionIsFinal: true,
    });
  });

  it('R-MON-2: monitoring targets', () => {
    expect(
      getProfile('phso-model').monitoringTargets.map((t) => [t.caseType, t.percent, t.within.amount]),
    ).toEqual([
      ['straightforward', 95, 3],
      ['straightforward', 100, 6],
      ['complex-or-multi-organisation', 50, 3],
      ['complex-or-multi-organisation', 80, 6],
    ]);
    expect(getProfile('hpft').monitoringTargets).toEqual([
      {
        caseType: 'new',
        percent: 100,
        within: { basis: 'working-days', amount: 35 },
        unlessExtendedByAgreement: true,
      },
      {
        caseType: 'reopened',
        percent: 100,
        within: { basis: 'working-days', amount: 60 },
        unlessExtendedByAgreement: true,
      },
    ]);
    expect(getProfile('itrust').monitoringTargets).toEqual([]);
  });
});

describe('R-QUICK-1: how long the quick route stays open', () => {
  // Received Friday 18 December 2026: Christmas Day and Boxing Day (substitute Monday 28th) are not working days.
  const due = (id: Parameters<typeof getProfile>[0], made: { palsEnquiry: boolean; channel?: string }) =>
    quickResolutionDue(getProfile(id), '2026-12-18', made, calendar);

  it('PHSO model: a verbal complaint, to the end of the next working day; a written one has none', () => {
    expect(due('phso-model', { palsEnquiry: false, channel: 'phone' })).toBe('2026-12-21');
    expect(due('phso-model', { palsEnquiry: false, channel: 'in-person' })).toBe('2026-12-21');
    expect(due('phso-model', { palsEnquiry: false, channel: 'email' })).toBeNull();
  });

  it('HPFT: a PALS enquiry, 10 working days; a complaint, none', () => {
    expect(due('hpft', { palsEnquiry: true })).toBe('2027-01-06');
    expect(due('hpft', { palsEnquiry: false, channel: 'phone' })).toBeNull();
  });

  it('CWTH: the 5 working days to reach the co-leads; iTrust: none', () => {
    expect(due('cwth', { palsEnquiry: false, channel: 'email' })).toBe('2026-12-29');
    expect(due('itrust', { palsEnquiry: false, channel: 'phone' })).toBeNull();
  });
});
