import { FINDING_OUTCOMES, type FindingOutcome } from './final-response';
import {
  CLINICAL_SPECIALTIES,
  KO41A_AGE_BANDS,
  KO41A_CODE_LISTS,
  KO41A_COMPLAINANT_STATUSES,
  type Ko41aComplainantStatus,
} from './ko41a-code-lists';
import { addCalendarDays, type LocalDate } from './local-date';
import { SERVICE_AREAS, STAFF_GROUPS, SUBJECT_AREAS } from './monitoring';
import type { ComplaintOutcome } from './outcomes';
import type { ReportingPeriod } from './reporting-periods';
import type { Relationship, SubmissionKind } from './vocabulary';

// The KO41a return for a financial year (R-MON-1, issue #15 part 3; ADR 0029), counted from the record by the
// collection's rules:
// - a written complaint is one made in writing or made orally and recorded in writing, so every channel counts;
// - feedback, PALS enquiries and anonymous submissions (looked into for learning only, R-INT-4) need no
//   investigation under the procedure and are left out;
// - a complaint counts once in the totals and once per distinct item it touches in the service, subject and
//   profession sections (and section 6 for its clinical-treatment issues), so those sections may add up to more
//   than the new complaints;
// - the organisation that handled the complaint reports it (the complaint's own organisation: the lead of a joint
//   case; us, not the ICB, for one an ICB forwarded);
// - resolved means a final response was sent, with its findings' overall outcome (upheld, partially upheld, not
//   upheld); a complaint closed without one (resolved early, withdrawn, out of scope or time) leaves the open
//   count without a box of the form's, and the readable return says how many did.

/** What the return needs of one complaint; never who it is. */
export interface Ko41aComplaint {
  kind: SubmissionKind;
  anonymous: boolean;
  receivedOn: LocalDate;
  outcome: ComplaintOutcome | null;
  /** London date the first final response was sent. */
  respondedOn: LocalDate | null;
  /** London date the complaint was closed, for any reason. */
  closedOn: LocalDate | null;
  /** The patient's date of birth (the person affected's, or the complainant's when they are the patient). */
  patientBornOn: LocalDate | null;
  complainantRelationship: Relationship | null;
  /** Whether someone else is the person affected (R-INT-5). */
  onBehalfOfSomeoneElse: boolean;
  issues: {
    subjectArea: string | null;
    serviceArea: string | null;
    staffGroup: string | null;
    clinicalSpecialty: string | null;
  }[];
}

/** Where a new complaint's issue is not coded for a section, its count goes here; the form has no such box. */
export const NOT_CODED = 'not-coded';

type Counts = Record<string, number>;

export interface Ko41aReturn {
  year: string;
  from: LocalDate;
  to: LocalDate;
  codeListsVersion: string;
  summary: {
    broughtForward: number;
    new: number;
    upheld: number;
    partiallyUpheld: number;
    notUpheld: number;
    resolved: number;
    carriedForward: number;
  };
  /** Not a box of the form: closed in the year without a final response (resolved early, withdrawn, …). */
  closedWithoutResponse: Counts;
  ageOfPatient: Counts;
  statusOfComplainant: Counts;
  serviceArea: Counts;
  clinicalTreatment: Counts;
  subjectArea: Counts;
  profession: Counts;
}

export interface Ko41aProblem {
  section: number;
  rule: string;
  detail: string;
}

export function inKo41aScope(complaint: Pick<Ko41aComplaint, 'kind' | 'anonymous'>): boolean {
  return (
    (complaint.kind === 'complaint' || complaint.kind === 'complaint-and-feedback') && !complaint.anonymous
  );
}

const isFinding = (outcome: ComplaintOutcome | null): outcome is FindingOutcome =>
  (FINDING_OUTCOMES as readonly string[]).includes(outcome ?? '');

/** The day a complaint stopped being open: its response for a finding outcome, else its closure. */
function leftOn(complaint: Ko41aComplaint): LocalDate | null {
  return isFinding(complaint.outcome) ? (complaint.respondedOn ?? complaint.closedOn) : complaint.closedOn;
}

const openAtEndOf = (complaint: Ko41aComplaint, day: LocalDate) => {
  const left = leftOn(complaint);
  return complaint.receivedOn <= day && (left === null || left > day);
};

/** Whole years from `bornOn` to `on`. */
export function ageOn(bornOn: LocalDate, on: LocalDate): number {
  const years = Number(on.slice(0, 4)) - Number(bornOn.slice(0, 4));
  return on.slice(5) < bornOn.slice(5) ? years - 1 : years;
}

