// What the workflow asks of the case record: plain JSON with references and process facts, no personal data.

export interface CaseEventInput {
  reference: string;
  /** Workflow time of the event (ISO instant). */
  occurredAt: string;
  type: string;
  rule?: string;
  /** `workflow`, or the id of the staff user whose command caused the event. */
  actor: { type: 'staff' | 'system'; id: string };
  data?: Record<string, unknown>;
  /** Changes to the worklist projection that happen with this event. */
  projection?: CaseProjection;
}

export interface CaseProjection {
  stage?: string;
  deadlines?: Record<string, string | null>;
  nextDeadline?: string | null;
  breached?: boolean;
  acknowledgedAt?: string;
  /** null when a closed complaint reopens (R-REOPEN-1). */
  closedAt?: string | null;
  /** R-INV-1: the allocated handler. */
  handlerId?: string;
  /** R-INV-7: under the Responsible Person's oversight from six months until the final response. */
  underOversight?: boolean;
  /** R-QUICK-1 (HPFT 8.10): a PALS enquiry became a complaint on this day, its date of receipt from now on. */
  becameComplaintOn?: string;
  /** R-MON-1: the overall outcome and whether the response met the timescale agreed at the start. */
  outcome?: string | null;
  metAgreedTimescale?: boolean | null;
}
