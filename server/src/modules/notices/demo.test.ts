import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDb, PG_URL } from '../../../../test/db.js';
import { scratchPgDatabase } from '../../../../test/pg.js';
import { seedDemo } from '../../core/demo/seed.js';
import { openPostgres, openSqlite, type Database, type DbKind } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { verifyAllVersions } from './verify.js';
import { seedNoticesDemo } from './demo.js';
import { noticesModule } from './manifest.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../../..');

/** A database whose address the command line can be given (SQLite file or PostgreSQL URL). */
async function addressableDatabase(
  kind: DbKind,
): Promise<{ database: Database; env: Record<string, string>; close: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-notices-'));
    const file = path.join(dir, 'test.db');
    const database = openSqlite(file);
    return {
      database,
      env: { LIANXIN_SQLITE_PATH: file, DATABASE_URL: '' },
      close: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const scratch = await scratchPgDatabase(PG_URL!);
  const database = openPostgres(scratch.url, 3);
  return {
    database,
    env: { DATABASE_URL: scratch.url },
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

/** `npm run notices:verify`, for real: its exit code and output. */
async function verifyCli(env: Record<string, string>) {
  try {
    const r = await run('npx', ['tsx', 'server/src/cli/notices-verify.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout: r.stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout + e.stderr };
  }
}

describeEachDb('notices: the demo unit and the command-line check', (kind) => {
  let database: Database;
  let env: Record<string, string>;
  let close: () => Promise<void>;
  let unitId: number;
  beforeAll(async () => {
    ({ database, env, close } = await addressableDatabase(kind));
    await migrateToLatest(database);
    unitId = await seedDemo(database, 'Demo-Pass-2026!');
    await seedNoticesDemo(database, unitId);
  });
  afterAll(async () => close());

  it('holds a title notice in its period, a masked hardship notice and a closed award notice', async () => {
    expect(noticesModule.seedDemo).toBe(seedNoticesDemo);
    const rows = await database.db
      .selectFrom('notices')
      .selectAll()
      .where('unit_id', '=', unitId)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.type, r.status])).toEqual([
      ['award', 'closed'],
      ['hardship', 'published'],
      ['title', 'published'],
    ]);
    expect(rows[0]).toMatchObject({ result: 'no_objection' });
    expect(rows[1]).toMatchObject({ sensitive: 1 });
    // Four eyes: written by one office member, reviewed by the other.
    for (const r of rows) {
      expect(r.submitted_by).not.toBeNull();
      expect(r.reviewed_by).not.toBeNull();
      expect(r.reviewed_by).not.toBe(r.submitted_by);
    }
    const items = await database.db
      .selectFrom('notice_items')
      .select('name')
      .where('notice_id', '=', rows[2]!.id)
      .execute();
    expect(items).toHaveLength(3);
    expect((await verifyAllVersions(database.db)).failures).toEqual([]);
  });

  it('`npm run notices:verify` passes, then reports a version body changed in the database', async () => {
    const ok = await verifyCli(env);
    expect(ok.stdout).toContain('OK: 3 versions verified');
    expect(ok.code).toBe(0);

    const v = await database.db
      .selectFrom('notice_versions')
      .select(['id', 'notice_id'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // The rows are append-only: bypass the trigger as someone with full database rights would.
    if (kind === 'sqlite') {
      await sql`drop trigger notice_versions_no_update`.execute(database.db);
    } else {
      await sql`alter table notice_versions disable trigger notice_versions_no_change`.execute(
        database.db,
      );
    }
    await database.db
      .updateTable('notice_versions')
      .set({ body: '公示内容被悄悄改过。' })
      .where('id', '=', v.id)
      .execute();
    const bad = await verifyCli(env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`MISMATCH: unit ${unitId}, notice ${v.notice_id}, version 1`);
    expect(bad.stdout).toContain('FAILED: 1 of 3 versions do not match');
  });
});
