import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import * as org from '../server/src/core/org/repository.js';
import type { Database } from '../server/src/db/database.js';
import {
  questionSchema,
  type Answers,
  type QuestionInput,
} from '../server/src/modules/surveys/questions.js';
import { findSurvey } from '../server/src/modules/surveys/repository.js';
import { surveyResults } from '../server/src/modules/surveys/results.js';
import { answerCounts } from '../server/src/modules/surveys/results-repository.js';
import { seedTestUnit, type TestUnit } from '../test/fixtures.js';
import type { BenchResult } from './types.js';
import { pgTarget, sqliteTarget, staffSessions, type Target } from './targets.js';

/**
 * Surveys (issue 6 "Benchmarks"):
 * - results of a survey of 20 questions (every type) and RESPONSES responses of 20 answer rows
 *   each (400,000 rows), as GET /api/surveys/:id/results?by=department computes them (the
 *   route's function `surveyResults`, not HTTP), median of RUNS runs after a warm-up, on SQLite
 *   and PostgreSQL; the ceiling, in the same run, is the plain SQL aggregate it is built on: one
 *   GROUP BY (question, option, row, value) over the survey's answers. Bound: 500 ms each.
 * - answering at CLIENTS concurrent clients, answers per second, through the real HTTP route
 *   POST /api/surveys/:id/responses (when it exists: otherwise reported as skipped).
 */

const RESPONSES = Number(process.env.BENCH_SURVEY_RESPONSES ?? 20_000);
const ROWS_PER_RESPONSE = 20;
const RUNS = Number(process.env.BENCH_SURVEY_RUNS ?? 7);
const CLIENTS = 50;
/** Accounts that answer in the concurrency half: each answers once. */
const ANSWERERS = Number(process.env.BENCH_SURVEY_ANSWERERS ?? 1000);
const DEPARTMENTS = 30;
const PG_URL = process.env.LIANXIN_TEST_PG_URL || process.env.DATABASE_URL_TEST;

const opts = (n: number) => Array.from({ length: n }, (_, i) => `选项${i + 1}`);
/** 20 questions of every type. */
export const BENCH_QUESTIONS: QuestionInput[] = [
  { id: 'q1', type: 'single', title: '您所在的岗位类别', options: opts(4) },
  { id: 'q2', type: 'text', title: '您最希望单位解决的问题' },
  { id: 'q3', type: 'multiple', title: '您常用的沟通渠道', options: opts(6), maxChoices: 3 },
  {
    id: 'q4',
    type: 'scale',
    title: '工作满意度',
    scale: { min: 1, max: 5, minLabel: '', maxLabel: '' },
  },
  { id: 'q5', type: 'nps', title: '您会推荐朋友来本单位工作吗' },
  { id: 'q6', type: 'single', title: '您的工龄', options: opts(5) },
  { id: 'q7', type: 'matrix', title: '各方面评价', rows: opts(3), options: ['好', '中', '差'] },
  { id: 'q8', type: 'ranking', title: '改进的先后', options: opts(4) },
  { id: 'q9', type: 'single', title: '食堂', options: opts(3) },
  { id: 'q10', type: 'multiple', title: '培训需求', options: opts(5) },
  {
    id: 'q11',
    type: 'scale',
    title: '薪酬满意度',
    scale: { min: 1, max: 10, minLabel: '', maxLabel: '' },
  },
  { id: 'q12', type: 'single', title: '通勤', options: opts(4) },
  { id: 'q13', type: 'nps', title: '您会推荐本院就医吗' },
  { id: 'q14', type: 'text', title: '其他意见' },
  { id: 'q15', type: 'single', title: '加班', options: opts(4) },
  {
    id: 'q16',
    type: 'scale',
    title: '团队氛围',
    scale: { min: 1, max: 5, minLabel: '', maxLabel: '' },
  },
  { id: 'q17', type: 'single', title: '职业发展', options: opts(3) },
  { id: 'q18', type: 'matrix', title: '设施', rows: opts(2), options: ['满意', '不满意'] },
  { id: 'q19', type: 'single', title: '休假', options: opts(3) },
  { id: 'q20', type: 'single', title: '总体评价', options: opts(5) },
];
const QUESTIONS = BENCH_QUESTIONS.map((q) => questionSchema.parse(q));

