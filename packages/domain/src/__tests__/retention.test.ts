import { describeRetentionRule, disposalDueOn, retentionRule } from '../retention';

describe('retention schedule (ADR 0013)', () => {
  it('keeps a complaint case file 10 years after closure under the Records Management Code', () => {
    const rule = retentionRule('complaint-case-file');
    expect(rule.years).toBe(10);
    expect(disposalDueOn('2026-05-01', rule)).toBe('2036-05-01');
    expect(disposalDueOn('2028-02-29', rule)).toBe('2038-02-28');
    expect(describeRetentionRule(rule)).toBe(
      'complaint-case-file: 10 years after closure (Records Management Code of Practice 2023 (complaints case file))',
    );
  });

  it("applies an organisation's own period, and refuses one that is not a whole number of years", () => {
    const rule = retentionRule('complaint-case-file', { 'complaint-case-file': 12 });
    expect(disposalDueOn('2026-05-01', rule)).toBe('2038-05-01');
    expect(rule.source).toMatch(/as set by the organisation/);
    expect(() => retentionRule('complaint-case-file', { 'complaint-case-file': 0 })).toThrow(RangeError);
    expect(() => retentionRule('complaint-case-file', { 'complaint-case-file': 2.5 })).toThrow(RangeError);
  });
});
