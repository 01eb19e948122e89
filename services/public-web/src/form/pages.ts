// The form, one question per page (NHS service manual, "question pages"). Each page says when it applies,
// reads its answers (or says what is wrong) and describes its fields for the NHS.UK frontend macros.
import {
  ACCESSIBILITY_NEEDS,
  EQUALITY_QUESTIONS,
  PREFER_NOT_TO_SAY,
  type EqualityQuestion,
  RELATIONSHIPS,
  type AccessibilityNeed,
  type Relationship,
  type ReplyChannel,
} from '@complaints/domain';
import { isAnonymous, onBehalf, type Answers, type Purpose, type Subject } from './answers';
import { longDate, twelveMonthsBefore } from './dates';
import { dateField, limited, list, PageErrors, text, type Body } from './fields';

export type Field =
  | { kind: 'radios'; name: string; legend?: string; hint?: string; options: Option[] }
  | { kind: 'checkboxes'; name: string; legend?: string; hint?: string; options: Option[] }
  | {
      kind: 'input';
      name: string;
      label: string;
      hint?: string;
      type?: 'email' | 'tel';
      autocomplete?: string;
      width?: 'postcode' | 'full';
    }
  | { kind: 'textarea'; name: string; label: string; hint?: string; maxLength: number }
  | { kind: 'date'; name: string; legend: string; hint?: string };

export interface Option {
  value: string;
  text: string;
  hint?: string;
}

export interface PageView {
  /** The question: the page's h1 (and the legend of a single group of options). */
  title: string;
  /** Shown under the heading, before the fields. */
  lead?: string[];
  /** NHS.UK inset text, e.g. the 12-month rule. */
  inset?: string;
  fields: Field[];
}

export interface Page {
  slug: string;
  applies(answers: Answers): boolean;
  view(answers: Answers, today: string): PageView;
  /** The page's values as they stand in the form, for showing them again. */
  values(answers: Answers): Body;
  read(body: Body, errors: PageErrors, answers: Answers, today: string): Partial<Answers>;
}

const notAnonymous = (answers: Answers) => !isAnonymous(answers);

const RELATIONSHIP_TEXT: Record<Relationship, string> = {
  patient: 'I use, or have used, its services',
  carer: 'I am a carer',
  relative: 'I am a relative or friend',
  representative: 'I represent someone (for example, an advocate or MP)',
  trainee: 'I am a trainee or a student on placement',
  partner: 'I work for a partner organisation',
  'member-of-public': 'I am a member of the public',
};

export const NEED_TEXT: Record<AccessibilityNeed, string> = {
  'large-print': 'Large print',
  'easy-read': 'Easy read',
  interpreter: 'An interpreter',
  advocate: 'An advocate to help me',
  braille: 'Braille',
  audio: 'Audio',
  bsl: 'British Sign Language (BSL)',
  other: 'Something else (tell us below)',
};

export const PURPOSE_TEXT: Record<Purpose, string> = {
  complaint: 'Make a complaint and get a response',
  feedback: 'Give feedback (you will not get a response)',
  anonymous: 'Raise a concern without giving your name',
};

export const SUBJECT_TEXT: Record<Subject, string> = {
  myself: 'Me',
  'someone-else': 'Someone else, such as a relative or friend',
  child: 'A child I am responsible for',
  'lacks-capacity': 'Someone who cannot make this decision for themselves',
};

const them = (answers: Answers) => answers.personAffectedName ?? 'the person';

function oneOf<T extends string>(
  errors: PageErrors,
  body: Body,
  name: string,
  allowed: readonly T[],
  message: string,
): T | undefined {
  const value = text(body, name) as T;
  if (allowed.includes(value)) return value;
  errors.add(name, message, `${name}-1`);
  return undefined;
}

