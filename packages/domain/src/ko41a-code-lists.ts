import { SERVICE_AREAS, STAFF_GROUPS, SUBJECT_AREAS } from './monitoring';

// The KO41a (NHS England, "Data on Written Complaints in the NHS", hospital and community health services) return's
// sections and the items in each, as versioned data (ADR 0029). A change of the national lists is a new version
// here and nothing else: the return is counted from the system's own coding through `maps`.
//
// PROVENANCE, READ BEFORE SUBMITTING. The official "KO41a complaints data items lookup and validations" file and
// the SDCS template (which hold the national item codes) could not be found when this was written; only the
// collection's published guidance was (the source below). So:
// - the section numbers and names, the counting rules, the summary items and the form's validation are the
//   guidance's (`verified: true` on what the guidance names);
// - the items of sections 3–8 are this system's own codes with readable labels. Where the guidance names an item
//   (service "Mental Health", profession "Scientific, Therapeutic and Technical", subjects "Communications",
//   "Values and Behaviours" and "Other") the label is the guidance's; the rest follow the names the system
//   coded issues by since ADR 0024 and are marked `verified: false`;
// - no national item code is given, because none was seen: `nationalCode` is null on every item, and the CSV
//   names items by this system's code. Check the lists against the lookup file before the first submission, fill
//   in `nationalCode`, and release the result as the next version.

export interface Ko41aItem {
  /** This system's code for the item: the CSV's item column. */
  code: string;
  label: string;
  /** The national lookup's code, once checked against it (null: not seen). */
  nationalCode: string | null;
  /** Whether the published guidance names this item as it is here. */
  verified: boolean;
}

export interface Ko41aSection {
  /** The form's section number. */
  section: number;
  title: string;
  items: Ko41aItem[];
}

const item = (code: string, label: string, verified = false): Ko41aItem => ({
  code,
  label,
  nationalCode: null,
  verified,
});

/** Age of the patient on the day the complaint was received (section 3). */
export const KO41A_AGE_BANDS = [
  { code: '0-17', from: 0, to: 17 },
  { code: '18-64', from: 18, to: 64 },
  { code: '65-and-over', from: 65, to: null },
] as const;

export const KO41A_COMPLAINANT_STATUSES = ['patient', 'on-behalf-of-patient', 'unknown'] as const;
export type Ko41aComplainantStatus = (typeof KO41A_COMPLAINANT_STATUSES)[number];

/** Section 6: the clinical-treatment subject broken down by the clinical area complained of. */
export const CLINICAL_SPECIALTIES = [
  'accident-and-emergency',
  'cancer-services',
  'cardiology',
  'community-services',
  'general-medicine',
  'general-surgery',
  'gynaecology',
  'learning-disabilities',
  'maternity-and-obstetrics',
  'mental-health',
  'ophthalmology',
  'orthopaedics-and-trauma',
  'paediatrics',
  'radiology',
  'other',
] as const;
export type ClinicalSpecialty = (typeof CLINICAL_SPECIALTIES)[number];

const labelled = (code: string) =>
  code === 'a-and-e' ? 'A&E' : code[0].toUpperCase() + code.slice(1).replaceAll('-', ' ');

const GUIDANCE_LABELS: Record<string, string> = {
  'mental-health': 'Mental Health',
  'scientific-technical-and-therapeutic': 'Scientific, Therapeutic and Technical',
  communications: 'Communications',
  'values-and-behaviours': 'Values and Behaviours',
  other: 'Other',
};

const listed = (codes: readonly string[]) =>
  codes.map((code) =>
    GUIDANCE_LABELS[code] ? item(code, GUIDANCE_LABELS[code], true) : item(code, labelled(code)),
  );

export const KO41A_CODE_LISTS = {
  /** Bumped on any change of an item, a label, a national code or a band. */
  version: '2026.1-provisional',
  /** False until every item has been checked against the national lookup file (see the note at the top). */
  checkedAgainstNationalLookup: false,
  source: {
    publisher: 'NHS England (formerly NHS Digital)',
    collection: 'KO41a NHS hospital and community health services written complaints',
    standard: 'SCCI2125 Amd 102/2015 (Hospital and Community Health Services Written Complaints Collection)',
    guidance:
      'https://digital.nhs.uk/data-and-information/data-collections-and-data-sets/data-collections/hospital-and-community-health-services-complaints-collection-ko41a/ko41a-nhs-hospital-and-community-health-services/guidelines',
    furtherGuidance:
      'https://digital.nhs.uk/data-and-information/data-collections-and-data-sets/data-collections/hospital-and-community-health-services-complaints-collection-ko41a/ko41a-nhs-hospital-and-community-health-services/support-and-further-guidance',
    notSeen: 'KO41a complaints data items lookup and validations; KO41a SDCS template',
  },
  summary: {
    section: 2,
    title: 'Summary of overall numbers of complaints',
    items: [
      item('brought-forward', 'Total brought forward', true),
      item('new', 'Total new complaints', true),
      item('upheld', 'Number upheld', true),
      item('partially-upheld', 'Number partially upheld', true),
      item('not-upheld', 'Number not upheld', true),
      item('resolved', 'Total resolved', true),
      item('carried-forward', 'Total carried forward', true),
    ],
  },
  sections: [
    {
      section: 3,
      title: 'Age of patient',
      items: [
        ...KO41A_AGE_BANDS.map((band) => item(band.code, `Age ${band.code.replace('-and-over', '+')}`)),
        item('unknown', 'Age unknown', true),
      ],
    },
    {
      section: 4,
      title: 'Status of complainant',
      items: [
        item('patient', 'Patient', true),
        item('on-behalf-of-patient', 'Someone on behalf of the patient', true),
        item('unknown', 'Unknown'),
      ],
    },
    { section: 5, title: 'Service area', items: listed(SERVICE_AREAS) },
    {
      section: 6,
      title: 'Subject area of clinical treatment sub-categories',
      items: listed(CLINICAL_SPECIALTIES),
    },
    { section: 7, title: 'Subject area', items: listed(SUBJECT_AREAS) },
    { section: 8, title: 'Profession', items: listed(STAFF_GROUPS) },
  ] satisfies Ko41aSection[],
} as const;
