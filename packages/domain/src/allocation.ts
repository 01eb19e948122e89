// R-INV-1: a complaint is handled by someone not involved in the events. Where that is not possible the
// reason is recorded and explained to the person: a code here, so it travels through the workflow without
// personal detail; the letter explains it in words.

export const INVOLVED_HANDLER_REASONS = {
  'no-uninvolved-handler':
    'everyone in our organisation who could look into your complaint was involved in some way in the events you describe',
  'specialist-knowledge':
    'your complaint needs specialist knowledge that only a member of staff involved in your care has',
  'small-team': 'our team is small, and everyone in it had some part in the events you describe',
} as const;

export type InvolvedHandlerReason = keyof typeof INVOLVED_HANDLER_REASONS;

export function isInvolvedHandlerReason(value: unknown): value is InvolvedHandlerReason {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(INVOLVED_HANDLER_REASONS, value);
}