const QUESTIONS: Page[] = [
  {
    slug: 'what-you-want',
    applies: () => true,
    view: () => ({
      title: 'What would you like to do?',
      fields: [
        {
          kind: 'radios',
          name: 'purpose',
          options: (Object.keys(PURPOSE_TEXT) as Purpose[]).map((value) => ({
            value,
            text: PURPOSE_TEXT[value],
            hint:
              value === 'anonymous'
                ? 'We will look into it and learn from it, but we cannot reply to you'
                : value === 'feedback'
                  ? 'We record it and use it to improve our services'
                  : 'We will acknowledge it, look into it and write to you',
          })),
        },
      ],
    }),
    values: (answers) => ({ purpose: answers.purpose }),
    read: (body, errors) => ({
      purpose: oneOf(
        errors,
        body,
        'purpose',
        Object.keys(PURPOSE_TEXT) as Purpose[],
        'Select what you would like to do',
      ),
    }),
  },
  {
    slug: 'who',
    applies: notAnonymous,
    view: () => ({
      title: 'Who is this about?',
      fields: [
        {
          kind: 'radios',
          name: 'subject',
          options: (Object.keys(SUBJECT_TEXT) as Subject[]).map((value) => ({
            value,
            text: SUBJECT_TEXT[value],
            hint:
              value === 'lacks-capacity'
                ? 'They do not have the mental capacity to complain or to agree to you complaining for them'
                : value === 'someone-else'
                  ? 'We will need their agreement before we share their information with you'
                  : undefined,
          })),
        },
      ],
    }),
    values: (answers) => ({ subject: answers.subject }),
    read: (body, errors) => ({
      subject: oneOf(
        errors,
        body,
        'subject',
        Object.keys(SUBJECT_TEXT) as Subject[],
        'Select who this is about',
      ),
    }),
  },
  {
    slug: 'their-details',
    applies: onBehalf,
    view: (answers) => ({
      title: answers.subject === 'child' ? 'About the child' : 'About the person this is about',
      fields: [
        { kind: 'input', name: 'personAffectedName', label: 'Full name', autocomplete: 'off' },
        {
          kind: 'date',
          name: 'personAffectedDateOfBirth',
          legend: 'Date of birth (optional)',
          hint: 'For example, 15 3 1984. It helps us find their records.',
        },
      ],
    }),
    values: (answers) => ({
      personAffectedName: answers.personAffectedName,
      ...dateParts('personAffectedDateOfBirth', answers.personAffectedDateOfBirth),
    }),
    read: (body, errors, _answers, today) => {
      const name = text(body, 'personAffectedName');
      if (!name) errors.add('personAffectedName', 'Enter their full name');
      const dateOfBirth = dateField(errors, body, 'personAffectedDateOfBirth', 'Date of birth', today);
      return {
        personAffectedName: limited(errors, 'personAffectedName', name, 'Full name', 200),
        personAffectedDateOfBirth: dateOfBirth.value,
      };
    },
  },
  {
    slug: 'consent',
    applies: (answers) => onBehalf(answers) && answers.subject === 'someone-else',
    view: (answers) => ({
      title: `Has ${them(answers)} agreed to you complaining for them?`,
      fields: [
        {
          kind: 'radios',
          name: 'consentGiven',
          hint: 'We cannot share their information with you until they agree. If they have not agreed yet, we will ask them.',
          options: [
            { value: 'yes', text: 'Yes, they have agreed' },
            { value: 'not-yet', text: 'Not yet' },
          ],
        },
      ],
    }),
    values: (answers) => ({ consentGiven: answers.consentGiven }),
    read: (body, errors) => ({
      consentGiven: oneOf(
        errors,
        body,
        'consentGiven',
        ['yes', 'not-yet'] as const,
        'Select yes if they have agreed to you complaining for them',
      ),
    }),
  },
  {
    slug: 'your-name',
    applies: notAnonymous,
    view: () => ({
      title: 'What is your name?',
      fields: [{ kind: 'input', name: 'name', label: 'Full name', autocomplete: 'name' }],
    }),
    values: (answers) => ({ name: answers.name }),
    read: (body, errors) => {
      const name = text(body, 'name');
      if (!name) errors.add('name', 'Enter your full name');
      return { name: limited(errors, 'name', name, 'Full name', 200) };
    },
  },
  {
    slug: 'about-you',
    applies: notAnonymous,
    view: () => ({
      title: 'Which best describes you?',
      fields: [
        {
          kind: 'radios',
          name: 'relationship',
          options: RELATIONSHIPS.map((value) => ({ value, text: RELATIONSHIP_TEXT[value] })),
        },
      ],
    }),
    values: (answers) => ({ relationship: answers.relationship }),
    read: (body, errors) => ({
      relationship: oneOf(errors, body, 'relationship', RELATIONSHIPS, 'Select what best describes you'),
    }),
  },
  {
    slug: 'contact-details',
    applies: notAnonymous,
    view: (answers) => ({
      title: 'How can we contact you?',
      lead: [
        answers.purpose === 'feedback'
          ? 'You do not have to give contact details for feedback.'
          : 'Give an email address, a postal address or both, so that we can reply.',
      ],
      fields: [
        { kind: 'input', name: 'email', label: 'Email address', type: 'email', autocomplete: 'email' },
        {
          kind: 'input',
          name: 'phone',
          label: 'Telephone number (optional)',
          type: 'tel',
          autocomplete: 'tel',
        },
        { kind: 'input', name: 'address1', label: 'Address line 1', autocomplete: 'address-line1' },
        {
          kind: 'input',
          name: 'address2',
          label: 'Address line 2 (optional)',
          autocomplete: 'address-line2',
        },
        { kind: 'input', name: 'town', label: 'Town or city', autocomplete: 'address-level2' },
        {
          kind: 'input',
          name: 'postcode',
          label: 'Postcode',
          autocomplete: 'postal-code',
          width: 'postcode',
        },
      ],
    }),
    values: (answers) => ({
      email: answers.email,
      phone: answers.phone,
      address1: answers.addressLines?.[0],
      address2: answers.addressLines?.length === 3 ? answers.addressLines[1] : undefined,
      town: answers.addressLines?.[answers.addressLines.length - 1],
      postcode: answers.postcode,
    }),
    read: (body, errors, answers) => {
      const email = text(body, 'email');
      const phone = text(body, 'phone');
      const [address1, address2, town] = ['address1', 'address2', 'town'].map((name) => text(body, name));
      const postcode = text(body, 'postcode').toUpperCase();
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        errors.add('email', 'Enter an email address in the correct format, like name@example.com');
      if (phone && !/^[+\d][\d ()-]{5,39}$/.test(phone))
        errors.add('phone', 'Enter a telephone number, like 01632 960 001 or 07700 900 982');
      const anyAddress = Boolean(address1 || address2 || town || postcode);
      if (anyAddress) {
        if (!address1) errors.add('address1', 'Enter the first line of your address');
        if (!town) errors.add('town', 'Enter your town or city');
        if (!/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/.test(postcode))
          errors.add('postcode', 'Enter a full UK postcode, like LS1 4AP');
      }
      if (answers.purpose !== 'feedback' && !email && !anyAddress)
        errors.add('email', 'Enter an email address or a postal address, so that we can reply');
      for (const [name, value, what] of [
        ['email', email, 'Email address'],
        ['address1', address1, 'Address line 1'],
        ['address2', address2, 'Address line 2'],
        ['town', town, 'Town or city'],
      ] as const)
        limited(errors, name, value, what, name === 'email' ? 254 : 200);
      return {
        email: email || undefined,
        phone: phone || undefined,
        addressLines: anyAddress ? [address1, ...(address2 ? [address2] : []), town] : undefined,
        postcode: anyAddress ? postcode : undefined,
      };
    },
  },
  {
    slug: 'replies',
    applies: (answers) => answers.purpose === 'complaint',
    view: () => ({
      title: 'How would you like us to reply?',
      fields: [
        {
          kind: 'checkboxes',
          name: 'replyChannels',
          hint: 'Select all that apply',
          options: [
            { value: 'email', text: 'By email' },
            { value: 'letter', text: 'By letter' },
          ],
        },
      ],
    }),
    values: (answers) => ({ replyChannels: answers.replyChannels }),
    read: (body, errors, answers) => {
      const chosen = list(body, 'replyChannels').filter((value): value is ReplyChannel =>
        ['email', 'letter'].includes(value),
      );
      if (chosen.length === 0)
        errors.add('replyChannels', 'Select how you would like us to reply', 'replyChannels-1');
      else if (chosen.includes('email') && !answers.email)
        errors.add(
          'replyChannels',
          'To reply by email we need your email address: go back to add it, or select by letter',
          'replyChannels-1',
        );
      else if (chosen.includes('letter') && !answers.addressLines)
        errors.add(
          'replyChannels',
          'To reply by letter we need your postal address: go back to add it, or select by email',
          'replyChannels-1',
        );
      return { replyChannels: chosen };
    },
  },
  {
    slug: 'support',
    applies: notAnonymous,
    view: () => ({
      title: 'Do you need any support from us?',
      lead: ['Tell us if you need information in another format, or help to take part. This is optional.'],
      fields: [
        {
          kind: 'checkboxes',
          name: 'accessibilityNeeds',
          legend: 'What would help you?',
          hint: 'Select all that apply',
          options: ACCESSIBILITY_NEEDS.map((value) => ({ value, text: NEED_TEXT[value] })),
        },
        {
          kind: 'textarea',
          name: 'adjustmentsNote',
          label: 'Anything else we should know or change (optional)',
          hint: 'For example, the language you would like us to use, or the best time to phone',
          maxLength: 2000,
        },
      ],
    }),
    values: (answers) => ({
      accessibilityNeeds: answers.accessibilityNeeds,
      adjustmentsNote: answers.adjustmentsNote,
    }),
    read: (body, errors) => ({
      accessibilityNeeds: list(body, 'accessibilityNeeds').filter((value): value is AccessibilityNeed =>
        (ACCESSIBILITY_NEEDS as readonly string[]).includes(value),
      ),
      adjustmentsNote: limited(
        errors,
        'adjustmentsNote',
        text(body, 'adjustmentsNote'),
        'What you tell us',
        2000,
      ),
    }),
  },
  {
    slug: 'what-happened',
    applies: () => true,
    view: (answers) => ({
      title: answers.purpose === 'feedback' ? 'What is your feedback?' : 'What happened?',
      fields: [
        {
          kind: 'textarea',
          name: 'whatHappened',
          label: 'In your own words',
          hint: 'Include where it happened and who was involved, if you know. We keep exactly what you write.',
          maxLength: 20000,
        },
      ],
    }),
    values: (answers) => ({ whatHappened: answers.whatHappened }),
    read: (body, errors, answers) => {
      const value = text(body, 'whatHappened');
      if (!value)
        errors.add(
          'whatHappened',
          answers.purpose === 'feedback' ? 'Enter your feedback' : 'Enter what happened',
        );
      return { whatHappened: limited(errors, 'whatHappened', value, 'What happened', 20000) };
    },
  },
  {
    slug: 'when',
    applies: () => true,
    view: (_answers, today) => ({
      title: 'When did it happen?',
      inset: `You should normally tell us within 12 months of it happening, or of finding out about it (so after ${longDate(twelveMonthsBefore(today))}). If it was longer ago, still tell us: we will look into it if there was a good reason for the delay and we can still investigate it fairly.`,
      fields: [
        {
          kind: 'date',
          name: 'incidentOn',
          legend: 'When it happened (optional)',
          hint: 'For example, 27 3 2026. If you are not sure, give your best estimate.',
        },
        {
          kind: 'date',
          name: 'becameAwareOn',
          legend: 'When you found out about it, if later (optional)',
          hint: 'For example, 4 5 2026',
        },
      ],
    }),
    values: (answers) => ({
      ...dateParts('incidentOn', answers.incidentOn),
      ...dateParts('becameAwareOn', answers.becameAwareOn),
    }),
    read: (body, errors, _answers, today) => {
      const incidentOn = dateField(errors, body, 'incidentOn', 'When it happened', today).value;
      const becameAwareOn = dateField(errors, body, 'becameAwareOn', 'When you found out', today).value;
      if (incidentOn && becameAwareOn && becameAwareOn < incidentOn)
        errors.add(
          'becameAwareOn',
          'When you found out must be the same as or after when it happened',
          'becameAwareOn-day',
        );
      return { incidentOn, becameAwareOn };
    },
  },
  {
    slug: 'outcome',
    applies: (answers) => answers.purpose === 'complaint',
    view: () => ({
      title: 'What would you like to happen?',
      fields: [
        {
          kind: 'textarea',
          name: 'outcomeSought',
          label: 'The outcome you hope for (optional)',
          hint: 'For example, an apology, an explanation, or a change so it does not happen to anyone else',
          maxLength: 10000,
        },
      ],
    }),
    values: (answers) => ({ outcomeSought: answers.outcomeSought }),
    read: (body, errors) => ({
      outcomeSought: limited(
        errors,
        'outcomeSought',
        text(body, 'outcomeSought'),
        'The outcome you hope for',
        10000,
      ),
    }),
  },
];

