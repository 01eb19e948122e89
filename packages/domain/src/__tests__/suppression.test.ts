import { suppressGroup, suppressTotal } from '../suppression';

describe('small-number suppression (ADR 0016), threshold 5', () => {
  it('shows a grouping with no small counts as it is, zeros included', () => {
    expect(suppressGroup({ complex: 12, straightforward: 7, 'not-recorded': 0 }, 5)).toEqual({
      complex: 12,
      straightforward: 7,
      'not-recorded': 0,
    });
  });

  it('withholds a small count and, since the total would give it away, the next smallest too', () => {
    // Total 25 is published: with only "2" withheld, 25 − 9 − 14 = 2 would reveal it.
    expect(suppressGroup({ upheld: 2, 'partially-upheld': 9, 'not-upheld': 14 }, 5)).toEqual({
      upheld: null,
      'partially-upheld': null,
      'not-upheld': 14,
    });
  });

  it('withholds a zero beside a small count, and goes on until the withheld cells hold at least the threshold', () => {
    // Withholding only {white: 1, mixed: 0} would tell the reader one person is white or mixed: fewer than 5.
    expect(suppressGroup({ white: 1, mixed: 0, asian: 6, black: 20 }, 5)).toEqual({
      white: null,
      mixed: null,
      asian: null,
      black: 20,
    });
  });

  it('withholds two small counts that together reach the threshold, and nothing more', () => {
    expect(suppressGroup({ yes: 3, no: 40, 'prefer-not-to-say': 2 }, 5)).toEqual({
      yes: null,
      no: 40,
      'prefer-not-to-say': null,
    });
  });

  it('withholds the whole grouping of a single person, so no answer can be read off the zeros', () => {
    expect(suppressGroup({ buddhist: 1, christian: 0, none: 0, 'not-answered': 0 }, 5)).toEqual({
      buddhist: null,
      christian: null,
      none: null,
      'not-answered': null,
    });
  });

  it('withholds a small total, and shows zero and larger totals', () => {
    expect([0, 1, 4, 5, 120].map((total) => suppressTotal(total, 5))).toEqual([0, null, null, 5, 120]);
  });
});
