import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, todayInShanghai } from './format';

describe('formatDateTime (Asia/Shanghai)', () => {
  it('shows UTC instants in Beijing time, UTC+8', () => {
    expect(formatDateTime('2026-01-01T00:00:00.000Z')).toBe('2026-01-01 08:00');
    expect(formatDateTime('2026-06-30T12:34:56Z', { seconds: true })).toBe('2026-06-30 20:34:56');
  });

  it('rolls over to the next Beijing day after 16:00 UTC', () => {
    expect(formatDateTime('2026-11-26T16:30:00Z')).toBe('2026-11-27 00:30');
    expect(formatDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
  });

  it('uses the 24-hour clock, midnight as 00', () => {
    expect(formatDateTime('2026-03-01T16:05:00Z')).toBe('2026-03-02 00:05');
  });

  it('does not depend on the machine time zone', () => {
    // Node reads TZ again when it changes; the formatter names its zone, so nothing moves.
    const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process!
      .env;
    const before = env.TZ;
    env.TZ = 'America/Los_Angeles';
    try {
      expect(formatDateTime('2026-07-01T00:00:00Z')).toBe('2026-07-01 08:00');
    } finally {
      if (before === undefined) delete env.TZ;
      else env.TZ = before;
    }
  });

  it('says nothing for missing values and leaves unreadable ones as they are', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it("gives today's Beijing date", () => {
    expect(todayInShanghai(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
    expect(todayInShanghai(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27');
  });
});
