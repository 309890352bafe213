import crypto from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Database } from '../../db/database.js';
import * as org from '../../core/org/repository.js';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, signInRoles, testApp } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import type { App } from '../../app.js';
import { questionSchema, type QuestionInput } from './questions.js';
import { findSurvey } from './repository.js';
import { surveyResults, type SurveyResults } from './results.js';
import { surveyStatistics, type SurveyMonthStatistics } from './statistics.js';

registerCleanup();

const QUESTIONS: QuestionInput[] = [
  { id: 'q1', type: 'single', title: '您对食堂的总体评价', options: ['满意', '一般', '不满意'] },
  { id: 'q2', type: 'multiple', title: '您常去哪些窗口', options: ['面食', '米饭', '清真'] },
  { id: 'q3', type: 'scale', title: '排队时间', scale: { min: 1, max: 5 } },
  { id: 'q4', type: 'nps', title: '您会向同事推荐食堂吗' },
  {
    id: 'q5',
    type: 'matrix',
    title: '各项评价',
    rows: ['口味', '卫生'],
    options: ['好', '中', '差'],
  },
  { id: 'q6', type: 'ranking', title: '改进的先后', options: ['价格', '口味', '环境'] },
  { id: 'q7', type: 'text', title: '其他建议' },
  { id: 'q8', type: 'text', title: '对窗口师傅的意见' },
];

const newId = () => crypto.randomBytes(16).toString('base64url');

/** `count` people in a department with accounts (participants need accounts). */
async function people(
  database: Database,
  unitId: number,
  departmentId: number,
  count: number,
  prefix: string,
): Promise<number[]> {
  const now = new Date().toISOString();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const staffNo = `${prefix}${String(i).padStart(3, '0')}`;
    const personId = await org.insertPerson(
      database.db,
      unitId,
      {
        staff_no: staffNo,
        name: `职工${staffNo}`,
        department_id: departmentId,
        position: null,
        phone: null,
        political_status: 'masses',
        congress_delegate: 0,
      },
      now,
    );
    ids.push(
      await org.insertAccount(database.db, {
        unitId,
        personId,
        username: staffNo,
        displayName: `职工${staffNo}`,
        passwordHash: 'x',
        mustChange: false,
        now,
      }),
    );
  }
  return ids;
}