/** A small deterministic generator (answers spread, the same every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % n;
  };
}

type Row = {
  question_id: string;
  option_index: number | null;
  row_index: number | null;
  value_num: number | null;
  value_text: string | null;
};

/** The answer rows of one question, in the encoding of migration 0011. */
function rowsOf(qi: number, r: (n: number) => number): Row[] {
  const q = QUESTIONS[qi]!;
  const row = (v: Partial<Row>): Row => ({
    question_id: q.id,
    option_index: null,
    row_index: null,
    value_num: null,
    value_text: null,
    ...v,
  });
  switch (q.type) {
    case 'single':
      return [row({ option_index: r(q.options.length) })];
    case 'multiple': {
      const picks = new Set([r(q.options.length), r(q.options.length)]);
      return [...picks].map((o) => row({ option_index: o }));
    }
    case 'scale':
      return [row({ value_num: q.scale!.min + r(q.scale!.max - q.scale!.min + 1) })];
    case 'nps':
      return [row({ value_num: r(11) })];
    case 'text':
      return [row({ value_text: `希望改善食堂和停车问题，建议增加夜班补贴。编号${r(100_000)}` })];
    case 'matrix':
      return q.rows.map((_, i) => row({ row_index: i, option_index: r(q.options.length) }));
    case 'ranking': {
      const order = q.options.map((_, i) => i).sort(() => r(3) - 1);
      return order.map((o, rank) => row({ option_index: o, row_index: rank }));
    }
  }
}

/**
 * RESPONSES responses of exactly ROWS_PER_RESPONSE answer rows: the questions in turn from a
 * different first question per response (so every question is answered by most, skipped by some),
 * bulk-inserted; participants (the audience snapshot) for the response rate.
 */
