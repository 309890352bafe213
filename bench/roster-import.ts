import fs from 'node:fs';
import { personName, prng } from '../server/src/core/demo/generator.js';
import { scratchPgDatabase } from '../test/pg.js';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { ROLE_BY_CHINESE } from '@lianxin/common';
import { systemActor } from '../server/src/core/actor.js';
import * as org from '../server/src/core/org/repository.js';
import { importRoster } from '../server/src/core/roster/commands.js';
import { parseRoster } from '../server/src/core/roster/parse.js';
import { validateRoster, type RosterPerson } from '../server/src/core/roster/validate.js';
import { openPostgres, openSqlite, type Database } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import type { BenchResult } from './types.js';

/**
 * The bound: a 10,000-row roster imports in under 5 s. Measured end to end (parse the
 * .xlsx, validate, write in one transaction) into a fresh SQLite file and, when a server is
 * given (LIANXIN_TEST_PG_URL or DATABASE_URL_TEST), a fresh PostgreSQL database. The ceiling,
 * measured in the same run, is the same rows written by the bare driver: better-sqlite3
 * prepared statements in one transaction; pg multi-row inserts in one transaction.
 */

const ROWS = 10_000;
const REPEATS = 3;
const PG_URL = process.env.LIANXIN_TEST_PG_URL || process.env.DATABASE_URL_TEST;

export async function run(): Promise<BenchResult[]> {
  const buffer = await rosterXlsx(ROWS);
  const people = validateRoster(await parseRoster(buffer)).people;
  if (people.length !== ROWS) throw new Error(`generated roster has ${people.length} valid rows`);

  // Warm up the code paths (JIT, exceljs, Kysely) on a throwaway database.
  await withSqlite(async (db, unitId) => {
    await importRoster(ctx(db, unitId), input(await rosterXlsx(500)));
  });

  const results: BenchResult[] = [];
  const parseMs = median(
    await repeat(async () => {
      const t = performance.now();
      validateRoster(await parseRoster(buffer));
      return performance.now() - t;
    }),
  );
  results.push({
    name: `roster parse + validate, ${ROWS} rows .xlsx (${kb(buffer)} kB)`,
    value: parseMs,
    unit: 'ms',
  });

  const sqlite = medians(
    await repeat(() => withSqlite((db, unitId) => timedImport(db, unitId, buffer))),
  );
  const sqliteCeiling = median(
    await repeat(() => withSqlite((db, unitId) => rawSqliteInsert(db, unitId, people))),
  );
  results.push(...figures('SQLite', sqlite, parseMs, 'raw better-sqlite3 inserts', sqliteCeiling));

  if (PG_URL) {
    const pgRun = medians(
      await repeat(() => withPostgres(PG_URL, (db, unitId) => timedImport(db, unitId, buffer))),
    );
    const pgCeiling = median(
      await repeat(() =>
        withPostgres(PG_URL, (_db, unitId, url) => rawPgInsert(url, unitId, people)),
      ),
    );
    results.push(...figures('PostgreSQL', pgRun, parseMs, 'raw pg multi-row inserts', pgCeiling));
  } else {
    process.stderr.write(
      'roster import: PostgreSQL skipped (set LIANXIN_TEST_PG_URL or DATABASE_URL_TEST)\n',
    );
  }
  return results;
}

/**
 * Three figures per database: the whole import against the bound (its ceiling: parsing alone
 * plus the bare driver's inserts), the write phase against the bare driver's inserts, and the
 * throughput.
 */
function figures(
  db: string,
  run: { totalMs: number; writeMs: number },
  parseMs: number,
  ceilingName: string,
  ceilingMs: number,
): BenchResult[] {
  return [
    {
      name: `roster import ${ROWS} rows .xlsx → ${db} (parse + validate + write)`,
      value: run.totalMs,
      unit: 'ms',
      ceiling: { name: `parse + validate + ${ceilingName}`, value: parseMs + ceilingMs },
      limit: { max: 5000 },
    },
    {
      name: `roster import write phase (one transaction) → ${db}`,
      value: run.writeMs,
      unit: 'ms',
      ceiling: { name: ceilingName, value: ceilingMs },
    },
    {
      name: `roster import throughput → ${db}`,
      value: (ROWS / run.totalMs) * 1000,
      unit: 'rows/s',
    },
  ];
}

// ---- the measured import ----

const ctx = (database: Database, unitId: number) => ({ database, actor: systemActor(unitId) });
const input = (buffer: Buffer) => ({
  fileName: 'bench.xlsx',
  buffer,
  dryRun: false,
  deactivateMissing: false,
});

async function timedImport(database: Database, unitId: number, buffer: Buffer) {
  const t = performance.now();
  const report = await importRoster(ctx(database, unitId), input(buffer));
  const totalMs = performance.now() - t;
  if (report.status !== 'succeeded' || report.created !== ROWS) {
    throw new Error(
      `bench import did not succeed: ${JSON.stringify({ ...report, problems: report.problems.slice(0, 5) })}`,
    );
  }
  return { totalMs, writeMs: report.timings.writeMs };
}

