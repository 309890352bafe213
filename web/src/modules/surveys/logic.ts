import {
  CHOICE_TYPES,
  MAX_OPTIONS,
  OPTION_TYPES,
  type Answer,
  type Answers,
  type Question,
  type QuestionType,
  type SurveyInput,
  type SurveyView,
} from './types';

/**
 * The surveys' pure rules on the page side: show-if, what counts as answered, client-side checks
 * before sending (the server checks everything again), and the builder's list operations.
 */

/** The options' original indexes in the order this person sees them. */
export function displayOrder(q: Pick<Question, 'options' | 'optionOrder'>): number[] {
  const natural = q.options.map((_, i) => i);
  const order = q.optionOrder;
  if (!order || order.length !== natural.length) return natural;
  const seen = new Set(order);
  return seen.size === natural.length && order.every((i) => i >= 0 && i < natural.length)
    ? order
    : natural;
}

/** The options chosen in an answer (single or multiple). */
export function chosen(a: Answer | undefined): number[] {
  if (!a) return [];
  if (a.choices) return a.choices;
  return a.choice === undefined ? [] : [a.choice];
}

/**
 * Which questions show now: a question with a show-if condition shows when its condition's
 * question is itself shown and one of the listed options is chosen there.
 */
export function visibleIds(questions: Question[], answers: Answers): Set<string> {
  const shown = new Set<string>();
  for (const q of questions) {
    if (!q.showIf) {
      shown.add(q.id);
      continue;
    }
    const { questionId, optionIndexes } = q.showIf;
    if (!shown.has(questionId)) continue;
    if (chosen(answers[questionId]).some((i) => optionIndexes.includes(i))) shown.add(q.id);
  }
  return shown;
}

export function visibleQuestions(questions: Question[], answers: Answers): Question[] {
  const shown = visibleIds(questions, answers);
  return questions.filter((q) => shown.has(q.id));
}

/** Whether an answer says anything for its question. */
export function isAnswered(q: Question, a: Answer | undefined): boolean {
  if (!a) return false;
  switch (q.type) {
    case 'single':
      return a.choice !== undefined;
    case 'multiple':
      return (a.choices?.length ?? 0) > 0;
    case 'text':
      return (a.text ?? '').trim() !== '';
    case 'scale':
    case 'nps':
      return a.value !== undefined;
    case 'matrix':
      return (a.rows ?? []).some((r) => r !== null && r !== undefined);
    case 'ranking':
      return (a.order?.length ?? 0) > 0;
  }
}

/**
 * What is sent: the answers of the questions shown now, non-empty, texts trimmed (a hidden
 * question's answer is dropped, as the server would refuse it).
 */
export function answersToSend(questions: Question[], answers: Answers): Answers {
  const out: Answers = {};
  const shown = visibleIds(questions, answers);
  for (const q of questions) {
    const a = answers[q.id];
    if (!shown.has(q.id) || !isAnswered(q, a)) continue;
    switch (q.type) {
      case 'single':
        out[q.id] = { choice: a!.choice! };
        break;
      case 'multiple':
        out[q.id] = { choices: [...a!.choices!].sort((x, y) => x - y) };
        break;
      case 'text':
        out[q.id] = { text: a!.text!.trim() };
        break;
      case 'scale':
      case 'nps':
        out[q.id] = { value: a!.value! };
        break;
      case 'matrix':
        out[q.id] = { rows: q.rows.map((_, i) => a!.rows?.[i] ?? null) };
        break;
      case 'ranking':
        out[q.id] = { order: a!.order! };
        break;
    }
  }
  return out;
}

export type AnswerProblem = 'required' | 'maxChoices' | 'matrixRows' | 'tooLong';

/** The client-side checks before submitting, by question id (only questions shown now). */
export function answerProblems(
  questions: Question[],
  answers: Answers,
): Record<string, AnswerProblem> {
  const problems: Record<string, AnswerProblem> = {};
  for (const q of visibleQuestions(questions, answers)) {
    const a = answers[q.id];
    if (!isAnswered(q, a)) {
      if (q.required) problems[q.id] = 'required';
      continue;
    }
    if (q.type === 'multiple' && q.maxChoices !== null && chosen(a).length > q.maxChoices) {
      problems[q.id] = 'maxChoices';
    } else if (
      q.type === 'matrix' &&
      q.required &&
      q.rows.some((_, i) => a?.rows?.[i] === null || a?.rows?.[i] === undefined)
    ) {
      problems[q.id] = 'matrixRows';
    } else if (q.type === 'text' && (a?.text ?? '').length > 5000) {
      problems[q.id] = 'tooLong';
    }
  }
  return problems;
}

