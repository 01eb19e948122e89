import type { LocalDate } from './local-date';

// R-INV-2: the plan agreed with the person at the start of a closer look. Its words (how the person was
// affected, what they want, who will be spoken to) are personal data and stay in Postgres; the workflow sees
// a summary: which issues it covers, who responds and how, whether advocacy was offered, and the agreed date.

/** R-INV-2 "who responds and how". */
export const PLAN_RESPONSE_METHODS = [
  'letter',
  'email',
  'meeting-then-letter',
  'phone-call-then-letter',
] as const;
export type PlanResponseMethod = (typeof PLAN_RESPONSE_METHODS)[number];

export interface InvestigationPlanContent {
  /** The complaint's issues (ids of `complaint_issue`) the closer look will answer. */
  keyIssueIds: string[];
  howAffected: string;
  outcomesSought: string;
  /** What evidence will be looked at (records, statements, policies …). */
  evidence: string[];
  /** Who will be spoken to, in the person's words or by role. */
  peopleToSpeakTo: string[];
  /** Staff id of who will respond. */
  respondentId: string;
  responseMethod: PlanResponseMethod;
  /** R-INV-2: advocacy signposted early. */
  advocacySignposted: boolean;
  /** The final-response date agreed with the person; absent to keep the profile's timescale. */
  agreedDue?: LocalDate;
}

/** What the workflow holds of a saved plan: no free text. */
export interface InvestigationPlanSummary {
  version: number;
  keyIssueIds: string[];
  respondentId: string;
  responseMethod: PlanResponseMethod;
  advocacySignposted: boolean;
  agreedDue: LocalDate | null;
}

export function summarisePlan(version: number, content: InvestigationPlanContent): InvestigationPlanSummary {
  return {
    version,
    keyIssueIds: [...content.keyIssueIds],
    respondentId: content.respondentId,
    responseMethod: content.responseMethod,
    advocacySignposted: content.advocacySignposted,
    agreedDue: content.agreedDue ?? null,
  };
}
