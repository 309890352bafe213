import fs from 'node:fs';
import { prng } from '../server/src/core/demo/generator.js';
import { scratchPgDatabase } from '../test/pg.js';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { systemActor, type Actor } from '../server/src/core/actor.js';
import * as org from '../server/src/core/org/repository.js';
import { indexDocuments, type IndexInput } from '../server/src/core/search/commands.js';
import { presentHit } from '../server/src/core/search/present.js';
import { search } from '../server/src/core/search/query.js';
import { documentTokens, parseQuery } from '../server/src/core/search/text.js';
import { openPostgres, openSqlite, type Database } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import type { BenchResult } from './types.js';

/**
 * Search over 100,000 generated Chinese documents about workplace matters, on SQLite and (with
 * LIANXIN_TEST_PG_URL or DATABASE_URL_TEST) PostgreSQL. Figures:
 * - indexing throughput through `indexDocuments` (fold + jieba + writes, 500 a transaction),
 *   beside jieba segmentation alone (fold + `cutForSearch`, no database): the ceiling;
 * - query latency p50 / p99 of `search()` (permission filter, counts by kind, first page,
 *   snippets) over a fixed set of queries, beside a `LIKE '%…%'` scan answering the same
 *   question (every word, same unit and permission filter, count + first page) on the same data.
 */

const DOCS = Number(process.env.BENCH_SEARCH_DOCS) || 100_000;
const QUERY_REPEATS = 15;
const LIKE_REPEATS = 3;
const PG_URL = process.env.LIANXIN_TEST_PG_URL || process.env.DATABASE_URL_TEST;

const QUERIES = [
  '食堂',
  '停车位',
  '夜班补贴',
  '职称评审',
  '工资 发放',
  '停車位不夠', // traditional
  '班车 时间 调整',
  '更衣室',
  '体检报告',
  '绩效考核 意见',
];

// ---- a deterministic generator of workplace sentences ----

const TOPICS = [
  ['职工食堂', '饭菜价格', '菜品种类', '打饭排队', '晚餐供应', '清真窗口'],
  ['停车位', '地下车库', '停车收费', '电动车充电桩', '班车时间', '非机动车棚'],
  ['工资发放', '绩效考核', '夜班补贴', '加班费', '年终奖', '住房公积金'],
  ['职称评审', '职称晋升', '岗位聘任', '论文要求', '继续教育学分', '外出进修'],
  ['夜班排班', '值班室', '夜班休息', '连续值班', '节假日排班', '调休安排'],
  ['体检报告', '职工体检', '心理疏导', '工会活动', '职工宿舍', '更衣室'],
];
const VERBS = [
  '希望调整',
  '建议改进',
  '问题比较突出',
  '职工反映强烈',
  '请尽快解决',
  '需要公开说明',
];
const OPENINGS = ['最近', '本月', '今年以来', '据科室同事反映', '多名职工提出', '有同事问'];
const DETAILS = [
  '很多同事下班后才能去，',
  '临床一线人员意见较大，',
  '已经反映过多次，',
  '与兄弟医院相比差距明显，',
  '新入职员工不太了解政策，',
  '涉及全院三百多名职工，',
];
const TRADITIONAL = ['停車位不夠', '職稱評審延期', '夜班補貼偏低', '食堂飯菜太貴'];

/** An integer in [0, n) from the demo's seeded generator: the same documents on every run. */
function rng(seed: number) {
  const next = prng(seed);
  return (n: number) => Math.floor(next() * n);
}

