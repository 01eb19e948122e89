import { isChildFor, writtenContactMissing } from '../representation';

describe('R-INT-5: a child, by the profile', () => {
  it.each([
    ['hpft', '2013-12-04', '2026-12-03', true],
    ['hpft', '2013-12-03', '2026-12-03', false],
    ['hpft', '2010-05-01', '2026-12-03', false],
    ['phso-model', '2010-05-01', '2026-12-03', true],
    ['cwth', '2008-12-03', '2026-12-03', false],
    ['itrust', '2008-12-04', '2026-12-03', true],
    ['hpft', '2012-02-29', '2025-02-28', true],
    ['hpft', '2012-02-29', '2025-03-01', false],
  ] as const)('R-INT-5 %s: born %s, on %s a child: %s', (profile, born, on, child) => {
    expect(isChildFor(profile, born, on)).toBe(child);
  });
});

describe('R-ACK-1: a written acknowledgement reaches the complainant', () => {
  it.each([
    [{ replyChannels: [], email: 'a@example.org', hasPostalAddress: false }, null],
    [{ replyChannels: [], email: null, hasPostalAddress: true }, null],
    [{ replyChannels: ['email', 'letter'], email: null, hasPostalAddress: true }, null],
    [{ replyChannels: [], email: null, hasPostalAddress: false }, 'no postal address'],
    [{ replyChannels: ['letter'], email: 'a@example.org', hasPostalAddress: false }, 'no postal address'],
    [{ replyChannels: ['email'], email: null, hasPostalAddress: true }, 'no email address'],
  ])('R-ACK-1 %j: missing %s', (contact, missing) => {
    const reason = writtenContactMissing(contact);
    if (missing === null) expect(reason).toBeNull();
    else expect(reason).toContain(missing);
  });
});
