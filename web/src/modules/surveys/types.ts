import type { ContentRole } from '@lianxin/common';
import { ApiError, parseApiError } from '../../app/api';

/**
 * The surveys' API shapes as the web reads them (docs/surveys-api.md). The question model is a
 * copy of server/src/modules/surveys/questions.ts (the web does not import server code).
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
/** Types with an option list (a matrix's options are its columns). */
export const OPTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'ranking', 'matrix'];

export const MAX_QUESTIONS = 100;
export const MAX_OPTIONS = 50;
export const MAX_ROWS = 30;
export const TITLE_MAX = 500;
export const TEXT_MAX = 5000;

export interface ShowIf {
  /** An earlier question of type single or multiple. */
  questionId: string;
  /** Shown when any of these options (0-based indexes) of that question is chosen. */
  optionIndexes: number[];
}

export interface ScaleRange {
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
}

export interface Question {
  id: string;
  type: QuestionType;
  title: string;
  description: string;
  required: boolean;
  options: string[];
  rows: string[];
  randomize: boolean;
  maxChoices: number | null;
  long: boolean;
  scale: ScaleRange | null;
  showIf: ShowIf | null;
  /** For answering a `randomize` question: the options' original indexes in this person's order. */
  optionOrder?: number[];
}

/** One answer, by question type (see questions.ts). */
export interface Answer {
  choice?: number;
  choices?: number[];
  value?: number;
  text?: string;
  rows?: Array<number | null>;
  order?: number[];
}
export type Answers = Record<string, Answer>;

export interface Audience {
  departmentIds: number[];
  roles: ContentRole[];
}

export interface SurveyInput {
  title: string;
  description: string;
  anonymous: boolean;
  audience: Audience;
  opensAt: string | null;
  closesAt: string | null;
  questions: Question[];
}

export type SurveyStatus = 'draft' | 'open' | 'closed';

export interface SurveySummary {
  id: number;
  title: string;
  status: SurveyStatus;
  anonymous: boolean;
  opensAt: string | null;
  closesAt: string | null;
  responseCount: number;
  invited: number;
  answered: boolean;
  ownerDepartment: string | null;
}

export interface SurveyAbilities {
  edit: boolean;
  open: boolean;
  close: boolean;
  answer: boolean;
  viewResults: boolean;
  remind: boolean;
}

export interface SurveyView extends SurveySummary {
  description: string;
  audience: Audience & { departmentNames: string[] };
  locked: boolean;
  questions: Question[];
  draft: Answers | null;
  abilities: SurveyAbilities;
}

export interface ImportProblem {
  line: number;
  code?: string;
  message: string;
}

export interface ImportResult {
  /** The first line before question 1, if any. */
  title?: string | null;
  /** The other lines before question 1. */
  description?: string;
  questions: Question[];
  problems: ImportProblem[];
}

export interface ResultQuestion {
  id: string;
  type: QuestionType;
  title: string;
  answered: number;
  options?: Array<{ label: string; count: number; share: number }>;
  average?: number;
  distribution?: Array<{ value: number; count: number }>;
  nps?: { promoters: number; passives: number; detractors: number; score: number };
  matrix?: { rows: string[]; columns: string[]; counts: number[][] };
  ranking?: Array<{ label: string; averageRank: number; firstCount: number }>;
  texts?: { shown: boolean; items: string[] };
}

export interface CrossTab {
  by: 'department' | 'role';
  questionId: string;
  columns: string[];
  rows: Array<{
    group: string;
    n: number | null;
    counts: Array<number | null>;
    suppressed: boolean;
  }>;
}

export interface SurveyResults {
  k: number;
  commentK: number;
  rate: {
    invited: number;
    answered: number;
    rate: number;
    byDepartment: Array<{
      departmentId: number;
      name: string;
      invited: number;
      answered: number | null;
      rate: number | null;
      suppressed: boolean;
    }>;
  };
  questions: ResultQuestion[];
  crossTab: CrossTab | null;
}

/** The query key of one survey's view. */
export const surveyKey = (id: number) => ['surveys', 'one', id] as const;

export const STATUS_COLOR: Record<SurveyStatus, string> = {
  draft: 'default',
  open: 'green',
  closed: 'orange',
};

/** The key to send with one submission: the same for every retry of that form. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * POST /api/surveys/:id/responses with the form's Idempotency-Key, so a retry after a lost
 * answer does not count as a second answer.
 */
export async function submitResponse(
  surveyId: number,
  answers: Answers,
  idempotencyKey: string,
): Promise<{ ok: true }> {
  let res: Response;
  try {
    res = await fetch(`/api/surveys/${surveyId}/responses`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey,
      },
      body: JSON.stringify({ answers }),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'NETWORK');
  }
  const text = await res.text();
  let payload: unknown;
  try {
    payload = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    payload = undefined;
  }
  if (!res.ok) throw parseApiError(res.status, payload);
  return payload as { ok: true };
}
