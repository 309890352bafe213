import type { DbKind, Queryable } from '../../db/database.js';
import type { DeadlineTable } from '../../db/schema.js';
import type { Insertable, Updateable } from 'kysely';

/** The only code that touches the deadline tables (and reads departments / accounts for them). */

export async function insertDeadline(db: Queryable, row: Insertable<DeadlineTable>) {
  const r = await db.insertInto('deadlines').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function getDeadline(db: Queryable, unitId: number, id: number) {
  return db
    .selectFrom('deadlines')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findOpen(
  db: Queryable,
  unitId: number,
  subject: { type: string; id: string },
  step: string,
) {
  return db
    .selectFrom('deadlines')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('step', '=', step)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

export async function updateDeadline(
  db: Queryable,
  unitId: number,
  id: number,
  set: Updateable<DeadlineTable>,
) {
  await db
    .updateTable('deadlines')
    .set(set)
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .execute();
}

export async function activeDepartment(db: Queryable, unitId: number, id: number) {
  return db
    .selectFrom('departments')
    .select(['id', 'path'])
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
}

export async function activeAccount(db: Queryable, unitId: number, id: number) {
  return db
    .selectFrom('accounts')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
}

/** Active accounts holding `role`, optionally only people of one department. */
export async function accountsWithRole(
  db: Queryable,
  unitId: number,
  role: 'department_head' | 'leader' | 'office',
  departmentId?: number,
) {
  let q = db
    .selectFrom('role_assignments as r')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .select('a.id')
    .where('r.unit_id', '=', unitId)
    .where('r.role', '=', role)
    .where('a.active', '=', 1);
  if (departmentId !== undefined) {
    q = q
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .where('p.department_id', '=', departmentId)
      .where('p.active', '=', 1);
  }
  const rows = await q.orderBy('a.id').execute();
  return rows.map((r) => r.id);
}

export async function unitIds(db: Queryable) {
  return (await db.selectFrom('units').select('id').orderBy('id').execute()).map((r) => r.id);
}

export async function lastRunOn(db: Queryable, unitId: number) {
  const r = await db
    .selectFrom('deadline_job_runs')
    .select('last_run_on')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return r?.last_run_on ?? null;
}

export async function setLastRunOn(db: Queryable, unitId: number, day: string, now: string) {
  await db
    .insertInto('deadline_job_runs')
    .values({ unit_id: unitId, last_run_on: day, updated_at: now })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet({ last_run_on: day, updated_at: now }))
    .execute();
}

/**
 * Open deadlines past due and not yet reminded, locked for this transaction. On PostgreSQL
 * `FOR UPDATE SKIP LOCKED`: a second scheduler skips rows the first holds, and once the first
 * commits the rows no longer match (reminder_sent_on is set). SQLite has one writer.
 */
export async function claimForReminder(
  db: Queryable,
  kind: DbKind,
  unitId: number,
  today: string,
  limit: number,
) {
  return db
    .selectFrom('deadlines')
    .select(['id', 'title', 'subject_type', 'subject_id', 'department_id', 'due_date'])
    .where('unit_id', '=', unitId)
    .where('status', '=', 'open')
    .where('reminder_sent_on', 'is', null)
    .where('due_date', '<', today)
    .orderBy('id')
    .limit(limit)
    .$if(kind === 'postgres', (q) => q.forUpdate().skipLocked())
    .execute();
}

/** Reminded on or before `remindedBy` and not yet escalated, locked like `claimForReminder`. */
export async function claimForEscalation(
  db: Queryable,
  kind: DbKind,
  unitId: number,
  remindedBy: string,
  limit: number,
) {
  return db
    .selectFrom('deadlines')
    .select([
      'id',
      'title',
      'subject_type',
      'subject_id',
      'department_id',
      'leader_account_id',
      'due_date',
      'reminder_sent_on',
    ])
    .where('unit_id', '=', unitId)
    .where('status', '=', 'open')
    .where('escalated_on', 'is', null)
    .where('reminder_sent_on', 'is not', null)
    .where('reminder_sent_on', '<=', remindedBy)
    .orderBy('id')
    .limit(limit)
    .$if(kind === 'postgres', (q) => q.forUpdate().skipLocked())
    .execute();
}

export async function markReminded(db: Queryable, id: number, day: string, now: string) {
  const r = await db
    .updateTable('deadlines')
    .set({ reminder_sent_on: day, updated_at: now })
    .where('id', '=', id)
    .where('reminder_sent_on', 'is', null)
    .executeTakeFirst();
  // Belt and braces beside the row lock: only the transaction that set the mark notifies.
  return Number(r.numUpdatedRows) === 1;
}

export async function markEscalated(db: Queryable, id: number, day: string, now: string) {
  const r = await db
    .updateTable('deadlines')
    .set({ escalated_on: day, updated_at: now })
    .where('id', '=', id)
    .where('escalated_on', 'is', null)
    .executeTakeFirst();
  // Belt and braces beside the row lock: only the transaction that set the mark notifies.
  return Number(r.numUpdatedRows) === 1;
}

/** Open deadlines due on or before `dueBy`, with their department and leader, for the board. */
export async function boardRows(db: Queryable, unitId: number, dueBy: string) {
  const q = db
    .selectFrom('deadlines as d')
    .innerJoin('departments as dep', 'dep.id', 'd.department_id')
    .leftJoin('accounts as l', 'l.id', 'd.leader_account_id')
    .selectAll('d')
    .select(['dep.path as department_path', 'l.display_name as leader_name'])
    .where('d.unit_id', '=', unitId)
    .where('d.status', '=', 'open')
    .where('d.due_date', '<=', dueBy);
  return q.orderBy('dep.path').orderBy('d.due_date').orderBy('d.id').execute();
}

export async function departmentPath(db: Queryable, unitId: number, id: number) {
  const r = await db
    .selectFrom('departments')
    .select('path')
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.path ?? null;
}

/** The open deadlines of some subjects of one kind (for modules' views). */
export async function openForSubjects(
  db: Queryable,
  unitId: number,
  subjectType: string,
  subjectIds: string[],
) {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom('deadlines')
    .select([
      'id',
      'subject_id',
      'step',
      'due_date',
      'extension_status',
      'extension_days',
      'extension_reason',
    ])
    .where('unit_id', '=', unitId)
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', subjectIds)
    .where('status', '=', 'open')
    .execute();
}
