import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../../../test/db.js';
import { registerCleanup, testConfig } from '../../../../test/app.js';
import type { Database } from '../../db/database.js';
import { buildApp } from '../../app.js';
import { generateDemo } from './generator.js';
import { firstRun } from './first-run.js';
import { demoLogins } from './seed.js';

registerCleanup();

it('the demo is the same on every machine', () => {
  const a = generateDemo();
  const b = generateDemo();
  expect(a).toEqual(b);
  expect(a.departments).toHaveLength(12);
  expect(a.departments.filter((d) => d.parentPath === null)).toHaveLength(3);
  expect(a.people.length).toBeGreaterThanOrEqual(280);
  expect(new Set(a.people.map((p) => p.staffNo)).size).toBe(a.people.length);
  // A fixed fingerprint of the data: any change to the generator shows here.
  expect(a.people.slice(0, 3).map((p) => `${p.staffNo}${p.name}`)).toEqual([
    '101001肖娟',
    '101002陈国华',
    '101003马军',
  ]);
});

describeEachDb('first run', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });

  it('seeds 示范医院 with every role filled and prints one login per role', async () => {
    const banner = await firstRun(
      database,
      testConfig({ demo: true, demoPassword: 'Demo-Pass-2026!' }),
    );
    expect(banner).toContain('示范医院');
    expect(banner).toContain('Demo-Pass-2026!');
    const logins = await demoLogins(database);
    expect(logins.map((l) => l.role).sort()).toEqual(
      [
        'audit_admin',
        'department_head',
        'leader',
        'motion_committee',
        'office',
        'security_admin',
        'staff',
        'supervisor',
        'system_admin',
      ].sort(),
    );
    const people = await database.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(people.n)).toBe(generateDemo().people.length);

    // A printed login works at once: no forced change for demo accounts.
    const app = await buildApp({ config: testConfig(), database, logger: false, serveWeb: false });
    for (const l of logins) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: l.username, password: 'Demo-Pass-2026!' },
      });
      expect(res.statusCode, l.username).toBe(200);
      expect(res.json().me.mustChangePassword).toBe(false);
      expect(res.json().me.isDemo).toBe(true);
      expect(res.json().me.roles).toContain(l.role);
    }
    await app.close();
    // The issue pool has the demo's matters, ranked.
    const pool = await database.db
      .selectFrom('pool_entries')
      .select(['title', 'score'])
      .orderBy('score', 'desc')
      .execute();
    expect(pool.length).toBe(6);
    expect(pool[0]!.score).toBeGreaterThan(pool[5]!.score);
    // Three matters are under a deadline; the one started 20 days ago is late.
    const deadlines = await database.db
      .selectFrom('deadlines')
      .select(['title', 'due_date'])
      .execute();
    expect(deadlines).toHaveLength(3);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(deadlines.filter((d) => d.due_date < today).map((d) => d.title)).toContain(
      '心内科护士夜班连续排班过多',
    );
    // A second start seeds nothing more.
    await firstRun(database, testConfig({ demo: true }));
    const units = await database.db.selectFrom('units').selectAll().execute();
    expect(units).toHaveLength(1);
  });
});

describeEachDb('first run without the demo', (kind) => {
  it('prints a one-time link that creates the first system administrator under the full rules', async () => {
    const database = await freshDatabase(kind);
    const config = testConfig({ demo: false });
    const banner = (await firstRun(database, config))!;
    const token = /token=([\w-]+)/.exec(banner)![1]!;
    const app = await buildApp({ config, database, logger: false, serveWeb: false });
    expect((await app.inject({ method: 'GET', url: '/api/setup/status' })).json()).toEqual({
      needed: true,
    });
    const body = {
      token,
      unitName: '市第一医院',
      unitCode: 'h1',
      username: 'admin',
      name: '王管理',
      password: 'weakpass',
    };
    const weak = await app.inject({ method: 'POST', url: '/api/setup', payload: body });
    expect(weak.json().error.code).toBe('PASSWORD_WEAK');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { ...body, token: 'x'.repeat(32), password: 'Strong-Setup-9' },
    });
    expect(wrong.json().error.code).toBe('SETUP_TOKEN_INVALID');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { ...body, password: 'Strong-Setup-9' },
    });
    expect(ok.statusCode).toBe(200);
    const again = await app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { ...body, password: 'Strong-Setup-9' },
    });
    expect(again.statusCode).toBe(409);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'Strong-Setup-9' },
    });
    expect(login.json().me.roles).toEqual(['system_admin']);
    expect(login.json().me.isDemo).toBe(false);
    await app.close();
  });
});
