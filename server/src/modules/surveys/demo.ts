import type { Actor } from '../../core/actor.js';
import { addDays, todayInShanghai } from '../../core/calendar/working-days.js';
import { FEATURED, prng } from '../../core/demo/generator.js';
import * as org from '../../core/org/repository.js';
import type { Database } from '../../db/database.js';
import { answerRows, checkAnswers } from './answers.js';
import { closeSurvey, createSurvey, newResponseId, openSurvey } from './commands.js';
import type { Answers, Question, QuestionInput } from './questions.js';
import * as repo from './repository.js';

/**
 * The demo unit's surveys: an open anonymous 职工满意度调查 with about 60 answers spread over the
 * departments (the featured staff member has not answered it: the end-to-end test does), and a
 * closed named 疗休养意向征集. Built through the commands (created, opened, closed, audited);
 * the sample answers are written straight into the answer tables, as submissions would.
 */

async function actorFor(
  db: Database['db'],
  unitId: number,
  username: string,
): Promise<Actor | null> {
  const account = await org.findAccountByUsername(db, unitId, username);
  if (!account || account.person_id === null) return null;
  const person = await org.getPerson(db, unitId, account.person_id);
  const roles = (await org.rolesByAccount(db, [account.id])).get(account.id) ?? [];
  return {
    accountId: account.id,
    unitId,
    personId: account.person_id,
    username,
    name: account.display_name,
    roles,
    departmentId: person?.department_id ?? null,
    sessionId: null,
  };
}

export const SATISFACTION_QUESTIONS: QuestionInput[] = [
  {
    id: 'q1',
    type: 'single',
    title: '您的岗位类型',
    options: ['医生', '护士', '医技', '行政后勤'],
    required: true,
  },
  {
    id: 'q2',
    type: 'scale',
    title: '您对目前工作环境的总体满意程度',
    scale: { min: 1, max: 5, minLabel: '很不满意', maxLabel: '非常满意' },
    required: true,
  },
  {
    id: 'q3',
    type: 'single',
    title: '近一个月您是否经常加班？',
    options: ['经常', '偶尔', '从不'],
    required: true,
  },
  {
    id: 'q4',
    type: 'multiple',
    title: '加班的主要原因（最多选两项）',
    options: ['人手不足', '临时任务多', '流程繁琐', '其他'],
    maxChoices: 2,
    required: true,
    showIf: { questionId: 'q3', optionIndexes: [0, 1] },
  },
  {
    id: 'q5',
    type: 'matrix',
    title: '请对以下方面作出评价',
    rows: ['薪酬待遇', '职业发展', '食堂伙食', '停车条件'],
    options: ['满意', '一般', '不满意'],
  },
  { id: 'q6', type: 'nps', title: '您有多大可能向亲友推荐来本院工作？' },
  {
    id: 'q7',
    type: 'ranking',
    title: '您最希望医院优先改善的方面（请排序）',
    options: ['食堂', '停车', '值班休息室', '培训机会'],
    randomize: true,
  },
  { id: 'q8', type: 'text', title: '其他意见和建议', long: true },
];

const COMMENTS = [
  '夜班后食堂没有热饭，希望延长供应时间。',
  '停车位太紧张，建议错峰或增加职工车位。',
  '值班休息室空调老旧，夏天很难休息。',
  '希望多组织院内业务培训，尤其是新技术。',
  '科室人手不足，连续排班太多。',
  '报销流程繁琐，希望能在手机上办理。',
  '',
  '',
  '',
];

const TRIP_QUESTIONS: QuestionInput[] = [
  {
    id: 't1',
    type: 'single',
    title: '您是否参加 2027 年度职工疗休养？',
    options: ['参加', '不参加'],
    required: true,
  },
  {
    id: 't2',
    type: 'single',
    title: '意向线路',
    options: ['省内康养线', '红色教育线', '海滨线'],
    required: true,
    showIf: { questionId: 't1', optionIndexes: [0] },
  },
  {
    id: 't3',
    type: 'multiple',
    title: '方便出行的季度',
    options: ['一季度', '二季度', '三季度', '四季度'],
    showIf: { questionId: 't1', optionIndexes: [0] },
  },
  { id: 't4', type: 'text', title: '其他要求' },
];

