import type { Queryable } from '../../db/database.js';
import type { Question } from './questions.js';

export interface Audience {
  departmentIds: number[];
  roles: string[];
}

/** A survey row with its JSON columns parsed. */
export interface SurveyRecord {
  id: number;
  unitId: number;
  title: string;
  description: string;
  status: 'draft' | 'open' | 'closed';
  anonymous: boolean;
  audience: Audience;
  questions: Question[];
  locked: boolean;
  opensAt: string | null;
  closesAt: string | null;
  ownerDepartmentId: number | null;
  createdBy: number;
  responseCount: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** One survey of the unit, or undefined (another unit's survey is not found). */
export async function findSurvey(
  db: Queryable,
  unitId: number,
  id: number,
): Promise<SurveyRecord | undefined> {
  const r = await db
    .selectFrom('surveys')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    unitId: r.unit_id,
    title: r.title,
    description: r.description,
    status: r.status as SurveyRecord['status'],
    anonymous: r.anonymous === 1,
    audience: JSON.parse(r.audience) as Audience,
    questions: JSON.parse(r.questions) as Question[],
    locked: r.locked === 1,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    ownerDepartmentId: r.owner_department_id,
    createdBy: r.created_by,
    responseCount: r.response_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
  };
}