// ---- the ceilings: the same rows through the bare drivers ----

function departmentsOf(people: readonly RosterPerson[]) {
  const paths = new Set<string>();
  for (const p of people) {
    const segments = p.departmentPath.split('/');
    for (let i = 1; i <= segments.length; i++) paths.add(segments.slice(0, i).join('/'));
  }
  return [...paths].sort((a, b) => a.split('/').length - b.split('/').length);
}

async function rawSqliteInsert(
  database: Database,
  unitId: number,
  people: readonly RosterPerson[],
) {
  const raw = database.sqlite!;
  const now = new Date().toISOString();
  const t = performance.now();
  const dep = raw.prepare(
    'insert into departments (unit_id, parent_id, name, path, sort, active, created_at, updated_at) values (?, ?, ?, ?, 0, 1, ?, ?)',
  );
  const person = raw.prepare(
    `insert into people (unit_id, staff_no, name, department_id, position, phone, political_status,
      congress_delegate, active, is_demo, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?)`,
  );
  const account = raw.prepare(
    `insert into accounts (unit_id, person_id, username, display_name, password_hash, must_change_password,
      is_demo, active, failed_attempts, failure_window_count, created_at, updated_at)
      values (?, ?, ?, ?, null, 1, 0, 1, 0, 0, ?, ?)`,
  );
  const role = raw.prepare(
    'insert into role_assignments (unit_id, account_id, role, created_at) values (?, ?, ?, ?)',
  );
  raw.transaction(() => {
    const ids = new Map<string, number>();
    for (const p of departmentsOf(people)) {
      const cut = p.lastIndexOf('/');
      const parent = cut < 0 ? null : ids.get(p.slice(0, cut))!;
      ids.set(p, Number(dep.run(unitId, parent, p.slice(cut + 1), p, now, now).lastInsertRowid));
    }
    for (const p of people) {
      const pid = person.run(
        unitId,
        p.staffNo,
        p.name,
        ids.get(p.departmentPath)!,
        p.position ?? null,
        p.phone ?? null,
        p.politicalStatus ?? null,
        p.congressDelegate ?? 0,
        now,
        now,
      ).lastInsertRowid;
      const aid = account.run(unitId, pid, p.staffNo, p.name, now, now).lastInsertRowid;
      for (const r of p.roles ?? ['staff']) role.run(unitId, aid, r, now);
    }
  })();
  return performance.now() - t;
}

async function rawPgInsert(url: string, unitId: number, people: readonly RosterPerson[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = new Date().toISOString();
  const t = performance.now();
  const insert = async (sql: string, cols: number, rows: unknown[][]) => {
    const out: Array<Record<string, unknown>> = [];
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const values = chunk.map(
        (_, r) => `(${Array.from({ length: cols }, (_, c) => `$${r * cols + c + 1}`).join(', ')})`,
      );
      const res = await client.query(
        sql.replace('VALUES', `values ${values.join(', ')}`),
        chunk.flat(),
      );
      out.push(...res.rows);
    }
    return out;
  };
  try {
    await client.query('begin');
    const ids = new Map<string, number>();
    const paths = departmentsOf(people);
    for (let depth = 1; depth <= 5; depth++) {
      const level = paths.filter((p) => p.split('/').length === depth);
      if (!level.length) continue;
      const rows = await insert(
        'insert into departments (unit_id, parent_id, name, path, sort, active, created_at, updated_at) VALUES returning id, path',
        8,
        level.map((p) => {
          const cut = p.lastIndexOf('/');
          return [
            unitId,
            cut < 0 ? null : ids.get(p.slice(0, cut)),
            p.slice(cut + 1),
            p,
            0,
            1,
            now,
            now,
          ];
        }),
      );
      for (const r of rows) ids.set(r.path as string, r.id as number);
    }
    const personRows = await insert(
      `insert into people (unit_id, staff_no, name, department_id, position, phone, political_status,
        congress_delegate, active, is_demo, created_at, updated_at) VALUES returning id, staff_no`,
      12,
      people.map((p) => [
        unitId,
        p.staffNo,
        p.name,
        ids.get(p.departmentPath),
        p.position ?? null,
        p.phone ?? null,
        p.politicalStatus ?? null,
        p.congressDelegate ?? 0,
        1,
        0,
        now,
        now,
      ]),
    );
    const personId = new Map(personRows.map((r) => [r.staff_no as string, r.id as number]));
    const accountRows = await insert(
      `insert into accounts (unit_id, person_id, username, display_name, password_hash, must_change_password,
        is_demo, active, failed_attempts, failure_window_count, created_at, updated_at) VALUES returning id, username`,
      12,
      people.map((p) => [
        unitId,
        personId.get(p.staffNo),
        p.staffNo,
        p.name,
        null,
        1,
        0,
        1,
        0,
        0,
        now,
        now,
      ]),
    );
    const accountId = new Map(accountRows.map((r) => [r.username as string, r.id as number]));
    await insert(
      'insert into role_assignments (unit_id, account_id, role, created_at) VALUES',
      4,
      people.flatMap((p) =>
        (p.roles ?? ['staff']).map((r) => [unitId, accountId.get(p.staffNo), r, now]),
      ),
    );
    await client.query('commit');
    return performance.now() - t;
  } finally {
    await client.end();
  }
}

