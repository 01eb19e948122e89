// R-INV-5: why a timescale cannot be met, as the person is told it. A code, so the reason can travel
// through the workflow without any personal detail; the letter explains it in words.
import type { LocalDate } from './local-date';

export const EXTENSION_REASONS = {
  'awaiting-information': 'we are still waiting for information we need to answer your complaint fully',
  'awaiting-clinical-view':
    'we are waiting for the view of a suitably qualified clinician who was not involved in your care',
  complexity: 'your complaint raises several issues that need more time to look into properly',
  'staff-availability': 'people we need to speak to have not yet been available',
  'external-process':
    'another process that has to finish first (such as a safeguarding review) is still running',
  'person-request': 'you asked us for more time, or agreed that more time would help',
} as const;

export type ExtensionReason = keyof typeof EXTENSION_REASONS;

export function isExtensionReason(value: unknown): value is ExtensionReason {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EXTENSION_REASONS, value);
}

/** R-INV-5: with whom a new date was agreed (a role: the names stay in the case file). */
export const EXTENSION_AGREED_WITH = ['complainant', 'person-affected', 'advocate'] as const;
export type ExtensionAgreedWith = (typeof EXTENSION_AGREED_WITH)[number];

/** R-INV-5: how the new date was agreed. */
export const EXTENSION_AGREED_BY = ['telephone', 'meeting', 'video-call', 'email', 'letter'] as const;
export type ExtensionAgreedBy = (typeof EXTENSION_AGREED_BY)[number];

/** R-INV-5: the person's agreement to a new date: who, on which day, and how. */
export interface ExtensionAgreement {
  with: ExtensionAgreedWith;
  on: LocalDate;
  how: ExtensionAgreedBy;
}

/** The words a letter uses for with whom a date was agreed ("we agreed with you …"). */
export const EXTENSION_AGREED_WITH_WORDS: Readonly<Record<ExtensionAgreedWith, string>> = {
  complainant: 'with you',
  'person-affected': 'with the person your complaint is about',
  advocate: 'with your advocate',
};

/** The words a letter uses for how a date was agreed ("we agreed … by telephone"). */
export const EXTENSION_AGREED_BY_WORDS: Readonly<Record<ExtensionAgreedBy, string>> = {
  telephone: 'by telephone',
  meeting: 'when we met',
  'video-call': 'by video call',
  email: 'by email',
  letter: 'in writing',
};
