import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRC_CALENDAR } from '../regime/calendars/prc.ts';
import type { Calendar, ClockRule } from '../regime/types.ts';
import {
  ClockError,
  addCalendarDays,
  addWorkingDays,
  calendarYears,
  clockStatus,
  dateInShanghai,
  dateRange,
  dayOfWeek,
  extendClock,
  isIsoDate,
  isWorkingDay,
  pauseClock,
  resumeClock,
  startClock,
  workingDaysBetween,
} from './clock.ts';

const CAL = PRC_CALENDAR;
const PLAIN: Calendar = { holidays: [], makeUpDays: [] };
const ASSESSING: ClockRule = { workingDays: 30, extensionDays: 15, article: '11' };
const TEN: ClockRule = { workingDays: 10, article: '8' };

function clockError(fn: () => unknown): ClockError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ClockError) return e;
    throw e;
  }
  throw new Error('expected a ClockError');
}

describe('dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-00-10')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('2025/01/01')).toBe(false);
    expect(isIsoDate('2025-01-01T00:00')).toBe(false);
  });

  it('knows the day of the week, including years before 1970 and below 100', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2025-09-28')).toBe(0);
    expect(dayOfWeek('2025-10-11')).toBe(6);
    expect(dayOfWeek('1949-10-01')).toBe(6);
    expect(dayOfWeek('0099-12-31')).toBe(4);
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(dateRange('2025-01-30', '2025-02-02')).toEqual(['2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02']);
    expect(clockError(() => addCalendarDays('2025-02-30', 1)).code).toBe('invalid_date');
  });

  it('takes the Beijing date of an instant, whatever the host time zone', () => {
    expect(dateInShanghai(Date.UTC(2025, 8, 30, 15, 59, 59, 999))).toBe('2025-09-30');
    expect(dateInShanghai(Date.UTC(2025, 8, 30, 16, 0, 0, 0))).toBe('2025-10-01');
    expect(dateInShanghai(new Date('2025-12-31T23:30:00-05:00'))).toBe('2026-01-01');
    expect(clockError(() => dateInShanghai(new Date('nonsense'))).code).toBe('invalid_date');
  });
});

describe('working days on the 2025 PRC calendar', () => {
  it('treats holidays as days off and make-up weekend days as working days', () => {
    expect(isWorkingDay('2025-09-26', CAL)).toBe(true); // Friday
    expect(isWorkingDay('2025-09-27', CAL)).toBe(false); // Saturday
    expect(isWorkingDay('2025-09-28', CAL)).toBe(true); // Sunday, make-up day
    expect(isWorkingDay('2025-10-01', CAL)).toBe(false); // National Day
    expect(isWorkingDay('2025-10-06', CAL)).toBe(false); // Monday inside the holiday
    expect(isWorkingDay('2025-10-09', CAL)).toBe(true);
    expect(isWorkingDay('2025-10-11', CAL)).toBe(true); // Saturday, make-up day
    expect(isWorkingDay('2025-10-12', CAL)).toBe(false);
    expect(isWorkingDay('2025-01-26', CAL)).toBe(true); // Sunday before Spring Festival
    expect(isWorkingDay('2025-01-28', CAL)).toBe(false);
  });

  it('puts 10 working days from 2025-09-26 after National Day, counting both make-up days', () => {
    // Sep 28 (Sun), 29, 30, Oct 9, 10, 11 (Sat), 13, 14, 15, 16.
    expect(addWorkingDays('2025-09-26', 10, CAL)).toBe('2025-10-16');
    // Without the calendar the holiday would be counted as work.
    expect(addWorkingDays('2025-09-26', 10, PLAIN)).toBe('2025-10-10');
    expect(workingDaysBetween('2025-09-26', '2025-10-16', CAL)).toBe(10);
  });

  it('skips the whole Spring Festival break', () => {
    expect(addWorkingDays('2025-01-24', 1, CAL)).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-27', 1, CAL)).toBe('2025-02-05');
    expect(workingDaysBetween('2025-01-27', '2025-02-05', CAL)).toBe(1);
  });

  it('starts counting the day after the start date', () => {
    expect(addWorkingDays('2025-10-16', 0, CAL)).toBe('2025-10-16');
    expect(addWorkingDays('2025-10-04', 0, CAL)).toBe('2025-10-04');
    expect(addWorkingDays('2025-10-04', 1, CAL)).toBe('2025-10-09');
    expect(workingDaysBetween('2025-10-16', '2025-10-16', CAL)).toBe(0);
  });

  it('counts backwards as a negative number', () => {
    expect(workingDaysBetween('2025-10-16', '2025-09-26', CAL)).toBe(-10);
  });

  it('refuses negative and fractional counts', () => {
    expect(clockError(() => addWorkingDays('2025-10-16', -1, CAL)).code).toBe('invalid_count');
    expect(clockError(() => addWorkingDays('2025-10-16', 1.5, CAL)).code).toBe('invalid_count');
  });

  it('reports the years the calendar covers', () => {
    expect(calendarYears(CAL)).toEqual([2025, 2026]);
    expect(calendarYears(PLAIN)).toEqual([]);
  });
});