export function generateDocs(unitId: number, count: number, departments: number[]): IndexInput[] {
  const r = rng(20261127);
  const pick = <T>(xs: readonly T[]) => xs[r(xs.length)]!;
  const docs: IndexInput[] = [];
  for (let i = 0; i < count; i++) {
    const topic = pick(TOPICS);
    const a = pick(topic);
    const b = pick(topic);
    const title = `关于${a}的${pick(['意见', '建议', '问题', '诉求', '反映'])}`;
    let text = `${pick(OPENINGS)}${a}${pick(VERBS)}。${pick(DETAILS)}${b}${pick(VERBS)}。`;
    if (r(3) === 0) text += `另外${pick(pick(TOPICS))}也${pick(VERBS)}。`;
    if (r(20) === 0) text += `${pick(TRADITIONAL)}。`;
    const v = r(10);
    docs.push({
      unitId,
      recordKind: pick(['opinion', 'opinion', 'opinion', 'notice', 'survey']),
      recordId: i + 1,
      title,
      text,
      visibility:
        v < 7
          ? { unit: true }
          : v === 7
            ? { roles: ['office', 'leader'] }
            : v === 8
              ? { departments: [pick(departments)] }
              : { accounts: [1 + r(300)] },
      link: `/opinions/${i + 1}`,
    });
  }
  return docs;
}

// ---- measuring ----

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const sample = generateDocs(1, DOCS, [1, 2, 3]);
  documentTokens('预热分词器'); // load the dictionary outside the timings

  const t0 = performance.now();
  for (const d of sample) {
    documentTokens(d.title);
    documentTokens(d.text);
  }
  const segmentPerSec = DOCS / ((performance.now() - t0) / 1000);
  results.push({
    name: `search: jieba segmentation alone (fold + cutForSearch), ${n(DOCS)} docs`,
    value: segmentPerSec,
    unit: 'docs/s',
  });

  const sqliteRows = await withSqlite((db, actor) => measure('SQLite', db, actor, segmentPerSec));
  results.push(...sqliteRows);
  if (PG_URL) {
    results.push(
      ...(await withPostgres(PG_URL, (db, actor) =>
        measure('PostgreSQL', db, actor, segmentPerSec),
      )),
    );
  } else {
    process.stderr.write(
      'search: PostgreSQL skipped (set LIANXIN_TEST_PG_URL or DATABASE_URL_TEST)\n',
    );
  }
  return results;
}

async function measure(
  label: string,
  database: Database,
  actor: Actor,
  segmentPerSec: number,
): Promise<BenchResult[]> {
  const departments = await database.db
    .selectFrom('departments')
    .select('id')
    .where('unit_id', '=', actor.unitId)
    .execute();
  const docs = generateDocs(
    actor.unitId,
    DOCS,
    departments.map((d) => d.id),
  );

  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += 500) {
    const batch = docs.slice(i, i + 500);
    await database.db.transaction().execute((tx) => indexDocuments(tx, database.kind, batch));
  }
  const indexSeconds = (performance.now() - t0) / 1000;
  if (database.kind === 'postgres') await sql`analyze`.execute(database.db);
  else await sql`analyze`.execute(database.db);

  // Warm up both paths once per query.
  const likeCounts: number[] = [];
  for (const q of QUERIES) {
    await runSearch(database, actor, q);
    likeCounts.push(await likeScan(database, actor, q));
  }
  const fts: number[] = [];
  const hitCounts: number[] = [];
  for (let rep = 0; rep < QUERY_REPEATS; rep++) {
    for (const q of QUERIES) {
      const t = performance.now();
      const total = await runSearch(database, actor, q);
      fts.push(performance.now() - t);
      if (rep === 0) hitCounts.push(total);
    }
  }
  const like: number[] = [];
  for (let rep = 0; rep < LIKE_REPEATS; rep++) {
    for (const q of QUERIES) {
      const t = performance.now();
      await likeScan(database, actor, q);
      like.push(performance.now() - t);
    }
  }
  process.stderr.write(
    `search ${label}: ${n(DOCS)} docs indexed in ${indexSeconds.toFixed(1)} s; visible matches per query: ${hitCounts.join(', ')} (LIKE: ${likeCounts.join(', ')})\n`,
  );
  return [
    {
      name: `search: index ${n(DOCS)} docs → ${label} (indexDocuments, 500 a transaction)`,
      value: DOCS / indexSeconds,
      unit: 'docs/s',
      ceiling: { name: 'segmentation alone', value: segmentPerSec },
    },
    {
      name: `search: query p50, ${QUERIES.length} queries (${label}, ${n(DOCS)} docs)`,
      value: percentile(fts, 0.5),
      unit: 'ms',
      ceiling: { name: "LIKE '%…%' scan p50", value: percentile(like, 0.5) },
    },
    {
      name: `search: query p99 (${label})`,
      value: percentile(fts, 0.99),
      unit: 'ms',
      ceiling: { name: "LIKE '%…%' scan p99", value: percentile(like, 0.99) },
    },
  ];
}

