import type { Queryable, Tx } from '../../db/database.js';
import type { AuditWriter, CommandContext } from '../command.js';
import { AppError } from '../errors.js';
import { calendarInTx } from '../calendar/service.js';
import {
  addWorkingDays,
  isValidDate,
  todayInShanghai,
  type WorkingCalendar,
} from '../calendar/working-days.js';
import * as repo from './repository.js';

/**
 * The deadline service other modules call inside their own commands (`runCommand`), so the
 * deadline is written in the same transaction as the change that starts or ends it:
 *
 *   await runCommand(ctx, async (tx, audit) => {
 *     ...
 *     await createDeadline(tx, ctx, audit, { subject: { type: 'opinion', id }, step: 'reply', ... });
 *   });
 */

export const DEFAULT_EXTENSION_MAX_DAYS = 5;
export const MAX_WORKING_DAYS = 366;

export interface NewDeadline {
  subject: { type: string; id: string | number };
  /** Which limit of the subject ('sign', 'reply'); one open deadline per subject and step. */
  step?: string;
  title: string;
  departmentId: number;
  leaderAccountId?: number | null;
  /** Counting starts the day after; defaults to today in Asia/Shanghai. */
  startDate?: string;
  workingDays: number;
  /** The most working days one extension may add (mechanisms.md: 5). */
  extensionMaxDays?: number;
}

const nowIso = () => new Date().toISOString();

async function calendar(tx: Tx, ctx: CommandContext, audit: AuditWriter): Promise<WorkingCalendar> {
  return calendarInTx(ctx.database, tx, ctx.actor.unitId, audit);
}

export async function createDeadline(
  tx: Tx,
  ctx: CommandContext,
  audit: AuditWriter,
  input: NewDeadline,
): Promise<{ id: number; dueDate: string }> {
  const unitId = ctx.actor.unitId;
  const startDate = input.startDate ?? todayInShanghai();
  if (!isValidDate(startDate)) throw new AppError('CALENDAR_DATE_INVALID', { date: startDate });
  const max = input.extensionMaxDays ?? DEFAULT_EXTENSION_MAX_DAYS;
  if (
    !Number.isInteger(input.workingDays) ||
    input.workingDays < 0 ||
    input.workingDays > MAX_WORKING_DAYS ||
    !Number.isInteger(max) ||
    max < 0 ||
    max > 60
  ) {
    throw new AppError('DEADLINE_DAYS_INVALID');
  }
  if (!(await repo.activeDepartment(tx, unitId, input.departmentId)))
    throw new AppError('DEADLINE_DEPARTMENT_INVALID');
  if (input.leaderAccountId && !(await repo.activeAccount(tx, unitId, input.leaderAccountId)))
    throw new AppError('ACCOUNT_NOT_FOUND');
  const subject = { type: input.subject.type, id: String(input.subject.id) };
  const step = input.step ?? '';
  if (await repo.findOpen(tx, unitId, subject, step))
    throw new AppError('DEADLINE_ALREADY_OPEN', undefined, 409);
  const cal = await calendar(tx, ctx, audit);
  const dueDate = addWorkingDays(cal, startDate, input.workingDays);
  const now = nowIso();
  const id = await repo.insertDeadline(tx, {
    unit_id: unitId,
    subject_type: subject.type,
    subject_id: subject.id,
    step,
    title: input.title.slice(0, 200),
    department_id: input.departmentId,
    leader_account_id: input.leaderAccountId ?? null,
    start_date: startDate,
    working_days: input.workingDays,
    original_due_date: dueDate,
    due_date: dueDate,
    status: 'open',
    closed_at: null,
    extension_max_days: max,
    extension_status: null,
    extension_days: null,
    extension_reason: null,
    extension_requested_by: null,
    extension_requested_at: null,
    extension_decided_by: null,
    extension_decided_at: null,
    extension_note: null,
    reminder_sent_on: null,
    escalated_on: null,
    created_at: now,
    updated_at: now,
  });
  await audit(
    'deadline.created',
    { type: 'deadline', id },
    {
      subject,
      step,
      departmentId: input.departmentId,
      startDate,
      workingDays: input.workingDays,
      dueDate,
    },
  );
  return { id, dueDate };
}

async function openDeadline(tx: Tx, unitId: number, id: number) {
  const d = await repo.getDeadline(tx, unitId, id);
  if (!d) throw new AppError('DEADLINE_NOT_FOUND', undefined, 404);
  if (d.status !== 'open') throw new AppError('DEADLINE_NOT_OPEN', undefined, 409);
  return d;
}

