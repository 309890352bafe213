import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgres, openSqlite, type Database } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { scratchPgDatabase } from '../test/pg.js';

/** A migrated database a benchmark runs against, and how to throw it away. */
export interface Target {
  label: string;
  database: Database;
  cleanup(): Promise<void>;
}

/** A fresh SQLite file in a temporary folder named after the benchmark. */
export async function sqliteTarget(name: string): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lianxin-bench-${name}-`));
  const database = openSqlite(path.join(dir, 'bench.db'));
  await migrateToLatest(database);
  return {
    label: 'SQLite',
    database,
    async cleanup() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A scratch PostgreSQL database on the server at `url`, dropped afterwards. */
export async function pgTarget(url: string): Promise<Target> {
  const scratch = await scratchPgDatabase(url, 'lianxin_bench');
  const database = openPostgres(scratch.url, 20);
  await migrateToLatest(database);
  return {
    label: 'PostgreSQL',
    database,
    async cleanup() {
      await database.close();
      await scratch.drop();
    },
  };
}
