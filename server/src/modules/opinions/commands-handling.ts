import { hasRole, type Actor } from '../../core/actor.js';
import { runCommand, type AuditWriter, type CommandContext } from '../../core/command.js';
import { AppError } from '../../core/errors.js';
import { todayInShanghai } from '../../core/calendar/working-days.js';
import {
  cancelDeadline,
  completeDeadline,
  createDeadline,
  decideExtension as decideDeadlineExtension,
  openDeadlineOf,
  reassignDeadline,
  requestExtension as requestDeadlineExtension,
} from '../../core/deadlines/service.js';
import {
  bumpPoolConcern,
  registerPoolEntry,
  setPoolStatusBySource,
} from '../../core/pool/commands.js';
import * as org from '../../core/org/repository.js';
import { indexDocument } from '../../core/search/commands.js';
import type { Queryable, Tx } from '../../db/database.js';
import {
  handlingRefusal,
  MERGE_TARGET_STATES,
  type HandlerStanding,
  type HandlingAction,
  type ItemFacts,
  type OpinionStatus,
} from './policy.js';
import { indexPublishedOpinion, opinionLimits } from './commands-staff.js';
import * as repo from './repository.js';
import { OPINION_KINDS } from './schemas-staff.js';
import * as hrepo from './repository-handling.js';

/** The office's and departments' commands (docs/opinions-design.md "States"). */

type OpinionKind = (typeof OPINION_KINDS)[number];

/** The unit's limits (settings key `opinions`), one reading shared with the staff part. */
const unitLimits = opinionLimits;

const SUBJECT = (id: string) => ({ type: 'opinion', id });
const nowIso = () => new Date().toISOString();

type Opinion = NonNullable<Awaited<ReturnType<typeof repo.getOpinion>>>;
type DepartmentRow = Awaited<ReturnType<typeof repo.listOpinionDepartments>>[number];

/** How the actor stands to the item (office, lead department head, co-department head). */
export async function standingOf(
  db: Queryable,
  actor: Actor,
  opinion: Opinion,
  rows: DepartmentRow[],
): Promise<
  HandlerStanding & { leadDepartmentId: number | null; coDepartmentIds: number[]; former: boolean }
> {
  return standingFrom(actor, opinion, rows, await headScope(db, actor));
}

/** The departments a head acts for: theirs and every one below it (none for others). */
export async function headScope(db: Queryable, actor: Actor): Promise<number[]> {
  if (hasRole(actor, 'department_head') && actor.departmentId !== null)
    return org.subtreeIds(db, actor.unitId, actor.departmentId);
  return [];
}

/** Where the actor stands on one item, from its department rows and the actor's scope. Pure. */
export function standingFrom(
  actor: Actor,
  opinion: Pick<Opinion, 'lead_department_id'>,
  rows: DepartmentRow[],
  scope: number[],
): HandlerStanding & {
  leadDepartmentId: number | null;
  coDepartmentIds: number[];
  former: boolean;
} {
  const office = hasRole(actor, 'office');
  const live = rows.filter((r) => r.status !== 'bounced' && scope.includes(r.department_id));
  const leadRow = live.find(
    (r) => r.role === 'lead' && r.department_id === opinion.lead_department_id,
  );
  const coRows = live.filter((r) => r.role === 'co');
  return {
    office,
    lead: !!leadRow,
    co: coRows.length > 0,
    coUnsigned: coRows.some((r) => r.status === 'dispatched'),
    leadDepartmentId: leadRow?.department_id ?? null,
    coDepartmentIds: coRows.map((r) => r.department_id),
    // A department that bounced the item may still read it (not act on it).
    former: rows.some((r) => r.status === 'bounced' && scope.includes(r.department_id)),
  };
}

export function factsOf(
  o: Pick<Opinion, 'status' | 'lead_department_id' | 'consent_publish' | 'replied_on'>,
): ItemFacts {
  return {
    status: o.status as OpinionStatus,
    hasLeadDepartment: o.lead_department_id !== null,
    consentPublish: o.consent_publish === 1,
    hasReply: o.replied_on !== null,
  };
}

/**
 * Load the item for an action: 404 when it does not exist for this actor (another unit, or a
 * department head it was never dispatched to), 403 when the actor may never do this, 409 in the
 * wrong state — before anything is written.
 */
