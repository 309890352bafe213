import type { Database } from '../../db/database.js';
import { actorLabel, type Actor } from '../actor.js';
import { appendAudit } from '../audit/repository.js';
import { runCommand, type CommandContext } from '../command.js';
import { AppError } from '../errors.js';
import { afterFailure, isLocked } from './lockout-policy.js';
import {
  checkPasswordStrength,
  PASSWORD_HISTORY_DEPTH,
  passwordExpired,
} from './password-policy.js';
import { generatePassword, hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import * as repo from './repository.js';

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

export interface LoginInput {
  username: string;
  password: string;
  unit?: string;
  device: string;
}

/**
 * Password login. Every failure answers the same AUTH_FAILED (unknown user, wrong password,
 * locked, inactive), after the same argon2 work, so the answer tells an attacker nothing.
 */
export async function login(database: Database, input: LoginInput, limits: SessionLimits) {
  const now = new Date();
  const matches = await repo.findAccountsByUsername(database.db, input.username, input.unit);
  if (matches.length > 1) throw new AppError('UNIT_REQUIRED');
  const account = matches[0];
  if (!account || !account.active || !account.password_hash) {
    await verifyAgainstDummy(input.password);
    throw new AppError('AUTH_FAILED');
  }
  const label = actorLabel({ name: account.display_name, username: account.username });
  const auditAs = (action: string, detail: Record<string, unknown> = {}) => ({
    unitId: account.unit_id,
    actorAccountId: account.id,
    actorLabel: label,
    action,
    targetType: 'account',
    targetId: account.id,
    detail,
  });

  const state = repo.failureStateOf(account);
  if (isLocked(state, now)) {
    await verifyAgainstDummy(input.password);
    await database.db
      .transaction()
      .execute((tx) => appendAudit(tx, database.kind, auditAs('auth.login_locked')));
    throw new AppError('AUTH_FAILED');
  }
  const ok = await verifyPassword(account.password_hash, input.password);
  if (!ok) {
    const next = afterFailure(state, now);
    await database.db.transaction().execute(async (tx) => {
      await repo.saveFailureState(tx, account.id, next);
      await appendAudit(
        tx,
        database.kind,
        auditAs('auth.login_failed', { locked: isLocked(next, now) }),
      );
    });
    throw new AppError('AUTH_FAILED');
  }

  const session = repo.newSessionToken();
  const nowIso = now.toISOString();
  const expiresAt = new Date(now.getTime() + limits.absoluteHours * 3600_000).toISOString();
  await database.db.transaction().execute(async (tx) => {
    await repo.saveFailureState(tx, account.id, {
      failedAttempts: 0,
      windowStart: account.failure_window_start,
      windowCount: account.failure_window_count,
      lockedUntil: null,
    });
    await repo.insertSession(tx, {
      id: session.id,
      tokenHash: session.tokenHash,
      accountId: account.id,
      unitId: account.unit_id,
      device: input.device,
      now: nowIso,
      expiresAt,
    });
    await appendAudit(tx, database.kind, auditAs('auth.login', { device: input.device }));
  });
  return { token: session.token, sessionId: session.id, accountId: account.id, expiresAt };
}

/** Whether this account must change its password before doing anything else. */
export function mustChangePassword(
  account: { must_change_password: number; is_demo: number; password_changed_at: string | null },
  roles: readonly string[],
): boolean {
  if (account.is_demo) return false;
  return (
    account.must_change_password === 1 ||
    passwordExpired(repo.isAdminAccount(roles), account.password_changed_at)
  );
}

export async function logout(ctx: CommandContext) {
  if (!ctx.actor.sessionId) return;
  await runCommand(ctx, async (tx, audit) => {
    await repo.endSessions(
      tx,
      { accountId: ctx.actor.accountId, id: ctx.actor.sessionId! },
      new Date().toISOString(),
    );
    await audit('auth.logout', { type: 'account', id: ctx.actor.accountId });
  });
}

export async function changePassword(
  ctx: CommandContext,
  input: { currentPassword: string; newPassword: string },
) {
  const account = await repo.getAccount(ctx.database.db, ctx.actor.accountId);
  if (!account?.password_hash) throw new AppError('ACCOUNT_NOT_FOUND');
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    throw new AppError('PASSWORD_WRONG');
  }
  const weak = checkPasswordStrength(input.newPassword, account.username);
  if (weak) throw new AppError(weak);
  const recent = await repo.recentPasswordHashes(
    ctx.database.db,
    account.id,
    PASSWORD_HISTORY_DEPTH,
  );
  for (const h of new Set([account.password_hash, ...recent])) {
    if (await verifyPassword(h, input.newPassword)) throw new AppError('PASSWORD_REUSED');
  }
  const newHash = await hashPassword(input.newPassword);
  await runCommand(ctx, async (tx, audit) => {
    const now = new Date().toISOString();
    await repo.setPassword(tx, account.id, newHash, { mustChange: false, now });
    // A changed password ends every other session of the account.
    const ended = await repo.endSessions(
      tx,
      { accountId: account.id, exceptId: ctx.actor.sessionId ?? undefined },
      now,
    );
    await audit(
      'auth.password_changed',
      { type: 'account', id: account.id },
      { endedSessions: ended },
    );
  });
}

export async function endOwnSession(ctx: CommandContext, sessionId: string) {
  await runCommand(ctx, async (tx, audit) => {
    const n = await repo.endSessions(
      tx,
      { accountId: ctx.actor.accountId, id: sessionId },
      new Date().toISOString(),
    );
    if (n === 0) throw new AppError('SESSION_NOT_FOUND');
    await audit('auth.session_ended', { type: 'session', id: sessionId });
  });
}

/**
 * An administrator issues a temporary password: shown once, changed at first login,
 * every session of the account ended.
 */
export async function resetPassword(ctx: CommandContext, accountId: number) {
  const account = await repo.getAccount(ctx.database.db, accountId);
  if (!account || account.unit_id !== ctx.actor.unitId) throw new AppError('ACCOUNT_NOT_FOUND');
  const temporaryPassword = generatePassword();
  const newHash = await hashPassword(temporaryPassword);
  await runCommand(ctx, async (tx, audit) => {
    const now = new Date().toISOString();
    await repo.setPassword(tx, account.id, newHash, { mustChange: true, now });
    await repo.endSessions(tx, { accountId: account.id }, now);
    await audit('account.password_reset', { type: 'account', id: account.id });
  });
  return { temporaryPassword };
}

export async function unlockAccount(ctx: CommandContext, accountId: number) {
  await runCommand(ctx, async (tx, audit) => {
    const account = await repo.getAccount(tx, accountId);
    if (!account || account.unit_id !== ctx.actor.unitId) throw new AppError('ACCOUNT_NOT_FOUND');
    await repo.saveFailureState(tx, accountId, {
      failedAttempts: 0,
      windowStart: null,
      windowCount: 0,
      lockedUntil: null,
    });
    await audit('account.unlocked', { type: 'account', id: accountId });
  });
}

export type { Actor };
