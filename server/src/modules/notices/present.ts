import type { Actor } from '../../core/actor.js';
import { maskName } from './mask.js';
import { noticeAbilities, noticePolicy, periodPhase, type NoticeType } from './policy.js';
import type { AttachmentInfo, ItemRow, NoticeRow, ObjectionRow, VersionRow } from './repository.js';

/** Presenters: rows → the shapes of docs/notices-api.md. Pure. */

export const attachmentUrl = (id: string) => `/api/files/${id}`;

/**
 * Names are masked on sensitive notices for every reader once published; the office sees them
 * in full only while the notice is still being prepared (the draft editor and the review).
 */
export function showsMasked(actor: Actor, n: Pick<NoticeRow, 'sensitive' | 'status'>) {
  if (n.sensitive !== 1) return false;
  const preparing = n.status === 'draft' || n.status === 'in_review' || n.status === 'scheduled';
  return !(preparing && noticePolicy.manage(actor));
}

export function presentAttachment(a: {
  id?: string;
  attachment_id?: string;
  name: string;
  size: number;
  sha256: string;
}) {
  const id = a.id ?? a.attachment_id ?? '';
  return { id, name: a.name, size: a.size, sha256: a.sha256, url: attachmentUrl(id) };
}

export function presentItem(
  i: Pick<ItemRow, 'seq' | 'name' | 'detail' | 'status' | 'note'> & {
    id?: number;
    item_id?: number;
  },
  masked: boolean,
) {
  return {
    id: i.id ?? i.item_id ?? 0,
    seq: i.seq,
    name: masked ? maskName(i.name) : i.name,
    detail: i.detail,
    status: i.status as 'active' | 'withdrawn' | 'corrected',
    note: i.note,
  };
}

export function presentListItem(
  n: NoticeRow,
  extra: { unread: boolean; today: string; openObjections: number },
) {
  return {
    id: n.id,
    type: n.type as NoticeType,
    title: n.title,
    status: n.status as 'draft' | 'in_review' | 'scheduled' | 'published' | 'closed',
    startsOn: n.starts_on,
    endsOn: n.ends_on,
    publishAt: n.publish_at,
    version: n.version,
    unread: extra.unread,
    inPeriod: n.status === 'published' && periodPhase(n, extra.today) === 'during',
    objectionsOpen: extra.openObjections,
    result: n.result as 'no_objection' | 'objections_handled' | null,
  };
}

export interface NoticeViewInput {
  actor: Actor;
  notice: NoticeRow;
  today: string;
  unread: boolean;
  inScope: boolean;
  openObjections: number;
  departmentIds: number[];
  departmentNames: string[];
  items: ItemRow[];
  attachments: AttachmentInfo[];
  versions: VersionRow[];
  names: Map<number, string>;
  reads: { read: number; inScope: number } | null;
}

export function presentNotice(v: NoticeViewInput) {
  const n = v.notice;
  const office = noticePolicy.manage(v.actor);
  const masked = showsMasked(v.actor, n);
  const current = v.versions.find((x) => x.version === n.version);
  const phase = periodPhase(n, v.today);
  return {
    ...presentListItem(n, { unread: v.unread, today: v.today, openObjections: v.openObjections }),
    body: n.body,
    sensitive: n.sensitive === 1,
    anonymousObjections: n.anonymous_objections === 1,
    scope: {
      wholeUnit: n.whole_unit === 1,
      departmentIds: v.departmentIds,
      departmentNames: v.departmentNames,
    },
    periodDays: n.period_days,
    items: v.items.map((i) => presentItem(i, masked)),
    attachments: v.attachments.map(presentAttachment),
    fingerprint: current?.fingerprint ?? null,
    versions: v.versions.map((x) => ({
      version: x.version,
      reason: x.reason,
      publishedAt: x.published_at,
      fingerprint: x.fingerprint,
    })),
    resultNote: n.result_note,
    closedAt: n.closed_at,
    review: office
      ? {
          submittedBy: n.submitted_by ? (v.names.get(n.submitted_by) ?? null) : null,
          reviewedBy: n.reviewed_by ? (v.names.get(n.reviewed_by) ?? null) : null,
          comment: n.review_comment,
        }
      : null,
    reads: office ? v.reads : null,
    abilities: noticeAbilities(v.actor, {
      status: n.status,
      submitted_by: n.submitted_by,
      phase,
      openObjections: v.openObjections,
      inScope: v.inScope,
    }),
  };
}

export function presentVersion(
  v: VersionRow,
  items: Array<{
    item_id: number;
    seq: number;
    name: string;
    detail: string;
    status: string;
    note: string | null;
  }>,
  attachments: Array<{ attachment_id: string; name: string; size: number; sha256: string }>,
  opts: { masked: boolean; showCanonical: boolean },
) {
  return {
    version: v.version,
    title: v.title,
    body: v.body,
    items: items.map((i) => presentItem(i, opts.masked)),
    attachments: attachments.map(presentAttachment),
    periodStartsOn: v.period_starts_on,
    periodEndsOn: v.period_ends_on,
    reason: v.reason,
    publishedAt: v.published_at,
    fingerprint: v.fingerprint,
    canonical: opts.showCanonical ? v.canonical : null,
  };
}

export function presentObjection(
  o: ObjectionRow,
  ctx: {
    noticeTitle: string;
    itemName: string;
    masked: boolean;
    objector: string | null;
    attachments: Array<{ id: string; name: string; size: number; sha256: string }>;
  },
) {
  return {
    id: o.id,
    noticeId: o.notice_id,
    noticeTitle: ctx.noticeTitle,
    itemId: o.item_id,
    itemName: ctx.masked ? maskName(ctx.itemName) : ctx.itemName,
    reasons: o.reasons,
    anonymous: o.anonymous === 1,
    objector: o.anonymous === 1 ? null : ctx.objector,
    submittedOn: o.submitted_on,
    attachments: ctx.attachments.map(presentAttachment),
    status: o.status as 'open' | 'found',
    finding: o.finding as 'upheld' | 'partly_upheld' | 'not_upheld' | null,
    explanation: o.explanation,
    foundOn: o.found_on,
    dueOn: o.due_on,
  };
}