async function loadFor(tx: Tx, ctx: CommandContext, id: string, action: HandlingAction) {
  const opinion = await repo.getOpinion(tx, ctx.actor.unitId, id);
  if (!opinion) throw new AppError('OPINION_NOT_FOUND', undefined, 404);
  const rows = await repo.listOpinionDepartments(tx, ctx.actor.unitId, id);
  const standing = await standingOf(tx, ctx.actor, opinion, rows);
  if (!standing.office && !standing.lead && !standing.co && !standing.former)
    throw new AppError('OPINION_NOT_FOUND', undefined, 404);
  const facts = factsOf(opinion);
  const refusal = handlingRefusal(action, standing, facts);
  if (refusal === 'forbidden') throw new AppError('FORBIDDEN');
  if (refusal === 'wrong_state') {
    if (action === 'publish' && opinion.consent_publish !== 1)
      throw new AppError('OPINION_NOT_PUBLISHABLE', undefined, 409);
    throw new AppError('OPINION_WRONG_STATE', { status: opinion.status }, 409);
  }
  return { opinion, rows, standing };
}

/** A state change guarded by the status read: a concurrent change makes it a 409, not a mix. */
async function move(
  tx: Tx,
  unitId: number,
  opinion: Opinion,
  fields: Parameters<typeof repo.updateOpinion>[3],
) {
  const ok = await repo.updateOpinion(
    tx,
    unitId,
    opinion.id,
    { ...fields, updated_at: nowIso() },
    opinion.status,
  );
  if (!ok) throw new AppError('OPINION_WRONG_STATE', { status: opinion.status }, 409);
}

/** Who speaks in the timeline: the office, or the department the head acts for. */
function authorOf(standing: { office: boolean; leadDepartmentId: number | null }, actor: Actor) {
  if (standing.leadDepartmentId !== null && !standing.office)
    return { author: 'department', department_id: standing.leadDepartmentId };
  if (standing.office) return { author: 'office', department_id: null };
  return { author: 'department', department_id: actor.departmentId };
}

async function timeline(
  tx: Tx,
  ctx: CommandContext,
  opinionId: string,
  type: string,
  e: {
    author: string;
    department_id: number | null;
    body?: string | null;
    visible: boolean;
  },
) {
  await repo.appendEvent(tx, {
    opinion_id: opinionId,
    unit_id: ctx.actor.unitId,
    type,
    author: e.author,
    author_account_id: ctx.actor.accountId || null,
    department_id: e.department_id,
    body: e.body ?? null,
    visible_to_submitter: e.visible ? 1 : 0,
    on: todayInShanghai(),
    at: nowIso(),
  });
}

/** The named submitter (never an anonymous one) as a recipient list. */
const namedSubmitter = (o: Opinion) =>
  o.anonymous === 0 && o.submitter_account_id !== null ? [o.submitter_account_id] : [];

async function officeDepartment(tx: Tx, ctx: CommandContext) {
  const dep =
    (await hrepo.officeDepartmentId(tx, ctx.actor.unitId)) ?? ctx.actor.departmentId ?? null;
  if (dep === null) throw new AppError('OPINION_DEPARTMENT_INVALID');
  return dep;
}

const audited = (
  audit: AuditWriter,
  action: string,
  id: string,
  detail?: Record<string, unknown>,
) => audit(`opinion.${action}`, { type: 'opinion', id }, detail);

/**
 * The handlers' search document of an item: the office, and the heads of the departments it is
 * dispatched to (by account, not the whole department) — never the submitter's identity.
 */
async function indexForHandlers(tx: Tx, ctx: CommandContext, o: Opinion, departmentIds: number[]) {
  const heads = await hrepo.accountsInRole(tx, ctx.actor.unitId, 'department_head', departmentIds);
  await indexDocument(tx, ctx.database.kind, {
    unitId: ctx.actor.unitId,
    recordKind: 'opinion',
    recordId: o.id,
    title: o.title,
    text: o.content,
    visibility: { roles: ['office'], accounts: heads },
    link: `/opinions/${o.id}`,
  });
}

// ---- the commands ----

