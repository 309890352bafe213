import { systemActor } from '../../core/actor.js';
import { threadFor } from './repository-handling.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { addWorkingDays, todayInShanghai } from '../../core/calendar/working-days.js';
import { runCommand, type AuditWriter, type CommandContext } from '../../core/command.js';
import {
  cancelDeadline,
  completeDeadline,
  createDeadline,
  openDeadlineOf,
} from '../../core/deadlines/service.js';
import { AppError } from '../../core/errors.js';
import { attachFiles } from '../../core/files/commands.js';
import { getUnitSettings } from '../../core/org/repository.js';
import { bumpPoolConcern, setPoolStatusBySource } from '../../core/pool/commands.js';
import { indexDocument } from '../../core/search/commands.js';
import { nowIso, type Database, type DbKind, type Queryable, type Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { unitKeys } from './keys.js';
import { presentOpinion, presentWallItem, submitterAbilities } from './present.js';
import {
  DUMMY_RECEIPT,
  derivedReceipt,
  formatReceipt,
  idempotencyKeyHash,
  newOpinionId,
  normalizeReceipt,
  randomReceipt,
  receiptHash,
} from './receipt.js';
import * as repo from './repository.js';
import { OPINION_KINDS, type RatingInput, type SubmitInput } from './schemas-staff.js';

/**
 * The submitter's commands: submit (named or anonymous), answer a question, rate, "me too", and
 * the not-rated closing. Anonymity (docs/opinions-design.md): nothing at an anonymous
 * submission or at an anonymous submitter's later action writes an audit entry, an outbox
 * event, a timestamp finer than the date, or anything naming the account.
 */

export const OPINION_POOL_KIND = 'opinion';
export const RATING_WINDOW_DAYS = 7;
const MAX_CONTENT = 5000;
const MAX_TITLE = 100;

/** An audit writer that writes nothing: for the services called at an anonymous submitter's action. */
const noAudit: AuditWriter = async () => undefined;

// ---- limits (unit settings, key `opinions`) ----

export interface OpinionLimits {
  signDays: number;
  replyDays: Record<(typeof OPINION_KINDS)[number], number>;
  rateDays: number;
  extensionMaxDays: number;
}

export const DEFAULT_LIMITS: OpinionLimits = {
  signDays: 1,
  replyDays: { enquiry: 3, opinion: 5, suggestion: 5, request: 5, complaint: 10 },
  rateDays: RATING_WINDOW_DAYS,
  extensionMaxDays: 5,
};

const days = (v: unknown, d: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 366 ? v : d;

/** The unit's limits in working days, defaults where unset or invalid. */
export async function opinionLimits(db: Queryable, unitId: number): Promise<OpinionLimits> {
  const s = (await getUnitSettings(db, unitId)).opinions as Record<string, unknown> | undefined;
  const reply = (s?.replyDays ?? {}) as Record<string, unknown>;
  return {
    signDays: days(s?.signDays, DEFAULT_LIMITS.signDays),
    replyDays: Object.fromEntries(
      OPINION_KINDS.map((k) => [k, days(reply[k], DEFAULT_LIMITS.replyDays[k])]),
    ) as OpinionLimits['replyDays'],
    rateDays: days(s?.rateDays, DEFAULT_LIMITS.rateDays),
    extensionMaxDays: days(s?.extensionMaxDays, DEFAULT_LIMITS.extensionMaxDays),
  };
}

// ---- views ----

/** The submitter's view of one opinion (timeline visible to the submitter). */
export async function submitterView(db: Queryable, row: repo.OpinionRow) {
  const [events, names, thread] = await Promise.all([
    repo.listEvents(db, row.unit_id, row.id, { submitterOnly: true }),
    repo.departmentNames(db, row.unit_id),
    row.status === 'merged' ? threadFor(db, row.unit_id, row.id) : null,
  ]);
  // Every submitter of a merged item still gets the answer (mechanisms.md §1).
  const followed =
    thread && thread.merged
      ? {
          opinionId: thread.opinionId,
          status: thread.status ?? '',
          events: thread.events.map((e) => ({
            type: e.type,
            author: e.author,
            body: e.body,
            on: e.on,
          })),
        }
      : null;
  return presentOpinion(row, events, names, followed);
}

// ---- submit ----

function validateText(input: SubmitInput) {
  if (!(OPINION_KINDS as readonly string[]).includes(input.kind))
    throw new AppError('OPINION_KIND_UNKNOWN');
  const title = input.title.trim();
  const content = input.content.trim();
  if (!title) throw new AppError('OPINION_TITLE_EMPTY');
  if ([...title].length > MAX_TITLE) throw new AppError('OPINION_TITLE_TOO_LONG');
  if (!content) throw new AppError('OPINION_CONTENT_EMPTY');
  if ([...content].length > MAX_CONTENT) throw new AppError('OPINION_CONTENT_TOO_LONG');
  // Stored and checked by the database as characters; supplementary characters count once
  // here but may count twice there (UTF-16 in SQLite's length on some builds): keep both safe.
  if (content.length > MAX_CONTENT * 2) throw new AppError('OPINION_CONTENT_TOO_LONG');
  return { title, content };
}

export function validIdempotencyKey(key: string | undefined): string | null {
  if (key === undefined) return null;
  if (key.length < 8 || key.length > 100 || !/^[\x21-\x7e]+$/.test(key))
    throw new AppError('OPINION_IDEMPOTENCY_KEY_INVALID');
  return key;
}

export interface SubmitResult {
  opinion: ReturnType<typeof presentOpinion>;
  receiptCode?: string;
}

async function replay(
  ctx: CommandContext,
  keyHash: string,
  key: string,
  secret: string,
): Promise<SubmitResult | null> {
  const unitId = ctx.actor.unitId;
  const found = await repo.findIdempotent(ctx.database.db, unitId, keyHash);
  if (!found) return null;
  const row = await repo.getOpinion(ctx.database.db, unitId, found.opinion_id);
  if (!row) return null;
  if (row.anonymous === 0 && row.submitter_account_id !== ctx.actor.accountId)
    throw new AppError('OPINION_IDEMPOTENCY_KEY_REUSED', undefined, 409);
  const opinion = await submitterView(ctx.database.db, row);
  return row.anonymous === 1
    ? { opinion, receiptCode: formatReceipt(derivedReceipt(secret, key)) }
    : { opinion };
}

export async function submitOpinion(
  ctx: CommandContext,
  input: SubmitInput,
  idempotencyKey?: string,
): Promise<SubmitResult> {
  const { title, content } = validateText(input);
  const key = validIdempotencyKey(idempotencyKey);
  const unitId = ctx.actor.unitId;
  const keys = await unitKeys(ctx.database.db, unitId);
  const keyHash = key ? idempotencyKeyHash(unitId, key) : null;
  if (key && keyHash) {
    const first = await replay(ctx, keyHash, key, keys.secret);
    if (first) return first;
  }
  const anonymous = input.anonymous;
  const today = todayInShanghai();

  for (let attempt = 0; ; attempt++) {
    const receipt = anonymous ? (key ? derivedReceipt(keys.secret, key) : randomReceipt()) : null;
    const hash = receipt ? await receiptHash(receipt, keys.salt) : null;
    try {
      const id = await runCommand(ctx, async (tx, audit) => {
        if (
          input.targetDepartmentId != null &&
          !(await repo.activeDepartmentExists(tx, unitId, input.targetDepartmentId))
        )
          throw new AppError('OPINION_DEPARTMENT_UNKNOWN');
        const id = newOpinionId();
        await repo.insertOpinion(tx, {
          id,
          unit_id: unitId,
          kind: input.kind,
          category: input.category?.trim() || null,
          title,
          content,
          target_department_id: input.targetDepartmentId ?? null,
          anonymous: anonymous ? 1 : 0,
          submitter_account_id: anonymous ? null : ctx.actor.accountId,
          receipt_hash: hash,
          consent_publish: input.consentPublish ? 1 : 0,
          submitted_on: today,
          created_at: anonymous ? null : nowIso(),
          updated_at: null,
        });
        if (keyHash)
          await repo.insertIdempotent(tx, { unit_id: unitId, key_hash: keyHash, opinion_id: id });
        if (input.attachmentIds?.length)
          await attachFiles(tx, ctx.actor, input.attachmentIds, 'opinion', id, { anonymous });
        if (!anonymous)
          await audit(
            'opinion.submitted',
            { type: 'opinion', id },
            { kind: input.kind, attachments: input.attachmentIds?.length ?? 0 },
          );
        return id;
      });
      const row = await repo.getOpinion(ctx.database.db, unitId, id);
      const opinion = await submitterView(ctx.database.db, row!);
      return receipt ? { opinion, receiptCode: formatReceipt(receipt) } : { opinion };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // A concurrent retry with the same key won: answer what it answered.
      if (key && keyHash) {
        const first = await replay(ctx, keyHash, key, keys.secret);
        if (first) return first;
      }
      // A random receipt collided (1 in 10^16 per pair): draw again.
      if (attempt >= 3 || (anonymous && key)) throw err;
    }
  }
}

// ---- the submitter's items ----

export async function listMine(ctx: CommandContext) {
  return repo.listMine(ctx.database.db, ctx.actor.unitId, ctx.actor.accountId);
}

/** A named submitter's own item, or OPINION_NOT_FOUND. */
export async function ownOpinion(db: Queryable, unitId: number, accountId: number, id: string) {
  const row = await repo.getOpinion(db, unitId, id);
  if (!row || row.anonymous === 1 || row.submitter_account_id !== accountId)
    throw new AppError('OPINION_NOT_FOUND', undefined, 404);
  return row;
}

// ---- tracking with a receipt ----

/**
 * The anonymous opinion of a receipt code. Malformed, wrong and unknown codes all fail the same
 * way (RECEIPT_NOT_FOUND) after the same argon2 work: one hash per unit.
 */
export async function findByReceipt(database: Database, code: unknown) {
  const digits = normalizeReceipt(code);
  const keys = await repo.listUnitKeys(database.db);
  const salts = keys.length ? keys.map((k) => k.salt) : ['00000000000000000000000000000000'];
  const hashes = await Promise.all(salts.map((s) => receiptHash(digits ?? DUMMY_RECEIPT, s)));
  const rows = keys.length ? await repo.findOpinionsByReceiptHashes(database.db, hashes) : [];
  const row = digits
    ? rows.find((r) => keys.some((k, i) => k.unit_id === r.unit_id && hashes[i] === r.receipt_hash))
    : undefined;
  if (!row || row.anonymous !== 1) throw new AppError('RECEIPT_NOT_FOUND', undefined, 404);
  return row;
}

// ---- answer a question ----

async function lockedOpinion(tx: Tx, unitId: number, id: string) {
  const row = await repo.getOpinion(tx, unitId, id);
  if (!row) throw new AppError('OPINION_NOT_FOUND', undefined, 404);
  return row;
}

/**
 * The submitter answers the handler's open question. Named: audited. Anonymous (`ctx.actor` is
 * the unit's system actor): the event keeps its date only, and nothing else is written.
 */
export async function answerQuestion(
  ctx: CommandContext,
  opinionId: string,
  body: string,
  submitter: { anonymous: boolean },
) {
  const text = body.trim();
  if (!text || [...text].length > MAX_CONTENT) throw new AppError('OPINION_ANSWER_EMPTY');
  const unitId = ctx.actor.unitId;
  await runCommand(ctx, async (tx, audit) => {
    const row = await lockedOpinion(tx, unitId, opinionId);
    const events = await repo.listEvents(tx, unitId, opinionId, { submitterOnly: true });
    if (!submitterAbilities(row, events).answer)
      throw new AppError('OPINION_NO_OPEN_QUESTION', undefined, 409);
    await repo.appendEvent(tx, {
      opinion_id: opinionId,
      unit_id: unitId,
      type: 'answer',
      author: 'submitter',
      author_account_id: submitter.anonymous ? null : ctx.actor.accountId,
      department_id: null,
      body: text,
      visible_to_submitter: 1,
      on: todayInShanghai(),
      at: submitter.anonymous ? null : nowIso(),
    });
    if (!submitter.anonymous)
      await audit('opinion.answered', { type: 'opinion', id: opinionId }, {});
  });
}

// ---- rating ----

/**
 * The two-part rating, once per reply round. Dissatisfied on the first round: back to `signed`
 * for one redo with a new reply limit. Otherwise (or on the second round, whatever it says):
 * closed as rated.
 */
export async function rateOpinion(
  ctx: CommandContext,
  opinionId: string,
  input: RatingInput,
  submitter: { anonymous: boolean },
) {
  const unitId = ctx.actor.unitId;
  const anonymous = submitter.anonymous;
  const comment = input.comment?.trim() || null;
  return runCommand(ctx, async (tx, realAudit, emit) => {
    const audit = anonymous ? noAudit : realAudit;
    const row = await lockedOpinion(tx, unitId, opinionId);
    if (row.status === 'closed' && row.close_reason === 'rated')
      throw new AppError('OPINION_ALREADY_RATED', undefined, 409);
    if (row.status !== 'replied') throw new AppError('OPINION_NOT_REPLIED', undefined, 409);
    const today = todayInShanghai();
    const at = anonymous ? null : nowIso();
    const redo = input.satisfaction === 'dissatisfied' && row.redo_used === 0;
    const rating = {
      satisfaction: input.satisfaction,
      solved: input.solved,
      rating_comment: comment,
    };
    const changed = await repo.updateOpinion(
      tx,
      unitId,
      opinionId,
      redo
        ? { ...rating, status: 'signed', redo_used: 1 }
        : { ...rating, status: 'closed', close_reason: 'rated', closed_on: today },
      'replied',
    );
    if (!changed) throw new AppError('OPINION_ALREADY_RATED', undefined, 409);
    const event = (
      type: 'rated' | 'redo' | 'closed',
      author: 'submitter' | 'system',
      body: string | null,
    ) =>
      repo.appendEvent(tx, {
        opinion_id: opinionId,
        unit_id: unitId,
        type,
        author,
        author_account_id: author === 'submitter' && !anonymous ? ctx.actor.accountId : null,
        department_id: null,
        body,
        visible_to_submitter: 1,
        on: today,
        at,
      });
    await event('rated', 'submitter', comment);
    const subject = { type: 'opinion', id: opinionId };
    const rateDeadline = await openDeadlineOf(tx, unitId, subject, 'rate');
    if (rateDeadline) await completeDeadline(tx, ctx, audit, rateDeadline.id);
    if (redo) {
      await event('redo', 'system', null);
      const departmentId =
        row.lead_department_id ??
        (await repo.lastDeadlineDepartment(tx, unitId, opinionId, 'reply'));
      if (departmentId !== null) {
        const limits = await opinionLimits(tx, unitId);
        await createDeadline(tx, ctx, audit, {
          subject,
          step: 'reply',
          title: row.title,
          departmentId,
          workingDays: limits.replyDays[row.kind as keyof OpinionLimits['replyDays']] ?? 5,
          extensionMaxDays: limits.extensionMaxDays,
        });
      }
    } else {
      await event('closed', 'system', null);
      await setPoolStatusBySource(tx, unitId, { kind: OPINION_POOL_KIND, id: opinionId }, 'closed');
    }
    if (!anonymous) {
      await audit('opinion.rated', subject, {
        satisfaction: input.satisfaction,
        solved: input.solved,
        redo,
      });
      await emit({
        type: 'opinion.rated',
        subject,
        recipients: await repo.officeAccounts(tx, unitId),
        data: { title: row.title, satisfaction: input.satisfaction, solved: input.solved, redo },
      });
    }
    return { redo };
  });
}

/** The unit's system actor, for an anonymous submitter's action found by receipt. */
export function anonymousContext(database: Database, unitId: number): CommandContext {
  return { database, actor: systemActor(unitId) };
}

// ---- not-rated closing ----

/**
 * Close `replied` items whose rating window (7 working days after the reply, unit calendar) has
 * passed: status closed, close_reason 'not_rated'. Idempotent (guarded by status).
 */
export async function closeNotRated(database: Database, today = todayInShanghai()) {
  let closed = 0;
  for (const unitId of await repo.listUnitIds(database.db)) {
    const items = await repo.listReplied(database.db, unitId);
    if (items.length === 0) continue;
    const cal = await loadCalendar(database, unitId);
    const limits = await opinionLimits(database.db, unitId);
    for (const item of items) {
      if (!item.replied_on) continue;
      if (today <= addWorkingDays(cal, item.replied_on, limits.rateDays)) continue;
      const ctx = { database, actor: systemActor(unitId) };
      const done = await runCommand(ctx, async (tx, audit) => {
        const ok = await repo.updateOpinion(
          tx,
          unitId,
          item.id,
          { status: 'closed', close_reason: 'not_rated', closed_on: today },
          'replied',
        );
        if (!ok) return false;
        await repo.appendEvent(tx, {
          opinion_id: item.id,
          unit_id: unitId,
          type: 'closed',
          author: 'system',
          author_account_id: null,
          department_id: null,
          body: null,
          visible_to_submitter: 1,
          on: today,
          at: item.anonymous === 1 ? null : nowIso(),
        });
        const d = await openDeadlineOf(tx, unitId, { type: 'opinion', id: item.id }, 'rate');
        if (d) await cancelDeadline(tx, ctx, audit, d.id);
        await setPoolStatusBySource(tx, unitId, { kind: OPINION_POOL_KIND, id: item.id }, 'closed');
        await audit('opinion.closed_not_rated', { type: 'opinion', id: item.id }, { today });
        return true;
      });
      if (done) closed += 1;
    }
  }
  return closed;
}

// ---- the public wall ----

export async function meToo(ctx: CommandContext, opinionId: string) {
  const unitId = ctx.actor.unitId;
  return runCommand(ctx, async (tx, audit) => {
    const row = await repo.getOpinion(tx, unitId, opinionId);
    if (!row || row.published !== 1) throw new AppError('OPINION_NOT_FOUND', undefined, 404);
    const inserted = await repo.insertMeToo(tx, {
      unit_id: unitId,
      opinion_id: opinionId,
      account_id: ctx.actor.accountId,
    });
    if (!inserted) throw new AppError('OPINION_ME_TOO_ALREADY', undefined, 409);
    await repo.incrementMeToo(tx, unitId, opinionId);
    await bumpPoolConcern(tx, unitId, { kind: OPINION_POOL_KIND, id: opinionId }, { meToo: 1 });
    await audit('opinion.me_too', { type: 'opinion', id: opinionId }, {});
    const after = await repo.getOpinion(tx, unitId, opinionId);
    return presentWallItem(after!, { mine: true, may: true });
  });
}

/** Search record kind of published wall items (visible to the whole unit). */
export const WALL_RECORD_KIND = 'opinion_public';

/**
 * Index a published item for the unit-wide search: the public texts only, never a name.
 * Called by the publishing command (handling part) in its transaction.
 */
export async function indexPublishedOpinion(
  tx: Queryable,
  kind: DbKind,
  row: Pick<repo.OpinionRow, 'id' | 'unit_id' | 'public_title' | 'public_content' | 'public_reply'>,
) {
  await indexDocument(tx, kind, {
    unitId: row.unit_id,
    recordKind: WALL_RECORD_KIND,
    recordId: row.id,
    title: row.public_title ?? '',
    text: `${row.public_content ?? ''}\n${row.public_reply ?? ''}`,
    visibility: { unit: true },
    link: `/opinions/wall?id=${row.id}`,
  });
}
