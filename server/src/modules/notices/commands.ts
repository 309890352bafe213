import type { ErrorCode } from '@lianxin/common';
import { systemActor, type Actor } from '../../core/actor.js';
import { calendarInTx } from '../../core/calendar/service.js';
import { todayInShanghai } from '../../core/calendar/working-days.js';
import { runCommand, type AuditWriter, type CommandContext } from '../../core/command.js';
import { AppError } from '../../core/errors.js';
import { attachFiles } from '../../core/files/commands.js';
import { indexDocument } from '../../core/search/commands.js';
import { nowIso, type Database, type Queryable, type Tx } from '../../db/database.js';
import { fingerprintOf, type CanonicalVersion } from './fingerprint.js';
import { editedName, firstSensitiveField, maskName } from './mask.js';
import {
  MAX_BODY,
  MAX_ITEM_DETAIL,
  MAX_ITEM_NAME,
  MAX_ITEMS,
  MAX_TITLE,
  NOTICE_TYPES,
  noticePeriod,
  periodPhase,
  periodValid,
  type NoticeType,
} from './policy.js';
import { notFound, unitNoticeSettings } from './views.js';
import * as repo from './repository.js';
import type { CorrectionInput, NoticeInput } from './schemas.js';

/**
 * Commands of public notices: drafts, the four-eyes review, publishing (now or scheduled),
 * corrections as new versions, closing (docs/notices-design.md). Every state change runs in one
 * `runCommand` with its audit entry.
 */

export const SEARCH_KIND = 'notice';

export const conflict = (code: ErrorCode, details?: unknown) => new AppError(code, details, 409);

// ---- validation ----

export const chars = (s: string) => [...s].length;

interface CleanItem {
  id?: number;
  name: string;
  detail: string;
}

export function cleanText(title: string, body: string, items: CleanItem[]) {
  const t = title.trim();
  if (!t) throw new AppError('NOTICE_TITLE_EMPTY');
  if (chars(t) > MAX_TITLE) throw new AppError('NOTICE_TITLE_TOO_LONG');
  if (chars(body) > MAX_BODY) throw new AppError('NOTICE_BODY_TOO_LONG');
  if (items.length > MAX_ITEMS) throw new AppError('NOTICE_ITEMS_TOO_MANY');
  const cleaned = items.map((i, n) => {
    const name = i.name.trim();
    const detail = i.detail.trim();
    if (!name || chars(name) > MAX_ITEM_NAME || chars(detail) > MAX_ITEM_DETAIL)
      throw new AppError('NOTICE_ITEM_INVALID', { index: n });
    return { ...i, name, detail };
  });
  const field = firstSensitiveField([
    ['title', t],
    ['body', body],
    ...cleaned.flatMap((i, n): Array<[string, string]> => [
      [`items.${n}.name`, i.name],
      [`items.${n}.detail`, i.detail],
    ]),
  ]);
  if (field) throw new AppError('NOTICE_SENSITIVE_NUMBER', { field });
  return { title: t, body, items: cleaned };
}

async function cleanInput(tx: Queryable, unitId: number, input: NoticeInput) {
  if (!(NOTICE_TYPES as readonly string[]).includes(input.type))
    throw new AppError('NOTICE_TYPE_UNKNOWN');
  const type = input.type as NoticeType;
  const settings = await unitNoticeSettings(tx, unitId);
  const info = settings.types[type];
  const periodDays = input.periodDays ?? info.periodDays;
  if (!periodValid(periodDays)) throw new AppError('NOTICE_PERIOD_INVALID', { periodDays });
  const text = cleanText(input.title, input.body, input.items);
  const departmentIds = input.scope.wholeUnit ? [] : [...new Set(input.scope.departmentIds)];
  if (!input.scope.wholeUnit && departmentIds.length === 0)
    throw new AppError('NOTICE_SCOPE_EMPTY');
  if (departmentIds.length) {
    const deps = await repo.unitDepartments(tx, unitId);
    for (const id of departmentIds)
      if (!deps.some((d) => d.id === id && d.active === 1))
        throw new AppError('NOTICE_DEPARTMENT_UNKNOWN', { departmentId: id });
  }
  return { type, info, periodDays, departmentIds, ...text };
}