export async function accept(ctx: CommandContext, id: string) {
  return runCommand(ctx, async (tx, audit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'accept');
    const today = todayInShanghai();
    const limits = await unitLimits(tx, ctx.actor.unitId);
    await move(tx, ctx.actor.unitId, opinion, { status: 'accepted', accepted_on: today });
    const kind = (OPINION_KINDS as readonly string[]).includes(opinion.kind)
      ? (opinion.kind as OpinionKind)
      : 'opinion';
    const deadline = await createDeadline(tx, ctx, audit, {
      subject: SUBJECT(id),
      step: 'reply',
      title: opinion.title,
      departmentId: await officeDepartment(tx, ctx),
      startDate: today,
      workingDays: limits.replyDays[kind],
      extensionMaxDays: limits.extensionMaxDays,
    });
    await registerPoolEntry(tx, {
      unitId: ctx.actor.unitId,
      sourceKind: 'opinion',
      sourceId: id,
      title: opinion.title,
      category: opinion.category,
      departmentId: opinion.target_department_id,
    });
    await indexForHandlers(tx, ctx, opinion, []);
    await timeline(tx, ctx, id, 'accepted', { ...authorOf(standing, ctx.actor), visible: true });
    await audited(audit, 'accepted', id, { replyDue: deadline.dueDate });
    return { replyDue: deadline.dueDate };
  });
}

export async function notAccept(
  ctx: CommandContext,
  id: string,
  input: { reason: string; suggestedChannel: string },
) {
  return runCommand(ctx, async (tx, audit, emit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'notAccept');
    const today = todayInShanghai();
    await move(tx, ctx.actor.unitId, opinion, {
      status: 'closed',
      close_reason: 'not_accepted',
      closed_on: today,
      not_accepted_reason: input.reason,
      suggested_channel: input.suggestedChannel,
    });
    await timeline(tx, ctx, id, 'not_accepted', {
      ...authorOf(standing, ctx.actor),
      body: input.reason,
      visible: true,
    });
    const recipients = namedSubmitter(opinion);
    if (recipients.length)
      await emit({
        type: 'opinion.replied',
        subject: SUBJECT(id),
        recipients,
        data: { outcome: 'not_accepted' },
      });
    await audited(audit, 'not_accepted', id, {
      reason: input.reason,
      suggestedChannel: input.suggestedChannel,
    });
  });
}

export async function dispatch(
  ctx: CommandContext,
  id: string,
  input: { leadDepartmentId: number; coDepartmentIds?: number[] },
) {
  return runCommand(ctx, async (tx, audit, emit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'dispatch');
    const unitId = ctx.actor.unitId;
    const co = input.coDepartmentIds ?? [];
    const all = [input.leadDepartmentId, ...co];
    if (new Set(all).size !== all.length) throw new AppError('OPINION_DEPARTMENT_INVALID');
    const active = await hrepo.activeDepartmentIds(tx, unitId, all);
    if (active.length !== all.length) throw new AppError('OPINION_DEPARTMENT_INVALID');
    const today = todayInShanghai();
    const limits = await unitLimits(tx, unitId);
    await move(tx, unitId, opinion, {
      status: 'dispatched',
      lead_department_id: input.leadDepartmentId,
    });
    for (const departmentId of all)
      await hrepo.upsertOpinionDepartment(tx, {
        opinion_id: id,
        unit_id: unitId,
        department_id: departmentId,
        role: departmentId === input.leadDepartmentId ? 'lead' : 'co',
        dispatched_on: today,
      });
    const sign = await createDeadline(tx, ctx, audit, {
      subject: SUBJECT(id),
      step: 'sign',
      title: opinion.title,
      departmentId: input.leadDepartmentId,
      startDate: today,
      workingDays: limits.signDays,
      extensionMaxDays: 0,
    });
    // The reply limit runs from acceptance; its owner becomes the lead department.
    const reply = await openDeadlineOf(tx, unitId, SUBJECT(id), 'reply');
    if (reply) await reassignDeadline(tx, ctx, audit, reply.id, input.leadDepartmentId);
    await timeline(tx, ctx, id, 'dispatched', {
      ...authorOf(standing, ctx.actor),
      department_id: input.leadDepartmentId,
      visible: true,
    });
    await indexForHandlers(tx, ctx, opinion, all);
    const names = await hrepo.departmentNames(tx, unitId, all);
    const heads = await hrepo.accountsInRole(tx, unitId, 'department_head', all);
    if (heads.length)
      await emit({
        type: 'opinion.dispatched',
        subject: SUBJECT(id),
        recipients: heads,
        data: { department: names.get(input.leadDepartmentId) ?? '', signDue: sign.dueDate },
      });
    await audited(audit, 'dispatched', id, {
      leadDepartmentId: input.leadDepartmentId,
      coDepartmentIds: co,
      signDue: sign.dueDate,
    });
    return { signDue: sign.dueDate };
  });
}

