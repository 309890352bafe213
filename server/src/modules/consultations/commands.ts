import fs from 'node:fs/promises';
import { CONTENT_ROLES, translate } from '@lianxin/common';
import { hasRole, type Actor } from '../../core/actor.js';
import { isValidDate, todayInShanghai } from '../../core/calendar/working-days.js';
import { runCommand, type CommandContext } from '../../core/command.js';
import { AppError } from '../../core/errors.js';
import { attachFiles } from '../../core/files/commands.js';
import type { FilesConfig } from '../../core/files/config.js';
import { getAttachment } from '../../core/files/repository.js';
import { DOCX } from '../../core/files/sniff.js';
import { blobPath } from '../../core/files/store.js';
import { registerPoolEntry, setPoolStatusBySource } from '../../core/pool/commands.js';
import { indexDocument } from '../../core/search/commands.js';
import { nowIso, type Database, type Queryable } from '../../db/database.js';
import { docxText } from './docx.js';
import { consultationPolicy, phaseOf, type DepartmentTree } from './policy.js';
import {
  presentConsultation,
  presentMyComment,
  presentReport,
  presentSplit,
  presentSummary,
  totalsOf,
} from './present.js';
import * as repo from './repository.js';
import {
  MAX_COMMENT,
  MAX_REASON,
  MAX_TEXT,
  MAX_TITLE,
  type ANSWERS,
  type CreateInput,
  type STANCES,
} from './schemas.js';
import { MAX_SECTIONS, splitDraft } from './split.js';

export const COMMENT_POOL_KIND = 'consultation_comment';
export const COMMENT_SEARCH_KIND = 'consultation_comment';
export const ATTACHMENT_KIND = 'consultation';

const notFound = () => new AppError('CONSULTATION_NOT_FOUND', undefined, 404);
const chars = (s: string) => [...s].length;

// ---- reading ----

interface Loaded {
  row: repo.ConsultationRow;
  tree: DepartmentTree;
  audience: number[];
  manages: boolean;
  inAudience: boolean;
  phase: ReturnType<typeof phaseOf>;
  abilities: ReturnType<typeof consultationPolicy.abilities>;
}

/** The consultation as this actor may see it; 404 for one they are neither drafting nor asked. */
export async function load(db: Queryable, actor: Actor, id: number): Promise<Loaded> {
  const row = await repo.getConsultation(db, actor.unitId, id);
  if (!row) throw notFound();
  const tree = await repo.departmentTree(db, actor.unitId);
  const audience = (await repo.audiences(db, [id])).get(id) ?? [];
  const manages = consultationPolicy.manages(actor, row, tree);
  const inAudience = consultationPolicy.inAudience(actor, row, audience, tree);
  if (!manages && !inAudience) throw notFound();
  const phase = phaseOf(row, todayInShanghai());
  const abilities = consultationPolicy.abilities(phase, { manages, inAudience });
  return { row, tree, audience, manages, inAudience, phase, abilities };
}

export async function view(db: Queryable, actor: Actor, id: number) {
  const l = await load(db, actor, id);
  const [names, sections, counts, stances, comments] = await Promise.all([
    repo.departmentNames(db, actor.unitId),
    repo.listSections(db, id),
    repo.sectionCounts(db, [id]),
    repo.myStances(db, id, actor.accountId),
    l.manages ? repo.commentsWithAuthors(db, id) : repo.myComments(db, id, actor.accountId),
  ]);
  return presentConsultation({
    row: l.row,
    phase: l.phase,
    names,
    audience: l.audience,
    sections,
    counts,
    stances,
    comments,
    viewerAccountId: actor.accountId,
    viewer: { manages: l.manages, inAudience: l.inAudience },
    abilities: l.abilities,
  });
}

