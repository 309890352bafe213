import { spawn, spawnSync } from 'node:child_process';
import { scratchPgDatabase } from '../../../test/pg.js';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, PG_URL } from '../../../test/db.js';
import { seedTestUnit } from '../../../test/fixtures.js';
import { appendAudit } from '../core/audit/repository.js';
import { openPostgres, openSqlite, type Database, type DbKind } from '../db/database.js';
import { MIGRATIONS } from '../db/migrate.js';

/**
 * The operations commands (`npm run migrate`, `audit:verify`, `backup`) run as child
 * processes, the way an operator runs them, against a database of their own.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-cli-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(script: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', ...env };
  for (const k of ['LIANXIN_DATA_DIR', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) {
    delete childEnv[k];
  }
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', `server/src/cli/${script}.ts`, ...args], {
      cwd: ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A database of the given kind that only this suite uses, and how to reach it. */
interface Target {
  env: Record<string, string>;
  open(): Database;
  /** Drop the append-only trigger, as an attacker with direct access would, and edit a row. */
  tamper(id: number): Promise<void>;
  drop(): Promise<void>;
}

async function makeTarget(kind: DbKind): Promise<Target> {
  if (kind === 'sqlite') {
    const file = path.join(fs.mkdtempSync(path.join(tmpRoot, 'db-')), 'lianxin.db');
    return {
      env: { LIANXIN_SQLITE_PATH: file, DATABASE_URL: '' },
      open: () => openSqlite(file),
      async tamper(id) {
        const raw = new SQLite(file);
        raw.exec('drop trigger if exists audit_log_no_update');
        raw.prepare(`update audit_log set detail = '{"amount":0}' where id = ?`).run(id);
        raw.close();
      },
      async drop() {
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      },
    };
  }
  const scratch = await scratchPgDatabase(PG_URL!, 'lianxin_cli');
  const url = new URL(scratch.url);
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openPostgres(url.toString(), 2),
    async tamper(id) {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      await c.query('drop trigger if exists audit_log_no_change on audit_log');
      await c.query(`update audit_log set detail = '{"amount":0}' where id = $1`, [id]);
      await c.end();
    },
    drop: scratch.drop,
  };
}

async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables =
    database.kind === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' order by name`.execute(database.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(
          database.db,
        );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(
      database.db,
    );
    counts[name] = Number(r.rows[0]!.n);
  }
  return counts;
}

const hasPgTools = ['pg_dump', 'pg_restore'].every(
  (t) => spawnSync(t, ['--version'], { encoding: 'utf8' }).status === 0,
);

