import { type Actor } from '../../core/actor.js';
import { todayInShanghai } from '../../core/calendar/working-days.js';
import { AppError } from '../../core/errors.js';
import { getUnitSettings } from '../../core/org/repository.js';
import { nowIso, type Database, type Queryable } from '../../db/database.js';
import { noticePolicy, noticeSettings, pathInScope, type NoticeSettings } from './policy.js';
import { presentNotice, presentObjection, presentVersion, showsMasked } from './present.js';
import * as repo from './repository.js';

/**
 * What readers see: the notice as this actor may see it (scope), the notice and version views,
 * read counts, objection views. No writes here except the read counter.
 */

export const notFound = () => new AppError('NOTICE_NOT_FOUND', undefined, 404);

export async function unitNoticeSettings(db: Queryable, unitId: number): Promise<NoticeSettings> {
  return noticeSettings((await getUnitSettings(db, unitId)).notices);
}

// ---- scope ----

type Dep = Awaited<ReturnType<typeof repo.unitDepartments>>[number];

/** The reader's department and every department above it. */
export function ancestorIds(deps: Dep[], departmentId: number | null): number[] {
  const own = deps.find((d) => d.id === departmentId);
  if (!own) return [];
  return deps
    .filter((d) => own.path === d.path || own.path.startsWith(`${d.path}/`))
    .map((d) => d.id);
}

/** The scope departments and every department below them. */
export function subtreeIds(deps: Dep[], scopeIds: number[]): Set<number> {
  const paths = deps.filter((d) => scopeIds.includes(d.id)).map((d) => d.path);
  return new Set(deps.filter((d) => pathInScope(d.path, paths)).map((d) => d.id));
}

export function actorInScope(
  actor: Actor,
  notice: { whole_unit: number },
  scopeIds: number[],
  deps: Dep[],
) {
  if (actor.personId === null || !noticePolicy.read(actor)) return false;
  if (notice.whole_unit === 1) return true;
  const mine = ancestorIds(deps, actor.departmentId);
  return scopeIds.some((id) => mine.includes(id));
}

/**
 * The notice as this actor may see it: the office sees every notice of the unit; anyone else
 * only published or closed ones in their scope. Otherwise NOTICE_NOT_FOUND (404).
 */
export async function visibleNotice(db: Queryable, actor: Actor, id: number) {
  const notice = await repo.getNotice(db, actor.unitId, id);
  if (!notice) throw notFound();
  const [scopeIds, deps] = await Promise.all([
    repo.noticeDepartmentIds(db, id),
    repo.unitDepartments(db, actor.unitId),
  ]);
  const inScope = actorInScope(actor, notice, scopeIds, deps);
  if (noticePolicy.manage(actor)) return { notice, scopeIds, deps, inScope };
  if (!['published', 'closed'].includes(notice.status) || !inScope) throw notFound();
  return { notice, scopeIds, deps, inScope };
}

// ---- reading ----

/** Count a read once per person in scope (a counter, not a change of the notice: no audit). */
export async function countRead(
  database: Database,
  actor: Actor,
  notice: repo.NoticeRow,
  inScope: boolean,
) {
  if (!inScope || actor.personId === null) return;
  if (notice.status !== 'published' && notice.status !== 'closed') return;
  await repo.insertRead(database.db, {
    notice_id: notice.id,
    account_id: actor.accountId,
    department_id: actor.departmentId,
    read_at: nowIso(),
  });
}

export async function noticeView(
  database: Database,
  actor: Actor,
  id: number,
  today = todayInShanghai(),
) {
  const db = database.db;
  const { notice, scopeIds, deps, inScope } = await visibleNotice(db, actor, id);
  const office = noticePolicy.manage(actor);
  const [items, attachments, versions, open, read, names] = await Promise.all([
    repo.listItems(db, id),
    repo.listNoticeAttachments(db, id),
    repo.listVersions(db, id),
    repo.openObjectionCounts(db, [id]),
    repo.readNoticeIds(db, actor.accountId, [id]),
    repo.accountNames(db, [notice.submitted_by ?? 0, notice.reviewed_by ?? 0]),
  ]);
  const reads = office ? await readFigures(database, notice, scopeIds, deps) : null;
  return presentNotice({
    actor,
    notice,
    today,
    unread: !read.has(id),
    inScope,
    openObjections: open.get(id) ?? 0,
    departmentIds: scopeIds,
    departmentNames: scopeIds.map((d) => deps.find((x) => x.id === d)?.name ?? ''),
    items,
    attachments,
    versions,
    names,
    reads: reads ? { read: reads.read, inScope: reads.inScope } : null,
  });
}