/** A saved draft, kept to the questions that still exist. */
export function restoreDraft(questions: Question[], draft: Answers | null): Answers {
  if (!draft) return {};
  const ids = new Set(questions.map((q) => q.id));
  return Object.fromEntries(Object.entries(draft).filter(([id]) => ids.has(id)));
}

/** Move one option up or down in a ranking (the order is the answer). */
export function moveInOrder(order: number[], position: number, delta: -1 | 1): number[] {
  const target = position + delta;
  if (target < 0 || target >= order.length) return order;
  const next = [...order];
  [next[position], next[target]] = [next[target]!, next[position]!];
  return next;
}

// ——— the builder ———

/** The next free id `q<n>`. */
export function nextQuestionId(questions: Pick<Question, 'id'>[]): string {
  const used = new Set(questions.map((q) => q.id));
  let n = questions.length + 1;
  while (used.has(`q${n}`)) n += 1;
  return `q${n}`;
}

/** A new question of a type, with the fields that type needs. */
export function blankQuestion(type: QuestionType, questions: Question[]): Question {
  return retype(
    {
      id: nextQuestionId(questions),
      type,
      title: '',
      description: '',
      required: false,
      options: [],
      rows: [],
      randomize: false,
      maxChoices: null,
      long: false,
      scale: null,
      showIf: null,
    },
    type,
  );
}

/** A question changed to another type: keeps what fits, fills what the new type needs. */
export function retype(q: Question, type: QuestionType): Question {
  const usesOptions = OPTION_TYPES.includes(type);
  const options = usesOptions ? (q.options.length ? q.options : ['', '']) : [];
  return {
    ...q,
    type,
    options,
    rows: type === 'matrix' ? (q.rows.length ? q.rows : ['', '']) : [],
    randomize: ['single', 'multiple', 'ranking'].includes(type) ? q.randomize : false,
    maxChoices: type === 'multiple' ? q.maxChoices : null,
    long: type === 'text' ? q.long : false,
    scale: type === 'scale' ? (q.scale ?? { min: 1, max: 5, minLabel: '', maxLabel: '' }) : null,
  };
}

/**
 * Show-if conditions that still make sense after an edit: the referenced question must come
 * earlier and be a choice question, and the options must exist; otherwise the condition goes.
 * A condition with no option picked yet stays while editing (`dropEmpty` removes it).
 */
export function cleanShowIf(questions: Question[], opts: { dropEmpty?: boolean } = {}): Question[] {
  const seen = new Map<string, Question>();
  return questions.map((q) => {
    let showIf = q.showIf;
    if (showIf) {
      const ref = seen.get(showIf.questionId);
      const indexes = ref
        ? showIf.optionIndexes.filter((i) => i >= 0 && i < ref.options.length)
        : [];
      showIf =
        ref && CHOICE_TYPES.includes(ref.type) && (indexes.length || !opts.dropEmpty)
          ? { questionId: showIf.questionId, optionIndexes: indexes }
          : null;
      if (
        showIf &&
        q.showIf &&
        showIf.optionIndexes.length === q.showIf.optionIndexes.length &&
        showIf.optionIndexes.every((i, j) => i === q.showIf!.optionIndexes[j])
      ) {
        showIf = q.showIf;
      }
    }
    const out = showIf === q.showIf ? q : { ...q, showIf };
    seen.set(q.id, out);
    return out;
  });
}

export function moveQuestion(questions: Question[], index: number, delta: -1 | 1): Question[] {
  const target = index + delta;
  if (target < 0 || target >= questions.length) return questions;
  const next = [...questions];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return cleanShowIf(next);
}

export function removeQuestion(questions: Question[], index: number): Question[] {
  return cleanShowIf(questions.filter((_, i) => i !== index));
}

export function replaceQuestion(questions: Question[], index: number, q: Question): Question[] {
  return cleanShowIf(questions.map((old, i) => (i === index ? q : old)));
}

/**
 * Remove one option of a question. Show-if conditions of later questions that pointed at it
 * are renumbered (or dropped when nothing is left).
 */
export function removeOption(questions: Question[], index: number, option: number): Question[] {
  const q = questions[index]!;
  const updated = { ...q, options: q.options.filter((_, i) => i !== option) };
  const next = questions.map((other, i) => {
    if (i === index) return updated;
    if (other.showIf?.questionId !== q.id) return other;
    const optionIndexes = other.showIf.optionIndexes
      .filter((o) => o !== option)
      .map((o) => (o > option ? o - 1 : o));
    return { ...other, showIf: { questionId: q.id, optionIndexes } };
  });
  return cleanShowIf(next);
}

/** The questions a show-if of question `index` may refer to: earlier choice questions. */
export function conditionSources(questions: Question[], index: number): Question[] {
  return questions.slice(0, index).filter((q) => CHOICE_TYPES.includes(q.type));
}

