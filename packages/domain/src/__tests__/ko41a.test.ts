import {
  financialYear,
  KO41A_CODE_LISTS,
  ko41aAgeBand,
  ko41aCsv,
  ko41aReturn,
  validateKo41a,
  type Ko41aComplaint,
} from '../index';

// A year (2026-27) whose every KO41a figure is known in advance: each complaint exercises one counting rule or a
// boundary of the financial year (ADR 0029).

type Issue = [string | null, string | null, string | null, (string | null)?];

function complaint(
  overrides: Omit<Partial<Ko41aComplaint>, 'issues'> & { issues?: Issue[] },
): Ko41aComplaint {
  const { issues = [], ...rest } = overrides;
  return {
    kind: 'complaint',
    anonymous: false,
    receivedOn: '2026-06-01',
    outcome: null,
    respondedOn: null,
    closedOn: null,
    patientBornOn: null,
    complainantRelationship: null,
    onBehalfOfSomeoneElse: false,
    ...rest,
    issues: issues.map(([subjectArea, serviceArea, staffGroup, clinicalSpecialty = null]) => ({
      subjectArea,
      serviceArea,
      staffGroup,
      clinicalSpecialty,
    })),
  };
}

const MEDICAL = 'medical-and-dental';
const NURSING = 'nursing-midwifery-and-health-visiting';
const ADMIN = 'admin-clerical-and-estates';

const YEAR: Record<string, Ko41aComplaint> = {
  // Brought forward and resolved (upheld) in the year.
  broughtForwardResolved: complaint({
    receivedOn: '2026-02-10',
    outcome: 'upheld',
    respondedOn: '2026-05-01',
    issues: [['communications', 'inpatient', NURSING]],
  }),
  // Brought forward and still open: carried forward.
  broughtForwardOpen: complaint({
    receivedOn: '2026-03-31',
    issues: [['appointments', 'outpatient', ADMIN]],
  }),
  // Answered before the year began: in neither.
  answeredLastYear: complaint({
    receivedOn: '2025-12-01',
    outcome: 'not-upheld',
    respondedOn: '2026-03-31',
  }),
  // The year's first day; three issues, one clinical: counted once per distinct item in each section.
  multiAspect: complaint({
    receivedOn: '2026-04-01',
    outcome: 'partially-upheld',
    respondedOn: '2026-06-10',
    patientBornOn: '1950-04-02', // 75 on the day received (76 the day after)
    complainantRelationship: 'patient',
    issues: [
      ['communications', 'inpatient', NURSING],
      ['communications', 'inpatient', MEDICAL],
      ['clinical-treatment', 'outpatient', MEDICAL, 'cardiology'],
    ],
  }),
  // Made by phone and recorded (every channel is written once recorded); for someone else; answered on the
  // year's last day; two clinical areas.
  onBehalf: complaint({
    receivedOn: '2026-09-30',
    outcome: 'not-upheld',
    respondedOn: '2027-03-31',
    patientBornOn: '2010-01-01',
    complainantRelationship: 'representative',
    onBehalfOfSomeoneElse: true,
    issues: [
      ['clinical-treatment', 'a-and-e', MEDICAL, 'accident-and-emergency'],
      ['clinical-treatment', 'a-and-e', NURSING, 'general-medicine'],
    ],
  }),
  // Received on the year's last day, open: new and carried forward.
  lastDay: complaint({
    receivedOn: '2027-03-31',
    patientBornOn: '1980-03-31',
    complainantRelationship: 'relative',
    issues: [['values-and-behaviours', 'community', ADMIN]],
  }),
  // Answered after the year ended: new, not resolved, carried forward; age and status unknown.
  answeredNextYear: complaint({
    receivedOn: '2026-12-01',
    outcome: 'upheld',
    respondedOn: '2027-04-02',
    issues: [['waiting-times', 'outpatient', ADMIN]],
  }),
  withdrawn: complaint({
    receivedOn: '2026-05-05',
    outcome: 'withdrawn',
    closedOn: '2026-06-01',
    patientBornOn: '1990-06-01',
    complainantRelationship: 'patient',
    issues: [['appointments', 'outpatient', ADMIN]],
  }),
  resolvedEarly: complaint({
    receivedOn: '2026-07-01',
    outcome: 'resolved-early',
    closedOn: '2026-07-03',
    patientBornOn: '1940-01-01',
    complainantRelationship: 'carer',
    issues: [['communications', 'community', NURSING]],
  }),
  // A complaint with feedback is a complaint; the day before the patient's 18th birthday.
  withFeedback: complaint({
    kind: 'complaint-and-feedback',
    receivedOn: '2026-08-08',
    outcome: 'upheld',
    respondedOn: '2026-09-01',
    patientBornOn: '2008-08-09',
    complainantRelationship: 'relative',
    issues: [['end-of-life-care', 'inpatient', NURSING]],
  }),
  // Needing no investigation: left out.
  feedback: complaint({ kind: 'feedback', issues: [['communications', 'inpatient', NURSING]] }),
  palsEnquiry: complaint({ kind: 'pals-enquiry', issues: [['communications', 'inpatient', NURSING]] }),
  anonymous: complaint({ anonymous: true, issues: [['communications', 'inpatient', NURSING]] }),
  // The next year's first day.
  nextYear: complaint({ receivedOn: '2027-04-01', issues: [['communications', 'inpatient', NURSING]] }),
};

