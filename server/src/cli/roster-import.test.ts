import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, PG_URL } from '../../../test/db.js';
import * as org from '../core/org/repository.js';
import { openPostgres, openSqlite, type Database, type DbKind } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/** `npm run roster:import` as an operator runs it: a child process on a database of its own. */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-roster-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', ...env };
  for (const k of [
    'LIANXIN_DATA_DIR',
    'LIANXIN_LOCALE',
    'VITEST',
    'VITEST_POOL_ID',
    'VITEST_WORKER_ID',
  ])
    delete childEnv[k];
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/roster-import.ts', ...args],
      {
        cwd: ROOT,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function file(name: string, text: string) {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, `\ufeff${text}`);
  return f;
}

describeEachDb('roster:import command line', (kind: DbKind) => {
  let env: Record<string, string>;
  let database: Database;
  let drop = async () => {};

  beforeAll(async () => {
    if (kind === 'sqlite') {
      const db = path.join(fs.mkdtempSync(path.join(tmp, 'db-')), 'lianxin.db');
      env = { LIANXIN_SQLITE_PATH: db, DATABASE_URL: '' };
      database = openSqlite(db);
    } else {
      const name = `lianxin_rcli_${randomBytes(5).toString('hex')}`;
      const admin = async (q: string) => {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(q).finally(() => c.end());
      };
      await admin(`create database ${name}`);
      const url = new URL(PG_URL!);
      url.pathname = `/${name}`;
      env = { DATABASE_URL: url.toString() };
      database = openPostgres(url.toString(), 2);
      drop = () => admin(`drop database if exists ${name} with (force)`);
    }
    await migrateToLatest(database);
    await org.insertUnit(database.db, {
      code: 'H1',
      name: '示例医院',
      now: new Date().toISOString(),
    });
    await org.insertUnit(database.db, {
      code: 'H2',
      name: '另一医院',
      now: new Date().toISOString(),
    });
  });
  afterAll(async () => {
    await database?.close();
    await drop();
  });

  const people = async () =>
    database.db.selectFrom('people').select(['staff_no', 'active']).orderBy('staff_no').execute();

  it('prints each problem by row in Chinese, exits 1 and writes nothing', async () => {
    const bad = file(
      'bad.csv',
      '工号,姓名,部门,角色\nA1,张三,内科/心内科,职工\nA1,李四,外科,皇帝\n',
    );
    const res = await cli([bad, '--unit', 'H1'], env);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain('未导入：有数据行存在问题，未导入任何数据。');
    expect(res.stdout).toContain('第 3 行 [工号]：工号与第 2 行重复');
    expect(res.stdout).toContain('第 3 行 [角色]：无法识别的角色“皇帝”');
    expect(await people()).toEqual([]);
  });

  it('asks for --unit when there are several, and explains its usage', async () => {
    const good = file('good.csv', '工号,姓名,部门\nA1,张三,内科/心内科\n');
    const several = await cli([good], env);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('--unit');
    const usage = await cli([], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run roster:import');
  });

  it('a dry run reports, a real run imports as the system', async () => {
    const good = file(
      'good.csv',
      '工号,姓名,部门,角色\nA1,张三,内科/心内科,职工\nA2,李四,外科,群工办\n',
    );
    const dry = await cli([good, '--unit', 'H1', '--dry-run'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('试导入');
    expect(dry.stdout).toContain('将新增 2 人');
    expect(await people()).toEqual([]);

    const real = await cli([good, '--unit', 'H1'], env);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toContain('共 2 行：新增 2 人，更新 0 人，停用 0 人，新建部门 3 个。');
    expect(await people()).toEqual([
      { staff_no: 'A1', active: 1 },
      { staff_no: 'A2', active: 1 },
    ]);
    const imports = await database.db
      .selectFrom('roster_imports')
      .select(['status', 'dry_run', 'account_id', 'file_name'])
      .orderBy('id')
      .execute();
    expect(imports.map((i) => [i.status, i.dry_run, i.account_id, i.file_name])).toEqual([
      ['rejected', 0, null, 'bad.csv'],
      ['succeeded', 1, null, 'good.csv'],
      ['succeeded', 0, null, 'good.csv'],
    ]);

    const fewer = file('fewer.csv', '工号,姓名,部门\nA2,李四,外科\n');
    const dropped = await cli([fewer, '--unit', 'H1', '--deactivate-missing'], env);
    expect(dropped.code, dropped.stderr).toBe(0);
    expect(dropped.stdout).toContain('停用 1 人');
    expect(await people()).toEqual([
      { staff_no: 'A1', active: 0 },
      { staff_no: 'A2', active: 1 },
    ]);
  });
});
