import { describe, expect, it } from 'vitest';
import { digestDue, handlingJobs } from './jobs-handling.js';

describe('the daily inbox digest schedule', () => {
  it('starts at 08:30 Asia/Shanghai', () => {
    expect(digestDue(new Date('2026-11-30T00:29:00Z'))).toBe(false); // 08:29 in Shanghai
    expect(digestDue(new Date('2026-11-30T00:30:00Z'))).toBe(true); // 08:30
    expect(digestDue(new Date('2026-11-30T15:59:00Z'))).toBe(true); // 23:59
    expect(digestDue(new Date('2026-11-30T16:00:00Z'))).toBe(false); // 00:00 next day
  });
  it('is registered as a job', () => {
    expect(handlingJobs.map((j) => j.name)).toEqual(['opinions.inbox_digest']);
  });
});
