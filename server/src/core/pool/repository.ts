import { containsText, type DbKind, type Queryable } from '../../db/database.js';
import * as org from '../org/repository.js';
import { poolScore, weightsFrom, type PoolWeights } from './score.js';

/** The only code touching `pool_entries`. */

export const POOL_SETTINGS_KEY = 'poolWeights';

export async function getWeights(db: Queryable, unitId: number): Promise<PoolWeights> {
  return weightsFrom((await org.getUnitSettings(db, unitId))[POOL_SETTINGS_KEY]);
}

export async function saveWeights(db: Queryable, unitId: number, weights: PoolWeights) {
  await org.setUnitSetting(db, unitId, POOL_SETTINGS_KEY, weights);
}

type Row = {
  people_affected: number;
  me_too_count: number;
  repeat_count: number;
  urgency: number;
  feasibility: number;
};

export const scoreOf = (r: Row, w: PoolWeights) =>
  poolScore(
    {
      peopleAffected: r.people_affected,
      meToo: r.me_too_count,
      repeats: r.repeat_count,
      urgency: r.urgency,
      feasibility: r.feasibility,
    },
    w,
  );

export async function findBySource(db: Queryable, unitId: number, kind: string, id: string) {
  return db
    .selectFrom('pool_entries')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('source_kind', '=', kind)
    .where('source_id', '=', id)
    .executeTakeFirst();
}

export async function getEntry(db: Queryable, unitId: number, id: number) {
  return db
    .selectFrom('pool_entries')
    .leftJoin('departments', 'departments.id', 'pool_entries.department_id')
    .selectAll('pool_entries')
    .select('departments.path as department_path')
    .where('pool_entries.unit_id', '=', unitId)
    .where('pool_entries.id', '=', id)
    .executeTakeFirst();
}

export interface EntryValues {
  title: string;
  category: string | null;
  department_id: number | null;
  people_affected: number;
  me_too_count: number;
  repeat_count: number;
  urgency: number;
  feasibility: number;
  status: string;
}

export async function insertEntry(
  db: Queryable,
  unitId: number,
  source: { kind: string; id: string },
  v: EntryValues,
  score: number,
  now: string,
  today: string,
) {
  const row = await db
    .insertInto('pool_entries')
    .values({
      unit_id: unitId,
      source_kind: source.kind,
      source_id: source.id,
      ...v,
      score,
      opened_on: today,
      created_at: now,
      updated_at: now,
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEntry(
  db: Queryable,
  id: number,
  patch: Partial<EntryValues> & { score: number; closed_at?: string | null },
  now: string,
) {
  await db
    .updateTable('pool_entries')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Recompute every entry's score of a unit after its weights change. */
export async function rescoreUnit(db: Queryable, unitId: number, w: PoolWeights) {
  const rows = await db
    .selectFrom('pool_entries')
    .select(['id', 'people_affected', 'me_too_count', 'repeat_count', 'urgency', 'feasibility'])
    .where('unit_id', '=', unitId)
    .execute();
  for (const r of rows) {
    await db
      .updateTable('pool_entries')
      .set({ score: scoreOf(r, w).score })
      .where('id', '=', r.id)
      .execute();
  }
  return rows.length;
}

export interface PoolFilter {
  unitId: number;
  status?: string[];
  departmentId?: number;
  sourceKind?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listEntries(db: Queryable, kind: DbKind, f: PoolFilter) {
  let q = db
    .selectFrom('pool_entries')
    .leftJoin('departments', 'departments.id', 'pool_entries.department_id')
    .where('pool_entries.unit_id', '=', f.unitId);
  if (f.status?.length) q = q.where('pool_entries.status', 'in', f.status);
  if (f.departmentId) q = q.where('pool_entries.department_id', '=', f.departmentId);
  if (f.sourceKind) q = q.where('pool_entries.source_kind', '=', f.sourceKind);
  if (f.q) q = q.where(containsText(kind, 'pool_entries.title', f.q));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll('pool_entries')
    .select('departments.path as department_path')
    .orderBy('pool_entries.score', 'desc')
    .orderBy('pool_entries.id', 'asc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total.n), items };
}

export async function sourceKinds(db: Queryable, unitId: number) {
  const rows = await db
    .selectFrom('pool_entries')
    .select('source_kind')
    .distinct()
    .where('unit_id', '=', unitId)
    .orderBy('source_kind')
    .execute();
  return rows.map((r) => r.source_kind);
}
