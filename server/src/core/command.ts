import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'kysely';
import type { Database, Tx } from '../db/database.js';
import { actorLabel, type Actor } from './actor.js';
import { appendAudit } from './audit/repository.js';
import { recordEvent, type DomainEventInput } from './notifications/events.js';

/** What every command receives: who acts, and the database. */
export interface CommandContext {
  database: Database;
  actor: Actor;
}

type CommandFn<T> = (tx: Tx, audit: AuditWriter, emit: EventWriter) => Promise<T>;

/**
 * Run a write in one transaction. The command writes its audit entry through `audit`, and its
 * domain events through `emit`, in the same transaction: a change without its entry or its
 * event (or either without the change) never exists.
 *
 * On SQLite, commands that arrive together share one transaction (group commit): each runs inside
 * its own savepoint — a failing one is rolled back alone — and every caller is answered only after
 * the one durable COMMIT. One fsync then serves many acknowledged writes instead of one each.
 * PostgreSQL commits each command in its own transaction (its own WAL does the grouping).
 */
export async function runCommand<T>(ctx: CommandContext, fn: CommandFn<T>): Promise<T> {
  if (ctx.database.kind === 'sqlite') return groupCommit(ctx, fn);
  return ctx.database.db.transaction().execute((tx) => runIn(ctx, tx, fn));
}

function runIn<T>(ctx: CommandContext, tx: Tx, fn: CommandFn<T>): Promise<T> {
  const audit: AuditWriter = (action, target, detail) =>
    appendAudit(tx, ctx.database.kind, {
      unitId: ctx.actor.unitId,
      actorAccountId: ctx.actor.accountId || null,
      actorLabel: actorLabel(ctx.actor),
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      detail,
    });
  const emit: EventWriter = (event) => recordEvent(tx, ctx.database.kind, ctx.actor.unitId, event);
  return fn(tx, audit, emit);
}

// ---- group commit (SQLite) ----

interface Pending {
  ctx: CommandContext;
  fn: CommandFn<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  items: Pending[];
  draining: boolean;
}

const MAX_BATCH = 200;
const queues = new WeakMap<Database, Queue>();
/** Set while a batch runs: a command started from inside another would wait for itself. */
const inBatch = new AsyncLocalStorage<true>();

function groupCommit<T>(ctx: CommandContext, fn: CommandFn<T>): Promise<T> {
  if (inBatch.getStore()) {
    return Promise.reject(new Error('runCommand called inside another command'));
  }
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(ctx.database);
    if (!queue) {
      queue = { items: [], draining: false };
      queues.set(ctx.database, queue);
    }
    queue.items.push({
      ctx,
      fn: fn as CommandFn<unknown>,
      resolve: resolve as (v: unknown) => void,
      reject,
    });
    if (!queue.draining) void drain(ctx.database, queue);
  });
}

async function drain(database: Database, queue: Queue) {
  queue.draining = true;
  try {
    while (queue.items.length) {
      // Let the requests already under way reach their command and join this batch.
      await new Promise((r) => setImmediate(r));
      const batch = queue.items.splice(0, MAX_BATCH);
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      try {
        await inBatch.run(true, () =>
          database.db.transaction().execute(async (tx) => {
            for (const [i, item] of batch.entries()) {
              const savepoint = sql.raw(`cmd_${i}`);
              await sql`savepoint ${savepoint}`.execute(tx);
              try {
                const value = await runIn(item.ctx, tx, item.fn);
                await sql`release ${savepoint}`.execute(tx);
                outcomes.push({ ok: true, value });
              } catch (error) {
                await sql`rollback to ${savepoint}`.execute(tx);
                await sql`release ${savepoint}`.execute(tx);
                outcomes.push({ ok: false, error });
              }
            }
          }),
        );
      } catch (error) {
        // The COMMIT (or the batch itself) failed: nothing of it is acknowledged.
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    }
  } finally {
    queue.draining = false;
  }
}

export type EventWriter = (event: DomainEventInput) => Promise<void>;

export type AuditWriter = (
  action: string,
  target?: { type: string; id: string | number } | null,
  detail?: Record<string, unknown>,
) => Promise<void>;