/** What the route does: search (counts + first page) and present the hits with snippets. */
async function runSearch(database: Database, actor: Actor, q: string): Promise<number> {
  const r = await search(database, actor, q, { page: 1, pageSize: 20 });
  r.hits.map((h) => presentHit(h, r.query.terms));
  return r.total;
}

/**
 * The same question without the index: every query word in the title or body (LIKE), the same
 * unit and permission filter, counted, and the first page read.
 */
async function likeScan(database: Database, actor: Actor, q: string): Promise<number> {
  const terms = parseQuery(q).terms;
  const op = sql.raw(database.kind === 'postgres' ? 'ilike' : 'like');
  const where = sql.join(
    terms.map((t) => sql`(d.title ${op} ${`%${t}%`} or d.body ${op} ${`%${t}%`})`),
    sql` and `,
  );
  const keys = ['unit', 'role_staff', `account_${actor.accountId}`].map((k) =>
    `% u${actor.unitId}_${k} %`.replace(/_/g, '\\_'),
  );
  const visible = sql`(${sql.join(
    keys.map((k) => sql`(' ' || d.grant_tokens || ' ') like ${k} escape '\\'`),
    sql` or `,
  )})`;
  const count = await sql<{ n: number }>`select count(*) as n from search_documents d
    where d.unit_id = ${actor.unitId} and ${where} and ${visible}`.execute(database.db);
  await sql`select d.id, d.title, d.body from search_documents d
    where d.unit_id = ${actor.unitId} and ${where} and ${visible}
    order by d.id desc limit 20`.execute(database.db);
  return Number(count.rows[0]?.n ?? 0);
}

// ---- databases ----

async function seedUnit(database: Database): Promise<Actor> {
  const now = new Date().toISOString();
  const unitId = await org.insertUnit(database.db, { code: 'bench', name: '基准医院', now });
  for (const name of ['内科', '外科', '药剂科', '后勤处', '护理部']) {
    await org.insertDepartment(database.db, { unitId, parentId: null, name, path: name, now });
  }
  // A plain staff member with no department: sees unit-wide documents and their own.
  return { ...systemActor(unitId), accountId: 42, roles: ['staff'], name: '读者' };
}

async function withSqlite<T>(fn: (db: Database, actor: Actor) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-search-'));
  const database = openSqlite(path.join(dir, 'bench.db'));
  try {
    await migrateToLatest(database);
    return await fn(database, await seedUnit(database));
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function withPostgres<T>(
  adminUrl: string,
  fn: (db: Database, actor: Actor) => Promise<T>,
): Promise<T> {
  const scratch = await scratchPgDatabase(adminUrl, 'lianxin_bench');
  const database = openPostgres(scratch.url, 4);
  try {
    await migrateToLatest(database);
    return await fn(database, await seedUnit(database));
  } finally {
    await database.close();
    await scratch.drop();
  }
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

const n = (x: number) => x.toLocaleString('en-US');

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const t = performance.now();
  for (const r of await run()) {
    const ceiling = r.ceiling
      ? `  (${r.ceiling.name}: ${r.ceiling.value.toFixed(1)} ${r.unit}, ratio ${(r.value / r.ceiling.value).toFixed(2)}×)`
      : '';
    process.stdout.write(`${r.name}: ${r.value.toFixed(1)} ${r.unit}${ceiling}\n`);
  }
  process.stdout.write(`(${((performance.now() - t) / 1000).toFixed(0)} s)\n`);
}