async function writeDraftParts(
  tx: Tx,
  actor: Actor,
  noticeId: number,
  c: Awaited<ReturnType<typeof cleanInput>>,
  attachmentIds: string[],
) {
  await repo.replaceDepartments(tx, noticeId, c.departmentIds);
  await repo.deleteDraftItems(tx, noticeId);
  for (const [n, item] of c.items.entries())
    await repo.insertItem(tx, {
      notice_id: noticeId,
      unit_id: actor.unitId,
      seq: n + 1,
      name: item.name,
      detail: item.detail,
    });
  const ids = [...new Set(attachmentIds)];
  if (ids.length) await attachFiles(tx, actor, ids, 'notice', noticeId);
  await repo.replaceNoticeAttachments(tx, noticeId, ids);
}

// ---- drafts ----

export async function createNotice(ctx: CommandContext, input: NoticeInput) {
  const unitId = ctx.actor.unitId;
  return runCommand(ctx, async (tx, audit) => {
    const c = await cleanInput(tx, unitId, input);
    const now = nowIso();
    const id = await repo.insertNotice(tx, {
      unit_id: unitId,
      type: c.type,
      title: c.title,
      body: c.body,
      sensitive: c.info.sensitive ? 1 : 0,
      anonymous_objections: c.info.anonymousObjections ? 1 : 0,
      period_days: c.periodDays,
      whole_unit: input.scope.wholeUnit ? 1 : 0,
      starts_on: null,
      ends_on: null,
      publish_at: null,
      created_by: ctx.actor.accountId || null,
      submitted_by: null,
      reviewed_by: null,
      review_comment: null,
      result: null,
      result_note: null,
      published_at: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
    });
    await writeDraftParts(tx, ctx.actor, id, c, input.attachmentIds);
    await audit('notice.created', { type: 'notice', id }, { type: c.type, items: c.items.length });
    return id;
  });
}

function refuseUnlessDraft(status: string) {
  if (status === 'published' || status === 'closed') throw conflict('NOTICE_IMMUTABLE');
  if (status !== 'draft') throw conflict('NOTICE_NOT_DRAFT');
}

export async function updateDraft(ctx: CommandContext, id: number, input: NoticeInput) {
  const unitId = ctx.actor.unitId;
  await runCommand(ctx, async (tx, audit) => {
    const notice = await repo.getNotice(tx, unitId, id);
    if (!notice) throw notFound();
    refuseUnlessDraft(notice.status);
    const c = await cleanInput(tx, unitId, input);
    const ok = await repo.updateNotice(
      tx,
      unitId,
      id,
      {
        type: c.type,
        title: c.title,
        body: c.body,
        sensitive: c.info.sensitive ? 1 : 0,
        anonymous_objections: c.info.anonymousObjections ? 1 : 0,
        period_days: c.periodDays,
        whole_unit: input.scope.wholeUnit ? 1 : 0,
        updated_at: nowIso(),
      },
      'draft',
    );
    if (!ok) throw conflict('NOTICE_NOT_DRAFT');
    await writeDraftParts(tx, ctx.actor, id, c, input.attachmentIds);
    await audit('notice.updated', { type: 'notice', id }, { items: c.items.length });
  });
}

