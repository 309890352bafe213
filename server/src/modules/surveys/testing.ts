import type { QuestionInput } from './questions.js';

/** Shared by the surveys' tests (builder, answering, bad input). */

/** A questionnaire with every type, a show-if and a randomized ranking. */
export const QUESTIONS: QuestionInput[] = [
  { id: 'q1', type: 'single', title: '您是否在食堂就餐？', options: ['是', '否'], required: true },
  {
    id: 'q2',
    type: 'multiple',
    title: '您最常吃的是？',
    options: ['早餐', '午餐', '晚餐', '夜宵'],
    maxChoices: 2,
    required: true,
    showIf: { questionId: 'q1', optionIndexes: [0] },
  },
  { id: 'q3', type: 'text', title: '其他意见', long: true },
  { id: 'q4', type: 'scale', title: '总体满意度', scale: { min: 1, max: 5 } },
  { id: 'q5', type: 'nps', title: '推荐意愿' },
  {
    id: 'q6',
    type: 'matrix',
    title: '各项评价',
    rows: ['口味', '价格'],
    options: ['好', '中', '差'],
  },
  {
    id: 'q7',
    type: 'ranking',
    title: '改进顺序',
    options: ['口味', '价格', '卫生'],
    randomize: true,
  },
];

export const GOOD_ANSWERS = {
  q1: { choice: 0 },
  q2: { choices: [0, 1] },
  q3: { text: '希望增加夜班热饭供应' },
  q4: { value: 4 },
  q5: { value: 9 },
  q6: { rows: [0, 1] },
  q7: { order: [2, 0, 1] },
};