async function close(
  tx: Tx,
  ctx: CommandContext,
  audit: AuditWriter,
  id: number,
  status: 'done' | 'cancelled',
) {
  const d = await openDeadline(tx, ctx.actor.unitId, id);
  const now = nowIso();
  await repo.updateDeadline(tx, ctx.actor.unitId, id, { status, closed_at: now, updated_at: now });
  const onTime = todayInShanghai() <= d.due_date;
  await audit(
    status === 'done' ? 'deadline.completed' : 'deadline.cancelled',
    {
      type: 'deadline',
      id,
    },
    { dueDate: d.due_date, onTime },
  );
  return { onTime };
}

/** The work is done: the deadline leaves the board. Returns whether it was on time. */
export function completeDeadline(tx: Tx, ctx: CommandContext, audit: AuditWriter, id: number) {
  return close(tx, ctx, audit, id, 'done');
}

export function cancelDeadline(tx: Tx, ctx: CommandContext, audit: AuditWriter, id: number) {
  return close(tx, ctx, audit, id, 'cancelled');
}

/** Hand an open deadline to another owner department (a dispatch, a bounce back to the office). */
export async function reassignDeadline(
  tx: Tx,
  ctx: CommandContext,
  audit: AuditWriter,
  id: number,
  departmentId: number,
) {
  const unitId = ctx.actor.unitId;
  const d = await repo.getDeadline(tx, unitId, id);
  if (!d || d.status !== 'open' || d.department_id === departmentId) return;
  if (!(await repo.activeDepartment(tx, unitId, departmentId)))
    throw new AppError('DEADLINE_DEPARTMENT_INVALID');
  await repo.updateDeadline(tx, unitId, id, {
    department_id: departmentId,
    updated_at: nowIso(),
  });
  await audit(
    'deadline.reassigned',
    { type: 'deadline', id },
    { from: d.department_id, to: departmentId },
  );
}

/** The open deadlines of some subjects of one kind, for a module's views. */
export function openDeadlinesFor(
  tx: Queryable,
  unitId: number,
  subjectType: string,
  subjectIds: string[],
) {
  return repo.openForSubjects(tx, unitId, subjectType, subjectIds);
}

/** The open deadline of a subject's step, for modules that know the subject rather than the id. */
export async function openDeadlineOf(
  tx: Tx,
  unitId: number,
  subject: { type: string; id: string | number },
  step = '',
) {
  const d = await repo.findOpen(tx, unitId, { type: subject.type, id: String(subject.id) }, step);
  return d ? { id: d.id, dueDate: d.due_date } : null;
}

/** One extension per deadline, with a reason, at most `extension_max_days` working days. */
export async function requestExtension(
  tx: Tx,
  ctx: CommandContext,
  audit: AuditWriter,
  id: number,
  input: { days: number; reason: string },
) {
  const d = await openDeadline(tx, ctx.actor.unitId, id);
  if (d.extension_status !== null) throw new AppError('DEADLINE_EXTENSION_USED', undefined, 409);
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > d.extension_max_days)
    throw new AppError('DEADLINE_EXTENSION_TOO_LONG', { max: d.extension_max_days });
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED');
  const now = nowIso();
  await repo.updateDeadline(tx, ctx.actor.unitId, id, {
    extension_status: 'requested',
    extension_days: input.days,
    extension_reason: reason.slice(0, 500),
    extension_requested_by: ctx.actor.accountId || null,
    extension_requested_at: now,
    updated_at: now,
  });
  await audit(
    'deadline.extension_requested',
    { type: 'deadline', id },
    { days: input.days, reason },
  );
}

/**
 * The office approves or refuses. Approval moves the due date by the extra working days counted
 * from the current due date, and clears a reminder / escalation already sent, so the new
 * deadline is watched afresh.
 */
export async function decideExtension(
  tx: Tx,
  ctx: CommandContext,
  audit: AuditWriter,
  id: number,
  input: { approve: boolean; note?: string | null },
) {
  const d = await openDeadline(tx, ctx.actor.unitId, id);
  if (d.extension_status !== 'requested')
    throw new AppError('DEADLINE_EXTENSION_NOT_REQUESTED', undefined, 409);
  const now = nowIso();
  const note = input.note?.trim() || null;
  let dueDate = d.due_date;
  if (input.approve) {
    const cal = await calendar(tx, ctx, audit);
    dueDate = addWorkingDays(cal, d.due_date, d.extension_days!);
  }
  await repo.updateDeadline(tx, ctx.actor.unitId, id, {
    extension_status: input.approve ? 'approved' : 'refused',
    extension_decided_by: ctx.actor.accountId || null,
    extension_decided_at: now,
    extension_note: note?.slice(0, 500) ?? null,
    due_date: dueDate,
    ...(input.approve ? { reminder_sent_on: null, escalated_on: null } : {}),
    updated_at: now,
  });
  await audit(
    input.approve ? 'deadline.extension_approved' : 'deadline.extension_refused',
    { type: 'deadline', id },
    { days: d.extension_days, previousDueDate: d.due_date, dueDate, note },
  );
  return { dueDate };
}
