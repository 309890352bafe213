import { beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { registerCleanup, sessionCookie, testApp } from '../../../../test/app.js';
import { describeEachDb } from '../../../../test/db.js';
import { seedTestUnit, TEST_PASSWORD, type TestUnit } from '../../../../test/fixtures.js';

registerCleanup();

type App = Awaited<ReturnType<typeof testApp>>['app'];

/** quality.md: valid and mutated input to every write route of notices → 4xx, never 5xx. */
describeEachDb('notices: bad input never gives a 5xx', (kind) => {
  let app: App;
  let unit: TestUnit;
  let office: string;
  let staff: string;
  let noticeId: number;
  let itemId: number;

  beforeAll(async () => {
    let database;
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
    const login = async (username: string) =>
      sessionCookie(
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password: TEST_PASSWORD },
        }),
      );
    office = await login(unit.users.office.username);
    staff = await login(unit.users.staff.username);
    const res = await app.inject({
      method: 'POST',
      url: '/api/notices',
      headers: { cookie: office },
      payload: valid.notice(),
    });
    noticeId = res.json().notice.id;
    itemId = res.json().notice.items[0].id;
  });

  const valid = {
    notice: () => ({
      type: 'title',
      title: '职称评审公示',
      body: '正文',
      items: [{ name: '王建国', detail: '主任医师' }],
      scope: { wholeUnit: true, departmentIds: [] },
      attachmentIds: [],
    }),
  };

  const routes = () => [
    { method: 'POST', url: '/api/notices', cookie: office, valid: valid.notice() },
    { method: 'PUT', url: `/api/notices/${noticeId}`, cookie: office, valid: valid.notice() },
    {
      method: 'POST',
      url: `/api/notices/${noticeId}/review`,
      cookie: office,
      valid: { approve: true, publishAt: '2030-01-01T00:00:00Z' },
    },
    {
      method: 'POST',
      url: `/api/notices/${noticeId}/corrections`,
      cookie: office,
      valid: { reason: '更正', title: 't', body: 'b', items: [], attachmentIds: [] },
    },
    {
      method: 'POST',
      url: `/api/notices/${noticeId}/objections`,
      cookie: staff,
      valid: { itemId, reasons: '理由', anonymous: false, attachmentIds: [] },
    },
    {
      method: 'POST',
      url: `/api/notices/objections/${'A'.repeat(22)}/finding`,
      cookie: office,
      valid: { finding: 'upheld', explanation: '说明', itemAction: 'withdraw' },
    },
    { method: 'POST', url: `/api/notices/${noticeId}/close`, cookie: office, valid: { note: 'n' } },
    {
      method: 'POST',
      url: '/api/notices/objections/track',
      cookie: '',
      valid: { receiptCode: '1234 5678 9012 3456' },
    },
  ];

  it('answers mutated bodies with 2xx or 4xx', async () => {
    const list = routes();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: list.length - 1 }),
        fc.oneof(fc.jsonValue(), fc.constant('mutate')),
        fc.jsonValue(),
        fc.nat(),
        async (i, body, replacement, k) => {
          const r = list[i]!;
          let payload: unknown = body;
          if (body === 'mutate') {
            const keys = Object.keys(r.valid);
            payload = { ...r.valid, [keys[k % keys.length]!]: replacement };
          }
          const res = await app.inject({
            method: r.method as 'POST',
            url: r.url,
            headers: { cookie: r.cookie, 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
          });
          expect(res.statusCode, `${r.method} ${r.url} ${res.body.slice(0, 200)}`).toBeLessThan(
            500,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers odd query strings with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 100 }),
        fc.string({ maxLength: 30 }),
        async (q, y) => {
          for (const url of [
            `/api/notices?q=${encodeURIComponent(q)}&year=${encodeURIComponent(y)}`,
            `/api/notices/export.xlsx?type=${encodeURIComponent(q)}&year=${encodeURIComponent(y)}`,
          ]) {
            const res = await app.inject({ method: 'GET', url, headers: { cookie: office } });
            expect(res.statusCode, url).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
