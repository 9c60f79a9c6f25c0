import { describe, expect, it } from 'vitest';
import { CalendarFileError, WorkingCalendar } from '../../../server/handling/working-days.ts';

const cal = WorkingCalendar.load();

/** The instant of a China wall-clock time (UTC+8), e.g. china('2026-02-13T23:30'). */
const china = (local: string) => Date.parse(`${local}:00+08:00`);

describe('WorkingCalendar, 2026 official arrangement', () => {
  it('routes on the Friday before Spring Festival: 3 working days lands after the holiday', () => {
    // Fri 2026-02-13 -> Sat 02-14 is a make-up working day (1), 02-15..02-23 is the 春节 block,
    // Tue 02-24 (2), Wed 02-25 (3).
    expect(cal.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    // Only counting the Saturday make-up day gets 02-25; plain Mon-Fri would give 02-26 (Thu).
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    // 02-14 (1), 02-24..02-27 Tue-Fri (2-5), Sat 02-28 make-up day (6); without it: Mon 03-02.
    expect(cal.addWorkingDays('2026-02-13', 6)).toBe('2026-02-28');
    // After the make-up Saturday, Sun 03-01 is an ordinary rest day: next is Mon 03-02.
    expect(cal.addWorkingDays('2026-02-28', 1)).toBe('2026-03-02');
  });

  it('counts National Day 2026: Sep 30 + 3 working days is the make-up Saturday Oct 10', () => {
    // Wed 09-30 -> 10-01..10-07 off, Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 make-up (3).
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    // Starting inside the holiday gives the same first working days: Oct 8, 9, 10.
    expect(cal.addWorkingDays('2026-10-03', 3)).toBe('2026-10-10');
  });

  it('spans Mid-Autumn and National Day with a 15-working-day deadline', () => {
    // Fri 09-18: Sat 09-19 rest; Sun 09-20 make-up (1); Mon-Thu 09-21..24 (2-5);
    // 09-25..27 中秋 off; Mon-Wed 09-28..30 (6-8); 10-01..07 国庆 off; Thu 10-08 (9), Fri 10-09 (10),
    // Sat 10-10 make-up (11); Sun 10-11 rest; Mon-Thu 10-12..15 (12-15).
    // Plain Mon-Fri would have said Fri 10-09.
    expect(cal.addWorkingDays('2026-09-18', 15)).toBe('2026-10-15');
    expect(cal.workingDaysBetween('2026-09-18', '2026-10-15')).toBe(15);
    // The day before the deadline is one working day short.
    expect(cal.workingDaysBetween('2026-09-18', '2026-10-14')).toBe(14);
  });

  it('says a weekday inside a holiday is not a working day', () => {
    expect(cal.isWorkingDay('2026-01-02')).toBe(false); // Fri, 元旦 block
    expect(cal.isWorkingDay('2026-02-16')).toBe(false); // Mon, 除夕
    expect(cal.isWorkingDay('2026-02-23')).toBe(false); // Mon, last day of 春节 block
    expect(cal.isWorkingDay('2026-05-05')).toBe(false); // Tue, 劳动节 block
    expect(cal.isWorkingDay('2026-10-01')).toBe(false); // Thu, 国庆节
    expect(cal.holidayName('2026-10-01')).toBe('国庆节');
    // The ordinary weekdays right around a block still are working days.
    expect(cal.isWorkingDay('2026-02-13')).toBe(true); // Fri before 春节
    expect(cal.isWorkingDay('2026-02-24')).toBe(true); // Tue after 春节
    expect(cal.holidayName('2026-02-24')).toBeNull();
  });

  it('says a weekend make-up day is a working day, and other weekend days are not', () => {
    for (const day of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20']) {
      expect(cal.isWorkingDay(day), day).toBe(true);
    }
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Sat, 国庆节 make-up
    expect(cal.isWorkingDay('2026-10-11')).toBe(false); // Sun after it: ordinary rest day
    expect(cal.isWorkingDay('2026-02-21')).toBe(false); // Sat inside 春节 block
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // ordinary Saturday
  });
});

describe('dueAt', () => {
  it('takes the China calendar day of the instant, not the UTC one', () => {
    // 23:30 Fri 02-13 China time (15:30 UTC, same date): day 02-13, + 3 working days = Wed 02-25
    // (see above), due at its end, 23:59:59.999 China time.
    expect(new Date(cal.dueAt(china('2026-02-13T23:30'), 3)).toISOString()).toBe(
      '2026-02-25T15:59:59.999Z',
    );
    // One hour later, 00:30 Sat 02-14 China time, is still 02-13 in UTC (16:30Z). The China day
    // is the make-up Saturday 02-14, and counting starts after it: Tue 02-24 (1), Wed 02-25 (2),
    // Thu 02-26 (3).
    const start = china('2026-02-14T00:30');
    expect(new Date(start).toISOString()).toBe('2026-02-13T16:30:00.000Z');
    expect(cal.dueAt(start, 3)).toBe(china('2026-02-26T23:59') + 59_999);
  });

  it('gives the last millisecond of the China day', () => {
    // Mon 2026-03-02 + 1 = Tue 03-03; the next China day starts 1 ms after the deadline.
    const due = cal.dueAt(china('2026-03-02T09:00'), 1);
    expect(due + 1).toBe(china('2026-03-04T00:00'));
  });
});

describe('calendar data', () => {
  it('gives every covered year (weekdays - 13 statutory days) working days', () => {
    // 2024 rules: 13 statutory days, and a statutory day on a weekend is given back. 2026 and
    // 2027 each start on a Thu/Fri, have 365 days = 52 weeks + 1 day, so 261 weekdays: 248.
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
    expect(cal.workingDaysBetween('2026-12-31', '2027-12-31')).toBe(248);
  });

  it('falls back to Monday-Friday for a year it does not cover', () => {
    expect(cal.covers('2026-05-01')).toBe(true);
    expect(cal.covers('2025-10-01')).toBe(false);
    expect(cal.status('2026-05-01')).toBe('official');
    expect(cal.status('2025-10-01')).toBeNull();
    // Wed 2025-10-01 was a holiday, but the file has no 2025: an ordinary Wednesday here.
    expect(cal.isWorkingDay('2025-10-01')).toBe(true);
    // Thu 2027-12-30: Fri 12-31 (1), Sat/Sun 2028-01-01/02 rest, Mon 01-03 (2), Tue 01-04 (3).
    expect(cal.addWorkingDays('2027-12-30', 3)).toBe('2028-01-04');
  });

  it('makes workingDaysBetween the inverse of addWorkingDays', () => {
    for (const start of ['2026-01-01', '2026-02-13', '2026-04-30', '2026-09-30', '2027-02-04']) {
      for (const n of [1, 2, 5, 10, 15, 30]) {
        const end = cal.addWorkingDays(start, n);
        expect(cal.workingDaysBetween(start, end), `${start} + ${n}`).toBe(n);
        expect(cal.workingDaysBetween(end, start)).toBe(-n);
        expect(cal.isWorkingDay(end)).toBe(true);
      }
    }
    expect(cal.workingDaysBetween('2026-02-15', '2026-02-15')).toBe(0);
  });

  it('rejects bad arguments instead of guessing', () => {
    expect(() => cal.addWorkingDays('2026-02-13', 0)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-02-13', 1.5)).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-2-13')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.dueAt(Number.NaN, 3)).toThrow(RangeError);
  });
});

