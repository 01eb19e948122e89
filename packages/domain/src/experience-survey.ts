import { financialQuarterContaining } from './reporting-periods';
import type { LocalDate } from './local-date';

// The experience survey after closure (issue #18; PHSO Complaint Standards: feedback on the experience from
// the person who complained and from the staff involved). Every question is optional; answers are stored apart
// from the case and only counted (ADR 0023).

export const SURVEY_RESPONDENTS = ['complainant', 'staff'] as const;
export type SurveyRespondent = (typeof SURVEY_RESPONDENTS)[number];

/** Each question's answers, in the order the page shows them. */
export const SURVEY_QUESTIONS = {
  overall: ['very-satisfied', 'satisfied', 'neither', 'dissatisfied', 'very-dissatisfied'],
  keptInformed: ['yes-always', 'yes-sometimes', 'no'],
  handledFairly: ['yes', 'partly', 'no', 'not-sure'],
  easyToTakePart: ['very-easy', 'easy', 'neither', 'difficult', 'very-difficult'],
} as const satisfies Record<string, readonly string[]>;

export type SurveyQuestion = keyof typeof SURVEY_QUESTIONS;
export type SurveyAnswers = { [Q in SurveyQuestion]?: (typeof SURVEY_QUESTIONS)[Q][number] };

/** "Anything else, in your own words": long enough for a paragraph, short enough to stay a survey. */
export const SURVEY_COMMENT_LIMIT = 2000;

/** Why an answer is not one of its question's, or null when every answer is (all are optional). */
export function surveyAnswerProblems(answers: Record<string, unknown>): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  for (const [question, answer] of Object.entries(answers)) {
    const allowed = (SURVEY_QUESTIONS as Record<string, readonly string[]>)[question];
    if (!allowed) problems.push({ field: `answers.${question}`, reason: 'is not a survey question' });
    else if (answer !== undefined && !allowed.includes(answer as string))
      problems.push({ field: `answers.${question}`, reason: `must be one of ${allowed.join(', ')}` });
  }
  return problems;
}

/** The closure period an answer is kept under: the financial quarter, never the day (ADR 0023). */
export function surveyPeriodOf(closedOn: LocalDate): { quarter: string; from: LocalDate } {
  const quarter = financialQuarterContaining(closedOn);
  return { quarter: quarter.name, from: quarter.from };
}
