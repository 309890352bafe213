import { sql } from 'kysely';
import type { Database, DbKind, Queryable, Tx } from '../../db/database.js';
import { nowIso } from '../../db/database.js';
import type { NotificationDeliveryTable, NotificationEventTable } from '../../db/schema.js';

/** The only file of the notifications service that touches the query builder. */

export interface EventRow {
  unitId: number;
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  recipients: number[];
  data: Record<string, unknown>;
}

/** One outbox row, pending, in the caller's transaction. */
export async function insertEvent(db: Queryable, e: EventRow): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('notification_events')
    .values({
      unit_id: e.unitId,
      type: e.type,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      recipients: JSON.stringify(e.recipients),
      data: JSON.stringify(e.data),
      state: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })
    .execute();
}

export type EventRecord = Omit<NotificationEventTable, 'id'> & { id: number };
export type DeliveryRecord = Omit<NotificationDeliveryTable, 'id'> & { id: number };

// ---- expansion (the outbox) ----

/**
 * Due pending events, locked for this transaction. On PostgreSQL `FOR UPDATE SKIP LOCKED`: a
 * second deliverer skips them instead of expanding them twice. SQLite has one writer.
 */
export async function lockDueEvents(tx: Tx, kind: DbKind, now: string, limit: number) {
  let q = tx
    .selectFrom('notification_events')
    .selectAll()
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(limit);
  if (kind === 'postgres') q = q.forUpdate().skipLocked();
  return (await q.execute()) as EventRecord[];
}

