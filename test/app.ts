import { afterAll } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../server/src/app.js';
import { loadConfig, type Config } from '../server/src/config.js';
import type { Database, DbKind } from '../server/src/db/database.js';
import { closeAll, freshDatabase } from './db.js';
import type { Role } from '@lianxin/common';
import { TEST_PASSWORD, type TestUnit } from './fixtures.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LIANXIN_DATA_DIR: '/tmp/lianxin-test-data' }), ...overrides };
}

/** A real app on a fresh database, driven through `inject`. */
export async function testApp(kind: DbKind, overrides: Partial<Config> = {}) {
  const database = await freshDatabase(kind);
  const config = testConfig(overrides);
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  await app.ready();
  return { app, database, config };
}

export function registerCleanup() {
  afterAll(async () => {
    await closeAll();
  });
}

/** The session cookie from a login response, ready for the next request's headers. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'lx_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `lx_session=${c.value}`;
}

export type { Database };

/**
 * Sign in one account per role of a test unit (see test/fixtures.ts) through the real login
 * route; returns each role's session cookie for the next requests' headers.
 */
export async function signInRoles<R extends Role>(
  app: { inject: (opts: object) => Promise<LightMyRequestResponse> },
  unit: TestUnit,
  roles: readonly R[],
): Promise<Record<R, string>> {
  const out = {} as Record<R, string>;
  for (const role of roles) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: unit.users[role].username, password: TEST_PASSWORD, unit: unit.code },
    });
    out[role] = sessionCookie(res);
  }
  return out;
}
