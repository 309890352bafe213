import type { Database, Tx } from '../../db/database.js';

/**
 * A domain event a command records in its own transaction (`opinion.dispatched`,
 * `deadline.overdue`). The outbox turns it into notifications after the commit, so a rolled-back
 * change never notifies and a crash never loses one.
 */
export interface DomainEventInput {
  /** `<area>.<what happened>`, e.g. `deadline.reminder`. Notification kinds are keyed by it. */
  type: string;
  subject?: { type: string; id: string | number } | null;
  /** Accounts to notify. Anonymous submitters are never recipients: they read the tracking page. */
  recipients?: number[];
  /** What the message shows. Never personal data of an anonymous submitter. */
  data?: Record<string, unknown>;
}

/** Record an event in the outbox, inside the caller's transaction. */
export async function recordEvent(
  _tx: Tx,
  _kind: Database['kind'],
  _unitId: number,
  _event: DomainEventInput,
): Promise<void> {
  throw new Error('recordEvent: the notifications outbox is not built yet');
}
