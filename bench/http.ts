import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import Fastify from 'fastify';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openSqlite } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { seedTestUnit, TEST_PASSWORD } from '../test/fixtures.js';
import { load } from './load.js';
import type { BenchResult } from './types.js';

/**
 * An authenticated read through the whole stack (session lookup, actor, roles, presenter,
 * helmet, rate limit, zod serialisation) against a bare Fastify route answering the same bytes.
 */
export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-http-'));
  const database = openSqlite(path.join(dir, 'bench.db'));
  await migrateToLatest(database);
  const unit = await seedTestUnit(database);
  const config = { ...loadConfig({ LIANXIN_DATA_DIR: dir }), port: 0 };
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: unit.users.office.username, password: TEST_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const body = await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).text();

  const bare = Fastify({ logger: false });
  bare.get('/me', (_req, reply) => reply.type('application/json').send(body));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/me`;

  const seconds = Number(process.env.BENCH_SECONDS ?? 4);
  // The per-session rate limit (600 a minute) stays on: latency is measured with the limiter's
  // bookkeeping in place, on a request budget under the limit.
  const ceiling = await load({ url: bareUrl, concurrency: 16, seconds });
  const full = await load({
    url: `${base}/api/auth/me`,
    concurrency: 16,
    seconds,
    headers: { cookie },
    maxRequests: 590,
  });
  await app.close();
  await bare.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    {
      name: 'GET /api/auth/me p50 (session + actor + roles, SQLite)',
      value: full.p50,
      unit: 'ms',
      ceiling: { name: 'bare Fastify, same bytes, p50', value: ceiling.p50 },
    },
    {
      name: 'GET /api/auth/me p99',
      value: full.p99,
      unit: 'ms',
      ceiling: { name: 'bare Fastify p99', value: ceiling.p99 },
      limit: { max: 50 },
    },
  ];
}
