import type { Database, Tx } from '../db/database.js';
import { actorLabel, type Actor } from './actor.js';
import { appendAudit } from './audit/repository.js';
import { recordEvent, type DomainEventInput } from './notifications/events.js';

/** What every command receives: who acts, and the database. */
export interface CommandContext {
  database: Database;
  actor: Actor;
}

/**
 * Run a write in one transaction. The command writes its audit entry through `audit`, and its
 * domain events through `emit`, in the same transaction: a change without its entry or its
 * event (or either without the change) never exists.
 */
export async function runCommand<T>(
  ctx: CommandContext,
  fn: (tx: Tx, audit: AuditWriter, emit: EventWriter) => Promise<T>,
): Promise<T> {
  return ctx.database.db.transaction().execute(async (tx) => {
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
    const emit: EventWriter = (event) =>
      recordEvent(tx, ctx.database.kind, ctx.actor.unitId, event);
    return fn(tx, audit, emit);
  });
}

export type EventWriter = (event: DomainEventInput) => Promise<void>;

export type AuditWriter = (
  action: string,
  target?: { type: string; id: string | number } | null,
  detail?: Record<string, unknown>,
) => Promise<void>;
