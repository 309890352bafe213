import { beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import type { App } from '../server/src/app.js';
import { describeEachDb } from './db.js';
import { registerCleanup, sessionCookie, testApp } from './app.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from './fixtures.js';

registerCleanup();

/**
 * quality.md: "property tests with valid and mutated input: invalid → 4xx, never 5xx".
 * Arbitrary JSON, valid bodies with one field replaced by anything, and arbitrary query
 * strings go to every write route of the foundation as an office member and as the system
 * administrator (who between them may call all of them).
 */
describeEachDb('bad input never gives a 5xx', (kind) => {
  let app: App;
  let unit: TestUnit;
  const cookies: string[] = [];
  beforeAll(async () => {
    let database;
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
    for (const u of [unit.users.office.username, unit.users.system_admin.username]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u, password: TEST_PASSWORD },
      });
      cookies.push(sessionCookie(res));
    }
  });

  const writes = () => [
    {
      method: 'POST',
      url: '/api/org/departments',
      valid: { name: '新科', parentId: unit.departments.surgery },
    },
    {
      method: 'PATCH',
      url: `/api/org/departments/${unit.departments.surgery}`,
      valid: { sort: 3 },
    },
    {
      method: 'POST',
      url: '/api/org/people',
      valid: { staffNo: 'P1', name: '某', departmentId: unit.departments.surgery },
    },
    { method: 'PATCH', url: `/api/org/people/${unit.other.personId}`, valid: { position: '医师' } },
    {
      method: 'PUT',
      url: `/api/org/people/${unit.other.personId}/roles`,
      valid: { roles: ['staff'] },
    },
    {
      method: 'POST',
      url: '/api/org/admin-accounts',
      valid: { username: 'abc', name: '某', role: 'audit_admin' },
    },
    {
      method: 'POST',
      url: '/api/auth/change-password',
      valid: { currentPassword: 'x', newPassword: 'y' },
    },
    { method: 'POST', url: '/api/auth/login', valid: { username: 'x', password: 'y' } },
    {
      method: 'POST',
      url: '/api/setup',
      valid: {
        token: 'x',
        unitName: 'u',
        unitCode: 'u',
        username: 'abc',
        name: 'n',
        password: 'p',
      },
    },
  ];

  it('arbitrary and mutated JSON bodies', async () => {
    const routes = writes();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        fc.integer({ min: 0, max: 1 }),
        fc.oneof(
          fc.jsonValue(),
          fc.tuple(fc.string(), fc.jsonValue()).map(([k, v]) => ({ [k]: v })),
          fc.constant('mutate'),
        ),
        fc.jsonValue(),
        async (i, who, body, replacement) => {
          const route = routes[i]!;
          let payload: unknown = body;
          if (body === 'mutate') {
            const keys = Object.keys(route.valid);
            payload = {
              ...route.valid,
              [keys[Math.abs(JSON.stringify(replacement).length) % keys.length]!]: replacement,
            };
          }
          const res = await app.inject({
            method: route.method as 'POST',
            url: route.url,
            headers: { cookie: cookies[who]!, 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
          });
          expect(
            res.statusCode,
            `${route.method} ${route.url} ${JSON.stringify(payload).slice(0, 200)} → ${res.body}`,
          ).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary query strings and ids', async () => {
    const gets = ['/api/org/people', '/api/audit', '/api/org/departments', '/api/org/people/'];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: gets.length - 1 }),
        fc.string({ maxLength: 200 }),
        async (i, junk) => {
          const url = gets[i]!.endsWith('/')
            ? `${gets[i]}${encodeURIComponent(junk)}`
            : `${gets[i]}?${junk}`;
          const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[0]! } });
          expect(res.statusCode, `${url} → ${res.body}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });
});
