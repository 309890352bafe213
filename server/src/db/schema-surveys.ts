import type { Generated } from 'kysely';

/** Table types of the surveys module (migration 20261127_0011_surveys). */
export interface SurveyTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  description: Generated<string>;
  status: Generated<string>;
  anonymous: number;
  /** JSON: { departmentIds: number[], roles: string[] } */
  audience: string;
  /** JSON: Question[] (modules/surveys/questions.ts) */
  questions: string;
  locked: Generated<number>;
  opens_at: string | null;
  closes_at: string | null;
  owner_department_id: number | null;
  created_by: number;
  response_count: Generated<number>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface SurveyParticipantTable {
  survey_id: number;
  account_id: number;
  unit_id: number;
  department_id: number;
  role: string;
  answered: Generated<number>;
  reminded_on: string | null;
  /** sha256 of the Idempotency-Key of this person's submission (never on the response). */
  idempotency_hash: string | null;
}

export interface SurveyDraftTable {
  survey_id: number;
  account_id: number;
  unit_id: number;
  answers: string;
  updated_at: string;
}

export interface SurveyResponseTable {
  id: string;
  unit_id: number;
  survey_id: number;
  account_id: number | null;
  department_id: number | null;
  role: string | null;
  submitted_on: string;
}

export interface SurveyAnswerTable {
  response_id: string;
  seq: number;
  unit_id: number;
  survey_id: number;
  question_id: string;
  option_index: number | null;
  row_index: number | null;
  value_num: number | null;
  value_text: string | null;
}

export interface SurveysTables {
  surveys: SurveyTable;
  survey_participants: SurveyParticipantTable;
  survey_drafts: SurveyDraftTable;
  survey_responses: SurveyResponseTable;
  survey_answers: SurveyAnswerTable;
}