export async function sign(ctx: CommandContext, id: string) {
  return runCommand(ctx, async (tx, audit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'sign');
    const unitId = ctx.actor.unitId;
    const today = todayInShanghai();
    let departmentId: number;
    let onTime: boolean | null = null;
    if (standing.lead && opinion.status === 'dispatched') {
      departmentId = standing.leadDepartmentId!;
      await move(tx, unitId, opinion, { status: 'signed' });
      await hrepo.signDepartments(tx, unitId, id, [departmentId], today);
      const d = await openDeadlineOf(tx, unitId, SUBJECT(id), 'sign');
      if (d) onTime = (await completeDeadline(tx, ctx, audit, d.id)).onTime;
    } else {
      const n = await hrepo.signDepartments(tx, unitId, id, standing.coDepartmentIds, today);
      if (n === 0) throw new AppError('OPINION_WRONG_STATE', { status: opinion.status }, 409);
      departmentId = standing.coDepartmentIds[0]!;
      // Serialise with other commands on the item (the status stays).
      await move(tx, unitId, opinion, {});
    }
    await timeline(tx, ctx, id, 'signed', {
      author: 'department',
      department_id: departmentId,
      visible: false,
    });
    await audited(audit, 'signed', id, { departmentId, onTime });
  });
}

export async function bounce(ctx: CommandContext, id: string, input: { reason: string }) {
  return runCommand(ctx, async (tx, audit, emit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'bounce');
    const unitId = ctx.actor.unitId;
    const departmentId = standing.leadDepartmentId!;
    await move(tx, unitId, opinion, {
      status: 'accepted',
      lead_department_id: null,
      bounce_count: opinion.bounce_count + 1,
    });
    await hrepo.bounceDepartments(tx, unitId, id, departmentId, input.reason);
    const signDeadline = await openDeadlineOf(tx, unitId, SUBJECT(id), 'sign');
    if (signDeadline) await completeDeadline(tx, ctx, audit, signDeadline.id);
    const reply = await openDeadlineOf(tx, unitId, SUBJECT(id), 'reply');
    if (reply) await reassignDeadline(tx, ctx, audit, reply.id, await officeDepartment(tx, ctx));
    await indexForHandlers(tx, ctx, opinion, []);
    await timeline(tx, ctx, id, 'bounced', {
      author: 'department',
      department_id: departmentId,
      body: input.reason,
      visible: false,
    });
    const office = await hrepo.accountsInRole(tx, unitId, 'office');
    const names = await hrepo.departmentNames(tx, unitId, [departmentId]);
    if (office.length)
      await emit({
        type: 'opinion.bounced',
        subject: SUBJECT(id),
        recipients: office,
        data: { department: names.get(departmentId) ?? '', reason: input.reason },
      });
    await audited(audit, 'bounced', id, { departmentId, reason: input.reason });
  });
}

export async function ask(ctx: CommandContext, id: string, input: { body: string }) {
  return runCommand(ctx, async (tx, audit, emit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'ask');
    await move(tx, ctx.actor.unitId, opinion, {});
    await timeline(tx, ctx, id, 'question', {
      ...authorOf(standing, ctx.actor),
      body: input.body,
      visible: true,
    });
    const recipients = namedSubmitter(opinion);
    if (recipients.length)
      await emit({ type: 'opinion.question', subject: SUBJECT(id), recipients, data: {} });
    await audited(audit, 'question_asked', id);
  });
}

export async function reply(ctx: CommandContext, id: string, input: { body: string }) {
  return runCommand(ctx, async (tx, audit, emit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'reply');
    const unitId = ctx.actor.unitId;
    const today = todayInShanghai();
    const limits = await unitLimits(tx, unitId);
    await move(tx, unitId, opinion, { status: 'replied', replied_on: today });
    const d = await openDeadlineOf(tx, unitId, SUBJECT(id), 'reply');
    const onTime = d ? (await completeDeadline(tx, ctx, audit, d.id)).onTime : null;
    const sign = await openDeadlineOf(tx, unitId, SUBJECT(id), 'sign');
    if (sign) await completeDeadline(tx, ctx, audit, sign.id);
    const rate = await createDeadline(tx, ctx, audit, {
      subject: SUBJECT(id),
      step: 'rate',
      title: opinion.title,
      departmentId: await officeDepartment(tx, ctx),
      startDate: today,
      workingDays: limits.rateDays,
      extensionMaxDays: 0,
    });
    await timeline(tx, ctx, id, 'reply', {
      ...authorOf(standing, ctx.actor),
      body: input.body,
      visible: true,
    });
    const recipients = [
      ...namedSubmitter(opinion),
      ...(await hrepo.mergedSubmitters(tx, unitId, id)),
    ];
    if (recipients.length)
      await emit({ type: 'opinion.replied', subject: SUBJECT(id), recipients, data: {} });
    await audited(audit, 'replied', id, { onTime, rateDue: rate.dueDate });
    return { onTime };
  });
}

