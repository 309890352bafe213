import { AppError } from '../../core/errors.js';
import {
  CHOICE_TYPES,
  MAX_QUESTIONS,
  questionSchema,
  type Answer,
  type Answers,
  type Question,
} from './questions.js';

/**
 * Pure checks of a survey's question set (the builder) and of a person's answers against it
 * (answering). Every refusal names the question and the problem, so the pages can point at it.
 */

// ---- the question set ----

export type QuestionProblem =
  | 'too_many_questions'
  | 'shape'
  | 'no_questions'
  | 'duplicate_id'
  | 'options_required'
  | 'options_not_allowed'
  | 'rows_required'
  | 'max_choices'
  | 'scale_required'
  | 'scale_range'
  | 'show_if_target'
  | 'show_if_option';

const OPTION_TYPES: readonly Question['type'][] = ['single', 'multiple', 'ranking', 'matrix'];

function invalid(problem: QuestionProblem, questionId?: string): never {
  throw new AppError('SURVEY_INVALID', { problem, ...(questionId ? { questionId } : {}) });
}

/**
 * Check a question set beyond its zod shape: unique ids, options for choice, ranking and matrix
 * types (at least 2; none for the others), rows for a matrix, maxChoices within the options,
 * a scale with min < max, show-if referring to an EARLIER single/multiple question and to its
 * options, at most 100 questions. Returns the questions normalized (nps without a scale range,
 * unused fields cleared). `atLeastOne`: opening needs a question; a draft may have none yet.
 */
export function checkQuestions(input: unknown[], atLeastOne = false): Question[] {
  if (input.length > MAX_QUESTIONS) invalid('too_many_questions');
  if (atLeastOne && input.length === 0) invalid('no_questions');
  const parsed = input.map((q, i) => {
    const r = questionSchema.safeParse(q);
    if (!r.success) invalid('shape', `#${i + 1}`);
    return r.data;
  });
  const seen = new Map<string, Question>();
  const out: Question[] = [];
  for (const raw of parsed) {
    const q: Question = { ...raw };
    if (seen.has(q.id)) invalid('duplicate_id', q.id);
    const hasOptions = OPTION_TYPES.includes(q.type);
    if (hasOptions && q.options.length < 2) invalid('options_required', q.id);
    if (!hasOptions && q.options.length > 0) invalid('options_not_allowed', q.id);
    if (q.type === 'matrix' && q.rows.length < 1) invalid('rows_required', q.id);
    if (q.type !== 'matrix') q.rows = [];
    if (q.type === 'multiple') {
      if (q.maxChoices !== null && q.maxChoices > q.options.length) invalid('max_choices', q.id);
    } else q.maxChoices = null;
    if (q.type === 'scale') {
      if (!q.scale) invalid('scale_required', q.id);
      if (q.scale.min >= q.scale.max) invalid('scale_range', q.id);
    } else q.scale = null;
    if (!['single', 'multiple', 'ranking'].includes(q.type)) q.randomize = false;
    if (q.type !== 'text') q.long = false;
    if (q.showIf) {
      const target = seen.get(q.showIf.questionId);
      if (!target || !CHOICE_TYPES.includes(target.type)) invalid('show_if_target', q.id);
      if (q.showIf.optionIndexes.some((i) => i >= target.options.length))
        invalid('show_if_option', q.id);
      q.showIf = { ...q.showIf, optionIndexes: [...new Set(q.showIf.optionIndexes)] };
    }
    seen.set(q.id, q);
    out.push(q);
  }
  return out;
}

// ---- answers ----

export type AnswerProblem =
  | 'unknown_question'
  | 'hidden'
  | 'wrong_shape'
  | 'option_out_of_range'
  | 'duplicate_choice'
  | 'too_many_choices'
  | 'value_out_of_range'
  | 'row_out_of_range'
  | 'not_a_permutation'
  | 'text_too_long'
  | 'required';

export class AnswerError extends AppError {
  constructor(
    readonly questionId: string,
    readonly problem: AnswerProblem,
  ) {
    super('SURVEY_ANSWER_INVALID', { questionId, problem });
  }
}

const fail = (questionId: string, problem: AnswerProblem): never => {
  throw new AnswerError(questionId, problem);
};

const FIELDS = ['choice', 'choices', 'value', 'text', 'rows', 'order'] as const;
const FIELD_OF: Record<Question['type'], (typeof FIELDS)[number]> = {
  single: 'choice',
  multiple: 'choices',
  scale: 'value',
  nps: 'value',
  text: 'text',
  matrix: 'rows',
  ranking: 'order',
};

export const MAX_TEXT = 5000;

/** Whether an answer is "no answer" (an empty text, an empty choice list, an all-empty matrix). */
function isEmpty(q: Question, a: Answer): boolean {
  switch (q.type) {
    case 'single':
      return a.choice === undefined;
    case 'multiple':
      return !a.choices || a.choices.length === 0;
    case 'scale':
    case 'nps':
      return a.value === undefined;
    case 'text':
      return a.text === undefined || a.text.trim() === '';
    case 'matrix':
      return !a.rows || a.rows.every((r) => r === null);
    case 'ranking':
      return !a.order || a.order.length === 0;
  }
}

