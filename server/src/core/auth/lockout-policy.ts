/** Login lockout (quality.md): 5 failures in a row lock for 15 minutes; 100 an hour lock the hour. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
export const HOURLY_FAILURE_LIMIT = 100;

export interface FailureState {
  failedAttempts: number;
  windowStart: string | null;
  windowCount: number;
  lockedUntil: string | null;
}

export function isLocked(state: FailureState, now: Date): boolean {
  return !!state.lockedUntil && new Date(state.lockedUntil).getTime() > now.getTime();
}

/** The state after one more failed attempt. Pure. */
export function afterFailure(state: FailureState, now: Date): FailureState {
  const hour = 3600 * 1000;
  const windowOpen =
    state.windowStart !== null && now.getTime() - new Date(state.windowStart).getTime() < hour;
  const windowStart = windowOpen ? state.windowStart! : now.toISOString();
  const windowCount = (windowOpen ? state.windowCount : 0) + 1;
  const failedAttempts = state.failedAttempts + 1;
  let lockedUntil = state.lockedUntil;
  if (windowCount >= HOURLY_FAILURE_LIMIT) {
    lockedUntil = new Date(new Date(windowStart).getTime() + hour).toISOString();
  } else if (failedAttempts % LOCKOUT_THRESHOLD === 0) {
    lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60 * 1000).toISOString();
  }
  return { failedAttempts, windowStart, windowCount, lockedUntil };
}
