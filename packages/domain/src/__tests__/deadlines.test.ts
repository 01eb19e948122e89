import { createWorkingDayCalendar, endOfLondonDay } from '../calendar';
import {
  calendarMonthsAfterReceipt,
  describeDeadline,
  explainDeadline,
  isDeadlineMet,
  workingDayBefore,
  workingDaysAfterReceipt,
  workingDaysBetween,
  type Pause,
} from '../deadlines';

const calendar = createWorkingDayCalendar();
const scotland = createWorkingDayCalendar({ nation: 'scotland' });

describe('workingDaysAfterReceipt (§0)', () => {
  it('received Thu 24 Dec 2026, 3 WD: Fri 25 Christmas, Sat 26/Sun 27, Mon 28 substitute Boxing Day; Tue 29 is day 1, Thu 31 day 3', () => {
    expect(workingDaysAfterReceipt('2026-12-24', 3, calendar)).toBe('2026-12-31');
  });

  it('received Thu 24 Dec 2026, 2 WD (iTrust): day 2 is Wed 30 Dec', () => {
    expect(workingDaysAfterReceipt('2026-12-24', 2, calendar)).toBe('2026-12-30');
  });

  it('received Thu 24 Dec 2026, 5 WD: 29, 30, 31 Dec, (Fri 1 Jan holiday), Mon 4, Tue 5 Jan', () => {
    expect(workingDaysAfterReceipt('2026-12-24', 5, calendar)).toBe('2027-01-05');
  });

  it('in Scotland the same 5 WD run to Wed 6 Jan 2027: 2 Jan is a Saturday, substitute Mon 4 Jan', () => {
    expect(workingDaysAfterReceipt('2026-12-24', 5, scotland)).toBe('2027-01-06');
  });

  it('received Wed 31 Dec 2025, 2 WD: England & Wales Fri 2 Jan is day 1; Scotland closes on 2 Jan', () => {
    expect(workingDaysAfterReceipt('2025-12-31', 2, calendar)).toBe('2026-01-05');
    expect(workingDaysAfterReceipt('2025-12-31', 2, scotland)).toBe('2026-01-06');
  });

  it('a closure day on Thu 31 Dec 2026 pushes 3 WD from 24 Dec past New Year to Mon 4 Jan', () => {
    const closed = createWorkingDayCalendar({ closureDays: ['2026-12-31'] });
    expect(workingDaysAfterReceipt('2026-12-24', 3, closed)).toBe('2027-01-04');
  });

  it('received Thu 23 Dec 2021: 3 WD = Fri 24, Wed 29, Thu 30 (27 and 28 are substitutes)', () => {
    expect(workingDaysAfterReceipt('2021-12-23', 3, calendar)).toBe('2021-12-30');
  });

  it('received Thu 23 Dec 2021: 5 WD = … Fri 31 Dec, then Mon 3 Jan substitute, Tue 4 Jan 2022', () => {
    expect(workingDaysAfterReceipt('2021-12-23', 5, calendar)).toBe('2022-01-04');
  });

  it('received Fri 24 Dec 2027: 5 WD = 29, 30, 31 Dec, (Mon 3 Jan substitute), Tue 4, Wed 5 Jan 2028', () => {
    expect(workingDaysAfterReceipt('2027-12-24', 5, calendar)).toBe('2028-01-05');
  });

  it('receipt on a weekend changes nothing: Fri 6, Sat 7 and Sun 8 Mar 2026 all give Wed 11 for 3 WD', () => {
    expect(workingDaysAfterReceipt('2026-03-06', 3, calendar)).toBe('2026-03-11');
    expect(workingDaysAfterReceipt('2026-03-07', 3, calendar)).toBe('2026-03-11');
    expect(workingDaysAfterReceipt('2026-03-08', 3, calendar)).toBe('2026-03-11');
  });

  it('receipt on Good Friday or Easter Monday 2026: Tue 7 Apr is day 1, 3 WD = Thu 9 Apr', () => {
    expect(workingDaysAfterReceipt('2026-04-03', 3, calendar)).toBe('2026-04-09');
    expect(workingDaysAfterReceipt('2026-04-06', 3, calendar)).toBe('2026-04-09');
  });

  it('received Thu 2 Apr 2026, 2 WD skips the whole Easter weekend: Tue 7, Wed 8', () => {
    expect(workingDaysAfterReceipt('2026-04-02', 2, calendar)).toBe('2026-04-08');
  });

  it('received Thu 30 Apr 2026, 3 WD: Fri 1 May, (Mon 4 early May holiday), Tue 5, Wed 6', () => {
    expect(workingDaysAfterReceipt('2026-04-30', 3, calendar)).toBe('2026-05-06');
  });

  it('received Fri 22 May 2026, 5 WD: (Mon 25 spring holiday) Tue 26 … Fri 29, Mon 1 Jun', () => {
    expect(workingDaysAfterReceipt('2026-05-22', 5, calendar)).toBe('2026-06-01');
  });

  it('HPFT 35 WD from Mon 2 Mar 2026 cross Easter: Wed 22 Apr', () => {
    // 4 + 5 + 5 + 5 (to 27 Mar) + 4 (30 Mar–2 Apr) + 4 (7–10 Apr) + 5 (13–17 Apr) + 3 (20–22 Apr) = 35
    expect(workingDaysAfterReceipt('2026-03-02', 35, calendar)).toBe('2026-04-22');
  });

  it('iTrust 20 WD from 24 Dec 2026: 3 in Dec, then 4–8, 11–15, 18–22, 25–26 Jan', () => {
    expect(workingDaysAfterReceipt('2026-12-24', 20, calendar)).toBe('2027-01-26');
  });

  it('is consistent with workingDaysBetween', () => {
    for (const receipt of ['2026-12-24', '2026-04-03', '2021-12-23', '2026-03-07']) {
      for (const n of [1, 2, 3, 5, 10, 20, 35, 60]) {
        expect(workingDaysBetween(receipt, workingDaysAfterReceipt(receipt, n, calendar)!, calendar)).toBe(n);
      }
    }
  });

  it('rejects non-positive or fractional counts and bad dates', () => {
    expect(() => workingDaysAfterReceipt('2026-03-02', 0, calendar)).toThrow(RangeError);
    expect(() => workingDaysAfterReceipt('2026-03-02', 2.5, calendar)).toThrow(RangeError);
    expect(() => workingDaysAfterReceipt('2026-02-30', 3, calendar)).toThrow(/receipt/);
  });
});

