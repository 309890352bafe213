import type { Database, Tx } from '../../db/database.js';
import { insertEvent } from './repository.js';

/**
 * A domain event a command records in its own transaction (`opinion.dispatched`,
 * `deadline.overdue`). The outbox turns it into notifications after the commit, so a rolled-back
 * change never notifies and a crash never loses one.
 *
 * Anonymity: recipients are account ids, and only accounts are ever notified. An anonymous
 * submitter (the opinion box) has no account in the event and must never be put in
 * `recipients`, nor have a name, phone, e-mail or other identifying detail in `data`: the
 * outbox writes no inbox row, sends no e-mail and posts nothing keyed to them. They follow
 * their matter on the tracking page with their own code instead. Robots post `data` to group
 * chats, so `data` must carry only what everyone in the unit may read.
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
  tx: Tx,
  _kind: Database['kind'],
  unitId: number,
  event: DomainEventInput,
): Promise<void> {
  const recipients = [
    ...new Set((event.recipients ?? []).filter((r) => Number.isInteger(r) && r > 0)),
  ];
  await insertEvent(tx, {
    unitId,
    type: event.type,
    subjectType: event.subject?.type ?? null,
    subjectId: event.subject == null ? null : String(event.subject.id),
    recipients,
    data: event.data ?? {},
  });
}
