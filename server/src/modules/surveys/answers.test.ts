import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { answerRows, checkAnswers, checkQuestions, visibleQuestions } from './answers.js';
import { optionOrder, questionsFor } from './order.js';
import type { Answers } from './questions.js';

const questions = checkQuestions([
  { id: 'a', type: 'single', title: '是否加班', options: ['是', '否'], required: true },
  {
    id: 'b',
    type: 'multiple',
    title: '加班原因',
    options: ['人手不足', '任务突发', '其他'],
    required: true,
    showIf: { questionId: 'a', optionIndexes: [0] },
  },
  {
    id: 'c',
    type: 'text',
    title: '其他原因',
    showIf: { questionId: 'b', optionIndexes: [2] },
  },
  {
    id: 'd',
    type: 'matrix',
    title: '评价',
    rows: ['r1', 'r2'],
    options: ['好', '差'],
    required: true,
  },
]);

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return ((e as AppError).details as { problem: string }).problem;
  }
  return 'none';
};

describe('survey answers (pure)', () => {
  it('follows show-if chains: a question hidden by a hidden question is hidden too', () => {
    expect([...visibleQuestions(questions, { a: { choice: 0 }, b: { choices: [2] } })]).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect([...visibleQuestions(questions, { a: { choice: 1 }, b: { choices: [2] } })]).toEqual([
      'a',
      'd',
    ]);
  });

  it('refuses answers to hidden questions, and requires visible required ones', () => {
    const d = { rows: [0, 1] };
    expect(
      problem(() => checkAnswers(questions, { a: { choice: 1 }, b: { choices: [0] }, d })),
    ).toBe('hidden');
    expect(problem(() => checkAnswers(questions, { a: { choice: 0 }, d }))).toBe('required');
    expect(
      problem(() => checkAnswers(questions, { a: { choice: 1 }, d: { rows: [0, null] } })),
    ).toBe('required');
    expect(
      problem(() =>
        checkAnswers(questions, { a: { choice: 0 }, b: { choices: [1] }, c: { text: 'x' }, d }),
      ),
    ).toBe('hidden');
    const ok = checkAnswers(questions, {
      a: { choice: 0 },
      b: { choices: [2, 0] },
      c: { text: '  夜班  ' },
      d,
    });
    expect(ok).toEqual({ a: { choice: 0 }, b: { choices: [0, 2] }, c: { text: '夜班' }, d });
    // An empty text is no answer (not refused as hidden when hidden).
    expect(checkAnswers(questions, { a: { choice: 1 }, c: { text: '   ' }, d } as Answers)).toEqual(
      { a: { choice: 1 }, d },
    );
  });

  it('writes one row per chosen option, matrix cell, rank, value or text', () => {
    const qs = checkQuestions([
      { id: 'r', type: 'ranking', title: '排序', options: ['x', 'y', 'z'] },
      { id: 'n', type: 'nps', title: '推荐' },
      { id: 'm', type: 'matrix', title: '矩阵', rows: ['1', '2', '3'], options: ['a', 'b'] },
    ]);
    const rows = answerRows(
      qs,
      checkAnswers(qs, { r: { order: [1, 2, 0] }, n: { value: 0 }, m: { rows: [1, null] } }),
    );
    expect(rows.map((r) => [r.question_id, r.option_index, r.row_index, r.value_num])).toEqual([
      ['r', 1, 0, null],
      ['r', 2, 1, null],
      ['r', 0, 2, null],
      ['n', null, null, 0],
      ['m', 1, 0, null],
    ]);
  });

  it('normalizes questions: fields that do not belong to a type are cleared', () => {
    const [q] = checkQuestions([
      {
        id: 'x',
        type: 'nps',
        title: '推荐',
        randomize: true,
        maxChoices: 3,
        scale: { min: 1, max: 5 },
      },
    ]);
    expect(q).toMatchObject({ randomize: false, maxChoices: null, scale: null });
  });

  it('orders options per person, the same on every call, and differently across people', () => {
    const a = optionOrder(1, 7, 'q1', 10);
    expect(optionOrder(1, 7, 'q1', 10)).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const others = new Set(
      Array.from({ length: 20 }, (_, i) => optionOrder(1, 100 + i, 'q1', 10).join(',')),
    );
    expect(others.size).toBeGreaterThan(15);
    const [plain, random] = questionsFor(
      checkQuestions([
        { id: 'p', type: 'single', title: 'p', options: ['1', '2'] },
        { id: 'r', type: 'single', title: 'r', options: ['1', '2', '3'], randomize: true },
      ]),
      1,
      7,
    );
    expect(plain!.optionOrder).toBeUndefined();
    expect(random!.optionOrder).toEqual(optionOrder(1, 7, 'r', 3));
  });
});