describe('paused clock (R-INV-6)', () => {
  // Received Mon 2 Mar 2026, 10 WD: 3–6, 9–13, 16 Mar.
  const receipt = '2026-03-02';
  const due = (pauses: Pause[]) => workingDaysAfterReceipt(receipt, 10, calendar, pauses);

  it('without pauses the deadline is Mon 16 Mar', () => {
    expect(due([])).toBe('2026-03-16');
  });

  it('moves out by exactly the paused working days: Wed 4–Thu 5 Mar → Wed 18 Mar', () => {
    expect(due([{ start: '2026-03-04', end: '2026-03-05' }])).toBe('2026-03-18');
  });

  it('a pause over a weekend moves nothing', () => {
    expect(due([{ start: '2026-03-07', end: '2026-03-08' }])).toBe('2026-03-16');
  });

  it('Fri 6–Mon 9 Mar pauses two working days (the weekend in between is not counted)', () => {
    expect(due([{ start: '2026-03-06', end: '2026-03-09' }])).toBe('2026-03-18');
  });

  it('overlapping pauses count each paused working day once: 4–6 Mar → Thu 19 Mar', () => {
    expect(
      due([
        { start: '2026-03-04', end: '2026-03-05' },
        { start: '2026-03-05', end: '2026-03-06' },
      ]),
    ).toBe('2026-03-19');
  });

  it('a pause after the deadline, or before receipt, moves nothing', () => {
    expect(due([{ start: '2026-03-17', end: '2026-03-20' }])).toBe('2026-03-16');
    expect(due([{ start: '2026-02-20', end: '2026-03-02' }])).toBe('2026-03-16');
  });

  it('a pause on the deadline day itself moves it to the next working day', () => {
    expect(due([{ start: '2026-03-16', end: '2026-03-16' }])).toBe('2026-03-17');
  });

  it('bank holidays inside a pause are not paused working days: 2–7 Apr 2026 pauses only Thu 2 and Tue 7', () => {
    // Received Mon 30 Mar, 5 WD: 31 Mar, 1, 2, 7, 8 Apr; two paused working days move it to Fri 10 Apr.
    expect(workingDaysAfterReceipt('2026-03-30', 5, calendar)).toBe('2026-04-08');
    expect(
      workingDaysAfterReceipt('2026-03-30', 5, calendar, [{ start: '2026-04-02', end: '2026-04-07' }]),
    ).toBe('2026-04-10');
  });

  it('an open pause starting on or before the would-be deadline means no deadline (null)', () => {
    expect(due([{ start: '2026-03-10', end: null }])).toBeNull();
    expect(due([{ start: '2026-03-16', end: null }])).toBeNull();
    expect(due([{ start: '2026-02-01', end: null }])).toBeNull();
  });

  it('an open pause after the deadline changes nothing', () => {
    expect(due([{ start: '2026-03-17', end: null }])).toBe('2026-03-16');
  });

  it('an open pause counts against the deadline as moved by earlier pauses', () => {
    // The 2-day pause moves the deadline to Wed 18 Mar, so an open pause from Tue 17 holds it.
    expect(
      due([
        { start: '2026-03-04', end: '2026-03-05' },
        { start: '2026-03-17', end: null },
      ]),
    ).toBeNull();
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() => due([{ start: '2026-03-05', end: '2026-03-04' }])).toThrow(/ends .* before it starts/);
  });
});

