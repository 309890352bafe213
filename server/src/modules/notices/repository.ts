import { sql, type Insertable, type Updateable } from 'kysely';
import { containsText, type DbKind, type Queryable } from '../../db/database.js';
import type {
  NoticeItemTable,
  NoticeObjectionTable,
  NoticeTable,
  NoticeVersionTable,
} from '../../db/schema-notices.js';

/** The only code that touches the notices tables (docs/notices-design.md). */

export type NoticeRow = NonNullable<Awaited<ReturnType<typeof getNotice>>>;
export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];
export type VersionRow = NonNullable<Awaited<ReturnType<typeof getVersion>>>;
export type ObjectionRow = NonNullable<Awaited<ReturnType<typeof getObjection>>>;
export type AttachmentInfo = Awaited<ReturnType<typeof listNoticeAttachments>>[number];

// ---- notices ----

export async function insertNotice(db: Queryable, row: Insertable<NoticeTable>) {
  const r = await db.insertInto('notices').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function getNotice(db: Queryable, unitId: number, id: number) {
  return db
    .selectFrom('notices')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Update one notice; `expectStatus` guards a state change (0 rows → false). */
export async function updateNotice(
  db: Queryable,
  unitId: number,
  id: number,
  fields: Updateable<NoticeTable>,
  expectStatus?: string | string[],
): Promise<boolean> {
  let q = db.updateTable('notices').set(fields).where('unit_id', '=', unitId).where('id', '=', id);
  if (expectStatus !== undefined)
    q = q.where('status', 'in', Array.isArray(expectStatus) ? expectStatus : [expectStatus]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface NoticeFilter {
  unitId: number;
  /** null: the office (every notice); else the reader's department and its ancestors. */
  scopeDepartmentIds: number[] | null;
  statuses: string[];
  type?: string;
  year?: number;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listNotices(db: Queryable, kind: DbKind, f: NoticeFilter) {
  let q = db
    .selectFrom('notices as n')
    .where('n.unit_id', '=', f.unitId)
    .where('n.status', 'in', f.statuses);
  if (f.scopeDepartmentIds !== null) {
    const ids = f.scopeDepartmentIds.length ? f.scopeDepartmentIds : [-1];
    q = q.where((eb) =>
      eb.or([
        eb('n.whole_unit', '=', 1),
        eb.exists(
          eb
            .selectFrom('notice_departments as d')
            .select('d.notice_id')
            .whereRef('d.notice_id', '=', 'n.id')
            .where('d.department_id', 'in', ids),
        ),
      ]),
    );
  }
  if (f.type) q = q.where('n.type', '=', f.type);
  if (f.year) {
    const from = `${f.year}-01-01`;
    const to = `${f.year}-12-31`;
    // Published notices by the year their period started; drafts by the year they were made.
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('n.starts_on', '>=', from), eb('n.starts_on', '<=', to)]),
        eb.and([
          eb('n.starts_on', 'is', null),
          eb('n.created_at', '>=', `${from}T00:00:00.000Z`),
          eb('n.created_at', '<=', `${to}T23:59:59.999Z`),
        ]),
      ]),
    );
  }
  if (f.q) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([
        containsText(kind, 'n.title', text),
        containsText(kind, 'n.body', text),
        // Item names of sensitive notices are never searched (a hit would reveal a name).
        eb.and([
          eb('n.sensitive', '=', 0),
          eb.exists(
            eb
              .selectFrom('notice_items as i')
              .select('i.id')
              .whereRef('i.notice_id', '=', 'n.id')
              .where(containsText(kind, 'i.name', text)),
          ),
        ]),
      ]),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('n')
    .orderBy(sql`coalesce(n.starts_on, '9999-12-31')`, 'desc')
    .orderBy('n.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Published or scheduled notices due: scheduled ones whose time has come. */
export async function dueScheduled(db: Queryable, now: string) {
  return db
    .selectFrom('notices')
    .select(['id', 'unit_id'])
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .orderBy('id')
    .execute();
}

// ---- scope ----

export async function noticeDepartmentIds(db: Queryable, noticeId: number) {
  const rows = await db
    .selectFrom('notice_departments')
    .select('department_id')
    .where('notice_id', '=', noticeId)
    .orderBy('department_id')
    .execute();
  return rows.map((r) => r.department_id);
}

export async function replaceDepartments(db: Queryable, noticeId: number, ids: number[]) {
  await db.deleteFrom('notice_departments').where('notice_id', '=', noticeId).execute();
  if (ids.length)
    await db
      .insertInto('notice_departments')
      .values(ids.map((department_id) => ({ notice_id: noticeId, department_id })))
      .execute();
}

export async function unitDepartments(db: Queryable, unitId: number) {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'path', 'active', 'parent_id'])
    .where('unit_id', '=', unitId)
    .execute();
}