export type BuilderProblem =
  | { field: 'title' }
  | { field: 'questions' }
  | { field: 'questionTitle'; index: number }
  | { field: 'options'; index: number }
  | { field: 'optionText'; index: number }
  | { field: 'rows'; index: number }
  | { field: 'scale'; index: number }
  | { field: 'maxChoices'; index: number }
  | { field: 'showIf'; index: number }
  | { field: 'times' };

/** What stops a survey from being saved, checked before sending. */
export function builderProblems(input: SurveyInput): BuilderProblem[] {
  const problems: BuilderProblem[] = [];
  if (!input.title.trim()) problems.push({ field: 'title' });
  if (input.questions.length === 0) problems.push({ field: 'questions' });
  if (input.opensAt && input.closesAt && input.opensAt >= input.closesAt) {
    problems.push({ field: 'times' });
  }
  input.questions.forEach((q, index) => {
    if (!q.title.trim()) problems.push({ field: 'questionTitle', index });
    if (OPTION_TYPES.includes(q.type)) {
      if (q.options.length < 2 || q.options.length > MAX_OPTIONS) {
        problems.push({ field: 'options', index });
      } else if (q.options.some((o) => !o.trim())) {
        problems.push({ field: 'optionText', index });
      }
    }
    if (q.type === 'matrix' && (q.rows.length < 1 || q.rows.some((r) => !r.trim()))) {
      problems.push({ field: 'rows', index });
    }
    if (q.type === 'scale' && (!q.scale || q.scale.min >= q.scale.max)) {
      problems.push({ field: 'scale', index });
    }
    if (
      q.type === 'multiple' &&
      q.maxChoices !== null &&
      (q.maxChoices < 1 || q.maxChoices > q.options.length)
    ) {
      problems.push({ field: 'maxChoices', index });
    }
    if (q.showIf && q.showIf.optionIndexes.length === 0) problems.push({ field: 'showIf', index });
  });
  return problems;
}

/** A question as the server stores it (without the per-person order), texts trimmed. */
export function toQuestionInput(q: Question): Question {
  const { optionOrder: _order, ...rest } = q;
  return {
    ...rest,
    title: q.title.trim(),
    description: q.description.trim(),
    options: q.options.map((o) => o.trim()),
    rows: q.rows.map((r) => r.trim()),
    scale: q.scale
      ? { ...q.scale, minLabel: q.scale.minLabel.trim(), maxLabel: q.scale.maxLabel.trim() }
      : null,
  };
}

/** An imported or stored question with every field the builder edits filled in. */
export function completeQuestion(
  q: Partial<Question> & Pick<Question, 'type' | 'title'>,
  questions: Question[],
): Question {
  const base = blankQuestion(q.type, questions);
  return retype(
    {
      ...base,
      ...q,
      id: q.id && !questions.some((o) => o.id === q.id) ? q.id : base.id,
      description: q.description ?? '',
      required: q.required ?? false,
      options: q.options ?? [],
      rows: q.rows ?? [],
      randomize: q.randomize ?? false,
      maxChoices: q.maxChoices ?? null,
      long: q.long ?? false,
      scale: q.scale ?? null,
      showIf: q.showIf ?? null,
    },
    q.type,
  );
}

export function emptySurvey(): SurveyInput {
  return {
    title: '',
    description: '',
    anonymous: true,
    audience: { departmentIds: [], roles: [] },
    opensAt: null,
    closesAt: null,
    questions: [],
  };
}

/** The builder's copy of a stored survey. */
export function surveyToInput(s: SurveyView): SurveyInput {
  return {
    title: s.title,
    description: s.description,
    anonymous: s.anonymous,
    audience: { departmentIds: [...s.audience.departmentIds], roles: [...s.audience.roles] },
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    questions: s.questions.map(toQuestionInput),
  };
}

/** The body of POST /api/surveys and PUT /api/surveys/:id. */
export function inputToBody(input: SurveyInput): SurveyInput {
  return {
    ...input,
    title: input.title.trim(),
    description: input.description.trim(),
    questions: cleanShowIf(input.questions, { dropEmpty: true }).map(toQuestionInput),
  };
}

/** NPS: promoters 9–10, passives 7–8, detractors 0–6; score = %promoters − %detractors. */
export function npsScore(distribution: Array<{ value: number; count: number }>): number | null {
  let total = 0;
  let promoters = 0;
  let detractors = 0;
  for (const { value, count } of distribution) {
    total += count;
    if (value >= 9) promoters += count;
    else if (value <= 6) detractors += count;
  }
  if (!total) return null;
  return Math.round(((promoters - detractors) / total) * 100);
}

/** `45.5%` from a 0..1 share; null as null. */
export function percent(share: number | null | undefined): string | null {
  if (share === null || share === undefined) return null;
  return `${Math.round(share * 1000) / 10}%`;
}