describe('calendarMonthsAfterReceipt (§0)', () => {
  it.each([
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'], // 2028 is a leap year
    ['2099-08-31', 6, '2100-02-28'], // 2100 is not
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-05-15', 1, '2026-06-15'],
    ['2026-12-24', 1, '2027-01-24'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2027-02-28', 12, '2028-02-28'],
    ['2026-03-02', 6, '2026-09-02'],
  ])('%s + %i months = %s', (receipt, months, expected) => {
    expect(calendarMonthsAfterReceipt(receipt, months)).toBe(expected);
  });

  it('rejects non-positive or fractional months', () => {
    expect(() => calendarMonthsAfterReceipt('2026-01-31', 0)).toThrow(RangeError);
    expect(() => calendarMonthsAfterReceipt('2026-01-31', 1.5)).toThrow(RangeError);
  });
});

describe('isDeadlineMet (§0)', () => {
  it('in BST the deadline day ends at 23:00 UTC', () => {
    expect(isDeadlineMet(new Date('2026-07-01T22:59:59.999Z'), '2026-07-01')).toBe(true);
    expect(isDeadlineMet(new Date('2026-07-01T23:00:00Z'), '2026-07-01')).toBe(false);
  });

  it('in GMT the deadline day ends at midnight UTC', () => {
    expect(isDeadlineMet(new Date('2026-12-31T23:59:59.999Z'), '2026-12-31')).toBe(true);
    expect(isDeadlineMet(new Date('2027-01-01T00:00:00Z'), '2026-12-31')).toBe(false);
  });

  it('an action days early is met', () => {
    expect(isDeadlineMet(new Date('2026-12-29T09:00:00Z'), '2026-12-31')).toBe(true);
  });

  it('agrees with endOfLondonDay on both sides of the October change', () => {
    const end = endOfLondonDay('2026-10-25');
    expect(isDeadlineMet(new Date(end.getTime() - 1), '2026-10-25')).toBe(true);
    expect(isDeadlineMet(end, '2026-10-25')).toBe(false);
  });
});

describe('reminders and counting', () => {
  it('the working day before a deadline skips weekends and bank holidays', () => {
    expect(workingDayBefore('2026-12-29', calendar)).toBe('2026-12-24');
    expect(workingDayBefore('2026-04-07', calendar)).toBe('2026-04-02');
    expect(workingDayBefore('2026-03-09', calendar)).toBe('2026-03-06');
  });

  it('counts working days between two dates', () => {
    expect(workingDaysBetween('2026-12-24', '2026-12-31', calendar)).toBe(3);
    expect(workingDaysBetween('2026-12-31', '2026-12-24', calendar)).toBe(-3);
  });
});

describe('explainDeadline', () => {
  const hpft = { id: 'hpft', version: 1 } as const;
  const cwth = { id: 'cwth', version: 1 } as const;

  it('explains a working-day deadline: rule, profile version, calendar, start and due', () => {
    const deadline = explainDeadline({
      rule: 'R-INV-4',
      profile: hpft,
      basis: 'working-days',
      start: '2026-03-02',
      amount: 35,
      calendar,
    });
    expect(deadline).toEqual({
      rule: 'R-INV-4',
      profile: { id: 'hpft', version: 1 },
      basis: 'working-days',
      start: '2026-03-02',
      amount: 35,
      calendar: 'Monday to Friday, excluding England & Wales bank holidays (GOV.UK)',
      pauses: [],
      extensions: [],
      baseDue: '2026-04-22',
      due: '2026-04-22',
    });
    expect(Object.isFrozen(deadline)).toBe(true);
    expect(describeDeadline(deadline)).toBe(
      'R-INV-4 (hpft v1): 35 working days from 2026-03-02; ' +
        'calendar: Monday to Friday, excluding England & Wales bank holidays (GOV.UK); due 2026-04-22',
    );
  });

  it('applies pauses, then a working-day extension agreed with the complainant (R-INV-5)', () => {
    const deadline = explainDeadline({
      rule: 'R-INV-4',
      profile: hpft,
      basis: 'working-days',
      start: '2026-03-02',
      amount: 10,
      calendar,
      pauses: [{ start: '2026-03-04', end: '2026-03-05' }],
      extensions: [{ kind: 'working-days', agreedOn: '2026-03-12', workingDays: 5 }],
    });
    expect(deadline.baseDue).toBe('2026-03-16');
    // 10 WD + 2 paused → Wed 18 Mar; + 5 WD → Wed 25 Mar.
    expect(deadline.due).toBe('2026-03-25');
  });

  it('a new-date extension sets the due date outright', () => {
    const deadline = explainDeadline({
      rule: 'R-INV-4',
      profile: hpft,
      basis: 'working-days',
      start: '2026-03-02',
      amount: 35,
      calendar,
      extensions: [
        { kind: 'new-date', agreedOn: '2026-04-10', due: '2026-05-29', reason: 'awaiting clinical view' },
      ],
    });
    expect(deadline.due).toBe('2026-05-29');
    expect(describeDeadline(deadline)).toContain('extended to 2026-05-29 (agreed 2026-04-10)');
  });

  it('explains a calendar-month deadline; pauses move it by the paused working days', () => {
    const plain = explainDeadline({
      rule: 'R-INV-4',
      profile: cwth,
      basis: 'calendar-months',
      start: '2026-01-31',
      amount: 1,
      calendar,
    });
    expect(plain.due).toBe('2026-02-28');
    // Mon 2–Tue 3 Feb paused: Sat 28 Feb moves out by two working days to Tue 3 Mar.
    const paused = explainDeadline({
      rule: 'R-INV-4',
      profile: cwth,
      basis: 'calendar-months',
      start: '2026-01-31',
      amount: 1,
      calendar,
      pauses: [{ start: '2026-02-02', end: '2026-02-03' }],
    });
    expect(paused.baseDue).toBe('2026-02-28');
    expect(paused.due).toBe('2026-03-03');
  });

  it('an open pause gives a null due date, and says so', () => {
    const deadline = explainDeadline({
      rule: 'R-ACK-1',
      profile: hpft,
      basis: 'working-days',
      start: '2026-03-02',
      amount: 3,
      calendar,
      pauses: [{ start: '2026-03-03', end: null }],
    });
    expect(deadline.due).toBeNull();
    expect(describeDeadline(deadline)).toContain('paused 2026-03-03 to now');
    expect(describeDeadline(deadline)).toContain('no due date while the clock is paused');
  });

  it('copies its inputs so later changes to them do not change the explanation', () => {
    const pauses: Pause[] = [{ start: '2026-03-04', end: null }];
    const deadline = explainDeadline({
      rule: 'R-ACK-1',
      profile: hpft,
      basis: 'working-days',
      start: '2026-03-02',
      amount: 3,
      calendar,
      pauses,
    });
    pauses[0].end = '2026-03-05';
    expect(deadline.pauses[0].end).toBeNull();
    expect(Object.isFrozen(deadline.pauses[0])).toBe(true);
  });
});
