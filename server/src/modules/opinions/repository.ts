import type { Insertable, Updateable } from 'kysely';
import { containsText, type DbKind, type Queryable } from '../../db/database.js';
import type { OpinionDepartmentTable, OpinionEventTable, OpinionTable } from '../../db/schema.js';

/** The only code that touches the opinion box's tables (docs/opinions-design.md). */

export type OpinionRow = Awaited<ReturnType<typeof getOpinion>> & object;
export type OpinionEventRow = Awaited<ReturnType<typeof listEvents>>[number];
export type OpinionDepartmentRow = Awaited<ReturnType<typeof listOpinionDepartments>>[number];

// ---- opinions ----

export async function insertOpinion(db: Queryable, row: Insertable<OpinionTable>) {
  await db.insertInto('opinions').values(row).execute();
}

/** One opinion of the unit (undefined when absent or of another unit). */
export async function getOpinion(db: Queryable, unitId: number, id: string) {
  return db
    .selectFrom('opinions')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Update fields of one opinion of the unit; `expectStatus` guards a state change (0 rows → false). */
export async function updateOpinion(
  db: Queryable,
  unitId: number,
  id: string,
  fields: Updateable<OpinionTable>,
  expectStatus?: string | string[],
): Promise<boolean> {
  let q = db.updateTable('opinions').set(fields).where('unit_id', '=', unitId).where('id', '=', id);
  if (expectStatus !== undefined)
    q = q.where('status', 'in', Array.isArray(expectStatus) ? expectStatus : [expectStatus]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findOpinionByReceipt(db: Queryable, unitId: number, receiptHash: string) {
  return db
    .selectFrom('opinions')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('receipt_hash', '=', receiptHash)
    .executeTakeFirst();
}

/** Receipt hashes are unique per unit; tracking does not know the unit, so search all units. */
export async function findOpinionsByReceiptHashes(db: Queryable, hashes: string[]) {
  if (hashes.length === 0) return [];
  return db.selectFrom('opinions').selectAll().where('receipt_hash', 'in', hashes).execute();
}

/** A named submitter's own items, newest first (anonymous ones are never listed). */
export async function listMine(db: Queryable, unitId: number, accountId: number) {
  return db
    .selectFrom('opinions')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('submitter_account_id', '=', accountId)
    .where('anonymous', '=', 0)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
}

// ---- timeline ----

export async function appendEvent(db: Queryable, row: Insertable<OpinionEventTable>) {
  await db.insertInto('opinion_events').values(row).execute();
}

export async function listEvents(
  db: Queryable,
  unitId: number,
  opinionId: string,
  opts: { submitterOnly?: boolean } = {},
) {
  let q = db
    .selectFrom('opinion_events')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('opinion_id', '=', opinionId);
  if (opts.submitterOnly) q = q.where('visible_to_submitter', '=', 1);
  return q.orderBy('id').execute();
}

// ---- departments of an opinion ----

export async function listOpinionDepartments(db: Queryable, unitId: number, opinionId: string) {
  return db
    .selectFrom('opinion_departments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('opinion_id', '=', opinionId)
    .orderBy('id')
    .execute();
}

/** The department rows of several opinions at once (a page of the inbox). */
export async function listDepartmentsOfOpinions(db: Queryable, unitId: number, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('opinion_departments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('opinion_id', 'in', ids)
    .orderBy('id')
    .execute();
}

export async function insertOpinionDepartment(
  db: Queryable,
  row: Insertable<OpinionDepartmentTable>,
) {
  await db.insertInto('opinion_departments').values(row).execute();
}

export async function updateOpinionDepartment(
  db: Queryable,
  unitId: number,
  opinionId: string,
  departmentId: number,
  fields: Updateable<OpinionDepartmentTable>,
) {
  const r = await db
    .updateTable('opinion_departments')
    .set(fields)
    .where('unit_id', '=', unitId)
    .where('opinion_id', '=', opinionId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---- unit keys ----

export async function getUnitKeys(db: Queryable, unitId: number) {
  return db
    .selectFrom('opinion_unit_keys')
    .selectAll()
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export async function insertUnitKeysIfAbsent(
  db: Queryable,
  row: { unit_id: number; salt: string; secret: string },
) {
  await db
    .insertInto('opinion_unit_keys')
    .values(row)
    .onConflict((oc) => oc.column('unit_id').doNothing())
    .execute();
}

export async function listUnitKeys(db: Queryable) {
  return db.selectFrom('opinion_unit_keys').selectAll().execute();
}

// ---- idempotency ----

export async function findIdempotent(db: Queryable, unitId: number, keyHash: string) {
  return db
    .selectFrom('opinion_idempotency')
    .select('opinion_id')
    .where('unit_id', '=', unitId)
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
}

export async function insertIdempotent(
  db: Queryable,
  row: { unit_id: number; key_hash: string; opinion_id: string },
) {
  await db.insertInto('opinion_idempotency').values(row).execute();
}

// ---- me too ----

/** Record one "me too" (false when this account already said it). */
export async function insertMeToo(
  db: Queryable,
  row: { unit_id: number; opinion_id: string; account_id: number },
): Promise<boolean> {
  const r = await db
    .insertInto('opinion_me_too')
    .values(row)
    .onConflict((oc) => oc.columns(['opinion_id', 'account_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function hasMeToo(db: Queryable, opinionId: string, accountId: number) {
  const r = await db
    .selectFrom('opinion_me_too')
    .select('opinion_id')
    .where('opinion_id', '=', opinionId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function incrementMeToo(db: Queryable, unitId: number, opinionId: string) {
  await db
    .updateTable('opinions')
    .set((eb) => ({ me_too_count: eb('me_too_count', '+', 1) }))
    .where('unit_id', '=', unitId)
    .where('id', '=', opinionId)
    .execute();
}

// ---- lookups for the submitter's side ----

/** The unit's department names by id (one lookup for every module: core/org). */
export { departmentNames } from '../../core/org/repository.js';

export async function activeDepartmentExists(db: Queryable, unitId: number, id: number) {
  const r = await db
    .selectFrom('departments')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  return r !== undefined;
}

/** The department of the subject's most recent deadline of a step (for the redo's new limit). */
export async function lastDeadlineDepartment(
  db: Queryable,
  unitId: number,
  opinionId: string,
  step: string,
) {
  const r = await db
    .selectFrom('deadlines')
    .select('department_id')
    .where('unit_id', '=', unitId)
    .where('subject_type', '=', 'opinion')
    .where('subject_id', '=', opinionId)
    .where('step', '=', step)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r?.department_id ?? null;
}

/** Active accounts holding the office role (recipients of the office's events). */
export async function officeAccounts(db: Queryable, unitId: number) {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('accounts', 'accounts.id', 'role_assignments.account_id')
    .select('accounts.id')
    .where('accounts.unit_id', '=', unitId)
    .where('role_assignments.role', '=', 'office')
    .where('accounts.active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

export const WALL_PAGE_SIZE = 20;

/** Published items of the unit, most concerned first, searchable by their public texts. */
export async function listWall(
  db: Queryable,
  kind: DbKind,
  unitId: number,
  opts: { q?: string; page: number },
) {
  let q = db.selectFrom('opinions').where('unit_id', '=', unitId).where('published', '=', 1);
  const text = opts.q?.trim();
  if (text)
    q = q.where((eb) =>
      eb.or([
        containsText(kind, 'public_title', text),
        containsText(kind, 'public_content', text),
        containsText(kind, 'public_reply', text),
      ]),
    );
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .select([
      'id',
      'kind',
      'public_title',
      'public_content',
      'public_reply',
      'me_too_count',
      'replied_on',
    ])
    .orderBy('me_too_count', 'desc')
    .orderBy('replied_on', 'desc')
    .orderBy('id')
    .limit(WALL_PAGE_SIZE)
    .offset((opts.page - 1) * WALL_PAGE_SIZE)
    .execute();
  return { items, total: Number(total.n) };
}

export async function meTooOf(db: Queryable, accountId: number, opinionIds: string[]) {
  if (opinionIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('opinion_me_too')
    .select('opinion_id')
    .where('account_id', '=', accountId)
    .where('opinion_id', 'in', opinionIds)
    .execute();
  return new Set(rows.map((r) => r.opinion_id));
}

/** Items waiting for a rating (the not-rated closing job). */
export async function listReplied(db: Queryable, unitId: number) {
  return db
    .selectFrom('opinions')
    .select(['id', 'anonymous', 'replied_on'])
    .where('unit_id', '=', unitId)
    .where('status', '=', 'replied')
    .execute();
}

export async function listUnitIds(db: Queryable) {
  const rows = await db.selectFrom('units').select('id').execute();
  return rows.map((r) => r.id);
}