export async function submitForReview(ctx: CommandContext, id: number) {
  const unitId = ctx.actor.unitId;
  await runCommand(ctx, async (tx, audit, emit) => {
    const notice = await repo.getNotice(tx, unitId, id);
    if (!notice) throw notFound();
    refuseUnlessDraft(notice.status);
    await repo.updateNotice(
      tx,
      unitId,
      id,
      {
        status: 'in_review',
        submitted_by: ctx.actor.accountId,
        reviewed_by: null,
        updated_at: nowIso(),
      },
      'draft',
    );
    await audit('notice.review_requested', { type: 'notice', id }, {});
    const reviewers = (await repo.officeAccounts(tx, unitId)).filter(
      (a) => a !== ctx.actor.accountId,
    );
    if (reviewers.length)
      await emit({
        type: 'notice.review_requested',
        subject: { type: 'notice', id },
        recipients: reviewers,
        data: { title: notice.title },
      });
  });
}

const MAX_SCHEDULE_MS = 366 * 24 * 3600_000;

export async function review(
  ctx: CommandContext,
  id: number,
  input: { approve: boolean; comment?: string; publishAt?: string | null },
  now: Date = new Date(),
) {
  const unitId = ctx.actor.unitId;
  let publishAt: string | null = null;
  if (input.approve && input.publishAt) {
    const t = Date.parse(input.publishAt);
    if (!Number.isFinite(t) || t <= now.getTime() || t > now.getTime() + MAX_SCHEDULE_MS)
      throw new AppError('NOTICE_PUBLISH_AT_INVALID');
    publishAt = new Date(t).toISOString();
  }
  const comment = input.comment?.trim() || null;
  await runCommand(ctx, async (tx, audit, emit) => {
    const notice = await repo.getNotice(tx, unitId, id);
    if (!notice) throw notFound();
    if (notice.status === 'published' || notice.status === 'closed')
      throw conflict('NOTICE_IMMUTABLE');
    if (notice.status !== 'in_review') throw conflict('NOTICE_NOT_IN_REVIEW');
    if (notice.submitted_by === ctx.actor.accountId) throw conflict('NOTICE_REVIEW_SELF');
    const base = {
      reviewed_by: ctx.actor.accountId,
      review_comment: comment,
      updated_at: nowIso(),
    };
    if (!input.approve) {
      await repo.updateNotice(tx, unitId, id, { ...base, status: 'draft' }, 'in_review');
      await audit('notice.review_rejected', { type: 'notice', id }, {});
    } else if (publishAt) {
      await repo.updateNotice(
        tx,
        unitId,
        id,
        { ...base, status: 'scheduled', publish_at: publishAt },
        'in_review',
      );
      await audit('notice.scheduled', { type: 'notice', id }, { publishAt });
    } else {
      await repo.updateNotice(tx, unitId, id, base, 'in_review');
      await audit('notice.review_approved', { type: 'notice', id }, {});
      await publishInTx(tx, ctx, audit, id, todayInShanghai(now), now);
    }
    if (notice.submitted_by)
      await emit({
        type: 'notice.review_decided',
        subject: { type: 'notice', id },
        recipients: [notice.submitted_by],
        data: { title: notice.title, approved: input.approve, comment: comment ?? '' },
      });
  });
}

// ---- publishing and versions ----

/** Snapshot the notice's current content as version `version` (append-only rows). */
export async function snapshot(
  tx: Tx,
  notice: repo.NoticeRow,
  version: number,
  reason: string | null,
  publishedBy: number | null,
  at: string,
) {
  const items = await repo.listItems(tx, notice.id);
  const attachments = await repo.listNoticeAttachments(tx, notice.id);
  const canonicalInput: CanonicalVersion = {
    noticeId: notice.id,
    version,
    type: notice.type,
    title: notice.title,
    body: notice.body,
    periodStartsOn: notice.starts_on!,
    periodEndsOn: notice.ends_on!,
    reason,
    items: items.map((i) => ({
      id: i.id,
      seq: i.seq,
      name: i.name,
      detail: i.detail,
      status: i.status,
      note: i.note,
    })),
    attachments: attachments.map((a) => ({ seq: a.seq, name: a.name, sha256: a.sha256 })),
  };
  const { canonical, fingerprint } = fingerprintOf(canonicalInput);
  await repo.insertVersion(
    tx,
    {
      notice_id: notice.id,
      unit_id: notice.unit_id,
      version,
      type: notice.type,
      title: notice.title,
      body: notice.body,
      period_starts_on: notice.starts_on!,
      period_ends_on: notice.ends_on!,
      reason,
      published_at: at,
      published_by: publishedBy || null,
      canonical,
      fingerprint,
    },
    items.map((i) => ({
      item_id: i.id,
      seq: i.seq,
      name: i.name,
      detail: i.detail,
      status: i.status,
      note: i.note,
    })),
    attachments.map((a) => ({
      attachment_id: a.id,
      seq: a.seq,
      name: a.name,
      sha256: a.sha256,
      size: a.size,
    })),
  );
  await repo.updateNotice(tx, notice.unit_id, notice.id, { version, updated_at: at });
  return fingerprint;
}

