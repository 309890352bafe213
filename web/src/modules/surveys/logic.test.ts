import { describe, expect, it } from 'vitest';
import { surveysWebEn, surveysWebZhCN } from '../../../../common/src/modules/surveys-web';
import {
  answerProblems,
  answersToSend,
  blankQuestion,
  builderProblems,
  cleanShowIf,
  completeQuestion,
  displayOrder,
  emptySurvey,
  inputToBody,
  moveInOrder,
  moveQuestion,
  nextQuestionId,
  npsScore,
  removeOption,
  removeQuestion,
  restoreDraft,
  retype,
  visibleIds,
} from './logic';
import type { Question, QuestionType } from './types';

const q = (id: string, type: QuestionType, over: Partial<Question> = {}): Question => ({
  ...retype(blankQuestion(type, []), type),
  id,
  title: `题目 ${id}`,
  options: ['single', 'multiple', 'ranking', 'matrix'].includes(type) ? ['甲', '乙', '丙'] : [],
  ...over,
});

/** q1 single; q2 shown when q1 = 乙; q3 shown when q2 has 甲; q4 text always shown. */
const chain = (): Question[] => [
  q('q1', 'single', { required: true }),
  q('q2', 'multiple', { required: true, showIf: { questionId: 'q1', optionIndexes: [1] } }),
  q('q3', 'text', { required: true, showIf: { questionId: 'q2', optionIndexes: [0] } }),
  q('q4', 'text'),
];

describe('show-if', () => {
  it('shows a question only while its condition option is chosen, through chains', () => {
    const qs = chain();
    expect([...visibleIds(qs, {})]).toEqual(['q1', 'q4']);
    expect([...visibleIds(qs, { q1: { choice: 1 } })]).toEqual(['q1', 'q2', 'q4']);
    expect([...visibleIds(qs, { q1: { choice: 1 }, q2: { choices: [0] } })]).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
    ]);
    // q1 changed: q2 hides, and so does q3 although q2's stale answer still names 甲.
    expect([...visibleIds(qs, { q1: { choice: 2 }, q2: { choices: [0] } })]).toEqual(['q1', 'q4']);
  });

  it('drops the answers of hidden and unanswered questions before sending', () => {
    const qs = chain();
    const sent = answersToSend(qs, {
      q1: { choice: 0 },
      q2: { choices: [2, 0] },
      q3: { text: 'hidden text' },
      q4: { text: '  留言  ' },
    });
    expect(sent).toEqual({ q1: { choice: 0 }, q4: { text: '留言' } });
    expect(
      answersToSend(qs, { q1: { choice: 1 }, q2: { choices: [2, 0] }, q4: { text: ' ' } }),
    ).toEqual({
      q1: { choice: 1 },
      q2: { choices: [0, 2] },
    });
  });

  it('checks required questions only while shown, and the maximum of a multiple choice', () => {
    const qs = chain();
    qs[1] = { ...qs[1]!, maxChoices: 1 };
    expect(answerProblems(qs, {})).toEqual({ q1: 'required' });
    expect(answerProblems(qs, { q1: { choice: 1 } })).toEqual({ q2: 'required' });
    expect(answerProblems(qs, { q1: { choice: 1 }, q2: { choices: [0, 1] } })).toEqual({
      q2: 'maxChoices',
      q3: 'required',
    });
    expect(
      answerProblems(qs, { q1: { choice: 1 }, q2: { choices: [0] }, q3: { text: '好' } }),
    ).toEqual({});
  });

  it('asks for every row of a required matrix, and keeps a saved draft to existing questions', () => {
    const m = q('m', 'matrix', { required: true, rows: ['食堂', '班车'] });
    expect(answerProblems([m], { m: { rows: [0, null] } })).toEqual({ m: 'matrixRows' });
    expect(answerProblems([m], { m: { rows: [0, 2] } })).toEqual({});
    expect(answersToSend([m], { m: { rows: [1] } })).toEqual({ m: { rows: [1, null] } });
    expect(restoreDraft([m], { m: { rows: [1] }, gone: { text: 'x' } })).toEqual({
      m: { rows: [1] },
    });
    expect(restoreDraft([m], null)).toEqual({});
  });
});

describe('answering helpers', () => {
  it('uses the per-person option order only when it is a permutation', () => {
    expect(displayOrder({ options: ['a', 'b', 'c'], optionOrder: [2, 0, 1] })).toEqual([2, 0, 1]);
    expect(displayOrder({ options: ['a', 'b', 'c'], optionOrder: [2, 2, 1] })).toEqual([0, 1, 2]);
    expect(displayOrder({ options: ['a', 'b', 'c'] })).toEqual([0, 1, 2]);
  });

  it('moves a ranked option up and down, never off the ends', () => {
    expect(moveInOrder([0, 1, 2], 2, -1)).toEqual([0, 2, 1]);
    expect(moveInOrder([0, 1, 2], 0, -1)).toEqual([0, 1, 2]);
    expect(moveInOrder([0, 1, 2], 2, 1)).toEqual([0, 1, 2]);
  });

  it('computes NPS as % promoters minus % detractors', () => {
    expect(
      npsScore([
        { value: 10, count: 5 },
        { value: 8, count: 3 },
        { value: 3, count: 2 },
      ]),
    ).toBe(30);
    expect(npsScore([])).toBeNull();
  });
});

