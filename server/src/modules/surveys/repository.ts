import { sql } from 'kysely';
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

// ---- the builder ----

export interface SurveyValues {
  title: string;
  description: string;
  anonymous: boolean;
  audience: Audience;
  questions: Question[];
  opensAt: string | null;
  closesAt: string | null;
}

export async function insertSurvey(
  db: Queryable,
  v: SurveyValues & {
    unitId: number;
    ownerDepartmentId: number | null;
    createdBy: number;
    now: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('surveys')
    .values({
      unit_id: v.unitId,
      title: v.title,
      description: v.description,
      status: 'draft',
      anonymous: v.anonymous ? 1 : 0,
      audience: JSON.stringify(v.audience),
      questions: JSON.stringify(v.questions),
      opens_at: v.opensAt,
      closes_at: v.closesAt,
      owner_department_id: v.ownerDepartmentId,
      created_by: v.createdBy,
      created_at: v.now,
      updated_at: v.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSurveyValues(
  db: Queryable,
  unitId: number,
  id: number,
  v: SurveyValues & { now: string; onlyUnlocked: boolean },
): Promise<boolean> {
  let q = db
    .updateTable('surveys')
    .set({
      title: v.title,
      description: v.description,
      anonymous: v.anonymous ? 1 : 0,
      audience: JSON.stringify(v.audience),
      questions: JSON.stringify(v.questions),
      opens_at: v.opensAt,
      closes_at: v.closesAt,
      updated_at: v.now,
    })
    .where('unit_id', '=', unitId)
    .where('id', '=', id);
  if (v.onlyUnlocked) q = q.where('locked', '=', 0);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Move a survey from one status to another; false when it was no longer in `from`. */
export async function setStatus(
  db: Queryable,
  unitId: number,
  id: number,
  from: SurveyRecord['status'],
  to: SurveyRecord['status'],
  set: { opensAt?: string; closedAt?: string; now: string },
): Promise<boolean> {
  const r = await db
    .updateTable('surveys')
    .set({
      status: to,
      updated_at: set.now,
      ...(set.opensAt !== undefined ? { opens_at: set.opensAt } : {}),
      ...(set.closedAt !== undefined ? { closed_at: set.closedAt } : {}),
    })
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Active departments of the unit: id, name, path. */
export async function departments(db: Queryable, unitId: number) {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'path', 'active'])
    .where('unit_id', '=', unitId)
    .execute();
}

/** Everyone who could be in an audience: active people with an active account, their roles. */
export async function candidates(db: Queryable, unitId: number) {
  const people = await db
    .selectFrom('people')
    .innerJoin('accounts', 'accounts.person_id', 'people.id')
    .select(['accounts.id as account_id', 'people.department_id'])
    .where('people.unit_id', '=', unitId)
    .where('people.active', '=', 1)
    .where('accounts.active', '=', 1)
    .execute();
  const roles = await db
    .selectFrom('role_assignments')
    .select(['account_id', 'role'])
    .where('unit_id', '=', unitId)
    .execute();
  const byAccount = new Map<number, string[]>();
  for (const r of roles)
    byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r.role]);
  return people.map((p) => ({
    accountId: p.account_id,
    departmentId: p.department_id,
    roles: byAccount.get(p.account_id) ?? [],
  }));
}

export interface ParticipantValues {
  accountId: number;
  departmentId: number;
  role: string;
}

export async function insertParticipants(
  db: Queryable,
  unitId: number,
  surveyId: number,
  rows: ParticipantValues[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('survey_participants')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          survey_id: surveyId,
          account_id: r.accountId,
          unit_id: unitId,
          department_id: r.departmentId,
          role: r.role,
        })),
      )
      .execute();
  }
}

/**
 * Rewrite every participant row of a survey in one statement (closing): on PostgreSQL each row
 * then carries the closing transaction's id rather than the id of the transaction that
 * recorded the answer (which the response row shares). See docs/surveys-design.md.
 */
export async function touchParticipants(db: Queryable, surveyId: number) {
  await db
    .updateTable('survey_participants')
    .set((eb) => ({ answered: eb.ref('answered') }))
    .where('survey_id', '=', surveyId)
    .execute();
}

// ---- answering ----

