/**
 * Working-day arithmetic and stage clocks. Pure: dates are 'YYYY-MM-DD' strings and every function
 * takes the calendar it counts against, so a regime profile decides what a working day is.
 *
 * Counting follows the PRC convention for periods counted in days (Civil Code Art. 201): the day
 * the period starts does not count, the first day is the next one. So a clock started on D with N
 * working days is due on the N-th working day after D, and the working days "between" two dates are
 * those after the first, up to and including the second.
 */
import type { CaseState } from './lifecycle.ts';
import type { Calendar, ClockRule } from '../regime/types.ts';

export type ClockErrorCode =
  | 'invalid_date'
  | 'invalid_count'
  | 'already_paused'
  | 'not_paused'
  | 'before_start'
  | 'before_pause'
  | 'no_extension'
  | 'already_extended'
  | 'overdue';

export class ClockError extends Error {
  constructor(
    readonly code: ClockErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClockError';
  }
}

// Day numbers (days since 1970-01-01) by Hinnant's civil-calendar algorithm rather than `Date`,
// whose constructors map years 0–99 to 1900+ and depend on the host time zone when misused.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return null;
  const n = daysFromCivil(y, mo, d);
  // Round-tripping rejects dates such as 2025-02-29 that the arithmetic would silently roll over.
  const [y2, m2, d2] = civilFromDays(n);
  return y2 === y && m2 === mo && d2 === d ? n : null;
}

/** A real calendar date written as YYYY-MM-DD. */
export function isIsoDate(date: string): boolean {
  return parse(date) !== null;
}

function dayNumber(date: string): number {
  const n = parse(date);
  if (n === null) throw new ClockError('invalid_date', `'${date}' is not a valid YYYY-MM-DD date`);
  return n;
}