async function insertSurvey(
  database: Database,
  unit: TestUnit,
  opts: {
    anonymous: boolean;
    ownerDepartmentId?: number | null;
    status?: string;
    closedAt?: string;
  },
): Promise<number> {
  const now = new Date().toISOString();
  const row = await database.db
    .insertInto('surveys')
    .values({
      unit_id: unit.unitId,
      title: '食堂满意度调查',
      status: opts.status ?? 'open',
      anonymous: opts.anonymous ? 1 : 0,
      audience: JSON.stringify({ departmentIds: [], roles: [] }),
      questions: JSON.stringify(QUESTIONS.map((q) => questionSchema.parse(q))),
      locked: 1,
      opens_at: '2026-11-02T00:00:00.000Z',
      closes_at: null,
      owner_department_id: opts.ownerDepartmentId ?? null,
      created_by: unit.users.office.accountId,
      created_at: now,
      updated_at: now,
      closed_at: opts.closedAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type AnswerRow = {
  question_id: string;
  option_index?: number;
  row_index?: number;
  value_num?: number;
  value_text?: string;
};

/** One response with its answer rows, as the submit command stores them. */
async function respond(
  database: Database,
  unitId: number,
  surveyId: number,
  group: { departmentId: number | null; role: string },
  answers: AnswerRow[],
  submittedOn = '2026-11-20',
) {
  const id = newId();
  await database.db
    .insertInto('survey_responses')
    .values({
      id,
      unit_id: unitId,
      survey_id: surveyId,
      account_id: null,
      department_id: group.departmentId,
      role: group.role,
      submitted_on: submittedOn,
    })
    .execute();
  if (answers.length) {
    await database.db
      .insertInto('survey_answers')
      .values(
        answers.map((a, seq) => ({
          response_id: id,
          seq,
          unit_id: unitId,
          survey_id: surveyId,
          question_id: a.question_id,
          option_index: a.option_index ?? null,
          row_index: a.row_index ?? null,
          value_num: a.value_num ?? null,
          value_text: a.value_text ?? null,
        })),
      )
      .execute();
  }
}

/**
 * The hand-made data set: 17 responses, i = 0..16; 外科 i < 8, 内科 i < 14, 心内科 the rest;
 * role 科室负责人 when i % 4 == 0. Participants: 外科 10 invited 8 answered, 内科 7/6,
 * 心内科 4/3, 党委办公室 2/0.
 */
async function fill(database: Database, unit: TestUnit, surveyId: number) {
  const d = unit.departments;
  for (const [dep, invited, answered, prefix] of [
    [d.surgery, 10, 8, 'S'],
    [d.internal, 7, 6, 'I'],
    [d.cardiology, 4, 3, 'C'],
    [d.office, 2, 0, 'O'],
  ] as const) {
    const accounts = await people(
      database,
      unit.unitId,
      dep,
      invited,
      `${unit.code}${surveyId}${prefix}`,
    );
    await database.db
      .insertInto('survey_participants')
      .values(
        accounts.map((accountId, i) => ({
          survey_id: surveyId,
          account_id: accountId,
          unit_id: unit.unitId,
          department_id: dep,
          role: 'staff',
          answered: i < answered ? 1 : 0,
        })),
      )
      .execute();
  }
  for (let i = 0; i < 17; i++) {
    const departmentId = i < 8 ? d.surgery : i < 14 ? d.internal : d.cardiology;
    const role = i % 4 === 0 ? 'department_head' : 'staff';
    const a: AnswerRow[] = [{ question_id: 'q1', option_index: i % 3 }];
    if (i < 10) {
      a.push({ question_id: 'q2', option_index: 0 });
      if (i % 2 === 0) a.push({ question_id: 'q2', option_index: 1 });
    }
    a.push({ question_id: 'q3', value_num: (i % 5) + 1 });
    a.push({ question_id: 'q4', value_num: i % 11 });
    a.push({ question_id: 'q5', row_index: 0, option_index: i % 3 });
    if (i < 12) a.push({ question_id: 'q5', row_index: 1, option_index: 2 });
    const order = i % 2 === 0 ? [0, 1, 2] : [2, 0, 1];
    order.forEach((o, rank) => a.push({ question_id: 'q6', option_index: o, row_index: rank }));
    if (i < 12) a.push({ question_id: 'q7', value_text: `建议${i}` });
    if (i < 4) a.push({ question_id: 'q8', value_text: `师傅${i}` });
    await respond(database, unit.unitId, surveyId, { departmentId, role }, a);
  }
}

describeEachDb('survey results', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let second: TestUnit;
  let cookies: Record<'office' | 'leader' | 'staff' | 'department_head' | 'supervisor', string>;
  let anonymousId: number;
  let namedId: number;
  let headsId: number;

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database, 'R1');
    second = await seedTestUnit(database, 'R2');
    anonymousId = await insertSurvey(database, unit, { anonymous: true });
    await fill(database, unit, anonymousId);
    namedId = await insertSurvey(database, unit, {
      anonymous: false,
      status: 'closed',
      closedAt: '2026-11-25T02:00:00.000Z',
    });
    await respond(
      database,
      unit.unitId,
      namedId,
      { departmentId: unit.departments.surgery, role: 'staff' },
      [
        { question_id: 'q1', option_index: 0 },
        { question_id: 'q7', value_text: '实名的建议' },
      ],
    );
    headsId = await insertSurvey(database, unit, {
      anonymous: true,
      ownerDepartmentId: unit.departments.cardiology,
    });
    cookies = await signInRoles(app, unit, [
      'office',
      'leader',
      'staff',
      'department_head',
      'supervisor',
    ]);
  });

  const get = (url: string, cookie: string, lang = 'zh-CN') =>
    app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': lang } });

  it('counts every question type exactly', async () => {
    const res = await get(`/api/surveys/${anonymousId}/results`, cookies.office);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as SurveyResults;
    expect([r.k, r.commentK, r.crossTab]).toEqual([5, 10, null]);
    const q = Object.fromEntries(r.questions.map((x) => [x.id, x]));
    expect(q.q1).toMatchObject({
      type: 'single',
      answered: 17,
      options: [
        { label: '满意', count: 6, share: 0.3529 },
        { label: '一般', count: 6, share: 0.3529 },
        { label: '不满意', count: 5, share: 0.2941 },
      ],
    });
    expect(q.q2).toMatchObject({
      answered: 10,
      options: [
        { label: '面食', count: 10, share: 1 },
        { label: '米饭', count: 5, share: 0.5 },
        { label: '清真', count: 0, share: 0 },
      ],
    });
    expect(q.q3).toMatchObject({
      answered: 17,
      average: 2.82,
      distribution: [
        { value: 1, count: 4 },
        { value: 2, count: 4 },
        { value: 3, count: 3 },
        { value: 4, count: 3 },
        { value: 5, count: 3 },
      ],
    });
    expect(q.q4!.answered).toBe(17);
    expect(q.q4!.distribution!.map((x) => x.count)).toEqual([2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1]);
    expect(q.q4!.nps).toEqual({ promoters: 2, passives: 2, detractors: 13, score: -64.7 });
    expect(q.q5).toMatchObject({
      answered: 17,
      matrix: {
        rows: ['口味', '卫生'],
        columns: ['好', '中', '差'],
        counts: [
          [6, 6, 5],
          [0, 0, 12],
        ],
      },
    });
    expect(q.q6).toMatchObject({
      answered: 17,
      ranking: [
        { label: '价格', averageRank: 1.47, firstCount: 9 },
        { label: '口味', averageRank: 2.47, firstCount: 0 },
        { label: '环境', averageRank: 2.06, firstCount: 8 },
      ],
    });
    // 12 writers: listed (anonymous, ≥ 10); 4 writers: hidden, the count stays.
    expect(q.q7!.answered).toBe(12);
    expect(q.q7!.texts!.shown).toBe(true);
    expect([...q.q7!.texts!.items].sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `建议${i}`).sort(),
    );
    expect(q.q8!.texts).toEqual({ shown: false, items: [], total: 4 });
  });

  it('gives the response rate, hiding small departments with a complementary one', async () => {
    const r = (
      await get(`/api/surveys/${anonymousId}/results`, cookies.leader)
    ).json() as SurveyResults;
    expect(r.rate).toMatchObject({ invited: 23, answered: 17, rate: 0.7391 });
    const by = Object.fromEntries(r.rate.byDepartment.map((d) => [d.name, d]));
    expect(by['外科']).toMatchObject({ invited: 10, answered: 8, rate: 0.8, suppressed: false });
    // 心内科 3 and 党委办公室 0 are under k, together 3 < k: 内科 (6, the smallest shown) goes too.
    for (const name of ['心内科', '党委办公室', '内科']) {
      expect(by[name]).toMatchObject({ answered: null, rate: null, suppressed: true });
    }
    expect(by['内科']!.invited).toBe(7);
  });

  it('breaks a question down by department under the k rule, with a complementary row', async () => {
    const res = await get(
      `/api/surveys/${anonymousId}/results?by=department&questionId=q1`,
      cookies.office,
    );
    const x = (res.json() as SurveyResults).crossTab!;
    expect(x.by).toBe('department');
    expect(x.columns).toEqual(['满意', '一般', '不满意']);
    const rows = Object.fromEntries(x.rows.map((row) => [row.group, row]));
    expect(rows['外科']).toEqual({ group: '外科', n: 8, counts: [3, 3, 2], suppressed: false });
    expect(rows['心内科']).toEqual({
      group: '心内科',
      n: null,
      counts: [null, null, null],
      suppressed: true,
    });
    // 内科 has 6 (≥ k) but is hidden so that 心内科 is not the total minus 外科.
    expect(rows['内科']!.suppressed).toBe(true);
    expect(x.rows).toHaveLength(3);
  });

  it('breaks a scale down by role, counting each value', async () => {
    const res = await get(
      `/api/surveys/${anonymousId}/results?by=role&questionId=q3`,
      cookies.office,
      'en',
    );
    const x = (res.json() as SurveyResults).crossTab!;
    expect(x.columns).toEqual(['1', '2', '3', '4', '5']);
    // Heads: i = 0, 4, 8, 12, 16 → values 1, 5, 4, 3, 2.
    expect(x.rows).toEqual([
      { group: 'Department head', n: 5, counts: [1, 1, 1, 1, 1], suppressed: false },
      { group: 'Staff', n: 12, counts: [3, 3, 2, 2, 2], suppressed: false },
    ]);
  });

  it('counts the people of a multiple choice once per group', async () => {
    const res = await get(
      `/api/surveys/${anonymousId}/results?by=role&questionId=q2`,
      cookies.office,
    );
    const x = (res.json() as SurveyResults).crossTab!;
    // i < 10: heads 0, 4, 8 (3 people) and 7 staff: both groups hidden (3 < k, then its complement).
    expect(x.rows.map((r) => [r.n, r.suppressed])).toEqual([
      [null, true],
      [null, true],
    ]);
  });

  it('refuses a question that is not there or cannot be broken down', async () => {
    const bad = await get(
      `/api/surveys/${anonymousId}/results?by=role&questionId=zz`,
      cookies.office,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SURVEY_RESULTS_QUESTION_INVALID');
    const text = await get(
      `/api/surveys/${anonymousId}/results?by=role&questionId=q7`,
      cookies.office,
    );
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('SURVEY_RESULTS_CROSS_TAB_TYPE');
    const by = await get(`/api/surveys/${anonymousId}/results?by=age`, cookies.office);
    expect(by.statusCode).toBe(400);
  });

  it('lists texts in the order of the random response ids, not of answering', async () => {
    const r = (
      await get(`/api/surveys/${anonymousId}/results`, cookies.office)
    ).json() as SurveyResults;
    const stored = await database.db
      .selectFrom('survey_answers')
      .select(['value_text'])
      .where('survey_id', '=', anonymousId)
      .where('question_id', '=', 'q7')
      .orderBy('response_id')
      .execute();
    const items = r.questions.find((q) => q.id === 'q7')!.texts!.items;
    expect(items).toEqual(stored.map((x) => x.value_text));
    // Answered as 建议0, 建议1, …: the list is not that order (random ids; 1 in 12! it would be).
    expect(items).not.toEqual(Array.from({ length: 12 }, (_, i) => `建议${i}`));
  });

  it('lists a named survey’s few text answers, without names', async () => {
    const r = (
      await get(`/api/surveys/${namedId}/results`, cookies.office)
    ).json() as SurveyResults;
    const q7 = r.questions.find((q) => q.id === 'q7')!;
    expect(q7.texts).toEqual({ shown: true, items: ['实名的建议'], total: 1 });
    expect(JSON.stringify(r)).not.toContain('R1');
  });

  it('answers 403 to roles that never see results and 404 outside the scope', async () => {
    for (const role of ['staff', 'supervisor'] as const) {
      const res = await get(`/api/surveys/${anonymousId}/results`, cookies[role]);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      const x = await get(`/api/surveys/${anonymousId}/results.xlsx`, cookies[role]);
      expect(x.statusCode).toBe(403);
    }
    // A head of 心内科: not the office's survey, but their department's.
    const office = await get(`/api/surveys/${anonymousId}/results`, cookies.department_head);
    expect(office.statusCode).toBe(404);
    expect(office.json().error.code).toBe('SURVEY_RESULTS_NOT_FOUND');
    const own = await get(`/api/surveys/${headsId}/results`, cookies.department_head);
    expect(own.statusCode).toBe(200);
    expect((own.json() as SurveyResults).rate.invited).toBe(0);
    const missing = await get(`/api/surveys/999999/results`, cookies.office);
    expect(missing.statusCode).toBe(404);
    // Another unit's office does not find it.
    const [foreign] = Object.values(await signInRoles(app, second, ['office']));
    expect((await get(`/api/surveys/${anonymousId}/results`, foreign!)).statusCode).toBe(404);
    expect((await get(`/api/surveys/${anonymousId}/results.xlsx`, foreign!)).statusCode).toBe(404);
  });

  it('exports the same figures to .xlsx, under the same rule', async () => {
    const res = await get(`/api/surveys/${anonymousId}/results.xlsx?questionId=q1`, cookies.office);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '各题结果',
      '回收率',
      '交叉分析',
      '文字回答',
    ]);
    const rows = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .filter(Boolean)
        .map((r) => (r as unknown[]).slice(1));
    const cross = rows('交叉分析');
    expect(cross).toContainEqual(['外科', 8, 3, 3, 2]);
    expect(cross).toContainEqual(['心内科', '不足 5 人，不显示']);
    expect(cross).toContainEqual(['内科', '不足 5 人，不显示']);
    const rates = rows('回收率');
    expect(rates).toContainEqual(['外科', 10, 8, 0.8]);
    expect(rates).toContainEqual(['内科', 7, '不足 5 人，不显示']);
    expect(rates).toContainEqual(['全单位', 23, 17, 0.7391]);
    const questions = rows('各题结果');
    expect(questions).toContainEqual([
      '您对食堂的总体评价',
      '单选题',
      17,
      undefined,
      '满意',
      6,
      0.3529,
    ]);
    const texts = rows('文字回答').flat();
    expect(texts).toContain('建议3');
    expect(texts).not.toContain('师傅1');
    // Exactly the figures of the screen: no number of a hidden group anywhere in the file.
    expect(JSON.stringify(cross)).not.toMatch(/"心内科",3/);
  });

  it('computes the same results through the function the route calls', async () => {
    const survey = (await findSurvey(database.db, unit.unitId, anonymousId))!;
    const r = await surveyResults(database, survey, {
      by: 'department',
      questionId: 'q1',
      locale: 'zh-CN',
    });
    const viaHttp = (
      await get(`/api/surveys/${anonymousId}/results?by=department&questionId=q1`, cookies.office)
    ).json();
    expect(r).toEqual(viaHttp);
  });

  it('gives the monthly report its figures, texts under the comment rule and no names', async () => {
    const s = (await surveyStatistics(database, unit.unitId, '2026-11')) as SurveyMonthStatistics;
    expect(s.month).toBe('2026-11');
    expect(s.closed).toBe(1);
    expect(s.open).toBe(3);
    expect(s.responses).toBe(18);
    expect(s.rate).toEqual({ invited: 23, answered: 17, rate: 0.7391 });
    const texts = s.texts.flatMap((t) => t.items);
    expect(texts).toHaveLength(12);
    expect(texts).not.toContain('师傅1');
    expect(texts).not.toContain('实名的建议');
    const other = (await surveyStatistics(
      database,
      unit.unitId,
      '2026-10',
    )) as SurveyMonthStatistics;
    expect([other.responses, other.closed, other.texts.length]).toEqual([0, 0, 0]);
    const foreign = (await surveyStatistics(
      database,
      second.unitId,
      '2026-11',
    )) as SurveyMonthStatistics;
    expect(foreign.responses).toBe(0);
  });
});