export async function findParticipant(db: Queryable, surveyId: number, accountId: number) {
  return db
    .selectFrom('survey_participants')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Mark a participant answered; false when they had answered already (or are not one). */
export async function markAnswered(
  db: Queryable,
  surveyId: number,
  accountId: number,
  idempotencyHash: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable('survey_participants')
    .set({ answered: 1, idempotency_hash: idempotencyHash })
    .where('survey_id', '=', surveyId)
    .where('account_id', '=', accountId)
    .where('answered', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Rewrite a few other answered participants' rows of the survey together with the answering
 * person's (`answered = answered`, nothing changes): on PostgreSQL the transaction id and the
 * heap position the answer leaves on the participant rows are then shared by up to `count + 1`
 * people who have answered, not by the one person (docs/surveys-design.md, residual risks).
 * The decoys are a block at a random offset among those who have answered.
 */
export async function touchDecoys(
  db: Queryable,
  surveyId: number,
  accountId: number,
  answered: number,
  count: number,
  random: (n: number) => number,
) {
  if (answered <= 0) return 0;
  const offset = answered > count ? random(answered - count + 1) : 0;
  const rows = await db
    .selectFrom('survey_participants')
    .select('account_id')
    .where('survey_id', '=', surveyId)
    .where('answered', '=', 1)
    .where('account_id', '!=', accountId)
    .orderBy('account_id')
    .limit(count)
    .offset(offset)
    .execute();
  if (!rows.length) return 0;
  await db
    .updateTable('survey_participants')
    .set((eb) => ({ answered: eb.ref('answered') }))
    .where('survey_id', '=', surveyId)
    .where(
      'account_id',
      'in',
      rows.map((r) => r.account_id),
    )
    .execute();
  return rows.length;
}

/**
 * Count one response and lock the questions, if the survey is still open at `now` (under the
 * row lock: a survey closed meanwhile is not answered). Leaves updated_at alone: it would be
 * a precise time of the latest answer.
 */
export async function countResponse(db: Queryable, unitId: number, surveyId: number, now: string) {
  const r = await db
    .updateTable('surveys')
    .set((eb) => ({ response_count: eb('response_count', '+', 1), locked: 1 }))
    .where('unit_id', '=', unitId)
    .where('id', '=', surveyId)
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('closes_at', 'is', null), eb('closes_at', '>', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertResponse(
  db: Queryable,
  r: {
    id: string;
    unitId: number;
    surveyId: number;
    accountId: number | null;
    departmentId: number | null;
    role: string | null;
    submittedOn: string;
  },
) {
  await db
    .insertInto('survey_responses')
    .values({
      id: r.id,
      unit_id: r.unitId,
      survey_id: r.surveyId,
      account_id: r.accountId,
      department_id: r.departmentId,
      role: r.role,
      submitted_on: r.submittedOn,
    })
    .execute();
}

export async function insertAnswers(
  db: Queryable,
  base: { responseId: string; unitId: number; surveyId: number },
  rows: AnswerRowValues[],
) {
  for (let i = 0; i < rows.length; i += 400) {
    await db
      .insertInto('survey_answers')
      .values(
        rows.slice(i, i + 400).map((r, j) => ({
          response_id: base.responseId,
          seq: i + j,
          unit_id: base.unitId,
          survey_id: base.surveyId,
          ...r,
        })),
      )
      .execute();
  }
}

export interface AnswerRowValues {
  question_id: string;
  option_index: number | null;
  row_index: number | null;
  value_num: number | null;
  value_text: string | null;
}

export async function findDraft(db: Queryable, surveyId: number, accountId: number) {
  return db
    .selectFrom('survey_drafts')
    .select(['answers', 'updated_at'])
    .where('survey_id', '=', surveyId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function saveDraft(
  db: Queryable,
  v: { surveyId: number; accountId: number; unitId: number; answers: string; now: string },
) {
  const updated = await db
    .updateTable('survey_drafts')
    .set({ answers: v.answers, updated_at: v.now })
    .where('survey_id', '=', v.surveyId)
    .where('account_id', '=', v.accountId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return;
  await db
    .insertInto('survey_drafts')
    .values({
      survey_id: v.surveyId,
      account_id: v.accountId,
      unit_id: v.unitId,
      answers: v.answers,
      updated_at: v.now,
    })
    .execute();
}

export async function deleteDraft(db: Queryable, surveyId: number, accountId: number) {
  await db
    .deleteFrom('survey_drafts')
    .where('survey_id', '=', surveyId)
    .where('account_id', '=', accountId)
    .execute();
}

// ---- lists ----

const summaryColumns = [
  'surveys.id',
  'surveys.title',
  'surveys.status',
  'surveys.anonymous',
  'surveys.opens_at',
  'surveys.closes_at',
  'surveys.response_count',
  'surveys.owner_department_id',
] as const;

export interface SummaryRow {
  id: number;
  title: string;
  status: string;
  anonymous: number;
  opens_at: string | null;
  closes_at: string | null;
  response_count: number;
  owner_department_id: number | null;
  answered: number | null;
}

/** Open surveys I am in the audience of, and closed ones I answered (newest first). */
export async function listMine(
  db: Queryable,
  unitId: number,
  accountId: number,
): Promise<SummaryRow[]> {
  return db
    .selectFrom('surveys')
    .innerJoin('survey_participants as p', 'p.survey_id', 'surveys.id')
    .select([...summaryColumns, 'p.answered'])
    .where('surveys.unit_id', '=', unitId)
    .where('p.account_id', '=', accountId)
    .where((eb) =>
      eb.or([
        eb('surveys.status', '=', 'open'),
        eb.and([eb('surveys.status', '=', 'closed'), eb('p.answered', '=', 1)]),
      ]),
    )
    .orderBy('surveys.id', 'desc')
    .limit(200)
    .execute();
}

/** Surveys the actor manages: all of the unit (ownerDepartmentId undefined) or one department's. */
export async function listManaged(
  db: Queryable,
  unitId: number,
  accountId: number,
  ownerDepartmentId: number | undefined,
): Promise<SummaryRow[]> {
  let q = db
    .selectFrom('surveys')
    .leftJoin('survey_participants as p', (j) =>
      j.onRef('p.survey_id', '=', 'surveys.id').on('p.account_id', '=', accountId),
    )
    .select([...summaryColumns, 'p.answered'])
    .where('surveys.unit_id', '=', unitId);
  if (ownerDepartmentId !== undefined)
    q = q.where('surveys.owner_department_id', '=', ownerDepartmentId);
  return q.orderBy('surveys.id', 'desc').limit(500).execute();
}

/** People in each survey's audience snapshot. */
export async function invitedCounts(db: Queryable, surveyIds: number[]) {
  const map = new Map<number, number>();
  if (!surveyIds.length) return map;
  const rows = await db
    .selectFrom('survey_participants')
    .select(['survey_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('survey_id', 'in', surveyIds)
    .groupBy('survey_id')
    .execute();
  for (const r of rows) map.set(r.survey_id, Number(r.n));
  return map;
}

// ---- reminders ----

/** Participants who have not answered and were not reminded today; marks them reminded today. */
export async function remindDue(db: Queryable, surveyId: number, today: string) {
  const rows = await db
    .selectFrom('survey_participants')
    .select('account_id')
    .where('survey_id', '=', surveyId)
    .where('answered', '=', 0)
    .where((eb) => eb.or([eb('reminded_on', 'is', null), eb('reminded_on', '<', today)]))
    .execute();
  const ids = rows.map((r) => r.account_id);
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('survey_participants')
      .set({ reminded_on: today })
      .where('survey_id', '=', surveyId)
      .where('account_id', 'in', ids.slice(i, i + 500))
      .execute();
  }
  return ids;
}

export async function participantAccounts(db: Queryable, surveyId: number) {
  const rows = await db
    .selectFrom('survey_participants')
    .select('account_id')
    .where('survey_id', '=', surveyId)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Accounts of the department heads of one department (for the search visibility). */
export async function headsOf(db: Queryable, unitId: number, departmentId: number) {
  const rows = await db
    .selectFrom('people')
    .innerJoin('accounts', 'accounts.person_id', 'people.id')
    .innerJoin('role_assignments as r', 'r.account_id', 'accounts.id')
    .select('accounts.id')
    .where('people.unit_id', '=', unitId)
    .where('people.department_id', '=', departmentId)
    .where('people.active', '=', 1)
    .where('r.role', '=', 'department_head')
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

// ---- jobs ----

/** Surveys due to open (drafts whose opensAt has come) or close (open, closesAt passed). */
export async function dueSurveys(db: Queryable, now: string) {
  return db
    .selectFrom('surveys')
    .select(['id', 'unit_id', 'status'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'draft'),
          eb('opens_at', 'is not', null),
          eb('opens_at', '<=', now),
          eb.or([eb('closes_at', 'is', null), eb('closes_at', '>', now)]),
        ]),
        eb.and([
          eb('status', '=', 'open'),
          eb('closes_at', 'is not', null),
          eb('closes_at', '<=', now),
        ]),
      ]),
    )
    .orderBy('id')
    .limit(100)
    .execute();
}

/**
 * Text answers of a survey not yet in the search index; `before`: only responses submitted
 * before that date (the anonymous batch leaves today's for tomorrow).
 */
export async function unindexedTexts(db: Queryable, surveyId: number, before: string | null) {
  let q = db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .select(['a.response_id', 'a.question_id', 'a.value_text', 'r.unit_id'])
    .where('a.survey_id', '=', surveyId)
    .where('a.value_text', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('search_documents as d')
            .select('d.id')
            .whereRef('d.unit_id', '=', 'r.unit_id')
            .where('d.record_kind', '=', SEARCH_KIND)
            .where('d.record_id', '=', sql<string>`a.response_id || '-' || a.question_id`),
        ),
      ),
    );
  if (before) q = q.where('r.submitted_on', '<', before);
  return q.execute();
}

/** Open anonymous surveys with answers: their texts are indexed in a daily batch. */
export async function openAnonymousWithAnswers(db: Queryable) {
  return db
    .selectFrom('surveys')
    .select(['id', 'unit_id'])
    .where('status', '=', 'open')
    .where('anonymous', '=', 1)
    .where('response_count', '>', 0)
    .execute();
}

export const SEARCH_KIND = 'survey_answer';
