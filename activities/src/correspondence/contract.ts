// What the workflow asks of the correspondence service: which letter, to whom (a role, never an address),
// and the process facts to fill in. The service reads names and addresses from the record itself.

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

export interface SendCorrespondenceInput {
  reference: string;
  /** Unique per complaint: with the reference, the idempotency key of this piece of correspondence. */
  step: string;
  template: string;
  audience: Audience;
  facts?: Record<string, string | number | boolean | null>;
}

export interface SentItem {
  correspondenceId: string;
  channel: 'email' | 'letter';
  status: 'sent' | 'to-print' | 'failed';
}

export interface SendCorrespondenceResult {
  items: SentItem[];
  /** True when the audience has no usable address for any channel they accept. */
  noUsableContact: boolean;
}
