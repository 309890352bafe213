import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '../server/src/core/auth/passwords.js';
import * as authRepo from '../server/src/core/auth/repository.js';
import * as org from '../server/src/core/org/repository.js';
import { openPostgres, openSqlite, type Database, type Tx } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { TEST_PASSWORD, type TestUnit } from '../test/fixtures.js';
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

/**
 * `count` extra staff of the surgery department, each with an account and a session row as the
 * login writes it (logging in that many times would meet the login limit): their session
 * cookies. `each` adds what a benchmark needs per account (e.g. a survey participant row).
 */
export async function staffSessions(
  database: Database,
  unit: TestUnit,
  opts: {
    count: number;
    prefix: string;
    name: string;
    each?: (tx: Tx, accountId: number) => Promise<void>;
  },
): Promise<string[]> {
  const hash = await hashPassword(TEST_PASSWORD);
  const now = new Date().toISOString();
  const cookies: string[] = [];
  await database.db.transaction().execute(async (tx) => {
    for (let i = 0; i < opts.count; i++) {
      const staffNo = `${opts.prefix}${String(i).padStart(5, '0')}`;
      const personId = await org.insertPerson(
        tx,
        unit.unitId,
        {
          staff_no: staffNo,
          name: `${opts.name}${i}`,
          department_id: unit.departments.surgery,
          position: null,
          phone: null,
          political_status: 'masses',
          congress_delegate: 0,
        },
        now,
      );
      const accountId = await org.insertAccount(tx, {
        unitId: unit.unitId,
        personId,
        username: staffNo,
        displayName: `${opts.name}${i}`,
        passwordHash: hash,
        mustChange: false,
        now,
      });
      await org.replaceRoles(tx, unit.unitId, accountId, ['staff'], now);
      await opts.each?.(tx, accountId);
      const token = crypto.randomBytes(32).toString('base64url');
      await authRepo.insertSession(tx, {
        id: crypto.randomBytes(16).toString('hex'),
        tokenHash: authRepo.sha256(token),
        accountId,
        unitId: unit.unitId,
        device: 'bench',
        now,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      cookies.push(`lx_session=${token}`);
    }
  });
  return cookies;
}