/** Active people of the unit with an active account, with their department. */
export async function activeMembers(db: Queryable, unitId: number) {
  return db
    .selectFrom('people as p')
    .innerJoin('accounts as a', 'a.person_id', 'p.id')
    .select(['a.id as accountId', 'p.department_id as departmentId', 'p.name'])
    .where('p.unit_id', '=', unitId)
    .where('p.active', '=', 1)
    .where('a.active', '=', 1)
    .execute();
}

export async function officeAccounts(db: Queryable, unitId: number) {
  const rows = await db
    .selectFrom('role_assignments as r')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .select('a.id')
    .where('r.unit_id', '=', unitId)
    .where('r.role', '=', 'office')
    .where('a.active', '=', 1)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The office's department (of the first active office member): owner of finding deadlines. */
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

export async function accountNames(db: Queryable, ids: number[]) {
  const unique = [...new Set(ids.filter((i) => i > 0))];
  if (!unique.length) return new Map<number, string>();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

// ---- items ----

export async function listItems(db: Queryable, noticeId: number) {
  return db
    .selectFrom('notice_items')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .orderBy('seq')
    .orderBy('id')
    .execute();
}

export async function getItem(db: Queryable, noticeId: number, itemId: number) {
  return db
    .selectFrom('notice_items')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function insertItem(db: Queryable, row: Insertable<NoticeItemTable>) {
  const r = await db
    .insertInto('notice_items')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateItem(
  db: Queryable,
  noticeId: number,
  itemId: number,
  fields: Updateable<NoticeItemTable>,
) {
  await db
    .updateTable('notice_items')
    .set(fields)
    .where('notice_id', '=', noticeId)
    .where('id', '=', itemId)
    .execute();
}

/** A draft's items are replaced wholesale (nothing refers to them before publishing). */
export async function deleteDraftItems(db: Queryable, noticeId: number) {
  await db.deleteFrom('notice_items').where('notice_id', '=', noticeId).execute();
}

// ---- attachments ----

export async function listNoticeAttachments(db: Queryable, noticeId: number) {
  return db
    .selectFrom('notice_attachments as na')
    .innerJoin('attachments as a', 'a.id', 'na.attachment_id')
    .innerJoin('files as f', 'f.id', 'a.file_id')
    .select(['a.id', 'a.name', 'f.size', 'f.sha256', 'na.seq'])
    .where('na.notice_id', '=', noticeId)
    .orderBy('na.seq')
    .execute();
}

export async function replaceNoticeAttachments(db: Queryable, noticeId: number, ids: string[]) {
  await db.deleteFrom('notice_attachments').where('notice_id', '=', noticeId).execute();
  if (ids.length)
    await db
      .insertInto('notice_attachments')
      .values(ids.map((attachment_id, i) => ({ notice_id: noticeId, attachment_id, seq: i + 1 })))
      .execute();
}

export async function recordAttachments(db: Queryable, unitId: number, kind: string, id: string) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('files as f', 'f.id', 'a.file_id')
    .select(['a.id', 'a.name', 'f.size', 'f.sha256'])
    .where('a.unit_id', '=', unitId)
    .where('a.record_kind', '=', kind)
    .where('a.record_id', '=', id)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

// ---- versions (append-only) ----

export async function insertVersion(
  db: Queryable,
  row: Insertable<NoticeVersionTable>,
  items: Array<{
    item_id: number;
    seq: number;
    name: string;
    detail: string;
    status: string;
    note: string | null;
  }>,
  attachments: Array<{
    attachment_id: string;
    seq: number;
    name: string;
    sha256: string;
    size: number;
  }>,
) {
  const r = await db
    .insertInto('notice_versions')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (items.length)
    await db
      .insertInto('notice_version_items')
      .values(items.map((i) => ({ ...i, version_id: r.id })))
      .execute();
  if (attachments.length)
    await db
      .insertInto('notice_version_attachments')
      .values(attachments.map((a) => ({ ...a, version_id: r.id })))
      .execute();
  return r.id;
}

export async function listVersions(db: Queryable, noticeId: number) {
  return db
    .selectFrom('notice_versions')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .orderBy('version')
    .execute();
}

export async function getVersion(db: Queryable, noticeId: number, version: number) {
  return db
    .selectFrom('notice_versions')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function versionItems(db: Queryable, versionId: number) {
  return db
    .selectFrom('notice_version_items')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('seq')
    .orderBy('item_id')
    .execute();
}

export async function versionAttachments(db: Queryable, versionId: number) {
  return db
    .selectFrom('notice_version_attachments')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('seq')
    .execute();
}

/** Every version of every unit, for the command-line check, in pages. */
export async function versionPage(db: Queryable, afterId: number, limit: number) {
  return db
    .selectFrom('notice_versions')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * The fingerprints written in the audit log when each version was published (`notice.published`
 * and `notice.corrected` entries of the notice), by version.
 */
export async function auditedFingerprints(db: Queryable, unitId: number, noticeId: number) {
  const rows = await db
    .selectFrom('audit_log')
    .select(['detail'])
    .where('unit_id', '=', unitId)
    .where('target_type', '=', 'notice')
    .where('target_id', '=', String(noticeId))
    .where('action', 'in', ['notice.published', 'notice.corrected'])
    .orderBy('seq')
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) {
    try {
      const d = JSON.parse(r.detail) as { version?: unknown; fingerprint?: unknown };
      if (typeof d.version === 'number' && typeof d.fingerprint === 'string')
        out.set(d.version, d.fingerprint);
    } catch {
      // not ours to judge: the audit chain check reports a damaged entry
    }
  }
  return out;
}

// ---- reads ----

/** Count a read once per person: true when this was the first. */
export async function insertRead(
  db: Queryable,
  row: { notice_id: number; account_id: number; department_id: number | null; read_at: string },
) {
  const r = await db
    .insertInto('notice_reads')
    .values(row)
    .onConflict((oc) => oc.columns(['notice_id', 'account_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function readNoticeIds(db: Queryable, accountId: number, noticeIds: number[]) {
  if (!noticeIds.length) return new Set<number>();
  const rows = await db
    .selectFrom('notice_reads')
    .select('notice_id')
    .where('account_id', '=', accountId)
    .where('notice_id', 'in', noticeIds)
    .execute();
  return new Set(rows.map((r) => r.notice_id));
}

export async function listReads(db: Queryable, noticeId: number) {
  return db
    .selectFrom('notice_reads as r')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .select(['r.account_id', 'r.department_id', 'r.read_at', 'a.display_name'])
    .where('r.notice_id', '=', noticeId)
    .orderBy('r.read_at')
    .execute();
}

// ---- objections ----

export async function insertObjection(db: Queryable, row: Insertable<NoticeObjectionTable>) {
  await db.insertInto('notice_objections').values(row).execute();
}

export async function getObjection(db: Queryable, unitId: number, id: string) {
  return db
    .selectFrom('notice_objections')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateObjection(
  db: Queryable,
  unitId: number,
  id: string,
  fields: Updateable<NoticeObjectionTable>,
  expectStatus?: string,
) {
  let q = db
    .updateTable('notice_objections')
    .set(fields)
    .where('unit_id', '=', unitId)
    .where('id', '=', id);
  if (expectStatus) q = q.where('status', '=', expectStatus);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listObjections(db: Queryable, noticeId: number) {
  return db
    .selectFrom('notice_objections')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .orderBy('submitted_on')
    .orderBy('id')
    .execute();
}

export async function openObjectionCounts(db: Queryable, noticeIds: number[]) {
  if (!noticeIds.length) return new Map<number, number>();
  const rows = await db
    .selectFrom('notice_objections')
    .select(['notice_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('notice_id', 'in', noticeIds)
    .where('status', '=', 'open')
    .groupBy('notice_id')
    .execute();
  return new Map(rows.map((r) => [r.notice_id, Number(r.n)]));
}

export async function listMyObjections(db: Queryable, unitId: number, accountId: number) {
  return db
    .selectFrom('notice_objections')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('anonymous', '=', 0)
    .where('objector_account_id', '=', accountId)
    .orderBy('submitted_on', 'desc')
    .orderBy('id')
    .execute();
}

export async function findObjectionsByReceiptHashes(db: Queryable, hashes: string[]) {
  if (!hashes.length) return [];
  return db
    .selectFrom('notice_objections')
    .selectAll()
    .where('receipt_hash', 'in', hashes)
    .execute();
}

/** Anonymous objections not yet in the pool, submitted before `today` (the daily batch). */
export async function unregisteredBefore(db: Queryable, today: string) {
  return db
    .selectFrom('notice_objections')
    .selectAll()
    .where('registered', '=', 0)
    .where('submitted_on', '<', today)
    .orderBy('unit_id')
    .orderBy('id')
    .execute();
}

export async function findIdempotent(db: Queryable, unitId: number, keyHash: string) {
  return db
    .selectFrom('notice_objection_idempotency')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
}

export async function insertIdempotent(
  db: Queryable,
  row: { unit_id: number; key_hash: string; objection_id: string },
) {
  await db.insertInto('notice_objection_idempotency').values(row).execute();
}

export async function unitIds(db: Queryable) {
  return (await db.selectFrom('units').select('id').orderBy('id').execute()).map((r) => r.id);
}