describe('the KO41a return for 2026-27 (R-MON-1, ADR 0029)', () => {
  const figures = ko41aReturn(Object.values(YEAR), financialYear('2026-27'));

  it('summary: brought forward, new, resolved by outcome, carried forward', () => {
    expect(figures.summary).toEqual({
      broughtForward: 2,
      new: 7,
      upheld: 2,
      partiallyUpheld: 1,
      notUpheld: 1,
      resolved: 4,
      carriedForward: 3,
    });
    expect(figures.closedWithoutResponse).toEqual({ withdrawn: 1, 'resolved-early': 1 });
  });

  it('age of patient and status of complainant count each new complaint once', () => {
    expect(figures.ageOfPatient).toEqual({ '0-17': 2, '18-64': 2, '65-and-over': 2, unknown: 1 });
    expect(figures.statusOfComplainant).toEqual({ patient: 2, 'on-behalf-of-patient': 4, unknown: 1 });
  });

  it('service, subject and profession count each distinct item of a complaint once', () => {
    expect(nonZero(figures.serviceArea)).toEqual({ inpatient: 2, outpatient: 3, 'a-and-e': 1, community: 2 });
    expect(nonZero(figures.subjectArea)).toEqual({
      communications: 2,
      'clinical-treatment': 2,
      'values-and-behaviours': 1,
      'waiting-times': 1,
      appointments: 1,
      'end-of-life-care': 1,
    });
    expect(nonZero(figures.profession)).toEqual({ [NURSING]: 4, [MEDICAL]: 2, [ADMIN]: 3 });
    expect(nonZero(figures.clinicalTreatment)).toEqual({
      cardiology: 1,
      'accident-and-emergency': 1,
      'general-medicine': 1,
    });
  });

  it('every item of the code lists is in its section, zeros included', () => {
    for (const section of KO41A_CODE_LISTS.sections) {
      const counts = {
        3: figures.ageOfPatient,
        4: figures.statusOfComplainant,
        5: figures.serviceArea,
        6: figures.clinicalTreatment,
        7: figures.subjectArea,
        8: figures.profession,
      }[section.section]!;
      expect(Object.keys(counts).sort()).toEqual(section.items.map((item) => item.code).sort());
    }
  });

  it('passes the form’s validation', () => {
    expect(validateKo41a(figures)).toEqual([]);
  });

  it('the CSV has one row per item, in the code lists’ order, with the version', () => {
    const lines = ko41aCsv('HPFT', figures).trimEnd().split('\r\n');
    expect(lines[0]).toBe('organisation,year,code_lists_version,section,item,label,value');
    expect(lines[1]).toBe(
      `HPFT,2026-27,${KO41A_CODE_LISTS.version},2,brought-forward,Total brought forward,2`,
    );
    expect(lines).toContain(
      `HPFT,2026-27,${KO41A_CODE_LISTS.version},2,carried-forward,Total carried forward,3`,
    );
    expect(lines).toContain(`HPFT,2026-27,${KO41A_CODE_LISTS.version},6,cardiology,Cardiology,1`);
    expect(lines).toContain(
      `HPFT,2026-27,${KO41A_CODE_LISTS.version},8,scientific-technical-and-therapeutic,"Scientific, Therapeutic and Technical",0`,
    );
    const items = 7 + KO41A_CODE_LISTS.sections.reduce((sum, section) => sum + section.items.length, 0);
    expect(lines).toHaveLength(1 + items);
  });
});

describe('the KO41a form’s validation', () => {
  const year = financialYear('2026-27');

  it('refuses a new complaint with an issue not coded, naming the section', () => {
    const figures = ko41aReturn(
      [complaint({ issues: [['communications', null, NURSING]] }), complaint({ issues: [] })],
      year,
    );
    expect(validateKo41a(figures)).toEqual([
      {
        section: 5,
        rule: 'every-issue-coded',
        detail: '1 new complaints have an issue with no service area',
      },
      {
        section: 5,
        rule: 'at-least-new',
        detail: 'service area adds up to 0, fewer than the 2 new complaints',
      },
      {
        section: 7,
        rule: 'at-least-new',
        detail: 'subject area adds up to 1, fewer than the 2 new complaints',
      },
      {
        section: 8,
        rule: 'at-least-new',
        detail: 'profession adds up to 1, fewer than the 2 new complaints',
      },
    ]);
  });

  it('refuses a clinical-treatment complaint with no clinical area (section 6)', () => {
    const figures = ko41aReturn(
      [complaint({ issues: [['clinical-treatment', 'inpatient', MEDICAL]] })],
      year,
    );
    expect(validateKo41a(figures).map((problem) => [problem.section, problem.rule])).toEqual([
      [6, 'every-issue-coded'],
      [6, 'covers-clinical-treatment'],
    ]);
  });

  it('refuses resolved above the total, a negative carried forward and sections that do not add up', () => {
    const figures = ko41aReturn([], year);
    const broken = {
      ...figures,
      summary: { ...figures.summary, new: 1, upheld: 3, resolved: 3, carriedForward: -2 },
      ageOfPatient: { ...figures.ageOfPatient, '18-64': 2 },
    };
    expect(validateKo41a(broken).map((problem) => `${problem.section}:${problem.rule}`)).toEqual([
      '2:whole-number',
      '2:resolved-within-total',
      '2:carried-forward-not-negative',
      '3:adds-up-to-new',
      '4:adds-up-to-new',
      '5:at-least-new',
      '7:at-least-new',
      '8:at-least-new',
    ]);
  });
});

describe('KO41a age bands', () => {
  it.each([
    ['2009-06-01', '2026-06-01', '0-17'],
    ['2008-06-01', '2026-06-01', '18-64'],
    ['1961-06-02', '2026-06-01', '18-64'],
    ['1961-06-01', '2026-06-01', '65-and-over'],
    [null, '2026-06-01', 'unknown'],
    ['2027-01-01', '2026-06-01', 'unknown'],
  ])('born %s, received %s: %s', (bornOn, receivedOn, band) => {
    expect(ko41aAgeBand(bornOn, receivedOn)).toBe(band);
  });
});

function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}
