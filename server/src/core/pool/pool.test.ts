import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, testApp, signInRoles } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { runCommand } from '../command.js';
import { systemActor } from '../actor.js';
import { bumpPoolConcern, registerPoolEntry, setPoolStatusBySource } from './commands.js';
import { DEFAULT_POOL_WEIGHTS, poolScore, weightsFrom } from './score.js';

registerCleanup();

describe('pool score', () => {
  it('ranks by concern, then urgency, then feasibility', () => {
    const base = { peopleAffected: 1, meToo: 0, repeats: 0, urgency: 3, feasibility: 3 };
    expect(poolScore(base).score).toBe(1);
    expect(poolScore({ ...base, peopleAffected: 100 }).score).toBeGreaterThan(
      poolScore({ ...base, peopleAffected: 10 }).score,
    );
    expect(poolScore({ ...base, meToo: 20 }).score).toBeGreaterThan(poolScore(base).score);
    expect(poolScore({ ...base, urgency: 5 }).score).toBeGreaterThan(
      poolScore({ ...base, urgency: 4 }).score,
    );
    expect(poolScore({ ...base, feasibility: 1 }).score).toBeLessThan(poolScore(base).score);
  });

  it('is monotone in every input for any non-negative weights', () => {
    const w = fc.record({
      peopleAffected: fc.double({ min: 0, max: 3, noNaN: true }),
      meToo: fc.double({ min: 0, max: 3, noNaN: true }),
      repeats: fc.double({ min: 0, max: 3, noNaN: true }),
      urgency: fc.double({ min: 0, max: 3, noNaN: true }),
      feasibility: fc.double({ min: 0, max: 3, noNaN: true }),
    });
    const e = fc.record({
      peopleAffected: fc.integer({ min: 1, max: 5000 }),
      meToo: fc.integer({ min: 0, max: 5000 }),
      repeats: fc.integer({ min: 0, max: 100 }),
      urgency: fc.integer({ min: 1, max: 4 }),
      feasibility: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(w, e, (weights, entry) => {
        const s = poolScore(entry, weights).score;
        expect(
          poolScore({ ...entry, meToo: entry.meToo + 1 }, weights).score,
        ).toBeGreaterThanOrEqual(s);
        expect(
          poolScore({ ...entry, urgency: entry.urgency + 1 }, weights).score,
        ).toBeGreaterThanOrEqual(s);
        expect(
          poolScore({ ...entry, feasibility: entry.feasibility + 1 }, weights).score,
        ).toBeGreaterThanOrEqual(s);
      }),
    );
  });

  it('reads weights from settings, clamping and defaulting', () => {
    expect(weightsFrom(undefined)).toEqual(DEFAULT_POOL_WEIGHTS);
    expect(weightsFrom({ meToo: 9, urgency: -1, feasibility: 'x' })).toMatchObject({
      meToo: 3,
      urgency: 0,
      feasibility: 0.5,
    });
  });
});

describeEachDb('issue pool', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let other: TestUnit;
  const cookie: Record<string, string> = {};
  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database);
    other = await seedTestUnit(database, 'T2');
    Object.assign(cookie, await signInRoles(app, unit, ['office', 'leader', 'staff'] as const));
  });
  const call = (role: string, method: string, url: string, payload?: object) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: cookie[role]! },
      ...(payload ? { payload } : {}),
    });

  it('mechanisms register entries inside their own transaction; a rollback leaves none', async () => {
    const sys = { database, actor: systemActor(unit.unitId) };
    await runCommand(sys, (tx) =>
      registerPoolEntry(tx, {
        unitId: unit.unitId,
        sourceKind: 'opinion',
        sourceId: 41,
        title: '夜班食堂关门太早',
        departmentId: unit.departments.surgery,
        peopleAffected: 40,
        urgency: 4,
      }),
    );
    await expect(
      runCommand(sys, async (tx) => {
        await registerPoolEntry(tx, {
          unitId: unit.unitId,
          sourceKind: 'opinion',
          sourceId: 42,
          title: '回滚的事项',
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await runCommand(sys, (tx) =>
      registerPoolEntry(tx, {
        unitId: unit.unitId,
        sourceKind: 'opinion',
        sourceId: 43,
        title: '停车位紧张',
        peopleAffected: 5,
      }),
    );
    const list = (await call('office', 'GET', '/api/pool')).json();
    expect(list.items.map((e: { title: string }) => e.title)).toEqual([
      '夜班食堂关门太早',
      '停车位紧张',
    ]);
    expect(list.items[0]).toMatchObject({
      source: { kind: 'opinion', id: '41' },
      departmentPath: '外科',
      urgency: 4,
    });
  });

  it('"me too" raises a matter above another', async () => {
    const sys = { database, actor: systemActor(unit.unitId) };
    await runCommand(sys, (tx) =>
      bumpPoolConcern(tx, unit.unitId, { kind: 'opinion', id: 43 }, { meToo: 200 }),
    );
    const list = (await call('leader', 'GET', '/api/pool')).json();
    expect(list.items[0]).toMatchObject({ title: '停车位紧张', meToo: 200 });
    expect(list.items[0].abilities.assess).toBe(false);
    expect(list.items[0].score.score).toBeGreaterThan(list.items[1].score.score);
  });

  it('the office assesses, adds a matter, filters, and changes the weights (re-ranking everything)', async () => {
    const first = (await call('office', 'GET', '/api/pool')).json().items[0];
    const assessed = await call('office', 'PATCH', `/api/pool/${first.id}`, {
      feasibility: 1,
      status: 'in_progress',
    });
    expect(assessed.json().entry).toMatchObject({ feasibility: 1, status: 'in_progress' });
    const added = await call('office', 'POST', '/api/pool', {
      title: '职工体检项目少',
      peopleAffected: 300,
      urgency: 2,
      feasibility: 5,
    });
    expect(added.json().entry.source.kind).toBe('manual');
    expect((await call('office', 'GET', '/api/pool?status=in_progress')).json().total).toBe(1);
    expect(
      (await call('office', 'GET', `/api/pool?q=${encodeURIComponent('体检')}`)).json().items[0]
        .title,
    ).toBe('职工体检项目少');

    const weights = { peopleAffected: 0, meToo: 0, repeats: 0, urgency: 3, feasibility: 0 };
    expect((await call('office', 'PUT', '/api/pool/weights', weights)).statusCode).toBe(200);
    const ranked = (await call('office', 'GET', '/api/pool')).json();
    expect(ranked.weights).toEqual(weights);
    // Only urgency counts now: the urgency-4 matter leads.
    expect(ranked.items[0].title).toBe('夜班食堂关门太早');
    const stored = await database.db
      .selectFrom('pool_entries')
      .select(['title', 'score'])
      .orderBy('score', 'desc')
      .execute();
    expect(stored[0]!.title).toBe('夜班食堂关门太早');
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'pool.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'pool.entry_added',
      'pool.entry_assessed',
      'pool.weights_changed',
    ]);
  });

  it('a mechanism closes its matter; closed ones filter out', async () => {
    const sys = { database, actor: systemActor(unit.unitId) };
    await runCommand(sys, (tx) =>
      setPoolStatusBySource(tx, unit.unitId, { kind: 'opinion', id: 43 }, 'resolved'),
    );
    const open = (
      await call('office', 'GET', '/api/pool?status=open,scheduled,in_progress')
    ).json();
    expect(open.items.map((e: { title: string }) => e.title)).not.toContain('停车位紧张');
  });

  it("another unit's matter is not reachable, and bad input is refused", async () => {
    const sys = { database, actor: systemActor(other.unitId) };
    const foreignId = await runCommand(sys, (tx) =>
      registerPoolEntry(tx, {
        unitId: other.unitId,
        sourceKind: 'opinion',
        sourceId: 1,
        title: '外单位事项',
      }),
    );
    const res = await call('office', 'PATCH', `/api/pool/${foreignId}`, { urgency: 5 });
    expect(res.statusCode).toBe(404);
    expect(
      (await call('office', 'GET', '/api/pool'))
        .json()
        .items.map((e: { title: string }) => e.title),
    ).not.toContain('外单位事项');
    expect(
      (
        await call('office', 'POST', '/api/pool', {
          title: 'x',
          peopleAffected: 0,
          urgency: 9,
          feasibility: 3,
        })
      ).json().error.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await call('office', 'PUT', '/api/pool/weights', { peopleAffected: 5 })).statusCode,
    ).toBe(400);
    expect((await call('staff', 'GET', '/api/pool')).statusCode).toBe(403);
  });
});