describe('calendar file validation', () => {
  const file = (year: string, holidays: string, workdays: string) =>
    `years:\n  ${year}:\n    status: official\n    holidays: ${holidays}\n    workdays: ${workdays}\n`;
  const problem = (text: string) => {
    try {
      WorkingCalendar.fromYaml(text, 'test.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarFileError);
      return (error as Error).message;
    }
    throw new Error('expected the calendar to be rejected');
  };

  it('accepts a well-formed year', () => {
    const ok = WorkingCalendar.fromYaml(
      file('2026', `[{ name: 元旦, from: '2026-01-01', to: '2026-01-03' }]`, `['2026-01-04']`),
    );
    expect(ok.isWorkingDay('2026-01-02')).toBe(false);
    expect(ok.isWorkingDay('2026-01-04')).toBe(true);
  });

  it('names a malformed date', () => {
    const message = problem(
      file('2026', `[{ name: 元旦, from: '2026-1-1', to: '2026-01-03' }]`, `[]`),
    );
    expect(message).toContain('test.yaml');
    expect(message).toContain('years.2026.holidays.0.from');
    expect(message).toContain('YYYY-MM-DD');
    expect(problem(file('2026', `[]`, `['2026-02-30']`))).toContain('not a real calendar date');
  });

  it('names a make-up workday that is not a weekend day', () => {
    // 2026-01-05 is a Monday.
    const message = problem(file('2026', `[]`, `['2026-01-05']`));
    expect(message).toContain('years.2026.workdays.0');
    expect(message).toContain('2026-01-05 is a Monday');
  });

  it('names a holiday outside its year', () => {
    const message = problem(
      file('2026', `[{ name: 元旦, from: '2027-01-01', to: '2027-01-03' }]`, `[]`),
    );
    expect(message).toContain('years.2026.holidays.0.from');
    expect(message).toContain('outside 2026');
  });

  it('names a make-up workday inside a holiday block', () => {
    const message = problem(
      file('2026', `[{ name: 春节, from: '2026-02-15', to: '2026-02-23' }]`, `['2026-02-21']`),
    );
    expect(message).toContain('inside the 春节 holiday');
  });
});