export function ko41aAgeBand(bornOn: LocalDate | null, receivedOn: LocalDate): string {
  if (bornOn === null || bornOn > receivedOn) return 'unknown';
  const age = ageOn(bornOn, receivedOn);
  return KO41A_AGE_BANDS.find((band) => age >= band.from && (band.to === null || age <= band.to))!.code;
}

export function ko41aComplainantStatus(
  complaint: Pick<Ko41aComplaint, 'onBehalfOfSomeoneElse' | 'complainantRelationship'>,
): Ko41aComplainantStatus {
  if (complaint.onBehalfOfSomeoneElse) return 'on-behalf-of-patient';
  switch (complaint.complainantRelationship) {
    case 'patient':
      return 'patient';
    case 'carer':
    case 'relative':
    case 'representative':
      return 'on-behalf-of-patient';
    default:
      return 'unknown';
  }
}

const zeros = (codes: readonly string[]): Counts => Object.fromEntries(codes.map((code) => [code, 0]));

/** Adds one to each distinct item of the complaint, NOT_CODED standing for an uncoded issue. */
function countDistinct(counts: Counts, values: (string | null)[]) {
  for (const value of new Set(values.map((v) => v ?? NOT_CODED))) counts[value] = (counts[value] ?? 0) + 1;
}

export function ko41aReturn(complaints: readonly Ko41aComplaint[], year: ReportingPeriod): Ko41aReturn {
  const inScope = complaints.filter(inKo41aScope);
  const dayBefore = addCalendarDays(year.from, -1);
  const inYear = (day: LocalDate | null) => day !== null && day >= year.from && day <= year.to;
  const received = inScope.filter((complaint) => inYear(complaint.receivedOn));

  const resolvedBy: Record<FindingOutcome, number> = { upheld: 0, 'partially-upheld': 0, 'not-upheld': 0 };
  const closedWithoutResponse: Counts = {};
  for (const complaint of inScope) {
    if (complaint.receivedOn > year.to || !inYear(leftOn(complaint))) continue;
    if (isFinding(complaint.outcome)) resolvedBy[complaint.outcome] += 1;
    else {
      const how = complaint.outcome ?? 'closed';
      closedWithoutResponse[how] = (closedWithoutResponse[how] ?? 0) + 1;
    }
  }

  const ageOfPatient = zeros([...KO41A_AGE_BANDS.map((band) => band.code), 'unknown']);
  const statusOfComplainant = zeros(KO41A_COMPLAINANT_STATUSES);
  const serviceArea = zeros(SERVICE_AREAS);
  const clinicalTreatment = zeros(CLINICAL_SPECIALTIES);
  const subjectArea = zeros(SUBJECT_AREAS);
  const profession = zeros(STAFF_GROUPS);
  for (const complaint of received) {
    ageOfPatient[ko41aAgeBand(complaint.patientBornOn, complaint.receivedOn)] += 1;
    statusOfComplainant[ko41aComplainantStatus(complaint)] += 1;
    countDistinct(
      serviceArea,
      complaint.issues.map((issue) => issue.serviceArea),
    );
    countDistinct(
      subjectArea,
      complaint.issues.map((issue) => issue.subjectArea),
    );
    countDistinct(
      profession,
      complaint.issues.map((issue) => issue.staffGroup),
    );
    const clinical = complaint.issues.filter((issue) => issue.subjectArea === 'clinical-treatment');
    if (clinical.length > 0)
      countDistinct(
        clinicalTreatment,
        clinical.map((issue) => issue.clinicalSpecialty),
      );
  }

  const resolved = resolvedBy.upheld + resolvedBy['partially-upheld'] + resolvedBy['not-upheld'];
  return {
    year: year.name,
    from: year.from,
    to: year.to,
    codeListsVersion: KO41A_CODE_LISTS.version,
    summary: {
      broughtForward: inScope.filter((complaint) => openAtEndOf(complaint, dayBefore)).length,
      new: received.length,
      upheld: resolvedBy.upheld,
      partiallyUpheld: resolvedBy['partially-upheld'],
      notUpheld: resolvedBy['not-upheld'],
      resolved,
      carriedForward: inScope.filter((complaint) => openAtEndOf(complaint, year.to)).length,
    },
    closedWithoutResponse,
    ageOfPatient,
    statusOfComplainant,
    serviceArea,
    clinicalTreatment,
    subjectArea,
    profession,
  };
}

const total = (counts: Counts) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/**
 * The form's own validation (and ours: the summary reconciles with the complaints closed without a response),
 * each problem naming its section. An empty list means the return can be submitted.
 */