// ---- fresh databases ----

async function withSqlite<T>(fn: (db: Database, unitId: number) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'));
  const database = openSqlite(path.join(dir, 'bench.db'));
  try {
    await migrateToLatest(database);
    const unitId = await org.insertUnit(database.db, {
      code: 'bench',
      name: '基准医院',
      now: new Date().toISOString(),
    });
    return await fn(database, unitId);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function withPostgres<T>(
  adminUrl: string,
  fn: (db: Database, unitId: number, url: string) => Promise<T>,
): Promise<T> {
  const scratch = await scratchPgDatabase(adminUrl, 'lianxin_bench');
  const database = openPostgres(scratch.url, 4);
  try {
    await migrateToLatest(database);
    const unitId = await org.insertUnit(database.db, {
      code: 'bench',
      name: '基准医院',
      now: new Date().toISOString(),
    });
    return await fn(database, unitId, scratch.url);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

// ---- a realistic roster ----

const DEPARTMENTS: Record<string, string[]> = {
  职能部门: [
    '党委办公室',
    '院长办公室',
    '人事科',
    '财务科',
    '医务科',
    '护理部',
    '信息中心',
    '后勤保障部',
  ],
  内科: [
    '心内科',
    '消化内科',
    '呼吸内科',
    '神经内科',
    '肾内科',
    '内分泌科',
    '血液科',
    '老年医学科',
  ],
  外科: ['普外科', '骨科', '神经外科', '泌尿外科', '胸外科', '心外科', '烧伤科', '麻醉科'],
  妇儿中心: ['妇科', '产科', '儿科', '新生儿科'],
  医技部门: ['检验科', '放射科', '超声科', '病理科', '药剂科', '核医学科'],
  门急诊: ['急诊科', '门诊部', '体检中心', '重症医学科'],
};
const POSITIONS = [
  '住院医师',
  '主治医师',
  '副主任医师',
  '主任医师',
  '护士',
  '护师',
  '主管护师',
  '技师',
  '科员',
  '干事',
];
const POLITICAL = [
  '群众',
  '群众',
  '群众',
  '中共党员',
  '中共党员',
  '共青团员',
  '中共预备党员',
  '民主党派',
  '无党派人士',
];
const EXTRA_ROLES = Object.keys(ROLE_BY_CHINESE).filter((r) => !['职工', '员工'].includes(r));

export async function rosterXlsx(rows: number, seed = 20261127): Promise<Buffer> {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const departments = Object.entries(DEPARTMENTS).flatMap(([top, subs]) =>
    subs.map((s) => `${top}/${s}`),
  );
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  sheet.addRow(['工号', '姓名', '部门', '职务', '手机', '政治面貌', '角色', '职代会代表']);
  for (let i = 0; i < rows; i++) {
    const extra = rand() < 0.08 ? `、${pick(EXTRA_ROLES)}` : '';
    sheet.addRow([
      100000 + i, // typed as a number, as staff numbers often are in real files
      personName(rand),
      pick(departments),
      pick(POSITIONS),
      `1${pick(['3', '5', '8'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
      pick(POLITICAL),
      `职工${extra}`,
      rand() < 0.05 ? '是' : '否',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function repeat<T>(fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < REPEATS; i++) out.push(await fn());
  return out;
}

function medians(runs: Array<{ totalMs: number; writeMs: number }>) {
  return {
    totalMs: median(runs.map((r) => r.totalMs)),
    writeMs: median(runs.map((r) => r.writeMs)),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const kb = (b: Buffer) => Math.round(b.length / 1024);

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const results = await run();
  for (const r of results) {
    const ceiling = r.ceiling
      ? `  (ceiling ${r.ceiling.name}: ${r.ceiling.value.toFixed(0)} ${r.unit}, ratio ${(r.value / r.ceiling.value).toFixed(2)}×)`
      : '';
    const bound =
      r.limit?.max !== undefined
        ? `  [bound ≤ ${r.limit.max} ${r.unit}: ${r.value <= r.limit.max ? 'ok' : 'MISSED'}]`
        : '';
    process.stdout.write(`${r.name}: ${r.value.toFixed(0)} ${r.unit}${ceiling}${bound}\n`);
  }
}
