import { expect, it } from 'vitest';
import { registerCleanup, testApp } from '../../../test/app.js';

registerCleanup();

it('limits login attempts per address, whatever cookie the caller makes up', async () => {
  const { app } = await testApp('sqlite');
  const codes: number[] = [];
  for (let i = 0; i < 35; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `u${i}`, password: 'whatever-1A' },
      headers: { cookie: `lx_session=random${i}` },
    });
    codes.push(res.statusCode);
  }
  expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
  expect(codes.slice(30)).toEqual([429, 429, 429, 429, 429]);
  await app.close();
});

it('under a flood from one account answers 429, never a 5xx, and other accounts are still served', async () => {
  const { app, database } = await testApp('sqlite');
  const { seedTestUnit, TEST_PASSWORD } = await import('../../../test/fixtures.js');
  const unit = await seedTestUnit(database);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: unit.users.office.username, password: TEST_PASSWORD },
  });
  const cookie = login.headers['set-cookie']!.toString().split(';')[0]!;
  const statuses = await Promise.all(
    Array.from({ length: 700 }, () =>
      app
        .inject({ method: 'GET', url: '/api/org/departments', headers: { cookie } })
        .then((r) => r.statusCode),
    ),
  );
  const count = (s: number) => statuses.filter((x) => x === s).length;
  expect(count(200)).toBeGreaterThan(500);
  expect(count(429)).toBeGreaterThan(50);
  expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
  // Another account is not affected by this one's flood.
  const other = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: unit.users.leader.username, password: TEST_PASSWORD },
  });
  expect(other.statusCode).toBe(200);
  await app.close();
});
