import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorCode } from '@lianxin/common';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;
export const ADMIN_PASSWORD_MAX_AGE_DAYS = 180;
export const PASSWORD_HISTORY_DEPTH = 3;

const here = path.dirname(fileURLToPath(import.meta.url));
let common: Set<string> | null = null;

/** Common passwords (lower-cased), one a line in common-passwords.txt beside this file. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(path.join(here, 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

/**
 * MLPS rules: 8 to 64 characters (longer is refused, never truncated), three of four character
 * classes, not in the common-password list and not the user name. Returns the failing code.
 */
export function checkPasswordStrength(password: string, username?: string): ErrorCode | null {
  if ([...password].length > PASSWORD_MAX) return 'PASSWORD_TOO_LONG';
  if ([...password].length < PASSWORD_MIN || characterClasses(password) < 3) return 'PASSWORD_WEAK';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'PASSWORD_COMMON';
  if (username && lower.includes(username.toLowerCase()) && username.length >= 3)
    return 'PASSWORD_COMMON';
  return null;
}

/** Administrators' passwords expire after 180 days. */
export function passwordExpired(
  isAdmin: boolean,
  changedAt: string | null,
  now: Date = new Date(),
): boolean {
  if (!isAdmin || !changedAt) return false;
  const age = now.getTime() - new Date(changedAt).getTime();
  return age > ADMIN_PASSWORD_MAX_AGE_DAYS * 24 * 3600 * 1000;
}