/** The search document of a published notice: published content, names masked if sensitive. */
export async function indexNotice(
  tx: Tx,
  kind: Database['kind'],
  noticeId: number,
  unitId: number,
) {
  const notice = (await repo.getNotice(tx, unitId, noticeId))!;
  const items = await repo.listItems(tx, noticeId);
  const scopeIds = await repo.noticeDepartmentIds(tx, noticeId);
  const masked = notice.sensitive === 1;
  const names = items
    .filter((i) => i.status !== 'withdrawn')
    .map((i) => `${masked ? maskName(i.name) : i.name} ${i.detail}`);
  await indexDocument(tx, kind, {
    unitId,
    recordKind: SEARCH_KIND,
    recordId: noticeId,
    title: notice.title,
    text: [notice.body, ...names].join('\n'),
    visibility:
      notice.whole_unit === 1 ? { unit: true } : { departments: scopeIds, roles: ['office'] },
    link: `/notices/${noticeId}`,
  });
}

/** Publish an approved notice now: the period from the unit calendar, version 1, the index. */
async function publishInTx(
  tx: Tx,
  ctx: CommandContext,
  audit: AuditWriter,
  id: number,
  today: string,
  now: Date,
) {
  const unitId = ctx.actor.unitId;
  const notice = (await repo.getNotice(tx, unitId, id))!;
  const cal = await calendarInTx(ctx.database, tx, unitId, audit);
  const { startsOn, endsOn } = noticePeriod(cal, today, notice.period_days);
  if (endsOn < startsOn) throw new AppError('NOTICE_PERIOD_INVALID');
  const at = now.toISOString();
  const ok = await repo.updateNotice(
    tx,
    unitId,
    id,
    {
      status: 'published',
      starts_on: startsOn,
      ends_on: endsOn,
      published_at: at,
      publish_at: null,
    },
    ['in_review', 'scheduled'],
  );
  if (!ok) throw conflict('NOTICE_NOT_IN_REVIEW');
  const fresh = (await repo.getNotice(tx, unitId, id))!;
  const fingerprint = await snapshot(tx, fresh, 1, null, ctx.actor.accountId, at);
  await indexNotice(tx, ctx.database.kind, id, unitId);
  await audit(
    'notice.published',
    { type: 'notice', id },
    { version: 1, startsOn, endsOn, fingerprint },
  );
}

