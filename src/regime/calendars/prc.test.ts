import { describe, expect, it } from 'vitest';
import { dateRange, dayOfWeek, isWorkingDay } from '../../domain/clock.ts';
import { PRC_CALENDAR, PRC_HOLIDAY_NOTICES, calendarFromNotices } from './prc.ts';

// The totals each notice states (共N天), typed in separately from the date spans so that a
// mistyped span shows up as a mismatch.
const STATED_DAYS: Record<number, number[]> = {
  2025: [1, 8, 3, 5, 3, 8],
  2026: [3, 9, 3, 5, 3, 3, 7],
};

describe('PRC holiday notices', () => {
  it('match the number of days off each notice states', () => {
    for (const notice of PRC_HOLIDAY_NOTICES) {
      expect(notice.periods.map((p) => dateRange(p.from, p.to).length), String(notice.year)).toEqual(STATED_DAYS[notice.year]);
    }
  });

  it('keep every date inside its notice’s year', () => {
    for (const notice of PRC_HOLIDAY_NOTICES) {
      for (const p of notice.periods) {
        for (const d of [p.from, p.to, ...p.makeUp]) expect(d.startsWith(String(notice.year)), d).toBe(true);
      }
    }
  });

  it('put make-up days on weekends and outside the holidays', () => {
    const holidays = new Set(PRC_CALENDAR.holidays);
    expect(PRC_CALENDAR.makeUpDays).toHaveLength(5 + 6);
    for (const d of PRC_CALENDAR.makeUpDays) {
      expect([0, 6], d).toContain(dayOfWeek(d));
      expect(holidays.has(d), d).toBe(false);
      expect(isWorkingDay(d, PRC_CALENDAR), d).toBe(true);
    }
  });

  it('make 2026 Spring Festival nine days off between two Saturday make-up days', () => {
    expect(dateRange('2026-02-14', '2026-02-28').map((d) => isWorkingDay(d, PRC_CALENDAR))).toEqual([
      true, // Sat 14, make-up
      ...Array<boolean>(9).fill(false), // 15–23
      true, true, true, true, // 24–27
      true, // Sat 28, make-up
    ]);
  });

  it('builds a calendar from any list of notices', () => {
    const only2025 = calendarFromNotices(PRC_HOLIDAY_NOTICES.filter((n) => n.year === 2025));
    expect(only2025.holidays).toHaveLength(28);
    expect(only2025.makeUpDays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });
});
