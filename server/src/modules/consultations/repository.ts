import type { Insertable, Selectable } from 'kysely';
import type { Queryable } from '../../db/database.js';
import type {
  ConsultationCommentTable,
  ConsultationSectionTable,
  ConsultationTable,
} from '../../db/schema-consultations.js';
import type { DepartmentTree } from './policy.js';
import type { SplitSection } from './split.js';

/** The only code of the consultations module that touches the query builder. */

export type ConsultationRow = Selectable<ConsultationTable>;
export type SectionRow = Selectable<ConsultationSectionTable>;
export type CommentRow = Selectable<ConsultationCommentTable>;

// ---- departments ----

export async function departmentTree(db: Queryable, unitId: number): Promise<DepartmentTree> {
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'parent_id'])
    .where('unit_id', '=', unitId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

/** The unit's department names by id (one lookup for every module: core/org). */
export { departmentNames } from '../../core/org/repository.js';

/** Accounts holding department_head whose person belongs to the department. */
export async function headsOf(db: Queryable, unitId: number, departmentId: number) {
  const rows = await db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .innerJoin('role_assignments', 'role_assignments.account_id', 'accounts.id')
    .select('accounts.id')
    .where('accounts.unit_id', '=', unitId)
    .where('accounts.active', '=', 1)
    .where('people.department_id', '=', departmentId)
    .where('role_assignments.role', '=', 'department_head')
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

// ---- consultations ----

export async function insertConsultation(db: Queryable, row: Insertable<ConsultationTable>) {
  const r = await db
    .insertInto('consultations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertAudience(db: Queryable, consultationId: number, ids: number[]) {
  if (ids.length === 0) return;
  await db
    .insertInto('consultation_audience')
    .values(ids.map((department_id) => ({ consultation_id: consultationId, department_id })))
    .execute();
}

export async function insertSections(db: Queryable, consultationId: number, s: SplitSection[]) {
  for (let i = 0; i < s.length; i += 200) {
    await db
      .insertInto('consultation_sections')
      .values(
        s.slice(i, i + 200).map((x, j) => ({
          consultation_id: consultationId,
          seq: i + j + 1,
          kind: x.kind,
          label: x.label,
          chapter: x.chapter,
          text: x.text,
        })),
      )
      .execute();
  }
}

export async function getConsultation(db: Queryable, unitId: number, id: number) {
  return db
    .selectFrom('consultations')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listConsultations(db: Queryable, unitId: number) {
  return db
    .selectFrom('consultations')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/** Audience departments by consultation. */
export async function audiences(db: Queryable, ids: number[]) {
  const map = new Map<number, number[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('consultation_audience')
    .selectAll()
    .where('consultation_id', 'in', ids)
    .execute();
  for (const r of rows) {
    map.set(r.consultation_id, [...(map.get(r.consultation_id) ?? []), r.department_id]);
  }
  return map;
}

export async function setStatus(
  db: Queryable,
  id: number,
  from: string[],
  fields: { status: string; closed_at?: string; reported_at?: string },
) {
  const r = await db
    .updateTable('consultations')
    .set(fields)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---- sections ----

export async function listSections(db: Queryable, consultationId: number) {
  return db
    .selectFrom('consultation_sections')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('seq')
    .execute();
}

export async function getSection(db: Queryable, consultationId: number, sectionId: number) {
  return db
    .selectFrom('consultation_sections')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('id', '=', sectionId)
    .executeTakeFirst();
}

export interface SectionCounts {
  agree: number;
  disagree: number;
  comments: number;
  adopted: number;
  partly: number;
  notAdopted: number;
  unanswered: number;
}

export const ZERO_COUNTS: SectionCounts = {
  agree: 0,
  disagree: 0,
  comments: 0,
  adopted: 0,
  partly: 0,
  notAdopted: 0,
  unanswered: 0,
};

/** Counts per section over the whole audience (never by department: docs, k rule). */
export async function sectionCounts(db: Queryable, consultationIds: number[]) {
  const map = new Map<number, SectionCounts>();
  if (consultationIds.length === 0) return map;
  const get = (id: number) => {
    let c = map.get(id);
    if (!c) map.set(id, (c = { ...ZERO_COUNTS }));
    return c;
  };
  const stances = await db
    .selectFrom('consultation_stances')
    .select(['section_id', 'stance', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('consultation_id', 'in', consultationIds)
    .groupBy(['section_id', 'stance'])
    .execute();
  for (const s of stances) {
    const c = get(s.section_id);
    if (s.stance === 'agree') c.agree = Number(s.n);
    else c.disagree = Number(s.n);
  }
  const comments = await db
    .selectFrom('consultation_comments')
    .select(['section_id', 'answer', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('consultation_id', 'in', consultationIds)
    .groupBy(['section_id', 'answer'])
    .execute();
  for (const r of comments) {
    const c = get(r.section_id);
    const n = Number(r.n);
    c.comments += n;
    if (r.answer === 'adopted') c.adopted += n;
    else if (r.answer === 'partly') c.partly += n;
    else if (r.answer === 'not_adopted') c.notAdopted += n;
    else c.unanswered += n;
  }
  return map;
}

/** Section id → consultation id, for the sections of several consultations. */
export async function sectionOwners(db: Queryable, consultationIds: number[]) {
  if (consultationIds.length === 0) return new Map<number, number>();
  const rows = await db
    .selectFrom('consultation_sections')
    .select(['id', 'consultation_id'])
    .where('consultation_id', 'in', consultationIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.consultation_id]));
}

// ---- stances ----

export async function myStances(db: Queryable, consultationId: number, accountId: number) {
  const rows = await db
    .selectFrom('consultation_stances')
    .select(['section_id', 'stance'])
    .where('consultation_id', '=', consultationId)
    .where('account_id', '=', accountId)
    .execute();
  return new Map(rows.map((r) => [r.section_id, r.stance]));
}

export async function setStance(
  db: Queryable,
  row: { consultationId: number; sectionId: number; accountId: number; stance: string | null },
  now: string,
) {
  await db
    .deleteFrom('consultation_stances')
    .where('section_id', '=', row.sectionId)
    .where('account_id', '=', row.accountId)
    .execute();
  if (row.stance === null) return;
  await db
    .insertInto('consultation_stances')
    .values({
      section_id: row.sectionId,
      account_id: row.accountId,
      consultation_id: row.consultationId,
      stance: row.stance,
      updated_at: now,
    })
    .execute();
}

// ---- comments ----

export async function insertComment(db: Queryable, row: Insertable<ConsultationCommentTable>) {
  const r = await db
    .insertInto('consultation_comments')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function getComment(db: Queryable, consultationId: number, commentId: number) {
  return db
    .selectFrom('consultation_comments')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('id', '=', commentId)
    .executeTakeFirst();
}

export async function answerComment(
  db: Queryable,
  id: number,
  fields: {
    answer: string;
    answer_reason: string | null;
    answered_by: number;
    answered_at: string;
  },
) {
  await db.updateTable('consultation_comments').set(fields).where('id', '=', id).execute();
}

export async function countUnanswered(db: Queryable, consultationId: number) {
  const r = await db
    .selectFrom('consultation_comments')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('consultation_id', '=', consultationId)
    .where('answer', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every comment of a consultation with its author's name and department (drafting side). */
export async function commentsWithAuthors(db: Queryable, consultationId: number) {
  return db
    .selectFrom('consultation_comments')
    .innerJoin('accounts', 'accounts.id', 'consultation_comments.account_id')
    .leftJoin('people', 'people.id', 'accounts.person_id')
    .leftJoin('departments', 'departments.id', 'people.department_id')
    .selectAll('consultation_comments')
    .select(['accounts.display_name as author_name', 'departments.name as author_department'])
    .where('consultation_comments.consultation_id', '=', consultationId)
    .orderBy('consultation_comments.id')
    .execute();
}

/** Comments of a consultation without anyone's name (the published report). */
export async function commentsOf(db: Queryable, consultationId: number) {
  return db
    .selectFrom('consultation_comments')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('id')
    .execute();
}

export async function myComments(db: Queryable, consultationId: number, accountId: number) {
  return db
    .selectFrom('consultation_comments')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}

/** The person's comments anywhere in the unit, newest first, with where they were made. */
export async function listMyComments(db: Queryable, unitId: number, accountId: number) {
  return db
    .selectFrom('consultation_comments')
    .innerJoin('consultations', 'consultations.id', 'consultation_comments.consultation_id')
    .innerJoin(
      'consultation_sections',
      'consultation_sections.id',
      'consultation_comments.section_id',
    )
    .selectAll('consultation_comments')
    .select([
      'consultations.title as consultation_title',
      'consultation_sections.kind as section_kind',
      'consultation_sections.label as section_label',
    ])
    .where('consultation_comments.unit_id', '=', unitId)
    .where('consultation_comments.account_id', '=', accountId)
    .orderBy('consultation_comments.id', 'desc')
    .limit(200)
    .execute();
}
