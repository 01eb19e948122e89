import type { SurveyQuestion, SurveyRespondent } from '@complaints/domain';

// The survey's questions in plain words (the NHS service manual's satisfaction-survey pattern: a few closed
// questions, then one free-text box; every question optional). Staff are asked about the same four things.

export const QUESTION_WORDS: Record<SurveyRespondent, Record<SurveyQuestion, string>> = {
  complainant: {
    overall: 'Overall, how satisfied are you with how we handled your complaint?',
    keptInformed: 'Did we keep you informed about what was happening with your complaint?',
    handledFairly: 'Do you feel your complaint was handled fairly?',
    easyToTakePart: 'How easy was it to make your complaint?',
  },
  staff: {
    overall: 'Overall, how satisfied are you with how this complaint was handled?',
    keptInformed: 'Were you kept informed about what was happening with the complaint?',
    handledFairly: 'Do you feel the complaint was handled fairly, for the person and for staff?',
    easyToTakePart: 'How easy was it to take part in the complaints process?',
  },
};

export const ANSWER_WORDS: Record<string, string> = {
  'very-satisfied': 'Very satisfied',
  satisfied: 'Satisfied',
  neither: 'Neither satisfied nor dissatisfied',
  dissatisfied: 'Dissatisfied',
  'very-dissatisfied': 'Very dissatisfied',
  'yes-always': 'Yes, always',
  'yes-sometimes': 'Yes, sometimes',
  no: 'No',
  yes: 'Yes',
  partly: 'Partly',
  'not-sure': 'Not sure',
  'very-easy': 'Very easy',
  easy: 'Easy',
  difficult: 'Difficult',
  'very-difficult': 'Very difficult',
};

/** "Neither" reads differently on the question of ease. */
export function answerWords(question: SurveyQuestion, value: string): string {
  if (question === 'easyToTakePart' && value === 'neither') return 'Neither easy nor difficult';
  return ANSWER_WORDS[value] ?? value;
}
