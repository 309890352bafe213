import { createHash, randomBytes } from 'node:crypto';
import { isAdminRole, type Role } from '@lianxin/common';
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../actor.js';
import type { FailureState } from './lockout-policy.js';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function newSessionToken(): { token: string; tokenHash: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: sha256(token), id: randomBytes(16).toString('hex') };
}

export async function findAccountsByUsername(db: Queryable, username: string, unitCode?: string) {
  let q = db
    .selectFrom('accounts')
    .innerJoin('units', 'units.id', 'accounts.unit_id')
    .selectAll('accounts')
    .select(['units.code as unit_code'])
    .where('accounts.username', '=', username);
  if (unitCode) q = q.where('units.code', '=', unitCode);
  return q.limit(2).execute();
}

export async function getAccount(db: Queryable, id: number) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesOf(db: Queryable, accountId: number): Promise<Role[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .select('role')
    .where('account_id', '=', accountId)
    .execute();
  return rows.map((r) => r.role as Role);
}

export function failureStateOf(a: {
  failed_attempts: number;
  failure_window_start: string | null;
  failure_window_count: number;
  locked_until: string | null;
}): FailureState {
  return {
    failedAttempts: a.failed_attempts,
    windowStart: a.failure_window_start,
    windowCount: a.failure_window_count,
    lockedUntil: a.locked_until,
  };
}

export async function saveFailureState(db: Queryable, accountId: number, s: FailureState) {
  await db
    .updateTable('accounts')
    .set({
      failed_attempts: s.failedAttempts,
      failure_window_start: s.windowStart,
      failure_window_count: s.windowCount,
      locked_until: s.lockedUntil,
    })
    .where('id', '=', accountId)
    .execute();
}

export async function insertSession(
  db: Queryable,
  row: {
    id: string;
    tokenHash: string;
    accountId: number;
    unitId: number;
    device: string;
    now: string;
    expiresAt: string;
  },
) {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      token_hash: row.tokenHash,
      account_id: row.accountId,
      unit_id: row.unitId,
      device: row.device,
      created_at: row.now,
      last_seen_at: row.now,
      expires_at: row.expiresAt,
      ended_at: null,
    })
    .execute();
}

export async function findLiveSession(db: Queryable, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Queryable, id: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function endSessions(
  db: Queryable,
  where: { accountId: number; id?: string; exceptId?: string },
  now: string,
) {
  let q = db
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('account_id', '=', where.accountId)
    .where('ended_at', 'is', null);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.exceptId) q = q.where('id', '!=', where.exceptId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function listLiveSessions(db: Queryable, accountId: number, now: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'device', 'created_at', 'last_seen_at', 'expires_at'])
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function recentPasswordHashes(db: Queryable, accountId: number, n: number) {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .limit(n)
    .execute();
  return rows.map((r) => r.password_hash);
}

export async function setPassword(
  db: Queryable,
  accountId: number,
  passwordHash: string,
  opts: { mustChange: boolean; now: string },
) {
  await db
    .updateTable('accounts')
    .set({
      password_hash: passwordHash,
      must_change_password: opts.mustChange ? 1 : 0,
      password_changed_at: opts.now,
      failed_attempts: 0,
      failure_window_count: 0,
      locked_until: null,
      updated_at: opts.now,
    })
    .where('id', '=', accountId)
    .execute();
  await db
    .insertInto('password_history')
    .values({ account_id: accountId, password_hash: passwordHash, created_at: opts.now })
    .execute();
}

/** Build the request's actor from an account id: account, person and roles. */
export async function loadActor(
  db: Queryable,
  accountId: number,
  sessionId: string | null,
): Promise<(Actor & { account: NonNullable<Awaited<ReturnType<typeof getAccount>>> }) | null> {
  const account = await getAccount(db, accountId);
  if (!account || !account.active) return null;
  const person = account.person_id
    ? await db
        .selectFrom('people')
        .select(['id', 'name', 'department_id', 'active'])
        .where('id', '=', account.person_id)
        .executeTakeFirst()
    : undefined;
  if (account.person_id && (!person || !person.active)) return null;
  const roles = await rolesOf(db, account.id);
  return {
    account,
    accountId: account.id,
    unitId: account.unit_id,
    personId: person?.id ?? null,
    username: account.username,
    name: person?.name ?? account.display_name,
    roles,
    departmentId: person?.department_id ?? null,
    sessionId,
  };
}

export const isAdminAccount = (roles: readonly string[]) => roles.some(isAdminRole);
