import type { Stage } from '@complaints/domain';

/** Each stage of the procedure as the person who complained would say it (the staff words are STAGE_MEANINGS). */
export const STAGE_WORDS: Record<Stage, { title: string; detail: string }> = {
  'pals-enquiry': {
    title: 'Our Patient Advice and Liaison Service (PALS) is helping you',
    detail: 'They aim to sort this out with you within 10 working days.',
  },
  'feedback-recorded': {
    title: 'We have recorded your feedback',
    detail: 'We use it to improve our services.',
  },
  'reviewing-for-learning': { title: 'We are looking into the concern', detail: 'We will learn from it.' },
  'awaiting-acknowledgement': {
    title: 'We have received your complaint',
    detail: 'We will write to you to acknowledge it and tell you who is looking into it.',
  },
  acknowledged: {
    title: 'We have acknowledged your complaint',
    detail: 'We are deciding how best to look into it.',
  },
  'early-resolution': {
    title: 'We are trying to resolve your complaint quickly',
    detail: 'Someone will contact you to talk about it.',
  },
  'resolved-early': {
    title: 'We have resolved your complaint',
    detail: 'We have written to you with what we found and what we did.',
  },
  'closer-look': {
    title: 'We are looking into your complaint',
    detail: 'We are finding out what happened, and will send you our full response.',
  },
  'awaiting-sign-off': {
    title: 'Our response is nearly ready',
    detail: 'A senior member of staff is checking and signing it.',
  },
  responded: {
    title: 'We have sent you our response',
    detail: 'If we promised to do something, we are doing it now.',
  },
  closed: { title: 'Your complaint is closed', detail: 'We have finished everything we said we would do.' },
  withdrawn: {
    title: 'Your complaint was withdrawn',
    detail: 'You can contact us if you want to raise it again.',
  },
};

/** Where "not satisfied" makes sense: after a response. */
export const AFTER_RESPONSE: readonly string[] = ['resolved-early', 'responded', 'closed'];
