import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe } from 'vitest';
import { openPostgres, openSqlite, type Database, type DbKind } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { scratchPgDatabase } from './pg.js';

/**
 * Test databases. SQLite: a fresh file per call. PostgreSQL: a fresh database per call on the
 * server named by LIANXIN_TEST_PG_URL (set by scripts/test.mjs); when it is not set, the
 * PostgreSQL half of `describeEachDb` is skipped and says so by name.
 */
export const PG_URL = process.env.LIANXIN_TEST_PG_URL;
export const DB_KINDS: DbKind[] = ['sqlite', 'postgres'];

const opened: Array<() => Promise<void>> = [];

export async function freshDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-test-'));
    const database = openSqlite(path.join(dir, 'test.db'));
    await migrateToLatest(database);
    opened.push(async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    return database;
  }
  if (!PG_URL) throw new Error('LIANXIN_TEST_PG_URL is not set');
  const scratch = await scratchPgDatabase(PG_URL);
  const database = openPostgres(scratch.url, 5);
  await migrateToLatest(database);
  opened.push(async () => {
    await database.close();
    await scratch.drop();
  });
  return database;
}

export async function closeAll() {
  while (opened.length) await opened.pop()!();
}

/** Run a suite once per database. The PostgreSQL run is skipped (by name) without a server. */
export function describeEachDb(name: string, fn: (kind: DbKind) => void) {
  for (const kind of DB_KINDS) {
    const suite = kind === 'postgres' && !PG_URL ? describe.skip : describe;
    suite(`${name} [${kind}]`, () => fn(kind));
  }
}