/** The job: publish scheduled notices whose time has come. */
export async function publishScheduled(database: Database, now: Date = new Date()) {
  const due = await repo.dueScheduled(database.db, now.toISOString());
  let published = 0;
  for (const d of due) {
    const ctx = { database, actor: systemActor(d.unit_id) };
    try {
      await runCommand(ctx, (tx, audit) =>
        publishInTx(tx, ctx, audit, d.id, todayInShanghai(now), now),
      );
      published++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return published;
}

/** A correction: a new version with its reason; the period stays as published. */
export async function correctNotice(ctx: CommandContext, id: number, input: CorrectionInput) {
  const unitId = ctx.actor.unitId;
  const reason = input.reason.trim();
  if (!reason) throw new AppError('NOTICE_CORRECTION_REASON_EMPTY');
  if (chars(reason) > 2000) throw new AppError('NOTICE_CORRECTION_REASON_EMPTY');
  await runCommand(ctx, async (tx, audit) => {
    const notice = await repo.getNotice(tx, unitId, id);
    if (!notice) throw notFound();
    if (notice.status !== 'published') throw conflict('NOTICE_NOT_PUBLISHED');
    const text = cleanText(input.title, input.body, input.items);
    if (chars(reason) && firstSensitiveField([['reason', reason]]))
      throw new AppError('NOTICE_SENSITIVE_NUMBER', { field: 'reason' });
    const current = await repo.listItems(tx, id);
    const listed = new Set<number>();
    let seq = Math.max(0, ...current.map((i) => i.seq));
    for (const item of text.items) {
      if (item.id !== undefined) {
        const old = current.find((i) => i.id === item.id);
        if (!old) throw new AppError('NOTICE_ITEM_NOT_FOUND', { id: item.id }, 404);
        listed.add(old.id);
        const name = editedName(notice.sensitive === 1, old.name, item.name);
        if (old.name !== name || old.detail !== item.detail)
          await repo.updateItem(tx, id, old.id, {
            name,
            detail: item.detail,
            status: 'corrected',
            note: reason,
          });
      } else {
        seq += 1;
        await repo.insertItem(tx, {
          notice_id: id,
          unit_id: unitId,
          seq,
          name: item.name,
          detail: item.detail,
        });
      }
    }
    // An item left out of a correction is withdrawn, never silently removed.
    for (const old of current)
      if (!listed.has(old.id) && old.status !== 'withdrawn')
        await repo.updateItem(tx, id, old.id, { status: 'withdrawn', note: reason });
    const ids = [...new Set(input.attachmentIds)];
    if (ids.length) await attachFiles(tx, ctx.actor, ids, 'notice', id);
    await repo.replaceNoticeAttachments(tx, id, ids);
    await repo.updateNotice(tx, unitId, id, { title: text.title, body: text.body });
    const fresh = (await repo.getNotice(tx, unitId, id))!;
    const version = notice.version + 1;
    const fingerprint = await snapshot(tx, fresh, version, reason, ctx.actor.accountId, nowIso());
    await indexNotice(tx, ctx.database.kind, id, unitId);
    await audit('notice.corrected', { type: 'notice', id }, { version, reason, fingerprint });
  });
}

// ---- closing ----

export async function closeNotice(
  ctx: CommandContext,
  id: number,
  note: string | undefined,
  today = todayInShanghai(),
) {
  const unitId = ctx.actor.unitId;
  const resultNote = note?.trim() || null;
  await runCommand(ctx, async (tx, audit) => {
    const notice = await repo.getNotice(tx, unitId, id);
    if (!notice) throw notFound();
    if (notice.status !== 'published') throw conflict('NOTICE_NOT_PUBLISHED');
    if (periodPhase(notice, today) !== 'after') throw conflict('NOTICE_PERIOD_NOT_ENDED');
    const open = (await repo.openObjectionCounts(tx, [id])).get(id) ?? 0;
    if (open > 0) throw conflict('NOTICE_OBJECTIONS_OPEN', { open });
    const all = await repo.listObjections(tx, id);
    const result = all.length ? 'objections_handled' : 'no_objection';
    const ok = await repo.updateNotice(
      tx,
      unitId,
      id,
      {
        status: 'closed',
        result,
        result_note: resultNote,
        closed_at: nowIso(),
        updated_at: nowIso(),
      },
      'published',
    );
    if (!ok) throw conflict('NOTICE_NOT_PUBLISHED');
    const items = await repo.listItems(tx, id);
    await audit(
      'notice.closed',
      { type: 'notice', id },
      {
        result,
        objections: all.length,
        withdrawn: items.filter((i) => i.status === 'withdrawn').map((i) => i.id),
      },
    );
  });
}