export async function requestExtension(
  ctx: CommandContext,
  id: string,
  input: { days: number; reason: string },
) {
  return runCommand(ctx, async (tx, audit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'requestExtension');
    const d = await openDeadlineOf(tx, ctx.actor.unitId, SUBJECT(id), 'reply');
    if (!d) throw new AppError('OPINION_WRONG_STATE', { status: opinion.status }, 409);
    await move(tx, ctx.actor.unitId, opinion, {});
    await requestDeadlineExtension(tx, ctx, audit, d.id, input);
    await timeline(tx, ctx, id, 'extension_requested', {
      ...authorOf(standing, ctx.actor),
      body: input.reason,
      visible: false,
    });
    await audited(audit, 'extension_requested', id, { days: input.days });
  });
}

export async function decideExtension(
  ctx: CommandContext,
  id: string,
  input: { approve: boolean; reason?: string | null },
) {
  return runCommand(ctx, async (tx, audit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'decideExtension');
    const d = await openDeadlineOf(tx, ctx.actor.unitId, SUBJECT(id), 'reply');
    if (!d) throw new AppError('OPINION_WRONG_STATE', { status: opinion.status }, 409);
    await move(tx, ctx.actor.unitId, opinion, {});
    const { dueDate } = await decideDeadlineExtension(tx, ctx, audit, d.id, {
      approve: input.approve,
      note: input.reason ?? null,
    });
    await timeline(tx, ctx, id, 'extension_decided', {
      ...authorOf(standing, ctx.actor),
      body: input.reason ?? null,
      visible: false,
    });
    await audited(audit, 'extension_decided', id, { approve: input.approve, dueDate });
    return { dueDate };
  });
}

export async function merge(ctx: CommandContext, id: string, input: { intoId: string }) {
  return runCommand(ctx, async (tx, audit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'merge');
    const unitId = ctx.actor.unitId;
    const target = await repo.getOpinion(tx, unitId, input.intoId);
    if (
      !target ||
      target.id === id ||
      !MERGE_TARGET_STATES.includes(target.status as OpinionStatus)
    )
      throw new AppError('OPINION_MERGE_TARGET_INVALID', undefined, 409);
    const today = todayInShanghai();
    await move(tx, unitId, opinion, {
      status: 'merged',
      close_reason: 'merged',
      merged_into_id: target.id,
      closed_on: today,
    });
    for (const step of ['sign', 'reply', 'rate']) {
      const d = await openDeadlineOf(tx, unitId, SUBJECT(id), step);
      if (d) await cancelDeadline(tx, ctx, audit, d.id);
    }
    await setPoolStatusBySource(tx, unitId, { kind: 'opinion', id }, 'closed');
    await bumpPoolConcern(tx, unitId, { kind: 'opinion', id: target.id }, { repeats: 1 });
    const author = authorOf(standing, ctx.actor);
    await timeline(tx, ctx, id, 'merged', { ...author, body: null, visible: true });
    await timeline(tx, ctx, target.id, 'merged', { ...author, body: null, visible: false });
    await audited(audit, 'merged', id, { intoId: target.id });
  });
}

export async function publish(
  ctx: CommandContext,
  id: string,
  input: { publicTitle: string; publicContent: string; publicReply: string },
) {
  return runCommand(ctx, async (tx, audit) => {
    const { opinion, standing } = await loadFor(tx, ctx, id, 'publish');
    const unitId = ctx.actor.unitId;
    await move(tx, unitId, opinion, {
      published: 1,
      public_title: input.publicTitle,
      public_content: input.publicContent,
      public_reply: input.publicReply,
    });
    // The wall's own search document (the public texts only, names edited out by the office).
    await indexPublishedOpinion(tx, ctx.database.kind, {
      id,
      unit_id: unitId,
      public_title: input.publicTitle,
      public_content: input.publicContent,
      public_reply: input.publicReply,
    });
    await timeline(tx, ctx, id, 'published', { ...authorOf(standing, ctx.actor), visible: true });
    await audited(audit, 'published', id, { republished: opinion.published === 1 });
  });
}