const EQUALITY_TEXT: Record<EqualityQuestion, string> = {
  ageBand: 'What is your age?',
  sex: 'What is your sex?',
  genderSameAsAtBirth: 'Is the gender you identify with the same as your sex registered at birth?',
  ethnicGroup: 'What is your ethnic group?',
  disability: 'Do you have a disability or long-term health condition?',
  religion: 'What is your religion or belief?',
  sexualOrientation: 'What is your sexual orientation?',
};

const SPECIAL_VALUES: Record<string, string> = {
  'under-18': 'Under 18',
  '75-plus': '75 or over',
  'gay-or-lesbian': 'Gay or lesbian',
  none: 'No religion',
  [PREFER_NOT_TO_SAY]: 'Prefer not to say',
};

/** `asian-or-asian-british` as `Asian or Asian British`, `18-24` as `18 to 24`. */
function valueText(value: string): string {
  if (SPECIAL_VALUES[value]) return SPECIAL_VALUES[value];
  if (/^\d+-\d+$/.test(value)) return value.replace('-', ' to ');
  const words = value
    .split('-')
    .join(' ')
    .replace(/\bbritish\b/, 'British');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const EQUALITY_PAGE: Page = {
  slug: 'equality',
  applies: notAnonymous,
  view: () => ({
    title: 'Equality questions (optional)',
    lead: [
      'We ask these questions to check that we treat everyone fairly. You do not have to answer them.',
      'Your answers are kept separately from your complaint. The people looking into it do not see them: they are only counted, in reports that cannot identify you.',
    ],
    fields: (Object.keys(EQUALITY_QUESTIONS) as EqualityQuestion[]).map((question) => ({
      kind: 'radios' as const,
      name: question,
      legend: EQUALITY_TEXT[question],
      options: [...EQUALITY_QUESTIONS[question], PREFER_NOT_TO_SAY].map((value) => ({
        value,
        text: valueText(value),
      })),
    })),
  }),
  values: (answers) => ({ ...answers.equality }),
  read: (body) => {
    const equality: Record<string, string> = {};
    for (const question of Object.keys(EQUALITY_QUESTIONS) as EqualityQuestion[]) {
      const value = text(body, question);
      const allowed: readonly string[] = [...EQUALITY_QUESTIONS[question], PREFER_NOT_TO_SAY];
      if (allowed.includes(value)) equality[question] = value;
    }
    return { equality };
  },
};

/** Every page, in order: the equality questions last, apart from the complaint's. */
export const PAGES: Page[] = [...QUESTIONS, EQUALITY_PAGE];

function dateParts(field: string, iso: string | undefined): Body {
  if (!iso) return {};
  const [year, month, day] = iso.split('-');
  return {
    [`${field}[day]`]: String(Number(day)),
    [`${field}[month]`]: String(Number(month)),
    [`${field}[year]`]: year,
  };
}

export const pageBySlug = (slug: string) => PAGES.find((page) => page.slug === slug);

/** The pages that apply to these answers, in order. */
export const applicablePages = (answers: Answers) => PAGES.filter((page) => page.applies(answers));
