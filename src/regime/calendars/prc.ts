/**
 * PRC public holidays and make-up working days (调休上班日), as the General Office of the State
 * Council announces them each November for the following year. Working-day clocks count against
 * these; a year not listed here falls back to plain Monday–Friday, which is wrong around Spring
 * Festival and National Day, so add each year's notice when it is published.
 */
import { dateRange } from '../../domain/clock.ts';
import type { Bilingual, Calendar } from '../types.ts';

export interface HolidayPeriod {
  name: Bilingual;
  /** First and last day off, both included (weekends inside the span are listed too). */
  from: string;
  to: string;
  /** Weekend days worked instead (调休). */
  makeUp: readonly string[];
}

export interface HolidayNotice {
  year: number;
  source: string;
  periods: readonly HolidayPeriod[];
}

const NEW_YEAR: Bilingual = { 'zh-CN': '元旦', en: "New Year's Day" };
const SPRING: Bilingual = { 'zh-CN': '春节', en: 'Spring Festival' };
const QINGMING: Bilingual = { 'zh-CN': '清明节', en: 'Qingming Festival' };
const LABOUR: Bilingual = { 'zh-CN': '劳动节', en: 'Labour Day' };
const DRAGON_BOAT: Bilingual = { 'zh-CN': '端午节', en: 'Dragon Boat Festival' };
const MID_AUTUMN: Bilingual = { 'zh-CN': '中秋节', en: 'Mid-Autumn Festival' };
const NATIONAL_DAY: Bilingual = { 'zh-CN': '国庆节', en: 'National Day' };

export const PRC_HOLIDAY_NOTICES: readonly HolidayNotice[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12)',
    periods: [
      { name: NEW_YEAR, from: '2025-01-01', to: '2025-01-01', makeUp: [] },
      { name: SPRING, from: '2025-01-28', to: '2025-02-04', makeUp: ['2025-01-26', '2025-02-08'] },
      { name: QINGMING, from: '2025-04-04', to: '2025-04-06', makeUp: [] },
      { name: LABOUR, from: '2025-05-01', to: '2025-05-05', makeUp: ['2025-04-27'] },
      { name: DRAGON_BOAT, from: '2025-05-31', to: '2025-06-02', makeUp: [] },
      // Mid-Autumn (6 October) fell inside National Day, so the notice merged them into eight days.
      { name: { 'zh-CN': '国庆节、中秋节', en: 'National Day and Mid-Autumn Festival' }, from: '2025-10-01', to: '2025-10-08', makeUp: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, published by Xinhua)',
    periods: [
      { name: NEW_YEAR, from: '2026-01-01', to: '2026-01-03', makeUp: ['2026-01-04'] },
      { name: SPRING, from: '2026-02-15', to: '2026-02-23', makeUp: ['2026-02-14', '2026-02-28'] },
      { name: QINGMING, from: '2026-04-04', to: '2026-04-06', makeUp: [] },
      { name: LABOUR, from: '2026-05-01', to: '2026-05-05', makeUp: ['2026-05-09'] },
      { name: DRAGON_BOAT, from: '2026-06-19', to: '2026-06-21', makeUp: [] },
      { name: MID_AUTUMN, from: '2026-09-25', to: '2026-09-27', makeUp: [] },
      { name: NATIONAL_DAY, from: '2026-10-01', to: '2026-10-07', makeUp: ['2026-09-20', '2026-10-10'] },
    ],
  },
];

export function calendarFromNotices(notices: readonly HolidayNotice[]): Calendar {
  const periods = notices.flatMap((n) => n.periods);
  return {
    holidays: periods.flatMap((p) => dateRange(p.from, p.to)),
    makeUpDays: periods.flatMap((p) => p.makeUp),
  };
}

export const PRC_CALENDAR: Calendar = calendarFromNotices(PRC_HOLIDAY_NOTICES);