export async function fillSurvey(database: Database, unit: TestUnit): Promise<number> {
  const now = new Date().toISOString();
  const departments: number[] = [];
  for (let i = 0; i < DEPARTMENTS; i++) {
    departments.push(
      await org.insertDepartment(database.db, {
        unitId: unit.unitId,
        parentId: null,
        name: `科室${String(i).padStart(2, '0')}`,
        path: `科室${String(i).padStart(2, '0')}`,
        now,
      }),
    );
  }
  const { id: surveyId } = await database.db
    .insertInto('surveys')
    .values({
      unit_id: unit.unitId,
      title: '2026 年职工满意度调查',
      status: 'open',
      anonymous: 1,
      audience: JSON.stringify({ departmentIds: [], roles: [] }),
      questions: JSON.stringify(QUESTIONS),
      locked: 1,
      opens_at: now,
      closes_at: null,
      owner_department_id: null,
      created_by: unit.users.office.accountId,
      created_at: now,
      updated_at: now,
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const r = rng(42);
  const batch = database.kind === 'sqlite' ? 1000 : 4000;
  // Department sizes skewed (a few large, many small), so the k rule has work to do.
  const departmentOf = () => departments[Math.min(r(DEPARTMENTS), r(DEPARTMENTS))]!;
  const insertAll = async (db: Database['db']) => {
    // Participants: 1.2 × the responses invited, the first RESPONSES answered.
    const invited = Math.round(RESPONSES * 1.2);
    for (let i = 0; i < invited; i += batch) {
      const accounts = [];
      for (let j = i; j < Math.min(invited, i + batch); j++) {
        accounts.push({
          unit_id: unit.unitId,
          person_id: null,
          username: `bench${j}`,
          display_name: `职工${j}`,
          password_hash: null,
          must_change_password: 0,
          password_changed_at: null,
          is_demo: 0,
          active: 1,
          failed_attempts: 0,
          failure_window_start: null,
          failure_window_count: 0,
          locked_until: null,
          created_at: now,
          updated_at: now,
        });
      }
      const ids = await db.insertInto('accounts').values(accounts).returning('id').execute();
      await db
        .insertInto('survey_participants')
        .values(
          ids.map(({ id }, k) => ({
            survey_id: surveyId,
            account_id: id,
            unit_id: unit.unitId,
            department_id: departmentOf(),
            role: 'staff',
            answered: i + k < RESPONSES ? 1 : 0,
          })),
        )
        .execute();
    }
    let answers: Array<
      Row & { response_id: string; seq: number; unit_id: number; survey_id: number }
    > = [];
    let responses: Array<{
      id: string;
      unit_id: number;
      survey_id: number;
      account_id: null;
      department_id: number;
      role: string;
      submitted_on: string;
    }> = [];
    const flush = async () => {
      if (responses.length) await db.insertInto('survey_responses').values(responses).execute();
      for (let i = 0; i < answers.length; i += batch) {
        await db
          .insertInto('survey_answers')
          .values(answers.slice(i, i + batch))
          .execute();
      }
      answers = [];
      responses = [];
    };
    for (let i = 0; i < RESPONSES; i++) {
      const id = crypto.randomBytes(16).toString('base64url');
      responses.push({
        id,
        unit_id: unit.unitId,
        survey_id: surveyId,
        account_id: null,
        department_id: departmentOf(),
        role: r(10) === 0 ? 'department_head' : 'staff',
        submitted_on: now.slice(0, 10),
      });
      const rows: Row[] = [];
      for (
        let q = i % QUESTIONS.length;
        rows.length < ROWS_PER_RESPONSE;
        q = (q + 1) % QUESTIONS.length
      ) {
        rows.push(...rowsOf(q, r));
      }
      rows
        .slice(0, ROWS_PER_RESPONSE)
        .forEach((a, seq) =>
          answers.push({ ...a, response_id: id, seq, unit_id: unit.unitId, survey_id: surveyId }),
        );
      if (responses.length === batch) await flush();
    }
    await flush();
  };
  if (database.kind === 'sqlite') await database.db.transaction().execute(insertAll);
  else await insertAll(database.db);
  // As autovacuum / the optimizer's statistics would have it in production.
  if (database.kind === 'postgres') await sql`vacuum analyze`.execute(database.db);
  else await sql`analyze`.execute(database.db);
  return surveyId;
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function measureResults(target: Target, unit: TestUnit, results: BenchResult[]) {
  const { database, label } = target;
  const t0 = performance.now();
  const surveyId = await fillSurvey(database, unit);
  const loaded = performance.now() - t0;
  const count = await database.db
    .selectFrom('survey_answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  const survey = (await findSurvey(database.db, unit.unitId, surveyId))!;
  const check = await surveyResults(database, survey, { locale: 'zh-CN', by: 'department' });
  if (check.questions[0]!.answered === 0 || !check.crossTab) throw new Error('no results');
  const plain = await median(RUNS, () => answerCounts(database.db, surveyId));
  const full = await median(RUNS, () =>
    surveyResults(database, survey, { locale: 'zh-CN', by: 'department', questionId: 'q1' }),
  );
  const rows = Number(count.n);
  process.stderr.write(
    `  ${label}: ${rows} answer rows loaded in ${(loaded / 1000).toFixed(1)} s\n`,
  );
  results.push({
    name: `survey results (20 questions, ${RESPONSES} responses, ${rows} answer rows, cross tab by department), ${label}, median of ${RUNS}`,
    value: full,
    unit: 'ms',
    ceiling: { name: 'plain GROUP BY over survey_answers', value: plain },
    limit: { max: 500 },
  });
  return surveyId;
}

/** A complete answer to the 20 questions. */
function fullAnswers(): Answers {
  const a: Answers = {};
  for (const q of QUESTIONS) {
    if (q.type === 'single') a[q.id] = { choice: 0 };
    else if (q.type === 'multiple') a[q.id] = { choices: [0, 1] };
    else if (q.type === 'scale') a[q.id] = { value: q.scale!.min };
    else if (q.type === 'nps') a[q.id] = { value: 9 };
    else if (q.type === 'text') a[q.id] = { text: '希望改善食堂和停车问题。' };
    else if (q.type === 'matrix') a[q.id] = { rows: q.rows.map(() => 0) };
    else a[q.id] = { order: q.options.map((_, i) => i) };
  }
  return a;
}

/** Each cookie answers once; CLIENTS at a time. */
async function answerLoad(url: string, cookies: string[], body: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const u = new URL(url);
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const one = (cookie: string, n: number) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          agent,
          headers: {
            cookie,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'idempotency-key': `bench-${n}-${crypto.randomUUID()}`,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode === 200) {
              ok++;
              latencies.push(performance.now() - t0);
            } else {
              errors++;
              firstError ??= `${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`;
            }
            resolve();
          });
        },
      );
      req.on('error', (e) => {
        errors++;
        firstError ??= String(e);
        resolve();
      });
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < cookies.length) {
        const n = next++;
        await one(cookies[n]!, n);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: ok / elapsed,
    ok,
    errors,
    firstError,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}

