import { sql } from 'kysely';
import type { Queryable } from '../../db/database.js';

/**
 * The handling part's queries (office and departments). Together with repository.ts, the only
 * code touching the opinion box's tables.
 */

const SUBMITTER_EVENT_TYPES = ['answer', 'rated'];

/** The ids among `ids` that are active departments of the unit. */
export async function activeDepartmentIds(db: Queryable, unitId: number, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('departments')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('active', '=', 1)
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

export async function departmentNames(db: Queryable, unitId: number, ids: number[]) {
  const out = new Map<number, string>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('unit_id', '=', unitId)
    .where('id', 'in', unique)
    .execute();
  for (const r of rows) out.set(r.id, r.name);
  return out;
}

export async function accountNames(db: Queryable, unitId: number, ids: number[]) {
  const out = new Map<number, string>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('unit_id', '=', unitId)
    .where('id', 'in', unique)
    .execute();
  for (const r of rows) out.set(r.id, r.display_name);
  return out;
}

/** Active accounts holding `role`; with `departmentIds`, only people of those departments. */
export async function accountsInRole(
  db: Queryable,
  unitId: number,
  role: 'office' | 'department_head',
  departmentIds?: number[],
): Promise<number[]> {
  let q = db
    .selectFrom('role_assignments as r')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .select('a.id')
    .distinct()
    .where('r.unit_id', '=', unitId)
    .where('r.role', '=', role)
    .where('a.active', '=', 1);
  if (departmentIds !== undefined) {
    if (departmentIds.length === 0) return [];
    q = q
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .where('p.department_id', 'in', departmentIds)
      .where('p.active', '=', 1);
  }
  return (await q.orderBy('a.id').execute()).map((r) => r.id);
}

/** The office's department (of the first active office member), owner of office-held deadlines. */
export async function officeDepartmentId(db: Queryable, unitId: number): Promise<number | null> {
  const r = await db
    .selectFrom('role_assignments as r')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select('p.department_id')
    .where('r.unit_id', '=', unitId)
    .where('r.role', '=', 'office')
    .where('a.active', '=', 1)
    .orderBy('a.id')
    .executeTakeFirst();
  return r?.department_id ?? null;
}

/** Dispatch (again) to a department: a row bounced earlier is reused (unique per item). */
export async function upsertOpinionDepartment(
  db: Queryable,
  row: {
    opinion_id: string;
    unit_id: number;
    department_id: number;
    role: 'lead' | 'co';
    dispatched_on: string;
  },
) {
  await db
    .insertInto('opinion_departments')
    .values({ ...row, status: 'dispatched', signed_on: null, bounce_reason: null })
    .onConflict((oc) =>
      oc.columns(['opinion_id', 'department_id']).doUpdateSet({
        role: row.role,
        status: 'dispatched',
        dispatched_on: row.dispatched_on,
        signed_on: null,
        bounce_reason: null,
      }),
    )
    .execute();
}

/** Every live (dispatched or signed) department row of an item becomes bounced. */
export async function bounceDepartments(
  db: Queryable,
  unitId: number,
  opinionId: string,
  leadDepartmentId: number,
  reason: string,
) {
  await db
    .updateTable('opinion_departments')
    .set((eb) => ({
      status: 'bounced',
      bounce_reason: eb
        .case()
        .when('department_id', '=', leadDepartmentId)
        .then(reason)
        .else(eb.ref('bounce_reason'))
        .end(),
    }))
    .where('unit_id', '=', unitId)
    .where('opinion_id', '=', opinionId)
    .where('status', 'in', ['dispatched', 'signed'])
    .execute();
}

/** Sign the rows of `departmentIds` still waiting; returns how many were signed. */
export async function signDepartments(
  db: Queryable,
  unitId: number,
  opinionId: string,
  departmentIds: number[],
  today: string,
) {
  if (departmentIds.length === 0) return 0;
  const r = await db
    .updateTable('opinion_departments')
    .set({ status: 'signed', signed_on: today })
    .where('unit_id', '=', unitId)
    .where('opinion_id', '=', opinionId)
    .where('department_id', 'in', departmentIds)
    .where('status', '=', 'dispatched')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Named submitters of the items merged into `opinionId` (they follow its replies). */
export async function mergedSubmitters(db: Queryable, unitId: number, opinionId: string) {
  const rows = await db
    .selectFrom('opinions')
    .select('submitter_account_id')
    .where('unit_id', '=', unitId)
    .where('merged_into_id', '=', opinionId)
    .where('anonymous', '=', 0)
    .execute();
  return rows.map((r) => r.submitter_account_id).filter((x): x is number => x !== null);
}

// ---- the inbox ----

export interface InboxFilter {
  unitId: number;
  today: string;
  /** Department heads: only items dispatched (and not bounced) to these departments. */
  departmentScope?: number[];
  status?: string;
  kind?: string;
  departmentId?: number;
  late?: boolean;
  page: number;
  pageSize: number;
}

const orderKey = sql<string>`coalesce(o.accepted_on, o.submitted_on)`;

export async function listInbox(db: Queryable, f: InboxFilter) {
  let q = db.selectFrom('opinions as o').where('o.unit_id', '=', f.unitId);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.departmentScope) {
    const scope = f.departmentScope;
    if (scope.length === 0) return { items: [], total: 0 };
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('opinion_departments as od')
          .select(sql`1`.as('one'))
          .whereRef('od.opinion_id', '=', 'o.id')
          .where('od.department_id', 'in', scope)
          .where('od.status', 'in', ['dispatched', 'signed']),
      ),
    );
  }
  if (f.departmentId !== undefined) {
    const dep = f.departmentId;
    q = q.where(({ exists, selectFrom, or, eb }) =>
      or([
        eb('o.target_department_id', '=', dep),
        exists(
          selectFrom('opinion_departments as od2')
            .select(sql`1`.as('one'))
            .whereRef('od2.opinion_id', '=', 'o.id')
            .where('od2.department_id', '=', dep)
            .where('od2.status', 'in', ['dispatched', 'signed']),
        ),
      ]),
    );
  }
  if (f.late !== undefined) {
    const late = f.late;
    q = q.where((eb) => {
      const anyLate = eb.exists(
        eb
          .selectFrom('deadlines as d')
          .select(sql`1`.as('one'))
          .where('d.unit_id', '=', f.unitId)
          .where('d.subject_type', '=', 'opinion')
          .whereRef('d.subject_id', '=', 'o.id')
          .where('d.status', '=', 'open')
          .where('d.due_date', '<', f.today),
      );
      return late ? anyLate : eb.not(anyLate);
    });
  }
  const [rows, count] = await Promise.all([
    q
      .select([
        'o.id',
        'o.kind',
        'o.category',
        'o.title',
        'o.status',
        'o.anonymous',
        'o.lead_department_id',
        'o.target_department_id',
        'o.bounce_count',
        'o.submitted_on',
        'o.accepted_on',
        'o.replied_on',
        'o.closed_on',
        'o.consent_publish',
      ])
      .orderBy(orderKey, 'desc')
      .orderBy('o.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows, total: Number(count.n) };
}

/**
 * The thread a submitter follows: the item itself, or — once merged — the item it was merged
 * into (following a chain of merges), whose replies the submitter reads instead.
 */
export async function threadFor(db: Queryable, unitId: number, opinionId: string) {
  let id = opinionId;
  for (let hops = 0; hops < 10; hops++) {
    const row = await db
      .selectFrom('opinions')
      .select(['id', 'status', 'merged_into_id', 'replied_on'])
      .where('unit_id', '=', unitId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    if (row.status !== 'merged' || !row.merged_into_id) {
      if (row.id === opinionId) return { opinionId: row.id, merged: false, events: [] };
      const events = await db
        .selectFrom('opinion_events')
        .select(['type', 'author', 'body', 'on'])
        .where('unit_id', '=', unitId)
        .where('opinion_id', '=', row.id)
        .where('visible_to_submitter', '=', 1)
        .where('type', 'not in', SUBMITTER_EVENT_TYPES)
        .orderBy('on')
        .orderBy('id')
        .execute();
      return { opinionId: row.id, merged: true, status: row.status, events };
    }
    id = row.merged_into_id;
  }
  return null;
}

// ---- the daily digest ----

export async function unitIds(db: Queryable) {
  return (await db.selectFrom('units').select('id').orderBy('id').execute()).map((r) => r.id);
}

export async function lastDigestOn(db: Queryable, unitId: number) {
  const r = await db
    .selectFrom('opinion_digest_runs')
    .select('last_run_on')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return r?.last_run_on ?? null;
}

/** Claim today's digest for the unit: true once per day, whichever server asks first. */
export async function claimDigestDay(db: Queryable, unitId: number, today: string) {
  const r = await db
    .insertInto('opinion_digest_runs')
    .values({ unit_id: unitId, last_run_on: today })
    .onConflict((oc) =>
      oc
        .column('unit_id')
        .doUpdateSet({ last_run_on: today })
        .where('opinion_digest_runs.last_run_on', '<', today),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Items submitted from `from` (inclusive) to `to` (exclusive), named and anonymous alike. */
export async function countSubmitted(db: Queryable, unitId: number, from: string, to: string) {
  const r = await db
    .selectFrom('opinions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('unit_id', '=', unitId)
    .where('submitted_on', '>=', from)
    .where('submitted_on', '<', to)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