function sampleAnswers(questions: Question[], rnd: () => number): Answers {
  const pick = (n: number) => Math.floor(rnd() * n);
  const out: Answers = {};
  for (const q of questions) {
    if (q.showIf) {
      const a = out[q.showIf.questionId];
      const chosen = a?.choice !== undefined ? [a.choice] : (a?.choices ?? []);
      if (!chosen.some((c) => q.showIf!.optionIndexes.includes(c))) continue;
    }
    switch (q.type) {
      case 'single':
        out[q.id] = { choice: pick(q.options.length) };
        break;
      case 'multiple': {
        const max = q.maxChoices ?? q.options.length;
        const n = 1 + pick(Math.min(max, q.options.length));
        const all = [...q.options.keys()].sort(() => rnd() - 0.5);
        out[q.id] = { choices: all.slice(0, n) };
        break;
      }
      case 'scale':
        // Leaning satisfied, as such surveys do.
        out[q.id] = {
          value: Math.min(q.scale!.max, q.scale!.min + 1 + pick(q.scale!.max - q.scale!.min)),
        };
        break;
      case 'nps':
        out[q.id] = { value: Math.min(10, 4 + pick(7)) };
        break;
      case 'matrix':
        out[q.id] = { rows: q.rows.map(() => pick(q.options.length)) };
        break;
      case 'ranking':
        out[q.id] = { order: [...q.options.keys()].sort(() => rnd() - 0.5) };
        break;
      case 'text': {
        const text = COMMENTS[pick(COMMENTS.length)]!;
        if (text) out[q.id] = { text };
        break;
      }
    }
  }
  return out;
}

/** Write `count` sample responses from participants (never `skip`), dated over the last days. */
async function answerAsSample(
  database: Database,
  unitId: number,
  surveyId: number,
  count: number,
  skip: number | null,
  seed: number,
) {
  const rnd = prng(seed);
  const today = todayInShanghai();
  await database.db.transaction().execute(async (tx) => {
    const survey = (await repo.findSurvey(tx, unitId, surveyId))!;
    const people = await tx
      .selectFrom('survey_participants')
      .select(['account_id', 'department_id', 'role'])
      .where('survey_id', '=', surveyId)
      .orderBy('account_id')
      .execute();
    const chosen = people
      .filter((p) => p.account_id !== skip)
      .map((p) => ({ p, k: rnd() }))
      .sort((a, b) => a.k - b.k)
      .slice(0, count)
      .map((x) => x.p);
    const now = new Date().toISOString();
    for (const p of chosen) {
      const answers = checkAnswers(survey.questions, sampleAnswers(survey.questions, rnd));
      await repo.markAnswered(tx, surveyId, p.account_id, null);
      await repo.countResponse(tx, unitId, surveyId, now);
      const id = newResponseId();
      await repo.insertResponse(tx, {
        id,
        unitId,
        surveyId,
        accountId: survey.anonymous ? null : p.account_id,
        departmentId: p.department_id,
        role: p.role,
        submittedOn: addDays(today, -1 - Math.floor(rnd() * 5)),
      });
      await repo.insertAnswers(
        tx,
        { responseId: id, unitId, surveyId },
        answerRows(survey.questions, answers),
      );
    }
  });
}

export async function seedSurveysDemo(database: Database, unitId: number): Promise<void> {
  const office = await actorFor(database.db, unitId, FEATURED.office.staffNo);
  if (!office) return;
  const ctx = { database, actor: office };
  const featured = await org.findAccountByUsername(database.db, unitId, FEATURED.staff.staffNo);
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

  const satisfaction = await createSurvey(ctx, {
    title: '2026 年度职工满意度调查',
    description: '本问卷匿名填写，结果仅以汇总形式呈现，人数少于 5 人的分组不单独显示。',
    anonymous: true,
    audience: { departmentIds: [], roles: [] },
    opensAt: null,
    closesAt: inDays(14),
    questions: SATISFACTION_QUESTIONS as Question[],
  });
  await openSurvey(ctx, satisfaction);
  await answerAsSample(database, unitId, satisfaction, 60, featured?.id ?? null, 2026);

  const trip = await createSurvey(ctx, {
    title: '2027 年度职工疗休养意向征集',
    description: '实名填写，便于工会统筹安排。',
    anonymous: false,
    audience: { departmentIds: [], roles: [] },
    opensAt: null,
    closesAt: inDays(30),
    questions: TRIP_QUESTIONS as Question[],
  });
  await openSurvey(ctx, trip);
  await answerAsSample(database, unitId, trip, 25, null, 2027);
  await closeSurvey(ctx, trip);
}
