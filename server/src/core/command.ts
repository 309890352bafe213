import type { Database, Tx } from '../db/database.js';
import { actorLabel, type Actor } from './actor.js';
import { appendAudit } from './audit/repository.js';

/** What every command receives: who acts, and the database. */
export interface CommandContext {
  database: Database;
  actor: Actor;
}

/**
 * Run a write in one transaction. The command writes its audit entry through `audit` in the
 * same transaction, so a change without its entry (or an entry without its change) never exists.
 */
export async function runCommand<T>(
  ctx: CommandContext,
  fn: (tx: Tx, audit: AuditWriter) => Promise<T>,
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
    return fn(tx, audit);
  });
}

export type AuditWriter = (
  action: string,
  target?: { type: string; id: string | number } | null,
  detail?: Record<string, unknown>,
) => Promise<void>;
