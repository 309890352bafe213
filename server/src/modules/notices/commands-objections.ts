import { systemActor } from '../../core/actor.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { addWorkingDays, todayInShanghai } from '../../core/calendar/working-days.js';
import {
  runCommand,
  type AuditWriter,
  type CommandContext,
  type EventWriter,
} from '../../core/command.js';
import { completeDeadline, createDeadline, openDeadlineOf } from '../../core/deadlines/service.js';
import { AppError } from '../../core/errors.js';
import { attachFiles } from '../../core/files/commands.js';
import { registerPoolEntry, setPoolStatusBySource } from '../../core/pool/commands.js';
import { nowIso, type Database, type Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { unitKeys } from '../opinions/keys.js';
import {
  DUMMY_RECEIPT,
  derivedReceipt,
  formatReceipt,
  idempotencyKeyHash,
  newOpinionId,
  normalizeReceipt,
  randomReceipt,
  receiptHash,
} from '../opinions/receipt.js';
import { listUnitKeys } from '../opinions/repository.js';
import { editedName, firstSensitiveField } from './mask.js';
import { findingActionValid, MAX_REASONS, periodPhase } from './policy.js';
import { chars, cleanText, conflict, indexNotice, snapshot } from './commands.js';
import { notFound, objectionView, unitNoticeSettings, visibleNotice } from './views.js';
import * as repo from './repository.js';
import type { FindingInput, ObjectionInput } from './schemas.js';

/**
 * Objections and findings (docs/notices-design.md, "Objections"). Anonymous objections write no
 * audit entry, no outbox event, no account and no time finer than the date: their pool entry and
 * finding deadline are created by the next day's batch (`registerAnonymousObjections`).
 */

export const OBJECTION_POOL_KIND = 'notice_objection';
export const OBJECTION_SUBJECT = 'notice_objection';
export const FINDING_STEP = 'finding';
const noAudit: AuditWriter = async () => undefined;

export function validIdempotencyKey(key: string | undefined): string | null {
  if (key === undefined) return null;
  if (key.length < 8 || key.length > 100 || !/^[\x21-\x7e]+$/.test(key))
    throw new AppError('NOTICE_IDEMPOTENCY_KEY_INVALID');
  return key;
}

/** sha256 of `notice:<key>`, so that keys never meet the opinion box's. */
const keyHashOf = (unitId: number, key: string) =>
  idempotencyKeyHash(unitId, `notice-objection:${key}`);
const receiptKeyOf = (key: string) => `notice-objection:${key}`;

export interface ObjectionResult {
  objection: Awaited<ReturnType<typeof objectionView>>;
  receiptCode?: string;
}

async function replayObjection(
  ctx: CommandContext,
  keyHash: string,
  key: string,
  secret: string,
): Promise<ObjectionResult | null> {
  const found = await repo.findIdempotent(ctx.database.db, ctx.actor.unitId, keyHash);
  if (!found) return null;
  const row = await repo.getObjection(ctx.database.db, ctx.actor.unitId, found.objection_id);
  if (!row) return null;
  if (row.anonymous === 0 && row.objector_account_id !== ctx.actor.accountId)
    throw new AppError('NOTICE_IDEMPOTENCY_KEY_REUSED', undefined, 409);
  const objection = await objectionView(ctx.database.db, ctx.actor, row);
  return row.anonymous === 1
    ? { objection, receiptCode: formatReceipt(derivedReceipt(secret, receiptKeyOf(key))) }
    : { objection };
}

/** Register an objection in the issue pool and give its finding a deadline (in `tx`). */
async function registerObjection(
  tx: Tx,
  ctx: CommandContext,
  audit: AuditWriter,
  o: { id: string; notice_id: number; submitted_on: string },
  title: string,
  findingDays: number,
) {
  await registerPoolEntry(tx, {
    unitId: ctx.actor.unitId,
    sourceKind: OBJECTION_POOL_KIND,
    sourceId: o.id,
    title,
    category: '公开公示',
  });
  const departmentId = await repo.officeDepartmentId(tx, ctx.actor.unitId);
  if (departmentId === null) return null;
  const d = await createDeadline(tx, ctx, audit, {
    subject: { type: OBJECTION_SUBJECT, id: o.id },
    step: FINDING_STEP,
    title,
    departmentId,
    startDate: o.submitted_on,
    workingDays: findingDays,
  });
  return d.dueDate;
}

export async function submitObjection(
  ctx: CommandContext,
  noticeId: number,
  input: ObjectionInput,
  idempotencyKey?: string,
  today = todayInShanghai(),
): Promise<ObjectionResult> {
  const unitId = ctx.actor.unitId;
  const key = validIdempotencyKey(idempotencyKey);
  const reasons = input.reasons.trim();
  if (!reasons || chars(reasons) > MAX_REASONS)
    throw new AppError('NOTICE_OBJECTION_REASONS_EMPTY');
  const keys = await unitKeys(ctx.database.db, unitId);
  const keyHash = key ? keyHashOf(unitId, key) : null;
  if (key && keyHash) {
    const first = await replayObjection(ctx, keyHash, key, keys.secret);
    if (first) return first;
  }
  const { notice, inScope } = await visibleNotice(ctx.database.db, ctx.actor, noticeId);
  if (!inScope) throw notFound();
  if (notice.status !== 'published') {
    if (notice.status === 'closed') throw conflict('NOTICE_PERIOD_ENDED');
    throw conflict('NOTICE_NOT_PUBLISHED');
  }
  const phase = periodPhase(notice, today);
  if (phase === 'before') throw conflict('NOTICE_PERIOD_NOT_STARTED');
  if (phase === 'after') throw conflict('NOTICE_PERIOD_ENDED');
  const anonymous = input.anonymous;
  if (anonymous && notice.anonymous_objections !== 1)
    throw new AppError('NOTICE_ANONYMOUS_NOT_ALLOWED');
  const settings = await unitNoticeSettings(ctx.database.db, unitId);
  const cal = await loadCalendar(ctx.database, unitId);
  const dueOn = addWorkingDays(cal, today, settings.findingDays);
  const title = `异议：${notice.title}`.slice(0, 200);

  for (let attempt = 0; ; attempt++) {
    const receipt = anonymous
      ? key
        ? derivedReceipt(keys.secret, receiptKeyOf(key))
        : randomReceipt()
      : null;
    const hash = receipt ? await receiptHash(receipt, keys.salt) : null;
    try {
      const id = await runCommand(ctx, async (tx, realAudit, realEmit) => {
        const audit = anonymous ? noAudit : realAudit;
        const item = await repo.getItem(tx, noticeId, input.itemId);
        if (!item) throw new AppError('NOTICE_ITEM_NOT_FOUND', undefined, 404);
        if (item.status === 'withdrawn') throw conflict('NOTICE_ITEM_WITHDRAWN');
        // The state may have moved since the checks above.
        const now = await repo.getNotice(tx, unitId, noticeId);
        if (!now || now.status !== 'published') throw conflict('NOTICE_PERIOD_ENDED');
        const id = newOpinionId();
        await repo.insertObjection(tx, {
          id,
          unit_id: unitId,
          notice_id: noticeId,
          item_id: item.id,
          reasons,
          anonymous: anonymous ? 1 : 0,
          objector_account_id: anonymous ? null : ctx.actor.accountId,
          receipt_hash: hash,
          submitted_on: today,
          created_at: anonymous ? null : nowIso(),
          registered: anonymous ? 0 : 1,
          due_on: dueOn,
        });
        if (keyHash)
          await repo.insertIdempotent(tx, { unit_id: unitId, key_hash: keyHash, objection_id: id });
        if (input.attachmentIds.length)
          await attachFiles(tx, ctx.actor, input.attachmentIds, 'notice_objection', id, {
            anonymous,
          });
        if (!anonymous) {
          const due = await registerObjection(
            tx,
            ctx,
            audit,
            { id, notice_id: noticeId, submitted_on: today },
            title,
            settings.findingDays,
          );
          if (due) await repo.updateObjection(tx, unitId, id, { due_on: due });
          await audit(
            'notice.objection_submitted',
            { type: 'notice_objection', id },
            { noticeId, itemId: item.id, attachments: input.attachmentIds.length },
          );
          await notifyOffice(tx, realEmit, unitId, noticeId, notice.title, due ?? dueOn);
        }
        return id;
      });
      const row = (await repo.getObjection(ctx.database.db, unitId, id))!;
      const objection = await objectionView(ctx.database.db, ctx.actor, row);
      return receipt ? { objection, receiptCode: formatReceipt(receipt) } : { objection };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      if (key && keyHash) {
        const first = await replayObjection(ctx, keyHash, key, keys.secret);
        if (first) return first;
      }
      if (attempt >= 3 || (anonymous && key)) throw err;
    }
  }
}

async function notifyOffice(
  tx: Tx,
  emit: EventWriter,
  unitId: number,
  noticeId: number,
  title: string,
  dueOn: string,
) {
  const office = await repo.officeAccounts(tx, unitId);
  if (office.length)
    await emit({
      type: 'notice.objection_received',
      subject: { type: 'notice', id: noticeId },
      recipients: office,
      data: { title, dueOn },
    });
}

/**
 * The daily batch: anonymous objections of earlier days enter the issue pool and get their
 * finding deadline (counted from the day they were made), all at once, so that no row records
 * the hour of one of them.
 */
export async function registerAnonymousObjections(database: Database, today = todayInShanghai()) {
  const rows = await repo.unregisteredBefore(database.db, today);
  let registered = 0;
  for (const o of rows) {
    const ctx = { database, actor: systemActor(o.unit_id) };
    const settings = await unitNoticeSettings(database.db, o.unit_id);
    await runCommand(ctx, async (tx, audit) => {
      const fresh = await repo.getObjection(tx, o.unit_id, o.id);
      if (!fresh || fresh.registered === 1) return;
      if (fresh.status === 'open') {
        const notice = (await repo.getNotice(tx, o.unit_id, o.notice_id))!;
        const due = await registerObjection(
          tx,
          ctx,
          audit,
          fresh,
          `异议：${notice.title}`.slice(0, 200),
          settings.findingDays,
        );
        await repo.updateObjection(tx, o.unit_id, o.id, {
          registered: 1,
          ...(due ? { due_on: due } : {}),
        });
        registered++;
      } else {
        await repo.updateObjection(tx, o.unit_id, o.id, { registered: 1 });
      }
    });
  }
  return registered;
}

/** The anonymous objection of a receipt code; every failure looks the same (RECEIPT_NOT_FOUND). */
export async function findByReceipt(database: Database, code: unknown) {
  const digits = normalizeReceipt(code);
  const keys = await listUnitKeys(database.db);
  const salts = keys.length ? keys.map((k) => k.salt) : ['00000000000000000000000000000000'];
  const hashes = await Promise.all(salts.map((s) => receiptHash(digits ?? DUMMY_RECEIPT, s)));
  const rows = keys.length ? await repo.findObjectionsByReceiptHashes(database.db, hashes) : [];
  const row = digits
    ? rows.find((r) => keys.some((k, i) => k.unit_id === r.unit_id && hashes[i] === r.receipt_hash))
    : undefined;
  if (!row || row.anonymous !== 1) throw new AppError('RECEIPT_NOT_FOUND', undefined, 404);
  return objectionView(database.db, systemActor(row.unit_id), row);
}

/** The office's finding on an objection; an upheld item is withdrawn or corrected (new version). */
export async function recordFinding(ctx: CommandContext, objectionId: string, input: FindingInput) {
  const unitId = ctx.actor.unitId;
  if (!findingActionValid(input.finding, input.itemAction))
    throw new AppError('NOTICE_FINDING_ACTION_INVALID');
  if (input.itemAction === 'correct' && !input.correction)
    throw new AppError('NOTICE_FINDING_ACTION_INVALID');
  const explanation = input.explanation.trim();
  return runCommand(ctx, async (tx, audit, emit) => {
    const o = await repo.getObjection(tx, unitId, objectionId);
    if (!o) throw new AppError('NOTICE_OBJECTION_NOT_FOUND', undefined, 404);
    if (o.status !== 'open') throw conflict('NOTICE_OBJECTION_FOUND');
    const notice = (await repo.getNotice(tx, unitId, o.notice_id))!;
    if (notice.status !== 'published') throw conflict('NOTICE_NOT_PUBLISHED');
    const item = (await repo.getItem(tx, o.notice_id, o.item_id))!;
    let changed = false;
    if (input.itemAction === 'withdraw' && item.status !== 'withdrawn') {
      await repo.updateItem(tx, o.notice_id, item.id, { status: 'withdrawn', note: explanation });
      changed = true;
    } else if (input.itemAction === 'correct') {
      const c = cleanText(notice.title, notice.body, [input.correction!]).items[0]!;
      await repo.updateItem(tx, o.notice_id, item.id, {
        name: editedName(notice.sensitive === 1, item.name, c.name),
        detail: c.detail,
        status: 'corrected',
        note: explanation,
      });
      changed = true;
    }
    if (changed && firstSensitiveField([['explanation', explanation]]))
      throw new AppError('NOTICE_SENSITIVE_NUMBER', { field: 'explanation' });
    const today = todayInShanghai();
    await repo.updateObjection(
      tx,
      unitId,
      o.id,
      {
        status: 'found',
        finding: input.finding,
        explanation,
        item_action: input.itemAction,
        found_on: today,
        found_by: ctx.actor.accountId,
      },
      'open',
    );
    if (changed) {
      const fresh = (await repo.getNotice(tx, unitId, o.notice_id))!;
      const version = fresh.version + 1;
      const fingerprint = await snapshot(
        tx,
        fresh,
        version,
        explanation,
        ctx.actor.accountId,
        nowIso(),
      );
      await indexNotice(tx, ctx.database.kind, o.notice_id, unitId);
      await audit(
        'notice.corrected',
        { type: 'notice', id: o.notice_id },
        { version, objectionId: o.id, action: input.itemAction, fingerprint },
      );
    }
    const deadline = await openDeadlineOf(
      tx,
      unitId,
      { type: OBJECTION_SUBJECT, id: o.id },
      FINDING_STEP,
    );
    if (deadline) await completeDeadline(tx, ctx, audit, deadline.id);
    await setPoolStatusBySource(tx, unitId, { kind: OBJECTION_POOL_KIND, id: o.id }, 'resolved');
    await audit(
      'notice.objection_found',
      { type: 'notice_objection', id: o.id },
      { noticeId: o.notice_id, finding: input.finding, itemAction: input.itemAction },
    );
    if (o.anonymous === 0 && o.objector_account_id)
      await emit({
        type: 'notice.objection_found',
        subject: { type: 'notice', id: o.notice_id },
        recipients: [o.objector_account_id],
        data: { title: notice.title, finding: input.finding },
      });
    const after = (await repo.getObjection(tx, unitId, o.id))!;
    return objectionView(tx, ctx.actor, after);
  });
}
