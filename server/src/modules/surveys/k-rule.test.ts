import { describe, expect, it } from 'vitest';
import {
  applyToCrossTab,
  applyToRates,
  commentsShown,
  COMMENT_K,
  K,
  suppressedGroups,
} from './k-rule.js';

describe('the small-groups rule', () => {
  it('uses k = 5 and 10 for comments', () => {
    expect(K).toBe(5);
    expect(COMMENT_K).toBe(10);
  });

  it('hides nothing when every group reaches k', () => {
    expect(suppressedGroups([5, 12, 7])).toEqual([false, false, false]);
    expect(suppressedGroups([])).toEqual([]);
  });

  it('hides a group under k and the next smallest with it (complementary suppression)', () => {
    expect(suppressedGroups([20, 3, 9, 6])).toEqual([false, true, false, true]);
  });

  it('hides two small groups without a complement when together they reach k', () => {
    expect(suppressedGroups([20, 3, 2, 9])).toEqual([false, true, true, false]);
  });

  it('adds the smallest shown group while the hidden ones hold fewer than k together', () => {
    expect(suppressedGroups([20, 1, 2, 9, 7])).toEqual([false, true, true, false, true]);
    expect(suppressedGroups([0, 0, 30, 6])).toEqual([true, true, false, true]);
  });

  it('picks the first of equal smallest groups', () => {
    expect(suppressedGroups([8, 4, 8])).toEqual([true, true, false]);
  });

  it('hides a single small group (its figures are then those of the whole)', () => {
    expect(suppressedGroups([3])).toEqual([true]);
    expect(suppressedGroups([4, 30])).toEqual([true, true]);
  });

  it('takes k as a parameter', () => {
    expect(suppressedGroups([3, 3, 3], 3)).toEqual([false, false, false]);
    expect(suppressedGroups([2, 3, 3], 3)).toEqual([true, true, false]);
  });

  it('lists comments from commentK writers', () => {
    expect(commentsShown(9)).toBe(false);
    expect(commentsShown(10)).toBe(true);
    expect(commentsShown(2, 2)).toBe(true);
  });

  it('blanks the count and every cell of a hidden cross-tab row, keeping its name', () => {
    const shown = applyToCrossTab([
      { group: '外科', n: 12, counts: [7, 5] },
      { group: '心内科', n: 4, counts: [1, 3] },
      { group: '内科', n: 6, counts: [6, 0] },
    ]);
    expect(shown).toEqual([
      { group: '外科', n: 12, counts: [7, 5], suppressed: false },
      { group: '心内科', n: null, counts: [null, null], suppressed: true },
      { group: '内科', n: null, counts: [null, null], suppressed: true },
    ]);
  });

  it('hides the answered count and rate of small departments, keeping the invited', () => {
    const shown = applyToRates([
      { departmentId: 1, name: 'A', invited: 40, answered: 30 },
      { departmentId: 2, name: 'B', invited: 10, answered: 2 },
      { departmentId: 3, name: 'C', invited: 8, answered: 8 },
    ]);
    expect(shown).toEqual([
      { departmentId: 1, name: 'A', invited: 40, answered: 30, rate: 0.75, suppressed: false },
      { departmentId: 2, name: 'B', invited: 10, answered: null, rate: null, suppressed: true },
      { departmentId: 3, name: 'C', invited: 8, answered: null, rate: null, suppressed: true },
    ]);
  });
});