/** Read counts of a notice: in total and per department (office only). */
export async function readFigures(
  database: Database,
  notice: repo.NoticeRow,
  scopeIds: number[],
  deps: Dep[],
) {
  const [members, reads] = await Promise.all([
    repo.activeMembers(database.db, notice.unit_id),
    repo.listReads(database.db, notice.id),
  ]);
  const scope = notice.whole_unit === 1 ? null : subtreeIds(deps, scopeIds);
  const inScopeMembers = members.filter((m) => scope === null || scope.has(m.departmentId));
  const perDep = new Map<number, { read: number; inScope: number }>();
  for (const m of inScopeMembers) {
    const e = perDep.get(m.departmentId) ?? { read: 0, inScope: 0 };
    e.inScope += 1;
    perDep.set(m.departmentId, e);
  }
  for (const r of reads) {
    if (r.department_id === null) continue;
    const e = perDep.get(r.department_id) ?? { read: 0, inScope: 0 };
    e.read += 1;
    perDep.set(r.department_id, e);
  }
  const depName = (id: number | null) => deps.find((d) => d.id === id)?.name ?? '';
  return {
    read: reads.length,
    inScope: inScopeMembers.length,
    departments: [...perDep.entries()]
      .map(([departmentId, e]) => ({ departmentId, name: depName(departmentId), ...e }))
      .sort((a, b) => a.departmentId - b.departmentId),
    readers: reads.map((r) => ({
      name: r.display_name,
      department: depName(r.department_id),
      readAt: r.read_at,
    })),
  };
}

export async function versionView(database: Database, actor: Actor, id: number, version: number) {
  const { notice } = await visibleNotice(database.db, actor, id);
  const v = await repo.getVersion(database.db, id, version);
  if (!v) throw new AppError('NOTICE_VERSION_NOT_FOUND', undefined, 404);
  const [items, attachments] = await Promise.all([
    repo.versionItems(database.db, v.id),
    repo.versionAttachments(database.db, v.id),
  ]);
  const masked = showsMasked(actor, notice);
  // The canonical text holds the names in full: on a sensitive notice only the office sees it.
  return presentVersion(v, items, attachments, {
    masked,
    showCanonical: notice.sensitive !== 1 || noticePolicy.manage(actor),
  });
}

export async function objectionView(db: Queryable, actor: Actor, o: repo.ObjectionRow) {
  const notice = (await repo.getNotice(db, o.unit_id, o.notice_id))!;
  const item = await repo.getItem(db, o.notice_id, o.item_id);
  const attachments = await repo.recordAttachments(db, o.unit_id, 'notice_objection', o.id);
  const office = noticePolicy.manage(actor);
  const names =
    office && o.objector_account_id ? await repo.accountNames(db, [o.objector_account_id]) : null;
  return presentObjection(o, {
    noticeTitle: notice.title,
    itemName: item?.name ?? '',
    masked: notice.sensitive === 1,
    objector: names?.get(o.objector_account_id ?? 0) ?? null,
    attachments,
  });
}

export async function listNoticeObjections(database: Database, actor: Actor, noticeId: number) {
  await visibleNotice(database.db, actor, noticeId);
  const rows = await repo.listObjections(database.db, noticeId);
  const out = [];
  for (const r of rows) out.push(await objectionView(database.db, actor, r));
  return out;
}

export async function listMyObjections(database: Database, actor: Actor) {
  const rows = await repo.listMyObjections(database.db, actor.unitId, actor.accountId);
  const out = [];
  for (const r of rows) out.push(await objectionView(database.db, actor, r));
  return out;
}
