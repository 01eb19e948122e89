// What the daily theme review asks of the record: a date and its own run; back only counts and alert ids.

export interface ThemeReviewInput {
  /** The London date of the review (ISO `YYYY-MM-DD`): each rule looks back its window from it. */
  asOf: string;
  /** The review's workflow run, recorded on each alert it raises. */
  raisedBy: string;
}

export interface ThemeReviewResult {
  /** Rules looked at. */
  rules: number;
  /** Alerts raised by this review (not those already open). */
  raised: string[];
}
