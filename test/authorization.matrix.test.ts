import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@lianxin/common';
import type { App } from '../server/src/app.js';
import type { Database } from '../server/src/db/database.js';
import { describeEachDb } from './db.js';
import { registerCleanup, sessionCookie, testApp } from './app.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from './fixtures.js';
import { multipart } from './multipart.js';

registerCleanup();

/**
 * Every role × every route of the foundation × someone else's record. The table below is the
 * access-control list written by hand (not derived from the policies it checks); a route
 * registered by the app but missing here fails the test, so new routes must be placed in it.
 */
type Who = Role[] | 'public' | 'signed-in';

interface Case {
  method: string;
  url: string;
  who: Who;
  /** Statuses an allowed caller may get (a domain error is still "allowed through"). */
  ok?: number[];
  /** For department heads and others whose scope excludes the record: 404, not 200. */
  outOfScope?: Role[];
  body?: (ctx: Ctx) => unknown;
  multipart?: boolean;
}

interface Ctx {
  unit: TestUnit;
  second: TestUnit;
  seq: number;
}

const ALL_SIGNED_IN = 'signed-in' as const;

function cases(c: Ctx): Array<Case & { route: string }> {
  const other = c.unit.other;
  const list: Array<Case & { route: string }> = [
    { route: 'GET /api/health', method: 'GET', url: '/api/health', who: 'public' },
    { route: 'GET /api/openapi.json', method: 'GET', url: '/api/openapi.json', who: 'public' },
    { route: 'GET /api/setup/status', method: 'GET', url: '/api/setup/status', who: 'public' },
    {
      route: 'POST /api/setup',
      method: 'POST',
      url: '/api/setup',
      who: 'public',
      ok: [409],
      body: () => ({
        token: 'x'.repeat(20),
        unitName: '另一单位',
        unitCode: 'other',
        username: 'intruder',
        name: '某人',
        password: 'Very-Strong-Pass-9',
      }),
    },
    {
      route: 'POST /api/auth/login',
      method: 'POST',
      url: '/api/auth/login',
      who: 'public',
      ok: [401],
      body: () => ({ username: other.username, password: 'Wrong-Password-1' }),
    },
    { route: 'POST /api/auth/logout', method: 'POST', url: '/api/auth/logout', who: 'public' },
    { route: 'GET /api/auth/me', method: 'GET', url: '/api/auth/me', who: ALL_SIGNED_IN },
    {
      route: 'POST /api/auth/change-password',
      method: 'POST',
      url: '/api/auth/change-password',
      who: ALL_SIGNED_IN,
      ok: [400],
      body: () => ({ currentPassword: 'not-my-password', newPassword: 'Another-Strong-1' }),
    },
    {
      route: 'GET /api/auth/sessions',
      method: 'GET',
      url: '/api/auth/sessions',
      who: ALL_SIGNED_IN,
    },
    {
      // Someone else's session: nobody can end it.
      route: 'POST /api/auth/sessions/:id/end',
      method: 'POST',
      url: `/api/auth/sessions/${'ab'.repeat(16)}/end`,
      who: ALL_SIGNED_IN,
      ok: [404],
    },
    {
      route: 'GET /api/org/departments',
      method: 'GET',
      url: '/api/org/departments',
      who: ALL_SIGNED_IN,
    },
    {
      route: 'POST /api/org/departments',
      method: 'POST',
      url: '/api/org/departments',
      who: ['office', 'system_admin'],
      body: (x) => ({ name: `新科室${x.seq}`, parentId: x.unit.departments.surgery }),
    },
    {
      route: 'PATCH /api/org/departments/:id',
      method: 'PATCH',
      url: `/api/org/departments/${c.unit.departments.surgery}`,
      who: ['office', 'system_admin'],
      body: (x) => ({ sort: x.seq }),
    },
    {
      route: 'GET /api/org/people',
      method: 'GET',
      url: '/api/org/people',
      who: ['office', 'system_admin', 'security_admin', 'leader', 'department_head'],
    },
    {
      route: 'GET /api/org/people/:id',
      method: 'GET',
      url: `/api/org/people/${other.personId}`,
      who: ['office', 'system_admin', 'security_admin', 'leader', 'department_head'],
      outOfScope: ['department_head'],
    },
    {
      route: 'POST /api/org/people',
      method: 'POST',
      url: '/api/org/people',
      who: ['office', 'system_admin'],
      body: (x) => ({
        staffNo: `N${x.seq}`,
        name: '新同事',
        departmentId: x.unit.departments.surgery,
      }),
    },
    {
      route: 'PATCH /api/org/people/:id',
      method: 'PATCH',
      url: `/api/org/people/${other.personId}`,
      who: ['office', 'system_admin'],
      body: () => ({ position: '医师' }),
    },
    {
      route: 'PUT /api/org/people/:id/roles',
      method: 'PUT',
      url: `/api/org/people/${other.personId}/roles`,
      who: ['office', 'security_admin', 'system_admin'],
      body: () => ({ roles: ['staff'] }),
    },
    {
      route: 'POST /api/org/accounts/:id/reset-password',
      method: 'POST',
      url: `/api/org/accounts/${other.accountId}/reset-password`,
      who: ['system_admin'],
    },
    {
      route: 'POST /api/org/accounts/:id/unlock',
      method: 'POST',
      url: `/api/org/accounts/${other.accountId}/unlock`,
      who: ['system_admin', 'security_admin'],
    },
    {
      route: 'GET /api/org/admin-accounts',
      method: 'GET',
      url: '/api/org/admin-accounts',
      who: ['system_admin', 'security_admin'],
    },
    {
      route: 'POST /api/org/admin-accounts',
      method: 'POST',
      url: '/api/org/admin-accounts',
      who: ['system_admin'],
      body: (x) => ({ username: `auditor${x.seq}`, name: '审计员', role: 'audit_admin' }),
    },
    {
      route: 'PUT /api/org/admin-accounts/:id/role',
      method: 'PUT',
      url: `/api/org/admin-accounts/${c.unit.spareAdmin.accountId}/role`,
      who: ['security_admin'],
      body: () => ({ role: 'audit_admin' }),
    },
    {
      route: 'POST /api/roster/imports',
      method: 'POST',
      url: '/api/roster/imports',
      who: ['office', 'system_admin'],
      ok: [202],
      multipart: true,
    },
    {
      route: 'GET /api/roster/imports',
      method: 'GET',
      url: '/api/roster/imports',
      who: ['office', 'system_admin'],
    },
    {
      route: 'GET /api/roster/imports/:id',
      method: 'GET',
      url: '/api/roster/imports/999999',
      who: ['office', 'system_admin'],
      ok: [404],
    },
    {
      route: 'GET /api/roster/template.xlsx',
      method: 'GET',
      url: '/api/roster/template.xlsx',
      who: ['office', 'system_admin'],
    },
    { route: 'GET /api/audit', method: 'GET', url: '/api/audit', who: ['audit_admin'] },
    {
      route: 'GET /api/audit/actions',
      method: 'GET',
      url: '/api/audit/actions',
      who: ['audit_admin'],
    },
    {
      route: 'GET /api/audit/verify',
      method: 'GET',
      url: '/api/audit/verify',
      who: ['audit_admin'],
    },
  ];
  // The same id routes with a record of ANOTHER unit: never reachable, whoever asks.
  const foreign = c.second;
  list.push(
    ...[
      [
        'PATCH /api/org/departments/:id',
        'PATCH',
        `/api/org/departments/${foreign.departments.surgery}`,
        { sort: 1 },
      ],
      ['GET /api/org/people/:id', 'GET', `/api/org/people/${foreign.other.personId}`, undefined],
      [
        'PATCH /api/org/people/:id',
        'PATCH',
        `/api/org/people/${foreign.other.personId}`,
        { position: 'x' },
      ],
      [
        'PUT /api/org/people/:id/roles',
        'PUT',
        `/api/org/people/${foreign.other.personId}/roles`,
        { roles: ['staff'] },
      ],
      [
        'POST /api/org/accounts/:id/reset-password',
        'POST',
        `/api/org/accounts/${foreign.other.accountId}/reset-password`,
        undefined,
      ],
      [
        'POST /api/org/accounts/:id/unlock',
        'POST',
        `/api/org/accounts/${foreign.other.accountId}/unlock`,
        undefined,
      ],
      [
        'PUT /api/org/admin-accounts/:id/role',
        'PUT',
        `/api/org/admin-accounts/${foreign.users.audit_admin.accountId}/role`,
        { role: 'audit_admin' },
      ],
    ].map(([route, method, url, body]) => ({
      route: `${route as string} (another unit)`,
      method: method as string,
      url: url as string,
      who: [] as Role[],
      foreignOk: true,
      body: body === undefined ? undefined : () => body,
    })),
  );
  return list;
}

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
        if ('foreignOk' in c) {
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