/** Which questions are shown, given the answers to the earlier ones (show-if conditions). */
export function visibleQuestions(questions: Question[], answers: Answers): Set<string> {
  const visible = new Set<string>();
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const q of questions) {
    if (!q.showIf) {
      visible.add(q.id);
      continue;
    }
    const target = byId.get(q.showIf.questionId);
    if (!target || !visible.has(target.id)) continue;
    const a = answers[target.id];
    const chosen =
      target.type === 'single'
        ? a?.choice !== undefined
          ? [a.choice]
          : []
        : target.type === 'multiple'
          ? (a?.choices ?? [])
          : [];
    if (chosen.some((c) => q.showIf!.optionIndexes.includes(c))) visible.add(q.id);
  }
  return visible;
}

function checkOne(q: Question, a: Answer): Answer {
  const field = FIELD_OF[q.type];
  for (const f of FIELDS) if (f !== field && a[f] !== undefined) fail(q.id, 'wrong_shape');
  switch (q.type) {
    case 'single':
      if (a.choice! >= q.options.length) fail(q.id, 'option_out_of_range');
      return { choice: a.choice! };
    case 'multiple': {
      const choices = a.choices!;
      if (choices.some((c) => c >= q.options.length)) fail(q.id, 'option_out_of_range');
      if (new Set(choices).size !== choices.length) fail(q.id, 'duplicate_choice');
      if (q.maxChoices !== null && choices.length > q.maxChoices) fail(q.id, 'too_many_choices');
      return { choices: [...choices].sort((x, y) => x - y) };
    }
    case 'scale':
    case 'nps': {
      const [min, max] = q.type === 'nps' ? [0, 10] : [q.scale!.min, q.scale!.max];
      if (a.value! < min || a.value! > max) fail(q.id, 'value_out_of_range');
      return { value: a.value! };
    }
    case 'text': {
      const text = a.text!.trim();
      if ([...text].length > MAX_TEXT) fail(q.id, 'text_too_long');
      return { text };
    }
    case 'matrix': {
      const rows = a.rows!;
      if (rows.length > q.rows.length) fail(q.id, 'row_out_of_range');
      if (rows.some((c) => c !== null && c >= q.options.length)) fail(q.id, 'option_out_of_range');
      return { rows: q.rows.map((_, i) => rows[i] ?? null) };
    }
    case 'ranking': {
      const order = a.order!;
      const n = q.options.length;
      if (order.length !== n || new Set(order).size !== n || order.some((o) => o >= n))
        fail(q.id, 'not_a_permutation');
      return { order: [...order] };
    }
  }
}

/**
 * Check a submission fully: every answered question exists and is visible, each answer fits its
 * type (options in range, at most maxChoices, a ranking is a permutation, a scale value in its
 * range), and every required visible question is answered (a required matrix: every row).
 * Returns the answers normalized, empty ones left out. Throws `AnswerError` on the first problem.
 */
export function checkAnswers(questions: Question[], answers: Answers): Answers {
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) if (!byId.has(id)) fail(id, 'unknown_question');
  const visible = visibleQuestions(questions, answers);
  const out: Answers = {};
  for (const q of questions) {
    const a = answers[q.id];
    const empty = !a || isEmpty(q, a);
    if (!visible.has(q.id)) {
      if (!empty) fail(q.id, 'hidden');
      continue;
    }
    if (empty) {
      if (a)
        for (const f of FIELDS)
          if (f !== FIELD_OF[q.type] && a[f] !== undefined) fail(q.id, 'wrong_shape');
      if (q.required) fail(q.id, 'required');
      continue;
    }
    const checked = checkOne(q, a);
    if (q.required && q.type === 'matrix' && checked.rows!.some((r) => r === null))
      fail(q.id, 'required');
    out[q.id] = checked;
  }
  return out;
}

/** A draft is kept as given, except answers to questions the survey does not have. */
export function cleanDraft(questions: Question[], answers: Answers): Answers {
  const ids = new Set(questions.map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => ids.has(id)));
}

/** One row of `survey_answers` (see the migration's comment for the encoding). */
export interface AnswerRow {
  question_id: string;
  option_index: number | null;
  row_index: number | null;
  value_num: number | null;
  value_text: string | null;
}

/**
 * The answer rows of checked answers, one per chosen option, matrix row, ranked option, value or
 * text: single/multiple option_index; scale/nps value_num; text value_text; matrix row_index +
 * option_index (the column); ranking option_index + row_index (its rank, 0 first).
 */
export function answerRows(questions: Question[], answers: Answers): AnswerRow[] {
  const rows: AnswerRow[] = [];
  const row = (qid: string, r: Partial<AnswerRow>) =>
    rows.push({
      question_id: qid,
      option_index: r.option_index ?? null,
      row_index: r.row_index ?? null,
      value_num: r.value_num ?? null,
      value_text: r.value_text ?? null,
    });
  for (const q of questions) {
    const a = answers[q.id];
    if (!a) continue;
    switch (q.type) {
      case 'single':
        row(q.id, { option_index: a.choice! });
        break;
      case 'multiple':
        for (const c of a.choices!) row(q.id, { option_index: c });
        break;
      case 'scale':
      case 'nps':
        row(q.id, { value_num: a.value! });
        break;
      case 'text':
        row(q.id, { value_text: a.text! });
        break;
      case 'matrix':
        a.rows!.forEach((c, i) => {
          if (c !== null) row(q.id, { row_index: i, option_index: c });
        });
        break;
      case 'ranking':
        a.order!.forEach((o, rank) => row(q.id, { option_index: o, row_index: rank }));
        break;
    }
  }
  return rows;
}