/** The list page: open ones to comment on, my comments, published reports, what I draft. */
export async function list(db: Queryable, actor: Actor) {
  const [rows, tree, names] = await Promise.all([
    repo.listConsultations(db, actor.unitId),
    repo.departmentTree(db, actor.unitId),
    repo.departmentNames(db, actor.unitId),
  ]);
  const audiences = await repo.audiences(
    db,
    rows.filter((r) => r.audience === 'departments').map((r) => r.id),
  );
  const today = todayInShanghai();
  const seen = rows
    .map((row) => ({
      row,
      phase: phaseOf(row, today),
      manages: consultationPolicy.manages(actor, row, tree),
      inAudience: consultationPolicy.inAudience(actor, row, audiences.get(row.id) ?? [], tree),
    }))
    .filter((x) => x.manages || x.inAudience);
  const counts = await repo.sectionCounts(
    db,
    seen.map((x) => x.row.id),
  );
  const owners = await repo.sectionOwners(
    db,
    seen.map((x) => x.row.id),
  );
  const totals = new Map<number, repo.SectionCounts[]>();
  for (const [sectionId, c] of counts) {
    const owner = owners.get(sectionId)!;
    totals.set(owner, [...(totals.get(owner) ?? []), c]);
  }
  const summary = (x: (typeof seen)[number]) =>
    presentSummary(x.row, x.phase, names, totalsOf(totals.get(x.row.id) ?? []));
  const mine =
    actor.personId === null ? [] : await repo.listMyComments(db, actor.unitId, actor.accountId);
  return {
    open: seen.filter((x) => x.inAudience && x.phase === 'open').map(summary),
    mine: mine.map((c) => presentMyComment(c, actor.accountId)),
    reports: seen.filter((x) => x.inAudience && x.phase === 'reported').map(summary),
    managed: seen.filter((x) => x.manages).map(summary),
  };
}

export async function report(db: Queryable, actor: Actor, id: number) {
  const l = await load(db, actor, id);
  if (!l.abilities.readReport && !l.abilities.previewReport) {
    throw new AppError('CONSULTATION_REPORT_NOT_PUBLISHED', undefined, 409);
  }
  const [names, sections, counts, comments] = await Promise.all([
    repo.departmentNames(db, actor.unitId),
    repo.listSections(db, id),
    repo.sectionCounts(db, [id]),
    repo.commentsOf(db, id),
  ]);
  return presentReport({ row: l.row, names, sections, counts, comments });
}

// ---- drafting ----

function checkedSplit(text: string) {
  if (chars(text) > MAX_TEXT) throw new AppError('CONSULTATION_TEXT_TOO_LONG', { max: MAX_TEXT });
  const sections = splitDraft(text);
  if (sections.length === 0) throw new AppError('CONSULTATION_TEXT_EMPTY');
  if (sections.length > MAX_SECTIONS) {
    throw new AppError('CONSULTATION_TOO_MANY_SECTIONS', { max: MAX_SECTIONS });
  }
  return sections;
}

/** The split of a pasted text, nothing saved. */
export function preview(text: string) {
  return { sections: checkedSplit(text).map(presentSplit) };
}

/**
 * The text of an uploaded .docx (POST /api/files first): the actor's own upload, not yet
 * attached elsewhere, that the files service took for a Word document.
 */
export async function readDocx(
  database: Database,
  config: FilesConfig,
  actor: Actor,
  attachmentId: string,
) {
  const att = await getAttachment(database.db, actor.unitId, attachmentId);
  if (
    !att ||
    att.uploaded_by !== actor.accountId ||
    (att.record_kind !== null && att.record_kind !== ATTACHMENT_KIND)
  ) {
    throw new AppError('ATTACHMENT_NOT_FOUND', undefined, 404);
  }
  if (att.mime !== DOCX) throw new AppError('CONSULTATION_DOCX_INVALID', undefined, 415);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(blobPath(config.root, att.sha256));
  } catch {
    throw new AppError('ATTACHMENT_NOT_FOUND', undefined, 404);
  }
  const text = docxText(bytes);
  if (text === null) throw new AppError('CONSULTATION_DOCX_INVALID', undefined, 415);
  return { text, sections: checkedSplit(text).map(presentSplit) };
}

export async function create(ctx: CommandContext, input: CreateInput) {
  const { actor } = ctx;
  const title = input.title.trim();
  if (!title) throw new AppError('CONSULTATION_TITLE_EMPTY');
  if (chars(title) > MAX_TITLE)
    throw new AppError('CONSULTATION_TITLE_TOO_LONG', { max: MAX_TITLE });
  const sections = checkedSplit(input.text);
  if (!isValidDate(input.opensOn) || !isValidDate(input.closesOn)) {
    throw new AppError('CONSULTATION_DATES_INVALID');
  }
  if (input.opensOn > input.closesOn || input.closesOn < todayInShanghai()) {
    throw new AppError('CONSULTATION_DATES_INVALID');
  }
  const departmentIds = [...new Set(input.departmentIds)];
  if (input.audience === 'departments' && departmentIds.length === 0) {
    throw new AppError('CONSULTATION_AUDIENCE_EMPTY');
  }
  return runCommand(ctx, async (tx, audit) => {
    const tree = await repo.departmentTree(tx, actor.unitId);
    if (!tree.has(input.draftingDepartmentId)) throw new AppError('DEPARTMENT_NOT_FOUND');
    if (!consultationPolicy.draftFor(actor, input.draftingDepartmentId, tree)) {
      throw new AppError('FORBIDDEN');
    }
    const audience = input.audience === 'departments' ? departmentIds : [];
    if (audience.some((d) => !tree.has(d))) throw new AppError('DEPARTMENT_NOT_FOUND');
    const id = await repo.insertConsultation(tx, {
      unit_id: actor.unitId,
      title,
      drafting_department_id: input.draftingDepartmentId,
      audience: input.audience,
      source: input.attachmentId ? 'docx' : 'text',
      body: input.text,
      status: 'open',
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      created_by: actor.accountId,
      created_at: nowIso(),
    });
    await repo.insertAudience(tx, id, audience);
    await repo.insertSections(tx, id, sections);
    if (input.attachmentId) await attachFiles(tx, actor, [input.attachmentId], ATTACHMENT_KIND, id);
    await audit(
      'consultation.created',
      { type: 'consultation', id },
      {
        title,
        sections: sections.length,
        audience: input.audience,
        departments: audience,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
      },
    );
    return id;
  });
}