export function validateKo41a(figures: Ko41aReturn): Ko41aProblem[] {
  const problems: Ko41aProblem[] = [];
  const { summary } = figures;
  const fail = (section: number, rule: string, detail: string) => problems.push({ section, rule, detail });

  for (const [name, value] of Object.entries(summary))
    if (!Number.isInteger(value) || value < 0)
      fail(2, 'whole-number', `${name} must be 0 or more (is ${value})`);
  if (summary.resolved !== summary.upheld + summary.partiallyUpheld + summary.notUpheld)
    fail(2, 'resolved-is-sum', 'total resolved must be upheld + partially upheld + not upheld');
  if (summary.resolved > summary.broughtForward + summary.new)
    fail(
      2,
      'resolved-within-total',
      `total resolved (${summary.resolved}) must be at most brought forward + new (${summary.broughtForward + summary.new})`,
    );
  if (summary.carriedForward < 0)
    fail(2, 'carried-forward-not-negative', 'total carried forward must be 0 or more');
  const closedOtherwise = total(figures.closedWithoutResponse);
  if (summary.broughtForward + summary.new - summary.resolved - closedOtherwise !== summary.carriedForward)
    fail(
      2,
      'carried-forward-reconciles',
      `brought forward + new − resolved − closed without a response (${summary.broughtForward} + ${summary.new} − ${summary.resolved} − ${closedOtherwise}) must be the carried forward (${summary.carriedForward})`,
    );

  for (const [section, name, counts] of [
    [3, 'age of patient', figures.ageOfPatient],
    [4, 'status of complainant', figures.statusOfComplainant],
  ] as const)
    if (total(counts) !== summary.new)
      fail(
        section,
        'adds-up-to-new',
        `${name} adds up to ${total(counts)}, not the ${summary.new} new complaints`,
      );

  for (const [section, name, counts] of [
    [5, 'service area', figures.serviceArea],
    [7, 'subject area', figures.subjectArea],
    [8, 'profession', figures.profession],
  ] as const) {
    if ((counts[NOT_CODED] ?? 0) > 0)
      fail(section, 'every-issue-coded', `${counts[NOT_CODED]} new complaints have an issue with no ${name}`);
    const coded = total(counts) - (counts[NOT_CODED] ?? 0);
    if (coded < summary.new)
      fail(
        section,
        'at-least-new',
        `${name} adds up to ${coded}, fewer than the ${summary.new} new complaints`,
      );
  }

  const clinical = figures.clinicalTreatment;
  if ((clinical[NOT_CODED] ?? 0) > 0)
    fail(
      6,
      'every-issue-coded',
      `${clinical[NOT_CODED]} new complaints have a clinical-treatment issue with no clinical area`,
    );
  if (total(clinical) - (clinical[NOT_CODED] ?? 0) < figures.subjectArea['clinical-treatment'])
    fail(
      6,
      'covers-clinical-treatment',
      `section 6 must record each of the ${figures.subjectArea['clinical-treatment']} complaints about clinical treatment`,
    );
  return problems;
}

/** The return as the submission's CSV: one row per section and item, the items of the code lists' version. */
export function ko41aCsv(organisation: string, figures: Ko41aReturn): string {
  const rows: (string | number)[][] = [
    ['organisation', 'year', 'code_lists_version', 'section', 'item', 'label', 'value'],
  ];
  const row = (section: number, itemCode: string, label: string, value: number) =>
    rows.push([organisation, figures.year, figures.codeListsVersion, section, itemCode, label, value]);
  const summaryValues: Record<string, number> = {
    'brought-forward': figures.summary.broughtForward,
    new: figures.summary.new,
    upheld: figures.summary.upheld,
    'partially-upheld': figures.summary.partiallyUpheld,
    'not-upheld': figures.summary.notUpheld,
    resolved: figures.summary.resolved,
    'carried-forward': figures.summary.carriedForward,
  };
  for (const summaryItem of KO41A_CODE_LISTS.summary.items)
    row(2, summaryItem.code, summaryItem.label, summaryValues[summaryItem.code]);
  const bySection: Record<number, Counts> = {
    3: figures.ageOfPatient,
    4: figures.statusOfComplainant,
    5: figures.serviceArea,
    6: figures.clinicalTreatment,
    7: figures.subjectArea,
    8: figures.profession,
  };
  for (const section of KO41A_CODE_LISTS.sections)
    for (const sectionItem of section.items)
      row(
        section.section,
        sectionItem.code,
        sectionItem.label,
        bySection[section.section][sectionItem.code] ?? 0,
      );
  return rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