describe('working-day properties', () => {
  // Dates from late 2024 to 2026 so sums cross both notices and the unlisted years around them.
  const date = fc.integer({ min: 0, max: 800 }).map((k) => addCalendarDays('2024-10-01', k));
  const count = fc.integer({ min: 0, max: 250 });

  it('workingDaysBetween undoes addWorkingDays', () => {
    fc.assert(fc.property(date, count, (d, n) => workingDaysBetween(d, addWorkingDays(d, n, CAL), CAL) === n));
  });

  it('a due date is always a working day', () => {
    fc.assert(fc.property(date, fc.integer({ min: 1, max: 250 }), (d, n) => isWorkingDay(addWorkingDays(d, n, CAL), CAL)));
  });

  it('one more working day is always later', () => {
    fc.assert(fc.property(date, count, (d, n) => addWorkingDays(d, n + 1, CAL) > addWorkingDays(d, n, CAL)));
  });

  it('adding in two steps equals adding at once', () => {
    fc.assert(fc.property(date, count, count, (d, m, n) => addWorkingDays(addWorkingDays(d, m, CAL), n, CAL) === addWorkingDays(d, m + n, CAL)));
  });
});

describe('stage clocks', () => {
  it('starts with a due date the rule allows', () => {
    const c = startClock('triage', TEN, '2025-09-26', CAL);
    expect(c).toEqual({ stage: 'triage', startedOn: '2025-09-26', dueOn: '2025-10-16', pausedOn: null, pausedWorkingDays: 0, extendedDays: 0 });
    expect(clockError(() => startClock('triage', { workingDays: 0, article: '8' }, '2025-09-26', CAL)).code).toBe('invalid_count');
  });

  it('moves the due date out by the working days spent paused across National Day', () => {
    // Due 2025-10-11 (Sat, make-up day): Sep 23–26, 28, 29, 30, Oct 9, 10, 11.
    const c = startClock('triage', TEN, '2025-09-22', CAL);
    expect(c.dueOn).toBe('2025-10-11');
    const paused = pauseClock(c, '2025-09-26');
    // Six working days were left at the pause, and stay frozen however long the wait.
    expect(clockStatus(paused, '2025-10-20', CAL)).toEqual({ state: 'paused', workingDaysLeft: 6 });
    const resumed = resumeClock(paused, '2025-10-09', CAL);
    // Paused working days: Sep 28, 29, 30, Oct 9 (the holiday itself costs nothing).
    expect(resumed.pausedWorkingDays).toBe(4);
    expect(resumed.dueOn).toBe('2025-10-16');
    expect(resumed.pausedOn).toBeNull();
    expect(clockStatus(resumed, '2025-10-09', CAL)).toEqual({ state: 'running', workingDaysLeft: 6 });
  });

  it('costs nothing to pause and resume on the same day, and accumulates over several pauses', () => {
    const c = startClock('assessing', ASSESSING, '2025-11-03', CAL);
    const same = resumeClock(pauseClock(c, '2025-11-05'), '2025-11-05', CAL);
    expect(same.dueOn).toBe(c.dueOn);
    const twice = resumeClock(pauseClock(resumeClock(pauseClock(c, '2025-11-05'), '2025-11-07', CAL), '2025-11-10'), '2025-11-11', CAL);
    expect(twice.pausedWorkingDays).toBe(3);
    expect(twice.dueOn).toBe(addWorkingDays(c.dueOn, 3, CAL));
  });

  it('refuses pausing twice, resuming a running clock and dates out of order', () => {
    const c = startClock('assessing', ASSESSING, '2025-11-03', CAL);
    const p = pauseClock(c, '2025-11-05');
    expect(clockError(() => pauseClock(p, '2025-11-06')).code).toBe('already_paused');
    expect(clockError(() => resumeClock(c, '2025-11-06', CAL)).code).toBe('not_paused');
    expect(clockError(() => resumeClock(p, '2025-11-04', CAL)).code).toBe('before_pause');
    expect(clockError(() => pauseClock(c, '2025-11-02')).code).toBe('before_start');
  });

  it('extends once only, by the rule’s extension', () => {
    const c = startClock('assessing', ASSESSING, '2025-11-03', CAL);
    const e = extendClock(c, ASSESSING, '2025-11-20', CAL);
    expect(e.extendedDays).toBe(15);
    expect(e.dueOn).toBe(addWorkingDays(c.dueOn, 15, CAL));
    expect(workingDaysBetween(c.startedOn, e.dueOn, CAL)).toBe(45);
    const again = clockError(() => extendClock(e, ASSESSING, '2025-11-21', CAL));
    expect(again.code).toBe('already_extended');
    expect(again.message).toContain('15');
  });

  it('refuses to extend a stage whose rule has no extension, or a clock already overdue', () => {
    const c = startClock('triage', TEN, '2025-09-26', CAL);
    expect(clockError(() => extendClock(c, TEN, '2025-09-29', CAL)).code).toBe('no_extension');
    expect(clockError(() => extendClock(c, { ...TEN, extensionDays: 0 }, '2025-09-29', CAL)).code).toBe('no_extension');
    const withExt: ClockRule = { ...TEN, extensionDays: 5 };
    expect(extendClock(c, withExt, '2025-10-16', CAL).dueOn).toBe('2025-10-23');
    expect(clockError(() => extendClock(c, withExt, '2025-10-17', CAL)).code).toBe('overdue');
    // While paused the due date is not yet fixed, so an extension is still timely.
    expect(extendClock(pauseClock(c, '2025-09-29'), withExt, '2025-10-20', CAL).extendedDays).toBe(5);
  });

  it('reports running, due soon, due today and overdue', () => {
    const c = startClock('triage', TEN, '2025-09-26', CAL); // due Thu 2025-10-16
    expect(clockStatus(c, '2025-09-26', CAL)).toEqual({ state: 'running', workingDaysLeft: 10 });
    expect(clockStatus(c, '2025-10-10', CAL)).toEqual({ state: 'running', workingDaysLeft: 5 });
    expect(clockStatus(c, '2025-10-13', CAL)).toEqual({ state: 'due_soon', workingDaysLeft: 3 });
    expect(clockStatus(c, '2025-10-16', CAL)).toEqual({ state: 'due_soon', workingDaysLeft: 0 });
    expect(clockStatus(c, '2025-10-17', CAL)).toEqual({ state: 'overdue', workingDaysLeft: -1 });
    expect(clockStatus(c, '2025-10-13', CAL, 1)).toEqual({ state: 'running', workingDaysLeft: 3 });
  });

  it('is overdue on the weekend after a Friday due date although no working day has passed', () => {
    const c = startClock('triage', TEN, '2025-11-07', CAL); // due Fri 2025-11-21
    expect(c.dueOn).toBe('2025-11-21');
    expect(clockStatus(c, '2025-11-22', CAL)).toEqual({ state: 'overdue', workingDaysLeft: 0 });
  });

  it('keeps the working days left across any pause (property)', () => {
    const day = fc.integer({ min: 0, max: 500 });
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 90 }), (s, n, p, w) => {
        const start = addCalendarDays('2025-01-01', s);
        const c = startClock('assessing', { workingDays: n, article: '11' }, start, CAL);
        const pausedOn = addCalendarDays(start, p);
        const resumedOn = addCalendarDays(pausedOn, w);
        const paused = pauseClock(c, pausedOn);
        const resumed = resumeClock(paused, resumedOn, CAL);
        return (
          clockStatus(paused, resumedOn, CAL).workingDaysLeft === workingDaysBetween(resumedOn, resumed.dueOn, CAL) &&
          resumed.pausedWorkingDays === workingDaysBetween(pausedOn, resumedOn, CAL)
        );
      }),
    );
  });
});
