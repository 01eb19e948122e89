import { isAnonymous, onBehalf, type Answers } from '../form/answers';

/** The complaints API's public intake body (PublicComplaintDto): staff intake's, less channel and receipt date. */
export interface PublicComplaintBody {
  organisation: string;
  kind: 'complaint' | 'feedback';
  anonymous?: boolean;
  complainant?: {
    name: string;
    relationship: string;
    email?: string;
    phone?: string;
    address?: { lines: string[]; postcode: string };
  };
  personAffected?: { name: string; dateOfBirth?: string };
  consent?: { status: 'given' | 'pending' | 'not-needed'; reason?: 'child' | 'lacks-capacity' };
  replyChannels?: string[];
  accessibilityNeeds?: string[];
  adjustmentsNote?: string;
  issues?: { description: string }[];
  outcomeSought?: string;
  incidentOn?: string;
  becameAwareOn?: string;
  equality?: Record<string, string>;
}

/**
 * R-INT-1 to R-INT-5 from the person's answers: feedback (R-INT-3), an anonymous concern (R-INT-4), or a
 * complaint, for themselves or for someone else with consent, a child or someone who lacks capacity.
 */
export function submissionOf(organisation: string, answers: Answers): PublicComplaintBody {
  const body: PublicComplaintBody = {
    organisation,
    kind: answers.purpose === 'feedback' ? 'feedback' : 'complaint',
    issues: [{ description: answers.whatHappened! }],
    incidentOn: answers.incidentOn,
    becameAwareOn: answers.becameAwareOn,
  };
  if (isAnonymous(answers)) return { ...body, anonymous: true };
  body.complainant = {
    name: answers.name!,
    relationship: answers.relationship!,
    email: answers.email,
    phone: answers.phone,
    address: answers.addressLines ? { lines: answers.addressLines, postcode: answers.postcode! } : undefined,
  };
  if (onBehalf(answers)) {
    body.personAffected = {
      name: answers.personAffectedName!,
      dateOfBirth: answers.personAffectedDateOfBirth,
    };
    body.consent =
      answers.subject === 'someone-else'
        ? { status: answers.consentGiven === 'yes' ? 'given' : 'pending' }
        : { status: 'not-needed', reason: answers.subject === 'child' ? 'child' : 'lacks-capacity' };
  }
  body.replyChannels = answers.replyChannels;
  body.accessibilityNeeds = answers.accessibilityNeeds;
  body.adjustmentsNote = answers.adjustmentsNote;
  if (answers.purpose === 'complaint') body.outcomeSought = answers.outcomeSought;
  if (Object.keys(answers.equality ?? {}).length > 0) body.equality = { ...answers.equality };
  return JSON.parse(JSON.stringify(body)) as PublicComplaintBody;
}
