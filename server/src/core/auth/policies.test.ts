import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterFailure, isLocked, type FailureState } from './lockout-policy.js';
import { characterClasses, checkPasswordStrength, passwordExpired } from './password-policy.js';
import { generatePassword } from './passwords.js';
import { deviceLabel } from './device.js';

describe('password policy', () => {
  it.each([
    ['short', 'Ab1!', 'PASSWORD_WEAK'],
    ['two classes', 'abcdefgh12', 'PASSWORD_WEAK'],
    ['common though strong-looking', 'P@ssw0rd', 'PASSWORD_COMMON'],
    ['common Chinese pattern', 'Woaini1314', 'PASSWORD_COMMON'],
    ['65 characters', `Aa1!${'x'.repeat(61)}`, 'PASSWORD_TOO_LONG'],
    ['contains the user name', 'zhangwei-Pass1', 'PASSWORD_COMMON'],
  ])('refuses %s', (_label, password, code) => {
    expect(checkPasswordStrength(password, 'zhangwei')).toBe(code);
  });

  it('accepts 64 characters untruncated and three classes', () => {
    expect(checkPasswordStrength(`Aa1${'x'.repeat(61)}`)).toBeNull();
    expect(checkPasswordStrength('river-Stone-42')).toBeNull();
    expect(checkPasswordStrength('长城-Great-2026')).toBeNull();
  });

  it('generated temporary passwords always pass', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(characterClasses(p)).toBe(4);
      expect(checkPasswordStrength(p)).toBeNull();
    }
  });

  it('expires administrators after 180 days only', () => {
    const now = new Date('2026-11-27T00:00:00Z');
    const old = new Date(now.getTime() - 181 * 86400_000).toISOString();
    const recent = new Date(now.getTime() - 179 * 86400_000).toISOString();
    expect(passwordExpired(true, old, now)).toBe(true);
    expect(passwordExpired(true, recent, now)).toBe(false);
    expect(passwordExpired(false, old, now)).toBe(false);
  });
});

describe('lockout policy', () => {
  const fresh: FailureState = {
    failedAttempts: 0,
    windowStart: null,
    windowCount: 0,
    lockedUntil: null,
  };

  it('locks for 15 minutes at the fifth failure', () => {
    const t0 = new Date('2026-11-27T08:00:00Z');
    let s = fresh;
    for (let i = 0; i < 4; i++) s = afterFailure(s, t0);
    expect(isLocked(s, t0)).toBe(false);
    s = afterFailure(s, t0);
    expect(isLocked(s, t0)).toBe(true);
    expect(isLocked(s, new Date(t0.getTime() + 14 * 60_000))).toBe(true);
    expect(isLocked(s, new Date(t0.getTime() + 15 * 60_000 + 1))).toBe(false);
  });

  it('never allows more than 100 failures in an hour, whatever the spacing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 100, maxLength: 300 }),
        (gaps) => {
          let t = new Date('2026-11-27T08:00:00Z').getTime();
          let s = fresh;
          const attempts: number[] = [];
          for (const g of gaps) {
            t += g;
            if (isLocked(s, new Date(t))) continue;
            attempts.push(t);
            s = afterFailure(s, new Date(t));
          }
          // Any 1-hour window of accepted attempts holds at most 100.
          for (let i = 0; i < attempts.length; i++) {
            let j = i;
            while (j < attempts.length && attempts[j]! - attempts[i]! < 3600_000) j++;
            expect(j - i).toBeLessThanOrEqual(100);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('device label', () => {
  it('keeps only a coarse browser and system', () => {
    const ua =
      'Mozilla/5.0 (Linux; Android 14; V2244A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 wxwork/4.1';
    expect(deviceLabel(ua)).toBe('企业微信 · Android');
    expect(deviceLabel(undefined)).toBe('Unknown');
  });
});