/**
 * The ceiling of answering: what the database alone costs for the rows one answer writes (the
 * participant's flag, the response, its answer rows, the survey's count), one transaction per
 * answer, one client, with the same durability (SQLite `synchronous=FULL`), into a copy of the survey.
 */
async function bareAnswering(database: Database, surveyId: number, n: number): Promise<number> {
  const survey = await database.db
    .selectFrom('surveys')
    .selectAll()
    .where('id', '=', surveyId)
    .executeTakeFirstOrThrow();
  const { id: copyId } = await database.db
    .insertInto('surveys')
    .values({ ...survey, id: undefined, title: '答卷压测（裸写）', response_count: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const people = await database.db
    .selectFrom('survey_participants')
    .select(['account_id', 'department_id', 'role', 'unit_id'])
    .where('survey_id', '=', surveyId)
    .limit(n)
    .execute();
  await database.db
    .insertInto('survey_participants')
    .values(people.map((p) => ({ ...p, survey_id: copyId, answered: 0 })))
    .execute();
  const answers = fullAnswerRows();
  const today = new Date().toISOString().slice(0, 10);
  const t0 = performance.now();
  for (const p of people) {
    await database.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('survey_participants')
        .set({ answered: 1 })
        .where('survey_id', '=', copyId)
        .where('account_id', '=', p.account_id)
        .execute();
      const id = crypto.randomBytes(16).toString('base64url').slice(0, 22);
      await tx
        .insertInto('survey_responses')
        .values({
          id,
          unit_id: p.unit_id,
          survey_id: copyId,
          account_id: null,
          department_id: p.department_id,
          role: p.role,
          submitted_on: today,
        })
        .execute();
      await tx
        .insertInto('survey_answers')
        .values(
          answers.map((a, seq) => ({
            ...a,
            response_id: id,
            seq,
            unit_id: p.unit_id,
            survey_id: copyId,
          })),
        )
        .execute();
      await tx
        .updateTable('surveys')
        .set((eb) => ({ response_count: eb('response_count', '+', 1) }))
        .where('id', '=', copyId)
        .execute();
    });
  }
  return people.length / ((performance.now() - t0) / 1000);
}

