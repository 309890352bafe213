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