function format(n: number): string {
  const [y, m, d] = civilFromDays(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function addCalendarDays(date: string, n: number): string {
  return format(dayNumber(date) + n);
}

/** Calendar dates from `from` to `to`, both included. */
export function dateRange(from: string, to: string): string[] {
  const [a, b] = [dayNumber(from), dayNumber(to)];
  const out: string[] = [];
  for (let n = a; n <= b; n++) out.push(format(n));
  return out;
}

// Statutory days are Beijing days: a supplement uploaded at 23:30 UTC on 30 September arrives on
// 1 October in the Office's calendar, whatever time zone the server runs in. China has kept UTC+8
// without daylight saving since 1991, so a fixed offset is exact for every date a case can carry
// and needs no time-zone database.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Asia/Shanghai calendar date of an instant. */
export function dateInShanghai(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new ClockError('invalid_date', 'not a valid instant');
  return format(Math.floor((ms + SHANGHAI_OFFSET_MS) / 86_400_000));
}

interface CalendarIndex {
  holidays: Set<number>;
  makeUpDays: Set<number>;
}

// Clocks ask about the same calendar object thousands of times (a profile's calendar is shared),
// so its dates are indexed once; the cache holds no state that could change an answer.
const indexes = new WeakMap<Calendar, CalendarIndex>();

function indexOf(cal: Calendar): CalendarIndex {
  let idx = indexes.get(cal);
  if (!idx) {
    idx = { holidays: new Set(cal.holidays.map(dayNumber)), makeUpDays: new Set(cal.makeUpDays.map(dayNumber)) };
    indexes.set(cal, idx);
  }
  return idx;
}

function isWorkingDayNumber(n: number, idx: CalendarIndex): boolean {
  if (idx.holidays.has(n)) return false;
  const dow = (((n + 4) % 7) + 7) % 7;
  if (dow === 0 || dow === 6) return idx.makeUpDays.has(n);
  return true;
}

/** Monday to Friday unless a holiday; Saturday and Sunday only when a make-up working day. */
export function isWorkingDay(date: string, cal: Calendar): boolean {
  return isWorkingDayNumber(dayNumber(date), indexOf(cal));
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new ClockError('invalid_count', `${what} must be a whole number ≥ 0, got ${n}`);
}

/** The n-th working day after `date` (`date` itself when n = 0). */
export function addWorkingDays(date: string, n: number, cal: Calendar): string {
  checkCount(n, 'working days');
  const idx = indexOf(cal);
  let day = dayNumber(date);
  for (let left = n; left > 0; ) {
    day++;
    if (isWorkingDayNumber(day, idx)) left--;
  }
  return format(day);
}

/** Working days after `a` up to and including `b`; negative when `b` is before `a`. */
export function workingDaysBetween(a: string, b: string, cal: Calendar): number {
  const idx = indexOf(cal);
  const [x, y] = [dayNumber(a), dayNumber(b)];
  const [lo, hi, sign] = x <= y ? [x, y, 1] : [y, x, -1];
  let count = 0;
  for (let n = lo + 1; n <= hi; n++) if (isWorkingDayNumber(n, idx)) count++;
  // Never -0: Object.is and deep-equality checks treat it as different from 0.
  return count === 0 ? 0 : sign * count;
}

/** Years for which the calendar lists any holiday: outside them, only weekends are days off. */
export function calendarYears(cal: Calendar): number[] {
  return [...new Set(cal.holidays.map((d) => Number(d.slice(0, 4))))].sort((p, q) => p - q);
}

export interface StageClock {
  stage: CaseState;
  startedOn: string;
  /** Moves out when the clock resumes after a pause or is extended. */
  dueOn: string;
  pausedOn: string | null;
  pausedWorkingDays: number;
  extendedDays: number;
}

export type ClockState = 'running' | 'paused' | 'overdue' | 'due_soon';

export interface ClockStatus {
  state: ClockState;
  /** 0 on the due day and the days off right after it; negative once a working day has passed; frozen while paused. */
  workingDaysLeft: number;
}

/** A running clock within this many working days of its due date reports `due_soon`. */
export const DUE_SOON_WORKING_DAYS = 3;

export function startClock(stage: CaseState, rule: ClockRule, today: string, cal: Calendar): StageClock {
  if (!Number.isInteger(rule.workingDays) || rule.workingDays < 1) {
    throw new ClockError('invalid_count', `clock rule for ${stage} must allow at least one working day, got ${rule.workingDays}`);
  }
  return { stage, startedOn: today, dueOn: addWorkingDays(today, rule.workingDays, cal), pausedOn: null, pausedWorkingDays: 0, extendedDays: 0 };
}

export function pauseClock(c: StageClock, today: string): StageClock {
  if (c.pausedOn !== null) throw new ClockError('already_paused', `the ${c.stage} clock has been paused since ${c.pausedOn}`);
  if (dayNumber(today) < dayNumber(c.startedOn)) {
    throw new ClockError('before_start', `cannot pause on ${today}: the ${c.stage} clock started on ${c.startedOn}`);
  }
  return { ...c, pausedOn: today };
}

/**
 * Time spent waiting on the supplier does not count, so the due date moves out by the working days
 * after the pause up to and including the day the clock resumes (that day belongs to the waiting,
 * just as the start day of a period does not count).
 */
export function resumeClock(c: StageClock, today: string, cal: Calendar): StageClock {
  if (c.pausedOn === null) throw new ClockError('not_paused', `the ${c.stage} clock is not paused`);
  if (dayNumber(today) < dayNumber(c.pausedOn)) {
    throw new ClockError('before_pause', `cannot resume on ${today}: the ${c.stage} clock was paused on ${c.pausedOn}`);
  }
  const spent = workingDaysBetween(c.pausedOn, today, cal);
  return { ...c, dueOn: addWorkingDays(c.dueOn, spent, cal), pausedOn: null, pausedWorkingDays: c.pausedWorkingDays + spent };
}

/**
 * One extension per stage, of the rule's `extensionDays`. An extension has to be granted while
 * time remains: stretching a deadline that has already passed would hide the lapse.
 */
export function extendClock(c: StageClock, rule: ClockRule, today: string, cal: Calendar): StageClock {
  if (rule.extensionDays === undefined || rule.extensionDays <= 0) {
    throw new ClockError('no_extension', `the rule for ${c.stage} allows no extension`);
  }
  if (!Number.isInteger(rule.extensionDays)) {
    throw new ClockError('invalid_count', `extension for ${c.stage} must be whole working days, got ${rule.extensionDays}`);
  }
  if (c.extendedDays > 0) throw new ClockError('already_extended', `the ${c.stage} clock was already extended by ${c.extendedDays} working days`);
  if (c.pausedOn === null && dayNumber(today) > dayNumber(c.dueOn)) {
    throw new ClockError('overdue', `the ${c.stage} clock was due on ${c.dueOn}; it cannot be extended on ${today}`);
  }
  return { ...c, dueOn: addWorkingDays(c.dueOn, rule.extensionDays, cal), extendedDays: rule.extensionDays };
}

export function clockStatus(c: StageClock, today: string, cal: Calendar, dueSoonWithin = DUE_SOON_WORKING_DAYS): ClockStatus {
  if (c.pausedOn !== null) return { state: 'paused', workingDaysLeft: workingDaysBetween(c.pausedOn, c.dueOn, cal) };
  const left = workingDaysBetween(today, c.dueOn, cal);
  // The calendar date decides: on the weekend after a Friday due date no working day has passed
  // since (left is 0), yet the deadline has.
  if (dayNumber(today) > dayNumber(c.dueOn)) return { state: 'overdue', workingDaysLeft: left };
  return { state: left <= dueSoonWithin ? 'due_soon' : 'running', workingDaysLeft: left };
}
