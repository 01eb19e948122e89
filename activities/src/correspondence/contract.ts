// What the workflow asks of the correspondence service: which letter, to whom (a role, never an address),
// and the process facts to fill in. The service reads names and addresses from the record itself.
import type { TemplateName } from './template-names';

/**
 * The complainant, the complaint's handler, everyone in the organisation holding a staff role, or one
 * member of staff by id (`staff:<id>`, e.g. someone the complaint is about, R-STAFF-1).
 */
export type Audience =
  | 'complainant'
  | 'handler'
  | 'complaints-manager'
  | 'senior-manager'
  | 'responsible-person'
  | `staff:${string}`;

/** A piece of correspondence to send: the template is one of the catalogue's, checked by the compiler. */
export interface CorrespondenceRequest {
  reference: string;
  /** Unique per complaint: with the reference, the idempotency key of this piece of correspondence. */
  step: string;
  template: TemplateName;
  audience: Audience;
  facts?: Record<string, string | number | boolean | null>;
  /**
   * The member of staff who approved this letter, where it needed approval (R-RESP-2: the last sign-off of the
   * final response and its cover letter; R-INV-7: the six-month letter, which also passes `facts.approvedBy`):
   * the item records it as its `approved` step. Defaults to `facts.approvedBy`.
   */
  approvedBy?: string;
}

/**
 * What the activity accepts: a request whose template name the caller may not have checked. The workflows send
 * CorrespondenceRequest (the compiler checks their names), but a retried or replayed task carries whatever an
 * older release sent, so the activity checks the name itself and refuses an unknown one (`UnknownTemplate`).
 */
export type SendCorrespondenceInput = Omit<CorrespondenceRequest, 'template'> & { template: string };

export interface SentItem {
  correspondenceId: string;
  channel: 'email' | 'letter';
  /**
   * ADR 0007: `sent` (the SMTP server took it; a letter: queued to print), `delivered` (the SMTP server accepted
   * every recipient), `failed` (refused for good: the handler is told, and a letter follows where the person gave
   * an address), `unconfirmed` (an attempt stopped mid-send: not sent again by itself), `held` (R-INT-5: waiting
   * for the person's consent).
   */
  status: 'sent' | 'delivered' | 'failed' | 'unconfirmed' | 'held';
}

export interface SendCorrespondenceResult {
  items: SentItem[];
  /** True when the audience has no usable address for any channel they accept. */
  noUsableContact: boolean;
}
