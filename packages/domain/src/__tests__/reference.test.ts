import { formatComplaintReference, isComplaintReference, parseComplaintReference } from '../reference';

describe('complaint references', () => {
  it('formats with a zero-padded six-digit sequence', () => {
    expect(formatComplaintReference('HPFT', 2026, 123)).toBe('HPFT-2026-000123');
    expect(formatComplaintReference('CW', 2027, 999_999)).toBe('CW-2027-999999');
  });

  it('round-trips', () => {
    for (const [org, year, seq] of [
      ['HPFT', 2026, 123],
      ['ITRUST', 2030, 1],
      ['PHSOMODL', 2026, 54321],
    ] as const) {
      expect(parseComplaintReference(formatComplaintReference(org, year, seq))).toEqual({
        orgCode: org,
        year,
        sequence: seq,
      });
    }
  });

  it.each([
    ['hpft', 2026, 1],
    ['H', 2026, 1],
    ['ABCDEFGHI', 2026, 1],
    ['HP-T', 2026, 1],
    ['HPFT', 1999, 1],
    ['HPFT', 2026.5, 1],
    ['HPFT', 2026, 0],
    ['HPFT', 2026, 1_000_000],
    ['HPFT', 2026, 1.5],
  ])('refuses to format %j / %j / %j', (org, year, seq) => {
    expect(() => formatComplaintReference(org, year, seq)).toThrow(RangeError);
  });

  it.each([
    'hpft-2026-000123',
    'HPFT-2026-123',
    'HPFT-26-000123',
    'HPFT-2026-0001234',
    'HPFT-2026-000000',
    'HPFT-1999-000001',
    ' HPFT-2026-000123',
    'HPFT-2026-000123\n',
    'HPFT_2026_000123',
    'H-2026-000123',
    '',
  ])('rejects %j', (reference) => {
    expect(() => parseComplaintReference(reference)).toThrow(RangeError);
    expect(isComplaintReference(reference)).toBe(false);
  });

  it('isComplaintReference accepts only valid strings', () => {
    expect(isComplaintReference('HPFT-2026-000123')).toBe(true);
    expect(isComplaintReference(123)).toBe(false);
  });
});
