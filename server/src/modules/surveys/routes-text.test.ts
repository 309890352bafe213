import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '@lianxin/common';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { describeEachDb } from '../../../../test/db.js';
import { registerCleanup, signInRoles, testApp } from '../../../../test/app.js';
import { seedTestUnit, type TestUnit } from '../../../../test/fixtures.js';
import { questionSchema, type Question, type QuestionInput } from './questions.js';
import { contentDisposition } from '../../core/files/names.js';

registerCleanup();

const QUESTIONS: QuestionInput[] = [
  {
    id: 'dept',
    type: 'single',
    title: '您所在的科室类型是？',
    required: true,
    options: ['临床', '医技', '行政后勤'],
  },
  {
    id: 'improve',
    type: 'multiple',
    title: '您希望改进的方面',
    options: ['食堂', '停车', '值班室', '培训'],
    maxChoices: 3,
    randomize: true,
    showIf: { questionId: 'dept', optionIndexes: [0, 1] },
  },
  {
    id: 'canteen',
    type: 'scale',
    title: '您对食堂的满意程度',
    scale: { min: 1, max: 5, minLabel: '非常不满意', maxLabel: '非常满意' },
  },
  { id: 'nps', type: 'nps', title: '您向朋友推荐本院工作的可能性', required: true },
  {
    id: 'grid',
    type: 'matrix',
    title: '请评价下列后勤服务',
    rows: ['水电维修', '保洁'],
    options: ['满意', '一般', '不满意'],
  },
  { id: 'rank', type: 'ranking', title: '请将福利项目排序', options: ['体检', '疗休养', '托育'] },
  { id: 'name', type: 'text', title: '您的工号' },
  { id: 'advice', type: 'text', title: '意见和建议', long: true, description: '请具体说明' },
];

