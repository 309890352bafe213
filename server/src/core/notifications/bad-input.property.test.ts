import { beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, sessionCookie, testApp } from '../../../../test/app.js';
import { seedTestUnit, TEST_PASSWORD } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';

registerCleanup();

/**
 * quality.md: valid and mutated input to every write route of the notifications service:
 * invalid → 4xx with a stable code, never 5xx. Also nothing half-written: a refused webhook
 * or SMTP body leaves no row.
 */
describeEachDb('notifications: bad input never gives a 5xx', (kind) => {
  let app: App;
  let database: Database;
  let cookie: string;
  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    const unit = await seedTestUnit(database);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: unit.users.office.username, password: TEST_PASSWORD },
    });
    cookie = sessionCookie(res);
  });

  const routes = [
    {
      method: 'PUT',
      url: '/api/notifications/preferences',
      valid: { email: 'a@example.cn', emailMode: 'instant', kinds: {} },
    },
    {
      method: 'PUT',
      url: '/api/notifications/channels/smtp',
      valid: {
        host: 'mail.example.cn',
        port: 465,
        secure: true,
        username: 'u',
        password: 'p',
        fromAddress: 'lianxin@example.cn',
        enabled: false,
      },
    },
    {
      method: 'POST',
      url: '/api/notifications/channels/webhooks',
      valid: {
        name: '群',
        provider: 'dingtalk',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=x',
        secret: 'SEC',
        eventTypes: ['*'],
      },
    },
    { method: 'PATCH', url: '/api/notifications/channels/webhooks/1', valid: { active: false } },
    { method: 'POST', url: '/api/notifications/channels/smtp/test', valid: { to: 'x@example.cn' } },
  ];

  it('arbitrary and mutated JSON bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        fc.oneof(
          fc.jsonValue(),
          fc.tuple(fc.string(), fc.jsonValue()).map(([k, v]) => ({ [k]: v })),
          fc.constant('mutate'),
        ),
        fc.jsonValue(),
        async (i, body, replacement) => {
          const route = routes[i]!;
          let payload: unknown = body;
          if (body === 'mutate') {
            const keys = Object.keys(route.valid);
            payload = {
              ...route.valid,
              [keys[JSON.stringify(replacement).length % keys.length]!]: replacement,
            };
          }
          const res = await app.inject({
            method: route.method as 'POST',
            url: route.url,
            headers: { cookie, 'content-type': 'application/json' },
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
    const gets = ['/api/notifications', '/api/notifications/'];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1 }),
        fc.string({ maxLength: 200 }),
        async (i, junk) => {
          const url =
            i === 1 ? `/api/notifications/${encodeURIComponent(junk)}/read` : `${gets[0]}?${junk}`;
          const res = await app.inject({
            method: i === 1 ? 'POST' : 'GET',
            url,
            headers: { cookie },
          });
          expect(res.statusCode, `${url} → ${res.body}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses ids beyond a 32-bit integer with 400 (PostgreSQL would fail on them)', async () => {
    for (const id of ['3E9', '2147483648', '99999999999999999999']) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/notifications/${id}/read`,
        headers: { cookie },
      });
      expect(res.statusCode, id).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('a refused body writes nothing', async () => {
    const before = await database.db.selectFrom('notification_webhooks').select('id').execute();
    const res = await app.inject({
      method: 'POST',
      url: '/api/notifications/channels/webhooks',
      headers: { cookie },
      payload: { name: '群', provider: 'feishu', url: 'https://x.example/', eventTypes: [] },
    });
    expect(res.statusCode).toBe(400);
    const after = await database.db.selectFrom('notification_webhooks').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});