export async function close(ctx: CommandContext, id: number) {
  return runCommand(ctx, async (tx, audit) => {
    const l = await load(tx, ctx.actor, id);
    if (!l.manages) throw new AppError('FORBIDDEN');
    if (!l.abilities.close) throw new AppError('CONSULTATION_NOT_OPEN', undefined, 409);
    const ok = await repo.setStatus(tx, id, ['open'], { status: 'closed', closed_at: nowIso() });
    if (!ok) throw new AppError('CONSULTATION_NOT_OPEN', undefined, 409);
    await audit('consultation.closed', { type: 'consultation', id }, { phase: l.phase });
  });
}

/** Publish the adoption report: closed (or past its last day), every comment answered. */
export async function publishReport(ctx: CommandContext, id: number) {
  return runCommand(ctx, async (tx, audit, emit) => {
    const l = await load(tx, ctx.actor, id);
    if (!l.manages) throw new AppError('FORBIDDEN');
    if (l.phase === 'reported') throw new AppError('CONSULTATION_ALREADY_REPORTED', undefined, 409);
    if (!l.abilities.publishReport) throw new AppError('CONSULTATION_STILL_OPEN', undefined, 409);
    const unanswered = await repo.countUnanswered(tx, id);
    if (unanswered > 0) {
      throw new AppError('CONSULTATION_COMMENTS_UNANSWERED', { unanswered }, 409);
    }
    const now = nowIso();
    const ok = await repo.setStatus(tx, id, ['open', 'closed'], {
      status: 'reported',
      closed_at: l.row.closed_at ?? now,
      reported_at: now,
    });
    if (!ok) throw new AppError('CONSULTATION_ALREADY_REPORTED', undefined, 409);
    const commenters = [...new Set((await repo.commentsOf(tx, id)).map((c) => c.account_id))];
    await audit('consultation.report_published', { type: 'consultation', id }, {});
    await emit({
      type: 'consultation.report_published',
      subject: { type: 'consultation', id },
      recipients: commenters,
      data: { title: l.row.title },
    });
  });
}

// ---- staff ----

async function openSection(tx: Queryable, actor: Actor, id: number, sectionId: number) {
  const l = await load(tx, actor, id);
  const section = await repo.getSection(tx, id, sectionId);
  if (!section) throw new AppError('CONSULTATION_SECTION_NOT_FOUND', undefined, 404);
  if (!l.inAudience) throw new AppError('CONSULTATION_NOT_IN_AUDIENCE', undefined, 403);
  if (!l.abilities.comment) throw new AppError('CONSULTATION_NOT_OPEN', undefined, 409);
  return { ...l, section };
}

export async function setStance(
  ctx: CommandContext,
  id: number,
  sectionId: number,
  stance: (typeof STANCES)[number] | null,
) {
  return runCommand(ctx, async (tx, audit) => {
    await openSection(tx, ctx.actor, id, sectionId);
    await repo.setStance(
      tx,
      { consultationId: id, sectionId, accountId: ctx.actor.accountId, stance },
      nowIso(),
    );
    await audit('consultation.stance_set', { type: 'consultation', id }, { sectionId, stance });
  });
}

/** A section's name in stored titles (pool, search): the unit's language, zh-CN. */
function sectionName(s: repo.SectionRow) {
  return s.label || translate('zh-CN', `consultations.section.${s.kind}`);
}