describeEachDb('command-line tools', (kind) => {
  let target: Target;
  const units: number[] = [];
  let entries = 0;

  beforeAll(async () => {
    target = await makeTarget(kind);
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('migrate applies every migration, then answers that it is up to date', async () => {
    const first = await cli('migrate', [], target.env);
    expect(first.code, first.stderr).toBe(0);
    for (const m of MIGRATIONS) expect(first.stdout).toContain(`applied ${m.name}`);
    expect(first.stdout).toContain(`Applied ${MIGRATIONS.length} migrations`);
    const again = await cli('migrate', [], target.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Already up to date');
    expect(again.stdout).not.toContain('applied ');
  });

  it('audit:verify answers OK on intact chains', async () => {
    const database = target.open();
    try {
      for (const code of ['C1', 'C2']) {
        const unit = await seedTestUnit(database, code);
        units.push(unit.unitId);
        await database.db.transaction().execute(async (tx) => {
          for (let i = 1; i <= 20; i++) {
            await appendAudit(tx, kind, {
              unitId: unit.unitId,
              actorAccountId: unit.users.system_admin.accountId,
              actorLabel: '系统管理员',
              action: 'test.entry',
              targetType: 'test',
              targetId: i,
              detail: { amount: i, note: `第${i}条` },
            });
          }
        });
      }
      const r = await sql<{ n: number }>`select count(*) as n from audit_log`.execute(database.db);
      entries = Number(r.rows[0]!.n);
    } finally {
      await database.close();
    }
    expect(entries).toBeGreaterThanOrEqual(40);
    const res = await cli('audit-verify', [], target.env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.trim()).toBe(`OK: ${entries} entries verified`);
  });

  if (kind === 'sqlite') {
    it('backup makes an identical copy whose chain verifies, and never overwrites silently', async () => {
      const file = path.join(tmpRoot, `backup-${randomBytes(4).toString('hex')}.db`);
      const res = await cli('backup', [file], target.env);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toMatch(/integrity_check ok/);
      expect(fs.readdirSync(tmpRoot).filter((f) => f.includes('.partial-'))).toEqual([]);

      const source = target.open();
      const copy = openSqlite(file);
      try {
        const counts = await tableCounts(source);
        expect(counts.audit_log).toBe(entries);
        expect(await tableCounts(copy)).toEqual(counts);
      } finally {
        await source.close();
        await copy.close();
      }
      const verify = await cli('audit-verify', [], { LIANXIN_SQLITE_PATH: file, DATABASE_URL: '' });
      expect(verify.code, verify.stderr).toBe(0);
      expect(verify.stdout.trim()).toBe(`OK: ${entries} entries verified`);

      const before = fs.statSync(file).mtimeMs;
      const refused = await cli('backup', [file], target.env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/refusing to overwrite/);
      expect(fs.statSync(file).mtimeMs).toBe(before);
      const forced = await cli('backup', [file, '--force'], target.env);
      expect(forced.code, forced.stderr).toBe(0);
    });
  } else {
    it('backup prints a pg_dump command naming the database and never the password', async () => {
      const url = new URL(target.env.DATABASE_URL!);
      url.password = 'Pw-Never-Printed-9';
      const res = await cli('backup', [], { DATABASE_URL: url.toString() });
      expect(res.code, res.stderr).toBe(0);
      const dbName = url.pathname.slice(1);
      expect(res.stdout).toMatch(new RegExp(`pg_dump .*${dbName}`));
      expect(res.stdout + res.stderr).not.toContain('Pw-Never-Printed-9');
    });

    it.skipIf(!hasPgTools)(
      'the printed pg_dump command, restored with pg_restore, gives an identical database whose chain verifies',
      async () => {
        const file = path.join(tmpRoot, `pg-${randomBytes(4).toString('hex')}.dump`);
        const hint = await cli('backup', [file], target.env);
        const dump = hint.stdout.split('\n').find((l) => l.trim().startsWith('pg_dump '));
        expect(dump).toBeDefined();
        // The hint leaves the password out; the tools take it from PGPASSWORD.
        const env = { ...process.env, PGPASSWORD: decodeURIComponent(new URL(PG_URL!).password) };
        const d = spawnSync('bash', ['-c', dump!], { encoding: 'utf8', env });
        expect(d.status, d.stderr).toBe(0);

        const restored = await makeTarget('postgres');
        try {
          const restoredUrl = new URL(restored.env.DATABASE_URL!);
          const r = spawnSync(
            'pg_restore',
            ['--no-owner', `--dbname=${restoredUrl.toString()}`, file],
            { encoding: 'utf8', env },
          );
          expect(r.status, r.stderr).toBe(0);
          const source = target.open();
          const copy = restored.open();
          try {
            expect(await tableCounts(copy)).toEqual(await tableCounts(source));
          } finally {
            await source.close();
            await copy.close();
          }
          const verify = await cli('audit-verify', [], restored.env);
          expect(verify.code, verify.stderr).toBe(0);
          expect(verify.stdout.trim()).toBe(`OK: ${entries} entries verified`);
        } finally {
          await restored.drop();
        }
      },
    );
  }

  it('audit:verify exits 1 and names the first broken entry of the tampered unit', async () => {
    const [u1, u2] = units;
    const database = target.open();
    let seven: number;
    let nine: number;
    try {
      const rows = await database.db
        .selectFrom('audit_log')
        .select(['id', 'seq'])
        .where('unit_id', '=', u1!)
        .where('seq', 'in', [7, 9])
        .orderBy('seq')
        .execute();
      [seven, nine] = rows.map((r) => r.id) as [number, number];
    } finally {
      await database.close();
    }
    await target.tamper(seven);
    await target.tamper(nine);

    const res = await cli('audit-verify', [], target.env);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`BROKEN: unit ${u1}, seq 7, entry id ${seven}: hash_mismatch`);
    // Only the first break of a unit is reported; the intact unit is not mentioned.
    expect(res.stdout).not.toContain(`entry id ${nine}`);
    expect(res.stdout).not.toContain(`unit ${u2},`);
    expect(res.stdout).not.toContain('OK:');
  });
});