describe('builder', () => {
  it('drops a show-if condition that no longer points at an earlier choice question', () => {
    const qs = chain();
    // q2 moved above q1: its condition would point forward.
    const moved = moveQuestion(qs, 1, -1);
    expect(moved.map((x) => x.id)).toEqual(['q2', 'q1', 'q3', 'q4']);
    expect(moved[0]!.showIf).toBeNull();
    expect(moved[2]!.showIf).toEqual({ questionId: 'q2', optionIndexes: [0] });
    // Deleting q2 removes q3's condition.
    expect(removeQuestion(qs, 1)[1]!.showIf).toBeNull();
    // q1 becomes a text question: q2's condition goes.
    const retyped = cleanShowIf(qs.map((x, i) => (i === 0 ? retype(x, 'text') : x)));
    expect(retyped[1]!.showIf).toBeNull();
  });

  it('renumbers show-if options when an option is removed', () => {
    const qs = [
      q('q1', 'single'),
      q('q2', 'text', { showIf: { questionId: 'q1', optionIndexes: [0, 2] } }),
      q('q3', 'text', { showIf: { questionId: 'q1', optionIndexes: [1] } }),
    ];
    const next = removeOption(qs, 0, 1);
    expect(next[0]!.options).toEqual(['甲', '丙']);
    expect(next[1]!.showIf).toEqual({ questionId: 'q1', optionIndexes: [0, 1] });
    // Nothing left: kept while editing (the builder asks for an option), dropped when saved.
    expect(next[2]!.showIf).toEqual({ questionId: 'q1', optionIndexes: [] });
    const body = inputToBody({ ...emptySurvey(), title: 't', questions: next });
    expect(body.questions[2]!.showIf).toBeNull();
    expect(builderProblems({ ...emptySurvey(), title: 't', questions: next })).toEqual([
      { field: 'showIf', index: 2 },
    ]);
  });

  it('gives each type the fields it needs and reports what stops saving', () => {
    const scale = blankQuestion('scale', []);
    expect(scale.scale).toEqual({ min: 1, max: 5, minLabel: '', maxLabel: '' });
    expect(scale.options).toEqual([]);
    const matrix = blankQuestion('matrix', [scale]);
    expect(matrix.id).toBe('q2');
    expect(matrix.rows).toHaveLength(2);
    expect(retype(q('x', 'multiple', { maxChoices: 2 }), 'single').maxChoices).toBeNull();
    expect(nextQuestionId([{ id: 'q2' }, { id: 'q1' }])).toBe('q3');

    expect(builderProblems(emptySurvey())).toEqual([{ field: 'title' }, { field: 'questions' }]);
    const bad = {
      ...emptySurvey(),
      title: '满意度',
      opensAt: '2026-12-02T00:00:00.000Z',
      closesAt: '2026-12-01T00:00:00.000Z',
      questions: [
        { ...blankQuestion('single', []), title: '' },
        { ...q('q2', 'multiple'), maxChoices: 5 },
        { ...q('q3', 'scale'), scale: { min: 5, max: 5, minLabel: '', maxLabel: '' } },
        { ...q('q4', 'matrix'), rows: [' '] },
      ],
    };
    expect(builderProblems(bad)).toEqual([
      { field: 'times' },
      { field: 'questionTitle', index: 0 },
      { field: 'optionText', index: 0 },
      { field: 'maxChoices', index: 1 },
      { field: 'scale', index: 2 },
      { field: 'rows', index: 3 },
    ]);
  });

  it('sends stored questions without the per-person order, texts trimmed', () => {
    const body = inputToBody({
      ...emptySurvey(),
      title: ' 满意度 ',
      questions: [{ ...q('q1', 'single'), title: ' 您满意吗 ', optionOrder: [2, 1, 0] }],
    });
    expect(body.title).toBe('满意度');
    expect(body.questions[0]).not.toHaveProperty('optionOrder');
    expect(body.questions[0]!.title).toBe('您满意吗');
  });

  it('completes an imported question and never reuses a taken id', () => {
    const existing = [q('q1', 'single')];
    const imported = completeQuestion({ id: 'q1', type: 'scale', title: '打分' }, existing);
    expect(imported.id).not.toBe('q1');
    expect(imported.scale).not.toBeNull();
    expect(imported.required).toBe(false);
  });
});

describe('messages', () => {
  it('has the same keys and placeholders in Chinese and English, none empty', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(surveysWebEn).sort()).toEqual(Object.keys(surveysWebZhCN).sort());
    for (const [key, zh] of Object.entries(surveysWebZhCN)) {
      const en = surveysWebEn[key as keyof typeof surveysWebZhCN];
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
  });
});
