export function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/** 30 November 2026, as the NHS style guide writes dates. */
export function longDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

/** The same day twelve months earlier (R-INT-6's time limit). */
export function twelveMonthsBefore(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${Number(year) - 1}-${month}-${day}`;
}
