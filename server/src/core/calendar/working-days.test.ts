import { describe, expect, it } from 'vitest';
import { statutoryDays } from './statutory.js';
import {
  addDays,
  addWorkingDays,
  buildCalendar,
  InvalidDateError,
  isValidDate,
  isWorkingDay,
  todayInShanghai,
  weekday,
  workingDaysBetween,
} from './working-days.js';

// The calendar as seeded from chinese-days for 2026 (2027 is not published in the package yet).
const cal = buildCalendar(1, [2026, 2027], [...statutoryDays(2026), ...statutoryDays(2027)]);

describe('statutory data from chinese-days', () => {
  it('has the 2026 Spring Festival and National Day arrangements', () => {
    const days = statutoryDays(2026);
    const holidays = days.filter((d) => d.kind === 'holiday').map((d) => d.date);
    const workdays = days.filter((d) => d.kind === 'workday').map((d) => d.date);
    for (let d = 15; d <= 23; d++) expect(holidays).toContain(`2026-02-${d}`);
    for (let d = 1; d <= 7; d++) expect(holidays).toContain(`2026-10-0${d}`);
    expect(workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(days.find((d) => d.date === '2026-02-17')!.name).toBe('春节');
    expect(days.find((d) => d.date === '2026-10-01')!.name).toBe('国庆节');
    expect(days.find((d) => d.date === '2026-02-14')!.name).toBe('春节');
  });

  it('has no 2027 arrangement yet (the State Council has not published it)', () => {
    // When chinese-days publishes 2027 this test fails on purpose: add the 2027 assertions.
    expect(statutoryDays(2027)).toEqual([]);
  });
});

describe('working-day arithmetic', () => {
  it('Spring Festival 2026: 15–23 Feb off, Saturdays 14 and 28 Feb are working days', () => {
    expect(weekday('2026-02-14')).toBe(6);
    expect(weekday('2026-02-28')).toBe(6);
    expect(isWorkingDay(cal, '2026-02-13')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // make-up Saturday
    for (let d = 15; d <= 23; d++) expect(isWorkingDay(cal, `2026-02-${d}`)).toBe(false);
    expect(isWorkingDay(cal, '2026-02-24')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-28')).toBe(true); // make-up Saturday
    expect(isWorkingDay(cal, '2026-03-01')).toBe(false); // plain Sunday
    expect(addWorkingDays(cal, '2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays(cal, '2026-02-13', 2)).toBe('2026-02-24');
    expect(addWorkingDays(cal, '2026-02-14', 5)).toBe('2026-02-28');
    expect(addWorkingDays(cal, '2026-02-14', 6)).toBe('2026-03-02');
    expect(workingDaysBetween(cal, '2026-02-13', '2026-02-24')).toBe(2);
    expect(workingDaysBetween(cal, '2026-02-12', '2026-03-02')).toBe(8);
    expect(addWorkingDays(cal, '2026-02-24', -1)).toBe('2026-02-14');
  });

  it('National Day 2026: 1–7 Oct off, Sunday 20 Sep and Saturday 10 Oct are working days', () => {
    expect(weekday('2026-09-20')).toBe(0);
    expect(weekday('2026-10-10')).toBe(6);
    expect(isWorkingDay(cal, '2026-09-20')).toBe(true);
    expect(isWorkingDay(cal, '2026-09-19')).toBe(false);
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(cal, `2026-10-0${d}`)).toBe(false);
    // Mid-Autumn (25–27 Sep) comes just before.
    expect(isWorkingDay(cal, '2026-09-25')).toBe(false);
    expect(addWorkingDays(cal, '2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays(cal, '2026-09-30', 3)).toBe('2026-10-10');
    expect(addWorkingDays(cal, '2026-09-30', 4)).toBe('2026-10-12');
    // A 10-working-day limit from 18 Sep runs over Mid-Autumn and the golden week.
    // Sep 20 (Sun, make-up), 21–24, 28–30, Oct 8, 9.
    expect(addWorkingDays(cal, '2026-09-18', 10)).toBe('2026-10-09');
    expect(workingDaysBetween(cal, '2026-09-18', '2026-10-12')).toBe(12);
    expect(workingDaysBetween(cal, '2026-10-12', '2026-09-18')).toBe(-12);
  });

  it('2027 without a published arrangement: weekends only', () => {
    expect(isWorkingDay(cal, '2027-02-08')).toBe(true); // would be Spring Festival
    expect(isWorkingDay(cal, '2027-02-06')).toBe(false); // Saturday
    expect(addWorkingDays(cal, '2027-02-05', 1)).toBe('2027-02-08');
  });

  it('n = 0 gives the day itself or the next working day', () => {
    expect(addWorkingDays(cal, '2026-10-08', 0)).toBe('2026-10-08');
    expect(addWorkingDays(cal, '2026-10-03', 0)).toBe('2026-10-08');
  });

  it('holds workingDaysBetween(a, addWorkingDays(a, n)) = n over many dates', () => {
    let d = '2026-01-01';
    for (let i = 0; i < 700; i++) {
      const n = 1 + ((i * 7) % 23);
      const due = addWorkingDays(cal, d, n);
      expect(workingDaysBetween(cal, d, due)).toBe(n);
      if (n > 0) expect(isWorkingDay(cal, due)).toBe(true);
      expect(addWorkingDays(cal, due, -n) <= d || !isWorkingDay(cal, d)).toBe(true);
      d = addDays(d, 1);
    }
  });

  it('rejects invalid dates', () => {
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-1-01',
      'abc',
      '1999-12-31',
    ]) {
      expect(isValidDate(bad)).toBe(false);
      expect(() => addWorkingDays(cal, bad, 1)).toThrow(InvalidDateError);
    }
    expect(isValidDate('2028-02-29')).toBe(true);
  });

  it('gives today in Asia/Shanghai', () => {
    expect(todayInShanghai(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(todayInShanghai(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
    expect(todayInShanghai(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });
});
