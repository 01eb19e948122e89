// Reading one page's form fields: each reader returns the value, or the error message the NHS.UK error
// message and error summary show (the service manual's wording: say what went wrong and how to fix it).
import { isRealDate } from './dates';

export type Body = Record<string, unknown>;

export interface FieldError {
  /** The id of the input the error summary links to. */
  href: string;
  text: string;
  /** The field the message belongs to (for the error message beside it). */
  field: string;
}

export class PageErrors {
  readonly list: FieldError[] = [];

  add(field: string, text: string, inputId = field): void {
    this.list.push({ field, text, href: `#${inputId}` });
  }

  for(field: string): string | undefined {
    return this.list.find((error) => error.field === field)?.text;
  }
}

export const text = (body: Body, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '';
};

export const list = (body: Body, name: string): string[] => {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
};

/** A length limit says the limit. */
export function limited(
  errors: PageErrors,
  field: string,
  value: string,
  what: string,
  max: number,
): string | undefined {
  if (value.length > max)
    errors.add(field, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`);
  return value === '' ? undefined : value;
}

/** The date input pattern: three boxes, a real date, not in the future. */
export function dateField(
  errors: PageErrors,
  body: Body,
  field: string,
  what: string,
  today: string,
): { value?: string; parts: { day: string; month: string; year: string } } {
  // The NHS.UK date input names its boxes `field[day]`, `field[month]`, `field[year]`.
  const parts = {
    day: text(body, `${field}[day]`),
    month: text(body, `${field}[month]`),
    year: text(body, `${field}[year]`),
  };
  if (!parts.day && !parts.month && !parts.year) return { parts };
  const missing = (['day', 'month', 'year'] as const).filter((part) => !parts[part]);
  if (missing.length > 0) {
    errors.add(field, `${what} must include a ${missing.join(' and ')}`, `${field}-${missing[0]}`);
    return { parts };
  }
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
    errors.add(field, `${what} must be a real date`, `${field}-day`);
    return { parts };
  }
  const value = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  if (!isRealDate(value)) {
    errors.add(field, `${what} must be a real date`, `${field}-day`);
    return { parts };
  }
  if (value > today) {
    errors.add(field, `${what} must be today or in the past`, `${field}-day`);
    return { parts };
  }
  return { value, parts };
}

/** The reference and code a letter gives (ADR 0028, ADR 0023), each required and bounded. */
export function referenceAndCode(body: Body, errors: PageErrors): { reference: string; code: string } {
  const reference = text(body, 'reference').toUpperCase();
  const code = text(body, 'code');
  if (!reference) errors.add('reference', 'Enter your reference, as it is on your letter');
  else if (reference.length > 40) errors.add('reference', 'Your reference must be 40 characters or fewer');
  if (!code) errors.add('code', 'Enter the code from your letter');
  else if (code.length > 40) errors.add('code', 'The code must be 40 characters or fewer');
  return { reference, code };
}
