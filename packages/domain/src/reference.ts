// A complaint's reference is also its workflow ID, so it must be stable, readable and
// free of personal data: organisation code, year of receipt, sequence within that year.

export interface ComplaintReference {
  orgCode: string;
  year: number;
  sequence: number;
}

const ORG_CODE_PATTERN = /^[A-Z]{2,8}$/;
const REFERENCE_PATTERN = /^([A-Z]{2,8})-(\d{4})-(\d{6})$/;
const MAX_SEQUENCE = 999_999;

function validate({ orgCode, year, sequence }: ComplaintReference): void {
  if (typeof orgCode !== 'string' || !ORG_CODE_PATTERN.test(orgCode)) {
    throw new RangeError(`Organisation code must be 2–8 upper-case letters, got ${JSON.stringify(orgCode)}`);
  }
  if (!Number.isInteger(year) || year < 2000 || year > 9999) {
    throw new RangeError(`Reference year must be a four-digit year from 2000, got ${year}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`Reference sequence must be an integer from 1 to ${MAX_SEQUENCE}, got ${sequence}`);
  }
}

/** e.g. formatComplaintReference('HPFT', 2026, 123) → 'HPFT-2026-000123'. */
export function formatComplaintReference(orgCode: string, year: number, sequence: number): string {
  validate({ orgCode, year, sequence });
  return `${orgCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Parses and validates a reference; throws a RangeError on anything else. */
export function parseComplaintReference(reference: string): ComplaintReference {
  const match = typeof reference === 'string' ? REFERENCE_PATTERN.exec(reference) : null;
  if (!match) {
    throw new RangeError(`Not a complaint reference (ORG-YYYY-NNNNNN): ${JSON.stringify(reference)}`);
  }
  const parsed = { orgCode: match[1], year: Number(match[2]), sequence: Number(match[3]) };
  validate(parsed);
  return parsed;
}

export function isComplaintReference(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parseComplaintReference(value);
    return true;
  } catch {
    return false;
  }
}
