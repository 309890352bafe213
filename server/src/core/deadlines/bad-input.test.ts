import { beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, sessionCookie, testApp } from '../../../../test/app.js';
import { seedTestUnit, TEST_PASSWORD } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import { systemActor } from '../actor.js';
import { runCommand } from '../command.js';
import { createDeadline } from './service.js';

registerCleanup();

/**
 * quality.md: valid and mutated input to the calendar and supervision routes gives a 4xx with a
 * stable code, never a 5xx (dates like 2026-02-30, reversed and overlapping ranges, junk).
 */
describeEachDb('calendar and deadlines: bad input never gives a 5xx', (kind) => {
  let app: App;
  let cookie: string;
  let deadlineId: number;
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  beforeAll(async () => {
    let database;
    ({ app, database } = await testApp(kind));
    const unit = await seedTestUnit(database);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: unit.users.office.username, password: TEST_PASSWORD },
    });
    cookie = sessionCookie(res);
    const ctx = { database, actor: systemActor(unit.unitId) };
    deadlineId = await runCommand(ctx, async (tx, audit) => {
      const d = await createDeadline(tx, ctx, audit, {
        subject: { type: 'fuzz', id: 1 },
        title: '模糊测试',
        departmentId: unit.departments.surgery,
        workingDays: 3,
      });
      return d.id;
    });
  });

  const dateish = fc.oneof(
    fc.constantFrom(
      `${year}-02-30`,
      `${year}-13-01`,
      `${year}-00-00`,
      '1999-01-01',
      `${year + 5}-01-01`,
    ),
    fc
      .tuple(
        fc.integer({ min: year - 1, max: year + 2 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    fc.string({ maxLength: 12 }),
  );
  const change = fc.record({
    from: dateish,
    to: dateish,
    kind: fc.constantFrom('holiday', 'workday', 'default', 'weekend', ''),
    reason: fc.option(fc.string({ maxLength: 300 })),
  });

  it('calendar changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.record({ changes: fc.array(change, { maxLength: 4 }) }), fc.jsonValue()),
        async (payload) => {
          const res = await app.inject({
            method: 'POST',
            url: '/api/calendar/changes',
            headers: { cookie, 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
          });
          expect(res.statusCode, `${JSON.stringify(payload)} → ${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('extension bodies and query strings', async () => {
    const urls = ['/api/calendar', '/api/calendar/add', '/api/deadlines/board'];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: urls.length - 1 }),
        fc.string({ maxLength: 100 }),
        dateish,
        fc.integer({ min: -1000, max: 1000 }),
        async (i, junk, date, n) => {
          for (const url of [
            `${urls[i]}?${junk}`,
            `/api/calendar/add?date=${encodeURIComponent(date)}&days=${n}`,
            `/api/calendar?year=${n + year}`,
            `/api/deadlines/board?within=${n}&departmentId=${n}`,
          ]) {
            const res = await app.inject({ method: 'GET', url, headers: { cookie } });
            expect(res.statusCode, `${url} → ${res.body}`).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.boolean(), async (body, decide) => {
        const res = await app.inject({
          method: 'POST',
          url: `/api/deadlines/${deadlineId}/extension${decide ? '/decision' : ''}`,
          headers: { cookie, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});
