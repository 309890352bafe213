import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, sessionCookie, testApp } from '../../../../test/app.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';

registerCleanup();

describeEachDb('auth routes', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
  });

  const login = (username: string, password = TEST_PASSWORD) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('logs in with a staff number and answers me', async () => {
    const res = await login(unit.users.staff.username);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lx_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: sessionCookie(res) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().me).toMatchObject({
      username: unit.users.staff.username,
      name: '张伟',
      roles: ['staff'],
    });
    expect(me.json().me.abilities.readAudit).toBe(false);
  });

  it('answers every failure the same way', async () => {
    const unknown = await login('nobody');
    const wrong = await login(unit.users.leader.username, 'Wrong-password-1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('AUTH_FAILED');
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('locks an account after 5 failures, even for the right password', async () => {
    const u = unit.users.motion_committee.username;
    for (let i = 0; i < 5; i++) expect((await login(u, 'Wrong-password-1')).statusCode).toBe(401);
    const res = await login(u);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_FAILED');
    const row = await database.db
      .selectFrom('accounts')
      .select('locked_until')
      .where('id', '=', unit.users.motion_committee.accountId)
      .executeTakeFirstOrThrow();
    const minutes = (new Date(row.locked_until!).getTime() - Date.now()) / 60000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  describe('bad input', () => {
    it('refuses malformed JSON, unknown fields and wrong types with stable codes', async () => {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('MALFORMED_JSON');
      const extra = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'a', password: 'b', admin: true },
      });
      expect(extra.json().error.code).toBe('VALIDATION_FAILED');
      const typed = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 5, password: ['x'] },
      });
      expect(typed.statusCode).toBe(400);
      expect(typed.json().error.code).toBe('VALIDATION_FAILED');
    });

    it('refuses an oversized body', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('BODY_TOO_LARGE');
    });
  });

  it('refuses a cross-site state change (CSRF)', async () => {
    const res = await login(unit.users.office.username);
    const forged = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: sessionCookie(res), origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_REJECTED');
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: sessionCookie(res) },
    });
    expect(me.statusCode).toBe(200);
  });
});
