import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { freshDatabase } from '../../../test/db.js';
import { registerCleanup, testConfig } from '../../../test/app.js';
import { seedTestUnit, TEST_PASSWORD } from '../../../test/fixtures.js';
import { loggerOptions } from './logger.js';

registerCleanup();

it('logs carry no passwords, cookies, IP addresses or query strings', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const database = await freshDatabase('sqlite');
  const unit = await seedTestUnit(database);
  const app = await buildApp({
    config: testConfig(),
    database,
    logger: { ...loggerOptions('info'), stream },
    serveWeb: false,
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: unit.users.office.username, password: TEST_PASSWORD },
    remoteAddress: '10.9.8.7',
    headers: { 'user-agent': 'UniqueAgent/1.0' },
  });
  const cookie = res.cookies.find((c) => c.name === 'lx_session')!.value;
  await app.inject({
    method: 'GET',
    url: `/api/org/people?q=${encodeURIComponent('赵敏')}`,
    headers: { cookie: `lx_session=${cookie}` },
    remoteAddress: '10.9.8.7',
  });
  await app.close();
  const text = lines.join('');
  expect(lines.length).toBeGreaterThan(2); // requests were logged at all
  for (const secret of [
    TEST_PASSWORD,
    cookie,
    '10.9.8.7',
    'UniqueAgent',
    '赵敏',
    encodeURIComponent('赵敏'),
  ]) {
    expect(text).not.toContain(secret);
  }
});
