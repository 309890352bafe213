import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, sessionCookie, testApp } from '../../../../test/app.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';

registerCleanup();

describeEachDb('sessions, forced change and password rules', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  beforeAll(async () => {
    ({ app, database } = await testApp(kind, { sessionIdleMinutes: 30, sessionAbsoluteHours: 12 }));
    unit = await seedTestUnit(database);
  });

  const login = async (
    username: string,
    password = TEST_PASSWORD,
    ua = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1',
  ) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      headers: { 'user-agent': ua },
    });
    return res;
  };
  const get = (url: string, cookie: string) =>
    app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (url: string, cookie: string, payload?: object) =>
    app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });

  it('lists my sessions with a coarse device and ends one', async () => {
    const a = sessionCookie(await login(unit.users.leader.username));
    const b = sessionCookie(
      await login(
        unit.users.leader.username,
        TEST_PASSWORD,
        'Mozilla/5.0 (Windows NT 10.0) Chrome/126.0',
      ),
    );
    const list = (await get('/api/auth/sessions', a)).json().items as Array<{
      id: string;
      device: string;
      current: boolean;
    }>;
    expect(list).toHaveLength(2);
    expect(list.map((s) => s.device).sort()).toEqual(['Chrome · Windows', 'Safari · iOS']);
    const other = list.find((s) => !s.current)!;
    expect((await post(`/api/auth/sessions/${other.id}/end`, a)).statusCode).toBe(200);
    expect((await get('/api/auth/me', b)).statusCode).toBe(401);
    expect((await get('/api/auth/me', a)).statusCode).toBe(200);
    // No full user agent and no IP address are stored.
    const rows = await database.db.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toMatch(/Mozilla|127\.0\.0\.1/);
  });

  it('logout ends the session on the server', async () => {
    const c = sessionCookie(await login(unit.users.supervisor.username));
    expect((await post('/api/auth/logout', c)).statusCode).toBe(200);
    expect((await get('/api/auth/me', c)).statusCode).toBe(401);
  });

  it('ends a session idle for 30 minutes and one older than 12 hours', async () => {
    const idle = sessionCookie(await login(unit.users.office.username));
    const old = sessionCookie(await login(unit.users.office.username));
    const past = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const [s1, s2] = await database.db
      .selectFrom('sessions')
      .select('id')
      .where('account_id', '=', unit.users.office.accountId)
      .where('ended_at', 'is', null)
      .orderBy('created_at')
      .execute();
    await database.db
      .updateTable('sessions')
      .set({ last_seen_at: past(31) })
      .where('id', '=', s1!.id)
      .execute();
    await database.db
      .updateTable('sessions')
      .set({ expires_at: past(1) })
      .where('id', '=', s2!.id)
      .execute();
    expect((await get('/api/auth/me', idle)).statusCode).toBe(401);
    expect((await get('/api/auth/me', old)).statusCode).toBe(401);
  });

  it('forces a password change after an administrator reset, then applies the rules', async () => {
    const admin = sessionCookie(await login(unit.users.system_admin.username));
    const reset = await post(`/api/org/accounts/${unit.other.accountId}/reset-password`, admin);
    expect(reset.statusCode).toBe(200);
    const temporary = reset.json().temporaryPassword as string;

    const c = sessionCookie(await login(unit.other.username, temporary));
    const me = (await get('/api/auth/me', c)).json().me;
    expect(me.mustChangePassword).toBe(true);
    const blocked = await get('/api/org/departments', c);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const change = (newPassword: string, currentPassword = temporary) =>
      post('/api/auth/change-password', c, { currentPassword, newPassword });
    expect((await change('short1A')).json().error.code).toBe('PASSWORD_WEAK');
    expect((await change('Qwer1234!')).json().error.code).toBe('PASSWORD_COMMON');
    expect((await change(temporary)).json().error.code).toBe('PASSWORD_REUSED');
    expect((await change('Some-New-Pass-7', 'wrong')).json().error.code).toBe('PASSWORD_WRONG');
    expect((await change('Some-New-Pass-7')).statusCode).toBe(200);
    expect((await get('/api/auth/me', c)).json().me.mustChangePassword).toBe(false);
    expect((await get('/api/org/departments', c)).statusCode).toBe(200);

    // The last three passwords cannot come back.
    expect((await change('Second-Pass-88', 'Some-New-Pass-7')).statusCode).toBe(200);
    expect((await change('Some-New-Pass-7', 'Second-Pass-88')).json().error.code).toBe(
      'PASSWORD_REUSED',
    );
    expect((await login(unit.other.username, 'Second-Pass-88')).statusCode).toBe(200);
  });

  it('a password change ends the other sessions of the account', async () => {
    const u = unit.users.motion_committee.username;
    const first = sessionCookie(await login(u));
    const second = sessionCookie(await login(u));
    const res = await post('/api/auth/change-password', first, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Changed-Pass-2026',
    });
    expect(res.statusCode).toBe(200);
    expect((await get('/api/auth/me', second)).statusCode).toBe(401);
    expect((await get('/api/auth/me', first)).statusCode).toBe(200);
  });

  it('records logins, failures and password changes in the audit trail', async () => {
    const rows = await database.db.selectFrom('audit_log').select(['action', 'detail']).execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'auth.login',
      'auth.logout',
      'auth.password_changed',
      'account.password_reset',
      'auth.session_ended',
    ]) {
      expect(actions, a).toContain(a);
    }
    // No password, hash or cookie ever reaches the audit detail.
    expect(JSON.stringify(rows)).not.toMatch(/Changed-Pass|Some-New-Pass|argon2|lx_session/);
  });
});
