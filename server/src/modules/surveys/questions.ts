import { z } from 'zod';

/**
 * The question model of a survey (mechanisms.md §3), shared by the builder, the text import,
 * answering and the results. Stored as a JSON array in `surveys.questions`.
 *
 * Types: single / multiple choice (multiple with an optional maximum), rating `scale` (min..max),
 * `nps` (0..10), `matrix` (rows × the options as columns, one column per row), `ranking` (order
 * the options), `text` (short, or long with `long: true`).
 */
export const QUESTION_TYPES = [
  'single',
  'multiple',
  'text',
  'scale',
  'nps',
  'matrix',
  'ranking',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Types whose answers are options (a show-if condition can only refer to these). */
export const CHOICE_TYPES: readonly QuestionType[] = ['single', 'multiple'];

export const MAX_QUESTIONS = 100;
export const MAX_OPTIONS = 50;
export const MAX_ROWS = 30;

export const showIfSchema = z.object({
  /** An earlier question of type single or multiple. */
  questionId: z.string(),
  /** Shown when any of these options (0-based indexes) of that question is chosen. */
  optionIndexes: z.array(z.number().int().min(0)).min(1).max(MAX_OPTIONS),
});

export const questionSchema = z.object({
  /** Stable key within the survey, e.g. "q1" (answers refer to it). */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/),
  type: z.enum(QUESTION_TYPES),
  title: z.string().min(1).max(500),
  description: z.string().max(1000).default(''),
  required: z.boolean().default(false),
  /** Choices (single, multiple, ranking) or the columns of a matrix; empty for the others. */
  options: z.array(z.string().min(1).max(200)).max(MAX_OPTIONS).default([]),
  /** The rows of a matrix; empty for the others. */
  rows: z.array(z.string().min(1).max(200)).max(MAX_ROWS).default([]),
  /** Show the options in a random order per person (single, multiple, ranking). */
  randomize: z.boolean().default(false),
  /** multiple: at most this many choices (null: no maximum). */
  maxChoices: z.number().int().min(1).max(MAX_OPTIONS).nullable().default(null),
  /** text: a long answer (multi-line) rather than a short one. */
  long: z.boolean().default(false),
  /** scale: the range and its end labels (nps is always 0..10). */
  scale: z
    .object({
      min: z.number().int().min(0).max(10),
      max: z.number().int().min(1).max(10),
      minLabel: z.string().max(50).default(''),
      maxLabel: z.string().max(50).default(''),
    })
    .nullable()
    .default(null),
  showIf: showIfSchema.nullable().default(null),
});

export type Question = z.infer<typeof questionSchema>;
export type QuestionInput = z.input<typeof questionSchema>;

/**
 * One answer, by question type:
 *   single { choice }, multiple { choices }, scale / nps { value }, text { text },
 *   matrix { rows: column index per row (null: row left out) }, ranking { order: option indexes, first = rank 1 }.
 */
export const answerSchema = z.object({
  choice: z.number().int().min(0).optional(),
  choices: z.array(z.number().int().min(0)).max(MAX_OPTIONS).optional(),
  value: z.number().int().min(0).max(10).optional(),
  text: z.string().max(5000).optional(),
  rows: z.array(z.number().int().min(0).nullable()).max(MAX_ROWS).optional(),
  order: z.array(z.number().int().min(0)).max(MAX_OPTIONS).optional(),
});
export type Answer = z.infer<typeof answerSchema>;

/** Answers keyed by question id. */
export const answersSchema = z.record(z.string().max(20), answerSchema);
export type Answers = z.infer<typeof answersSchema>;
