import { isAnonymous, onBehalf, type Answers } from './answers';
import { longDate } from './dates';
import { NEED_TEXT, PURPOSE_TEXT, SUBJECT_TEXT } from './pages';

export interface SummaryRow {
  key: string;
  /** Lines of the answer, each escaped by the template. */
  lines: string[];
  /** The page that changes it. */
  page: string;
}

const optional = (value: string | undefined) => [value ?? 'Not given'];

/** The check-your-answers summary: every answer, each with the page that changes it. */
export function summaryRows(answers: Answers): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: 'What you want to do', lines: [PURPOSE_TEXT[answers.purpose!]], page: 'what-you-want' },
  ];
  if (!isAnonymous(answers)) {
    rows.push({ key: 'Who it is about', lines: [SUBJECT_TEXT[answers.subject!]], page: 'who' });
    if (onBehalf(answers)) {
      rows.push({
        key: 'Their details',
        lines: [
          answers.personAffectedName!,
          ...(answers.personAffectedDateOfBirth
            ? [`Born ${longDate(answers.personAffectedDateOfBirth)}`]
            : []),
        ],
        page: 'their-details',
      });
      if (answers.subject === 'someone-else')
        rows.push({
          key: 'They have agreed',
          lines: [answers.consentGiven === 'yes' ? 'Yes' : 'Not yet'],
          page: 'consent',
        });
    }
    rows.push({ key: 'Your name', lines: [answers.name!], page: 'your-name' });
    rows.push({
      key: 'Contact details',
      lines: [
        ...(answers.email ? [answers.email] : []),
        ...(answers.phone ? [answers.phone] : []),
        ...(answers.addressLines ?? []),
        ...(answers.postcode ? [answers.postcode] : []),
      ].concat(answers.email || answers.addressLines || answers.phone ? [] : ['Not given']),
      page: 'contact-details',
    });
    if (answers.purpose === 'complaint')
      rows.push({
        key: 'Replies',
        lines: (answers.replyChannels ?? []).map((channel) =>
          channel === 'email' ? 'By email' : 'By letter',
        ),
        page: 'replies',
      });
    rows.push({
      key: 'Support you need',
      lines: [
        ...(answers.accessibilityNeeds ?? []).map((need) => NEED_TEXT[need]),
        ...(answers.adjustmentsNote ? [answers.adjustmentsNote] : []),
      ].concat(answers.accessibilityNeeds?.length || answers.adjustmentsNote ? [] : ['None']),
      page: 'support',
    });
  }
  rows.push({
    key: answers.purpose === 'feedback' ? 'Your feedback' : 'What happened',
    lines: answers.whatHappened!.split('\n'),
    page: 'what-happened',
  });
  rows.push({
    key: 'When it happened',
    lines: optional(answers.incidentOn && longDate(answers.incidentOn)),
    page: 'when',
  });
  if (answers.becameAwareOn)
    rows.push({ key: 'When you found out', lines: [longDate(answers.becameAwareOn)], page: 'when' });
  if (answers.purpose === 'complaint')
    rows.push({
      key: 'The outcome you hope for',
      lines: answers.outcomeSought ? answers.outcomeSought.split('\n') : ['Not given'],
      page: 'outcome',
    });
  if (!isAnonymous(answers))
    rows.push({
      key: 'Equality questions',
      lines: [
        Object.keys(answers.equality ?? {}).length > 0
          ? 'Answered (kept separately from your complaint)'
          : 'Not answered',
      ],
      page: 'equality',
    });
  return rows;
}