/** Recipients that are active accounts of the event's unit (others are dropped silently). */
export async function activeAccountsOf(db: Queryable, unitId: number, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('accounts')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('active', '=', 1)
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

export async function preferencesOf(db: Queryable, accountIds: number[]) {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('account_id', 'in', accountIds)
    .execute();
}

export async function insertInboxRows(
  tx: Tx,
  rows: Array<{ unitId: number; accountId: number; eventId: number; now: string }>,
) {
  if (rows.length === 0) return;
  await tx
    .insertInto('notifications')
    .values(
      rows.map((r) => ({
        unit_id: r.unitId,
        account_id: r.accountId,
        event_id: r.eventId,
        created_at: r.now,
        read_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['event_id', 'account_id']).doNothing())
    .execute();
}

export interface NewDelivery {
  unitId: number;
  eventId: number;
  channel: 'email' | 'digest' | 'webhook';
  accountId: number;
  webhookId: number;
  dueAt: string;
  now: string;
}

export async function insertDeliveries(tx: Tx, rows: NewDelivery[]) {
  if (rows.length === 0) return;
  await tx
    .insertInto('notification_deliveries')
    .values(
      rows.map((r) => ({
        unit_id: r.unitId,
        event_id: r.eventId,
        channel: r.channel,
        account_id: r.accountId,
        webhook_id: r.webhookId,
        state: 'pending',
        attempts: 0,
        next_attempt_at: r.dueAt,
        created_at: r.now,
      })),
    )
    .onConflict((oc) => oc.columns(['event_id', 'channel', 'account_id', 'webhook_id']).doNothing())
    .execute();
}

export async function markEventExpanded(tx: Tx, id: number, now: string) {
  await tx
    .updateTable('notification_events')
    .set({ state: 'expanded', expanded_at: now, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markEventRetry(
  db: Queryable,
  id: number,
  attempts: number,
  state: 'pending' | 'failed',
  nextAt: string,
  error: string,
) {
  await db
    .updateTable('notification_events')
    .set({ attempts, state, next_attempt_at: nextAt, last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

export async function activeWebhooksOf(db: Queryable, unitId: number) {
  return db
    .selectFrom('notification_webhooks')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('active', '=', 1)
    .execute();
}

export async function smtpConfigured(db: Queryable, unitId: number) {
  const row = await db
    .selectFrom('notification_smtp')
    .select('unit_id')
    .where('unit_id', '=', unitId)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  return !!row;
}

// ---- sending ----

/**
 * Claim due deliveries of some channels with a lease, in one statement: attempts + 1 and
 * next_attempt_at pushed to the lease's end. Another deliverer does not see them until the lease
 * ends; a crash mid-send leaves them to be retried when it does (at-least-once). On PostgreSQL
 * the inner select skips rows another claim holds locked.
 */
export async function claimDeliveries(
  database: Database,
  channels: Array<'email' | 'digest' | 'webhook'>,
  now: string,
  leaseUntil: string,
  limit: number,
) {
  const db = database.db;
  const rows = await db
    .updateTable('notification_deliveries')
    .set({ attempts: sql`attempts + 1`, next_attempt_at: leaseUntil })
    .where('id', 'in', () => {
      let q = db
        .selectFrom('notification_deliveries')
        .select('id')
        .where('state', '=', 'pending')
        .where('channel', 'in', channels)
        .where('next_attempt_at', '<=', now)
        .orderBy('id')
        .limit(limit);
      if (database.kind === 'postgres') q = q.forUpdate().skipLocked();
      return q;
    })
    .where('state', '=', 'pending')
    .returningAll()
    .execute();
  return (rows as DeliveryRecord[]).sort((a, b) => a.id - b.id);
}

export async function markDeliveriesSent(db: Queryable, ids: number[], now: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('notification_deliveries')
    .set({ state: 'sent', sent_at: now, last_error: null })
    .where('id', 'in', ids)
    .execute();
}

export async function markDeliveryRetry(
  db: Queryable,
  ids: number[],
  state: 'pending' | 'failed',
  nextAt: string,
  error: string,
) {
  if (ids.length === 0) return;
  await db
    .updateTable('notification_deliveries')
    .set({ state, next_attempt_at: nextAt, last_error: error.slice(0, 500) })
    .where('id', 'in', ids)
    .execute();
}

export async function eventsByIds(db: Queryable, ids: number[]) {
  if (ids.length === 0) return [];
  return (await db
    .selectFrom('notification_events')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute()) as EventRecord[];
}

export async function emailsOf(db: Queryable, accountIds: number[]) {
  if (accountIds.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['account_id', 'email'])
    .where('account_id', 'in', [...new Set(accountIds)])
    .execute();
  return new Map(rows.filter((r) => r.email).map((r) => [r.account_id, r.email!]));
}

export async function webhooksByIds(db: Queryable, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('notification_webhooks')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export async function getSmtp(db: Queryable, unitId: number) {
  return db
    .selectFrom('notification_smtp')
    .selectAll()
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

// ---- inbox ----

export async function listInbox(
  db: Queryable,
  accountId: number,
  opts: { unreadOnly: boolean; page: number; pageSize: number },
) {
  let q = db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .where('n.account_id', '=', accountId);
  if (opts.unreadOnly) q = q.where('n.read_at', 'is', null);
  const [{ total } = { total: 0 }] = await q
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .execute();
  const items = await q
    .select([
      'n.id',
      'n.created_at',
      'n.read_at',
      'e.type',
      'e.subject_type',
      'e.subject_id',
      'e.data',
    ])
    .orderBy('n.id', 'desc')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  return { items, total: Number(total) };
}

export async function unreadCount(db: Queryable, accountId: number) {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function getOwnNotification(db: Queryable, accountId: number, id: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'read_at'])
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function markRead(
  db: Queryable,
  accountId: number,
  ids: number[] | 'all',
  now: string,
) {
  let q = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// ---- preferences ----

export async function getPreferences(db: Queryable, accountId: number) {
  return db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function upsertPreferences(
  db: Queryable,
  p: {
    accountId: number;
    unitId: number;
    email: string | null;
    emailMode: string;
    emailKinds: Record<string, boolean>;
    now: string;
  },
) {
  const values = {
    email: p.email,
    email_mode: p.emailMode,
    email_kinds: JSON.stringify(p.emailKinds),
    updated_at: p.now,
  };
  await db
    .insertInto('notification_preferences')
    .values({ account_id: p.accountId, unit_id: p.unitId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
}

// ---- channels ----

export async function upsertSmtp(
  db: Queryable,
  unitId: number,
  v: {
    host: string;
    port: number;
    secure: number;
    username: string | null;
    password: string | null;
    from_address: string;
    enabled: number;
    updated_at: string;
  },
) {
  await db
    .insertInto('notification_smtp')
    .values({ unit_id: unitId, ...v })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(v))
    .execute();
}

export async function deleteSmtp(db: Queryable, unitId: number) {
  const res = await db
    .deleteFrom('notification_smtp')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function listWebhooks(db: Queryable, unitId: number) {
  return db
    .selectFrom('notification_webhooks')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('id')
    .execute();
}

export async function getWebhook(db: Queryable, unitId: number, id: number) {
  return db
    .selectFrom('notification_webhooks')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertWebhook(
  db: Queryable,
  v: {
    unit_id: number;
    name: string;
    provider: string;
    url: string;
    secret: string | null;
    event_types: string;
    active: number;
    created_at: string;
    updated_at: string;
  },
) {
  const row = await db
    .insertInto('notification_webhooks')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWebhook(
  db: Queryable,
  unitId: number,
  id: number,
  v: Partial<{
    name: string;
    provider: string;
    url: string;
    secret: string | null;
    event_types: string;
    active: number;
    updated_at: string;
  }>,
) {
  await db
    .updateTable('notification_webhooks')
    .set(v)
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .execute();
}

/** Deleting a robot drops its undelivered posts with it; sent ones stay as history. */
export async function deleteWebhook(db: Queryable, unitId: number, id: number) {
  await db
    .deleteFrom('notification_deliveries')
    .where('unit_id', '=', unitId)
    .where('webhook_id', '=', id)
    .where('channel', '=', 'webhook')
    .where('state', '!=', 'sent')
    .execute();
  await db
    .deleteFrom('notification_webhooks')
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .execute();
}

export async function deliveryCounts(db: Queryable, unitId: number) {
  const rows = await db
    .selectFrom('notification_deliveries')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('unit_id', '=', unitId)
    .groupBy('state')
    .execute();
  const out = { pending: 0, sent: 0, failed: 0 };
  for (const r of rows) {
    if (r.state in out) out[r.state as keyof typeof out] = Number(r.n);
  }
  return out;
}

export async function recentFailures(db: Queryable, unitId: number, limit = 50) {
  return db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_events as e', 'e.id', 'd.event_id')
    .leftJoin('notification_webhooks as w', 'w.id', 'd.webhook_id')
    .select([
      'd.id',
      'd.channel',
      'd.webhook_id',
      'w.name as webhook_name',
      'd.attempts',
      'd.last_error',
      'd.created_at',
      'd.next_attempt_at',
      'e.type',
    ])
    .where('d.unit_id', '=', unitId)
    .where('d.state', '=', 'failed')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

export async function getDelivery(db: Queryable, unitId: number, id: number) {
  return db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function requeueDelivery(db: Queryable, id: number, now: string) {
  await db
    .updateTable('notification_deliveries')
    .set({ state: 'pending', attempts: 0, next_attempt_at: now })
    .where('id', '=', id)
    .execute();
}
