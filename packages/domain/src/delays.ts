// R-INV-5: why a timescale cannot be met, as the person is told it. A code, so the reason can travel
// through the workflow without any personal detail; the letter explains it in words.

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