/** The answer rows of `fullAnswers()`, in the encoding of migration 0011. */
function fullAnswerRows(): Row[] {
  const rows: Row[] = [];
  const a = fullAnswers();
  const row = (question_id: string, v: Partial<Row>): Row => ({
    question_id,
    option_index: null,
    row_index: null,
    value_num: null,
    value_text: null,
    ...v,
  });
  for (const q of QUESTIONS) {
    const x = a[q.id]!;
    if (x.choice !== undefined) rows.push(row(q.id, { option_index: x.choice }));
    for (const c of x.choices ?? []) rows.push(row(q.id, { option_index: c }));
    if (x.value !== undefined) rows.push(row(q.id, { value_num: x.value }));
    if (x.text !== undefined) rows.push(row(q.id, { value_text: x.text }));
    (x.rows ?? []).forEach((c, i) => rows.push(row(q.id, { row_index: i, option_index: c })));
    (x.order ?? []).forEach((o, rank) =>
      rows.push(row(q.id, { option_index: o, row_index: rank })),
    );
  }
  return rows;
}

async function measureAnswering(target: Target, unit: TestUnit, results: BenchResult[]) {
  const { database, label } = target;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-surveys-data-'));
  const config = { ...loadConfig({ LIANXIN_DATA_DIR: dir }), port: 0 };
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  try {
    const name = `answering (POST /api/surveys/:id/responses, 20 questions), ${label}, ${CLIENTS} clients`;
    if (!app.lianxinRoutes.includes('POST /api/surveys/:id/responses')) {
      results.push({ name: `${name}: skipped: answering not built`, value: 0, unit: 'answers/s' });
      return;
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const now = new Date().toISOString();
    const { id: surveyId } = await database.db
      .insertInto('surveys')
      .values({
        unit_id: unit.unitId,
        title: '答卷压测',
        status: 'open',
        anonymous: 1,
        audience: JSON.stringify({ departmentIds: [], roles: [] }),
        questions: JSON.stringify(QUESTIONS),
        locked: 0,
        opens_at: now,
        closes_at: null,
        owner_department_id: null,
        created_by: unit.users.office.accountId,
        created_at: now,
        updated_at: now,
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cookies = await staffSessions(database, unit, {
      count: ANSWERERS,
      prefix: 'A',
      name: '答卷',
      each: async (tx, accountId) => {
        await tx
          .insertInto('survey_participants')
          .values({
            survey_id: surveyId,
            account_id: accountId,
            unit_id: unit.unitId,
            department_id: unit.departments.surgery,
            role: 'staff',
            answered: 0,
          })
          .execute();
      },
    });
    const body = JSON.stringify({ answers: fullAnswers() });
    const url = `${base}/api/surveys/${surveyId}/responses`;
    // Warm-up: the first CLIENTS accounts; then the others, CLIENTS at a time.
    const warm = await answerLoad(url, cookies.slice(0, CLIENTS), body);
    if (warm.errors) {
      results.push({
        name: `${name}: skipped: the route answers ${warm.firstError ?? '?'}`,
        value: 0,
        unit: 'answers/s',
      });
      return;
    }
    const run = await answerLoad(url, cookies.slice(CLIENTS), body);
    const bare = await bareAnswering(database, surveyId, run.ok);
    results.push({
      name: `${name} (${run.ok} answers, p99 ${run.p99.toFixed(0)} ms${run.errors ? `, ${run.errors} errors: ${run.firstError}` : ''})`,
      value: run.perSecond,
      unit: 'answers/s',
      ceiling: {
        name: 'the same rows written bare, one transaction per answer, same durability',
        value: bare,
      },
    });
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(target: Target, results: BenchResult[]) {
  const unit = await seedTestUnit(target.database);
  await measureResults(target, unit, results);
  await measureAnswering(target, unit, results);
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const lite = await sqliteTarget('surveys');
  try {
    await measure(lite, results);
  } finally {
    await lite.cleanup();
  }
  if (PG_URL) {
    const pgT = await pgTarget(PG_URL);
    try {
      await measure(pgT, results);
    } finally {
      await pgT.cleanup();
    }
  }
  return results;
}

// `npx tsx bench/surveys.ts`: this benchmark alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) {
    process.stdout.write(
      `${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.ceiling ? ` (ceiling ${r.ceiling.name}: ${r.ceiling.value.toFixed(1)})` : ''}\n`,
    );
  }
}
