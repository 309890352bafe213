import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@lianxin/common';
import type { App } from '../server/src/app.js';
import type { Database } from '../server/src/db/database.js';
import { describeEachDb } from './db.js';
import { registerCleanup, sessionCookie, testApp } from './app.js';
import { seedTestUnit, TEST_PASSWORD } from './fixtures.js';
import { multipart } from './multipart.js';
import type { Case, Ctx } from './matrix/types.js';
import { coreCases } from './matrix/core.js';
import { calendarCases } from './matrix/calendar.js';
import { deadlinesCases } from './matrix/deadlines.js';
import { notificationsCases } from './matrix/notifications.js';
import { filesCases } from './matrix/files.js';
import { searchCases } from './matrix/search.js';
import { poolCases } from './matrix/pool.js';
import { opinionsCases } from './matrix/opinions.js';
import { noticesCases } from './matrix/notices.js';
import { surveysCases } from './matrix/surveys.js';
import { surveysTextCases } from './matrix/surveys-text.js';
import { surveysResultsCases } from './matrix/surveys-results.js';
import { consultationsCases } from './matrix/consultations.js';

const cases = (c: Ctx): Case[] => [
  ...coreCases(c),
  ...calendarCases(c),
  ...deadlinesCases(c),
  ...notificationsCases(c),
  ...filesCases(c),
  ...searchCases(c),
  ...poolCases(c),
  ...opinionsCases(c),
  ...noticesCases(c),
  ...surveysCases(c),
  ...surveysTextCases(c),
  ...surveysResultsCases(c),
  ...consultationsCases(c),
];

registerCleanup();

/**
 * Every role × every route of the foundation × someone else's record. The table below is the
 * access-control list written by hand (not derived from the policies it checks); a route
 * registered by the app but missing here fails the test, so new routes must be placed in it.
 */

describeEachDb('authorization matrix', (kind) => {
  let app: App;
  let database: Database;
  let ctx: Ctx;
  const registered = new Set<string>();
  const cookies = new Map<Role, string>();

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    ctx = {
      unit: await seedTestUnit(database, 'T1'),
      second: await seedTestUnit(database, 'T2'),
      seq: 0,
    };
    for (const role of ROLES) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: ctx.unit.users[role].username, password: TEST_PASSWORD, unit: 'T1' },
      });
      cookies.set(role, sessionCookie(res));
    }
  });

  it('lists every API route of the app in the table', () => {
    const table = new Set(cases(ctx).map((c) => c.route));
    const routes = app.lianxinRoutes;
    for (const r of routes) registered.add(r);
    const missing = [...registered].filter((r) => !table.has(r));
    expect(routes.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
    const stale = [...table].filter((r) => !r.endsWith('(another unit)') && !registered.has(r));
    expect(stale).toEqual([]);
  });

  it('refuses every non-public route to an anonymous caller with 401', async () => {
    for (const c of cases(ctx)) {
      if (c.who === 'public') continue;
      const res = await call(c, undefined);
      expect(res.statusCode, c.route).toBe(401);
      expect(res.json().error.code, c.route).toBe('UNAUTHENTICATED');
    }
  });

  for (const role of ROLES) {
    it(`applies the table to ${role}`, async () => {
      for (const c of cases(ctx)) {
        if (c.route === 'POST /api/auth/logout') continue; // would end the session under test
        ctx.seq++;
        const res = await call(c, cookies.get(role));
        const allowed =
          c.who === 'public' ||
          c.who === 'signed-in' ||
          (Array.isArray(c.who) && c.who.includes(role));
        const label = `${role} ${c.route} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (c.foreignOk) {
          // Another unit's record: 403 (role may not act at all) or 404 (no such record here).
          expect([403, 404], label).toContain(res.statusCode);
        } else if (!allowed) {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().error.code, label).toBe('FORBIDDEN');
        } else if (c.outOfScope?.includes(role)) {
          expect(res.statusCode, label).toBe(404);
        } else {
          expect([200, ...(c.ok ?? [])], label).toContain(res.statusCode);
        }
      }
    });
  }

  async function call(c: Case, cookie: string | undefined) {
    const headers: Record<string, string> = cookie ? { cookie } : {};
    if (c.multipart) {
      const body = multipart(
        { dryRun: 'true' },
        {
          field: 'file',
          filename: 'r.csv',
          contentType: 'text/csv',
          content: '工号,姓名,部门\nM1,张三,外科\n',
        },
      );
      return app.inject({
        method: 'POST',
        url: c.url,
        payload: body.payload,
        headers: { ...headers, ...body.headers },
      });
    }
    return app.inject({
      method: c.method as 'GET',
      url: c.url,
      headers,
      ...(c.body ? { payload: c.body(ctx) as object } : {}),
    });
  }
});

describe('the matrix covers every role', () => {
  it('has nine roles', () => expect(ROLES.length).toBe(9));
});
