// The names of the catalogue's templates, for the compiler: each has its file `activities/templates/<name>.hbs`
// (the catalogue refuses to load when a file and this list disagree).

export const TEMPLATE_NAMES = [
  'acknowledgement',
  'early-resolution-summary',
  'deadline-reminder',
  'deadline-breach',
  'final-response',
  'final-response-cover',
  'timescale-extended',
  'involved-handler',
  'other-procedure',
  'six-month-delay',
  'reopened',
  'investigation-plan',
  'stage-two-acknowledgement',
  'action-completed',
  'actions-completed',
  'experience-survey',
  'out-of-scope',
  'persistent-behaviour-decision',
  'representative-decision',
  'out-of-time',
  'consent-request',
  'approval-request',
  'staff-notification',
  'handler-allocated',
  'delivery-failed',
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

/** `standard`, or a version of a letter for a reasonable adjustment (R-INT-2). */
export const TEMPLATE_VARIANTS = ['standard', 'easy-read'] as const;
export type TemplateVariant = (typeof TEMPLATE_VARIANTS)[number];

/** A letter to the person (letterhead, address, signature) or an email to staff. */
export const TEMPLATE_KINDS = ['letter', 'staff'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