describeEachDb('survey text routes', (kind) => {
  let app: App;
  let database: Database;
  let unit: TestUnit;
  let second: TestUnit;
  const cookie: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    ({ app, database } = await testApp(kind));
    unit = await seedTestUnit(database, 'T1');
    second = await seedTestUnit(database, 'T2');
    Object.assign(
      cookie,
      await signInRoles(app, unit, ['staff', 'office', 'department_head', 'leader'] as const),
    );
  });

  const call = (role: Role, method: 'GET' | 'POST', url: string, payload?: object, lang?: string) =>
    app.inject({
      method,
      url,
      headers: { cookie: cookie[role]!, ...(lang ? { 'accept-language': lang } : {}) },
      ...(payload ? { payload } : {}),
    });

  async function insertSurvey(
    of: TestUnit,
    title: string,
    questions: QuestionInput[],
    ownerDepartmentId: number | null = null,
  ): Promise<number> {
    const now = new Date().toISOString();
    const row = await database.db
      .insertInto('surveys')
      .values({
        unit_id: of.unitId,
        title,
        description: '请如实填写。\n问卷匿名。',
        status: 'draft',
        anonymous: 1,
        audience: JSON.stringify({ departmentIds: [], roles: [] }),
        questions: JSON.stringify(questions.map((q) => questionSchema.parse(q))),
        locked: 0,
        opens_at: null,
        closes_at: null,
        owner_department_id: ownerDepartmentId,
        created_by: of.users.office.accountId,
        created_at: now,
        updated_at: now,
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const importText = (role: Role, text: unknown, lang?: string) =>
    call(role, 'POST', '/api/surveys/import-text', { text }, lang);

  it('imports a pasted questionnaire for the office and department heads, saving nothing', async () => {
    const text = fs.readFileSync(
      path.join(import.meta.dirname, 'text-samples', 'hospital-staff-satisfaction.txt'),
      'utf8',
    );
    const before = await database.db.selectFrom('surveys').select('id').execute();
    for (const role of ['office', 'department_head'] as const) {
      const res = await importText(role, text);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.title).toBe('2026年度医院职工满意度调查问卷');
      expect(body.description).toContain('问卷匿名填写');
      expect(body.questions.map((q: Question) => [q.id, q.type, q.title])).toEqual([
        ['q1', 'single', '您所在的科室类型是？'],
        ['q2', 'single', '您在本院的工作年限'],
        ['q3', 'multiple', '您认为医院最需要改进的方面'],
        ['q4', 'scale', '您对医院整体工作环境的满意程度'],
        ['q5', 'scale', '您对后勤保障（维修、保洁、安保）的满意程度'],
        ['q6', 'text', '您对医院管理工作有哪些意见和建议？'],
      ]);
      // Every field of the question model, with its defaults.
      for (const q of body.questions) expect(questionSchema.parse(q)).toEqual(q);
      expect(body.questions[2]).toMatchObject({ maxChoices: 3, options: expect.any(Array) });
      expect(body.questions[2].options).toHaveLength(6);
      expect(body.problems).toEqual([]);
    }
    expect(await database.db.selectFrom('surveys').select('id').execute()).toEqual(before);
  });

  it('reports problems line by line in the language of the request', async () => {
    const text = '员工调查\n1. 您的科室 [单选题]\nA. 内科\n这一行多余\n2. 您的意见\n';
    const zh = await importText('office', text);
    expect(zh.statusCode).toBe(200);
    expect(zh.json().problems).toEqual(
      [
        { line: 4, code: 'unrecognized', message: '无法识别这一行：它既不是题目，也不是选项。' },
        { line: 2, code: 'fewOptions', message: '单选题至少需要两个选项。' },
        { line: 5, code: 'inferredText', message: '未标注题型，题目没有选项，已按填空题处理。' },
      ].sort((a, b) => a.line - b.line),
    );
    const en = await importText('office', text, 'en-US,en;q=0.9');
    expect(en.json().problems.map((p: { message: string }) => p.message)).toEqual([
      'A single choice question needs at least two options.',
      'Line not understood: it is neither a question nor an option.',
      'No question type given; the question has no options, so it was taken as text.',
    ]);
  });

  it('answers random text with a report per line, never an error', async () => {
    const res = await importText('office', '今天天气不错\n\n{"a":1}\n<script>alert(1)</script>\n');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: null, questions: [] });
    expect(res.json().problems.map((p: { line: number }) => p.line)).toEqual([1, 3, 4]);
  });

  it('refuses empty, too long and malformed text with stable codes', async () => {
    for (const text of ['', '  \n\t\n']) {
      const res = await importText('office', text);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('SURVEY_TEXT_EMPTY');
      expect(res.json().error.message).toBe('请粘贴问卷内容。');
    }
    const long = await importText('office', `1. 题目 [填空题]\n${'很'.repeat(100_000)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('SURVEY_TEXT_TOO_LONG');
    const en = await importText('office', '', 'en');
    expect(en.json().error.message).toBe('Please paste the questionnaire.');
    for (const payload of [{}, { text: 42 }, { text: ['a'] }]) {
      const res = await call('office', 'POST', '/api/surveys/import-text', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses the import to staff and leaders (403) and to nobody signed in (401)', async () => {
    for (const role of ['staff', 'leader'] as const) {
      const res = await importText(role, '1. 题目 [填空题]');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/surveys/import-text',
      payload: { text: '1. 题目 [填空题]' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('exports a survey as text that imports back to the same questions', async () => {
    const id = await insertSurvey(unit, '2026年职工满意度调查', QUESTIONS);
    const res = await call('office', 'GET', `/api/surveys/${id}/export-text`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="2026${'_'.repeat(8)}.txt"; filename*=UTF-8''${encodeURIComponent('2026年职工满意度调查.txt')}`,
    );
    const text = res.body;
    expect(text.split('\n').slice(0, 5)).toEqual([
      '2026年职工满意度调查',
      '请如实填写。',
      '问卷匿名。',
      '',
      '1. 您所在的科室类型是？ [单选题][必答]',
    ]);

    const back = await importText('office', text);
    expect(back.statusCode).toBe(200);
    const parsed = back.json();
    expect(parsed.problems).toEqual([]);
    expect(parsed.title).toBe('2026年职工满意度调查');
    expect(parsed.description).toBe('请如实填写。\n问卷匿名。');
    const ids = new Map(QUESTIONS.map((q, i) => [q.id, `q${i + 1}`]));
    expect(parsed.questions).toEqual(
      QUESTIONS.map((q, i) => {
        const full = questionSchema.parse(q);
        return {
          ...full,
          id: `q${i + 1}`,
          showIf: full.showIf
            ? { ...full.showIf, questionId: ids.get(full.showIf.questionId) }
            : null,
        };
      }),
    );
  });

  it("lets a department head export their department's survey but not the office's", async () => {
    const own = await insertSurvey(
      unit,
      '心内科科室调查',
      QUESTIONS.slice(0, 2),
      unit.departments.cardiology,
    );
    const office = await insertSurvey(unit, '全院调查', QUESTIONS.slice(0, 2));
    const surgery = await insertSurvey(
      unit,
      '外科调查',
      QUESTIONS.slice(0, 2),
      unit.departments.surgery,
    );
    expect(
      (await call('department_head', 'GET', `/api/surveys/${own}/export-text`)).statusCode,
    ).toBe(200);
    for (const id of [office, surgery]) {
      const res = await call('department_head', 'GET', `/api/surveys/${id}/export-text`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('SURVEY_NOT_FOUND');
    }
    expect((await call('office', 'GET', `/api/surveys/${surgery}/export-text`)).statusCode).toBe(
      200,
    );
  });

  it('documents both routes in the OpenAPI document under the surveys tag', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/surveys/import-text'].post.tags).toEqual(['surveys']);
    expect(doc.paths['/api/surveys/{id}/export-text'].get.tags).toEqual(['surveys']);
  });

  it("answers 404 for another unit's survey or a missing one, and 403 to staff", async () => {
    const foreign = await insertSurvey(second, '外单位问卷', QUESTIONS.slice(0, 1));
    for (const id of [foreign, 999_999]) {
      const res = await call('office', 'GET', `/api/surveys/${id}/export-text`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('SURVEY_NOT_FOUND');
      expect(res.body).not.toContain('外单位问卷');
    }
    const mine = await insertSurvey(unit, '本单位问卷', QUESTIONS.slice(0, 1));
    for (const role of ['staff', 'leader'] as const) {
      const res = await call(role, 'GET', `/api/surveys/${mine}/export-text`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const bad = await call('office', 'GET', '/api/surveys/abc/export-text');
    expect(bad.statusCode).toBe(400);
  });
});

it('encodes attachment names per RFC 5987', () => {
  expect(contentDisposition('attachment', "问卷 (草稿)'*.txt")).toBe(
    `attachment; filename="__ (__)'*.txt"; filename*=UTF-8''%E9%97%AE%E5%8D%B7%20%28%E8%8D%89%E7%A8%BF%29%27%2A.txt`,
  );
});
