// What the retention review asks of the case record: a date and its own run, and back references only.

export interface RetentionReviewInput {
  /** The London date of the review (ISO `YYYY-MM-DD`): case files whose retention ends on or before it are due. */
  asOf: string;
  /** The review's workflow run, recorded on each case file it finds due. */
  foundBy: string;
  /** Only these organisations' case files (codes); every organisation's when absent. */
  organisations?: string[];
}

/** What a review is started with: the daily schedule reviews every organisation. */
export interface RetentionReviewScope {
  organisations?: string[];
}

export interface RetentionReviewResult {
  /** Case files found due by this review (not those already on the list). */
  found: number;
  references: string[];
}
