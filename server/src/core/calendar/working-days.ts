/**
 * Working-day arithmetic: one function family for every deadline in the product. Pure and fast:
 * a calendar is a flat array of working-day flags, one per day from 2000-01-01 to 2100-12-31, with
 * a running count so that `workingDaysBetween` is O(1). Dates are 'YYYY-MM-DD' (Asia/Shanghai).
 */

export type DayKind = 'holiday' | 'workday';

export interface WorkingCalendar {
  readonly unitId: number;
  /** The years the unit's calendar was seeded for (editable by the office). */
  readonly years: readonly number[];
  /** 1 for a working day, 0 otherwise, indexed by day number since FIRST_DAY. */
  readonly working: Uint8Array;
  /** cumulative[i] = working days in [0, i). */
  readonly cumulative: Int32Array;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const DAY_MS = 86_400_000;
const FIRST_EPOCH_DAY = Date.UTC(MIN_YEAR, 0, 1) / DAY_MS;
export const DAY_COUNT = Date.UTC(MAX_YEAR + 1, 0, 1) / DAY_MS - FIRST_EPOCH_DAY;

/** The error a bad date raises; the service turns it into CALENDAR_DATE_INVALID. */
export class InvalidDateError extends Error {
  constructor(readonly value: string) {
    super(`invalid date: ${value}`);
    this.name = 'InvalidDateError';
  }
}

const DIGIT0 = 48;
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - DIGIT0;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm, no Date allocation). */
function epochDay(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The day index of 'YYYY-MM-DD' in the calendar's range, or -1 when malformed or out of range. */
export function dayIndex(date: string): number {
  if (typeof date !== 'string' || date.length !== 10) return -1;
  if (date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return -1;
  const max = m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!;
  if (d > max) return -1;
  return epochDay(y, m, d) - FIRST_EPOCH_DAY;
}

export function isValidDate(date: string): boolean {
  return dayIndex(date) >= 0;
}

function indexOf(date: string): number {
  const i = dayIndex(date);
  if (i < 0) throw new InvalidDateError(date);
  return i;
}

// Formatting a day index back to a string is a table look-up: ~37k short strings, built once.
let names: string[] | null = null;
function dateNames(): string[] {
  if (names) return names;
  const out = new Array<string>(DAY_COUNT);
  const d = new Date(Date.UTC(MIN_YEAR, 0, 1));
  for (let i = 0; i < DAY_COUNT; i++) {
    out[i] = d.toISOString().slice(0, 10);
    d.setUTCDate(d.getUTCDate() + 1);
  }
  names = out;
  return out;
}

export function dateAt(index: number): string {
  if (index < 0 || index >= DAY_COUNT) throw new RangeError('date outside 2000–2100');
  return dateNames()[index]!;
}

/** 0 = Sunday … 6 = Saturday. 2000-01-01 was a Saturday. */
export function weekday(date: string): number {
  return (indexOf(date) + 6) % 7;
}

/**
 * Build a calendar: weekends off, then `days` (statutory arrangements and the office's changes,
 * already resolved to one kind per date) applied on top.
 */
export function buildCalendar(
  unitId: number,
  years: readonly number[],
  days: Iterable<{ date: string; kind: DayKind }>,
): WorkingCalendar {
  const working = new Uint8Array(DAY_COUNT);
  for (let i = 0; i < DAY_COUNT; i++) {
    const wd = (i + 6) % 7;
    working[i] = wd === 0 || wd === 6 ? 0 : 1;
  }
  for (const day of days) {
    const i = dayIndex(day.date);
    if (i >= 0) working[i] = day.kind === 'workday' ? 1 : 0;
  }
  const cumulative = new Int32Array(DAY_COUNT + 1);
  for (let i = 0; i < DAY_COUNT; i++) cumulative[i + 1] = cumulative[i]! + working[i]!;
  return { unitId, years: [...years].sort((a, b) => a - b), working, cumulative };
}

export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  return cal.working[indexOf(date)] === 1;
}

/**
 * The date `n` working days after `date` (`date` itself not counted): a limit of 1 working day
 * from a Friday ends on Monday. With n = 0: `date` if it is a working day, else the next one.
 * Negative n counts back.
 */
export function addWorkingDays(cal: WorkingCalendar, date: string, n: number): string {
  let i = indexOf(date);
  const w = cal.working;
  if (n === 0) {
    while (i < DAY_COUNT && w[i] === 0) i++;
    return dateAt(i);
  }
  if (n > 0) {
    while (n > 0) {
      i++;
      if (i >= DAY_COUNT) throw new RangeError('date outside 2000–2100');
      n -= w[i]!;
    }
  } else {
    while (n < 0) {
      i--;
      if (i < 0) throw new RangeError('date outside 2000–2100');
      n += w[i]!;
    }
  }
  return dateAt(i);
}

/**
 * Working days d with a < d ≤ b (negative when b is before a), so that
 * workingDaysBetween(a, addWorkingDays(a, n)) === n.
 */
export function workingDaysBetween(cal: WorkingCalendar, a: string, b: string): number {
  const i = indexOf(a);
  const j = indexOf(b);
  return cal.cumulative[j + 1]! - cal.cumulative[i + 1]!;
}

/** Plain calendar-day addition (no working days), for reminders measured in days. */
export function addDays(date: string, n: number): string {
  return dateAt(indexOf(date) + n);
}

/** Today's date in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The calendar year of a 'YYYY-MM-DD' date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