export async function comment(ctx: CommandContext, id: number, sectionId: number, raw: string) {
  const body = raw.trim();
  if (!body) throw new AppError('CONSULTATION_COMMENT_EMPTY');
  if (chars(body) > MAX_COMMENT || body.length > MAX_COMMENT * 2) {
    throw new AppError('CONSULTATION_COMMENT_TOO_LONG', { max: MAX_COMMENT });
  }
  const { actor } = ctx;
  return runCommand(ctx, async (tx, audit) => {
    const l = await openSection(tx, actor, id, sectionId);
    const commentId = await repo.insertComment(tx, {
      unit_id: actor.unitId,
      consultation_id: id,
      section_id: sectionId,
      account_id: actor.accountId,
      body,
      created_at: nowIso(),
      answer: null,
      answer_reason: null,
      answered_by: null,
      answered_at: null,
    });
    const where = `《${l.row.title}》${sectionName(l.section)}`;
    await registerPoolEntry(tx, {
      unitId: actor.unitId,
      sourceKind: COMMENT_POOL_KIND,
      sourceId: commentId,
      title: `${where}：${[...body].slice(0, 60).join('')}`.slice(0, 200),
      category: 'consultation',
      departmentId: l.row.drafting_department_id,
    });
    await indexComment(tx, ctx, l.row, where, commentId, body, null, null);
    await audit(
      'consultation.commented',
      { type: 'consultation_comment', id: commentId },
      { consultationId: id, sectionId },
    );
    return commentId;
  });
}

/** The drafting side finds comments in the shared search (office, the drafter, their heads). */
async function indexComment(
  tx: Queryable,
  ctx: CommandContext,
  row: repo.ConsultationRow,
  where: string,
  commentId: number,
  body: string,
  answer: string | null,
  reason: string | null,
) {
  const heads = await repo.headsOf(tx, row.unit_id, row.drafting_department_id);
  await indexDocument(tx, ctx.database.kind, {
    unitId: row.unit_id,
    recordKind: COMMENT_SEARCH_KIND,
    recordId: commentId,
    title: where,
    text: [body, answer && reason ? reason : ''].filter(Boolean).join('\n'),
    visibility: { roles: ['office'], accounts: [...new Set([row.created_by, ...heads])] },
    link: `/consultations/${row.id}`,
  });
}

export async function answer(
  ctx: CommandContext,
  id: number,
  commentId: number,
  input: { answer: (typeof ANSWERS)[number]; reason?: string },
) {
  const reason = input.reason?.trim() ?? '';
  if (input.answer !== 'adopted' && !reason) throw new AppError('CONSULTATION_REASON_REQUIRED');
  if (chars(reason) > MAX_REASON)
    throw new AppError('CONSULTATION_REASON_TOO_LONG', { max: MAX_REASON });
  return runCommand(ctx, async (tx, audit, emit) => {
    const l = await load(tx, ctx.actor, id);
    if (!l.manages) throw new AppError('FORBIDDEN');
    const c = await repo.getComment(tx, id, commentId);
    if (!c) throw new AppError('CONSULTATION_COMMENT_NOT_FOUND', undefined, 404);
    if (!l.abilities.answer) throw new AppError('CONSULTATION_ALREADY_REPORTED', undefined, 409);
    const section = (await repo.getSection(tx, id, c.section_id))!;
    await repo.answerComment(tx, commentId, {
      answer: input.answer,
      answer_reason: reason || null,
      answered_by: ctx.actor.accountId,
      answered_at: nowIso(),
    });
    const source = { kind: COMMENT_POOL_KIND, id: commentId };
    await setPoolStatusBySource(tx, ctx.actor.unitId, source, 'resolved');
    const where = `《${l.row.title}》${sectionName(section)}`;
    await indexComment(tx, ctx, l.row, where, commentId, c.body, input.answer, reason || null);
    await audit(
      'consultation.comment_answered',
      { type: 'consultation_comment', id: commentId },
      { consultationId: id, answer: input.answer, reason: reason || null, before: c.answer },
    );
    await emit({
      type: 'consultation.comment_answered',
      subject: { type: 'consultation', id },
      recipients: [c.account_id],
      data: { title: l.row.title, section: sectionName(section), answer: input.answer },
    });
  });
}

/** The attachment policy: a draft's .docx is read by whoever may see the consultation. */
export async function mayReadConsultation(actor: Actor, recordId: string, db: Queryable) {
  if (!/^\d{1,10}$/.test(recordId) || !hasRole(actor, ...CONTENT_ROLES)) return false;
  try {
    await load(db, actor, Number(recordId));
    return true;
  } catch {
    return false;
  }
}
