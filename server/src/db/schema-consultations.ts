import type { Generated } from 'kysely';

/** Table types of the draft consultation module (migration 20261127_0012_consultations). */
export interface ConsultationTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  drafting_department_id: number;
  audience: string;
  source: string;
  body: string;
  status: Generated<string>;
  opens_on: string;
  closes_on: string;
  created_by: number;
  created_at: string;
  closed_at: string | null;
  reported_at: string | null;
}

export interface ConsultationAudienceTable {
  consultation_id: number;
  department_id: number;
}

export interface ConsultationSectionTable {
  id: Generated<number>;
  consultation_id: number;
  seq: number;
  kind: string;
  label: string;
  chapter: string;
  text: string;
}

export interface ConsultationStanceTable {
  section_id: number;
  account_id: number;
  consultation_id: number;
  stance: string;
  updated_at: string;
}

export interface ConsultationCommentTable {
  id: Generated<number>;
  unit_id: number;
  consultation_id: number;
  section_id: number;
  account_id: number;
  body: string;
  created_at: string;
  answer: string | null;
  answer_reason: string | null;
  answered_by: number | null;
  answered_at: string | null;
}

export interface ConsultationsTables {
  consultations: ConsultationTable;
  consultation_audience: ConsultationAudienceTable;
  consultation_sections: ConsultationSectionTable;
  consultation_stances: ConsultationStanceTable;
  consultation_comments: ConsultationCommentTable;
}
