import { translate } from '@lianxin/common';
import type { Database } from '../../db/database.js';
import { emailWanted, renderNotification } from './kinds.js';
import * as repo from './repository.js';
import { postRobot, sendMail, smtpTransport, type MailTransport } from './send.js';

export interface DeliverOptions {
  /** The clock (tests move it). */
  now?: () => Date;
  /** Links in e-mails point here. */
  publicUrl?: string;
  /** Fallback SMTP for units without their own settings (env LIANXIN_SMTP_URL). */
  smtpUrl?: string;
  smtpFrom?: string;
  /** A delivery that failed this many times ends as `failed`. */
  maxAttempts?: number;
  /** First retry after this; doubled each attempt up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  webhookTimeoutMs?: number;
  /** The daily digest goes out at this hour, Asia/Shanghai. */
  digestHour?: number;
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** How long a claimed delivery is reserved for this deliverer before another may retry it. */
  leaseMs?: number;
}

export interface DeliverResult {
  expanded: number;
  emailed: number;
  posted: number;
  digests: number;
  retrying: number;
  failed: number;
}

const DEFAULTS = {
  maxAttempts: 8,
  baseBackoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  webhookTimeoutMs: 5_000,
  digestHour: 18,
  batchSize: 200,
  concurrency: 5,
  leaseMs: 5 * 60_000,
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has no daylight saving time.

/** The next `hour`:00 in Asia/Shanghai strictly after `now`. */
export function nextDigestAt(now: Date, hour: number): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const at = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour);
  const next = at > local.getTime() ? at : at + 86_400_000;
  return new Date(next - SHANGHAI_OFFSET_MS);
}

export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

function parse<T>(text: string, fallback: T): T {
  try {
    const v = JSON.parse(text) as unknown;
    return (v ?? fallback) as T;
  } catch {
    return fallback;
  }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

/** Run `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/**
 * Deliver the outbox: expand pending events into inbox rows and deliveries (one transaction per
 * event), then send due e-mails, robot posts and digests. Safe to run in several processes at
 * once on PostgreSQL (row locks with SKIP LOCKED, leases on deliveries); a delivery is marked sent
 * only after its send succeeded, so a crash re-sends rather than loses (at-least-once).
 */
export async function deliverOutbox(
  database: Database,
  options: DeliverOptions = {},
): Promise<DeliverResult> {
  const o = { ...DEFAULTS, ...options };
  const clock = options.now ?? (() => new Date());
  const result: DeliverResult = {
    expanded: 0,
    emailed: 0,
    posted: 0,
    digests: 0,
    retrying: 0,
    failed: 0,
  };
  const transports = new Map<number, MailTransport | null>();
  try {
    for (let round = 0; round < 50; round++) {
      const n = await expandEvents(database, o, clock, result);
      if (n < o.batchSize) break;
    }
    for (let round = 0; round < 50; round++) {
      const n = await sendDue(database, o, clock, result, transports);
      if (n === 0) break;
    }
    for (let round = 0; round < 50; round++) {
      const n = await sendDigests(database, o, clock, result, transports);
      if (n === 0) break;
    }
  } finally {
    for (const t of transports.values()) t?.transporter.close();
  }
  return result;
}

type Opts = typeof DEFAULTS & DeliverOptions;

/** Only the first step: expand due events into inbox rows and deliveries, send nothing. */
export async function expandOutbox(database: Database, options: DeliverOptions = {}) {
  const o = { ...DEFAULTS, ...options };
  const result: DeliverResult = {
    expanded: 0,
    emailed: 0,
    posted: 0,
    digests: 0,
    retrying: 0,
    failed: 0,
  };
  await expandEvents(database, o, options.now ?? (() => new Date()), result);
  return result;
}

async function expandEvents(
  database: Database,
  o: Opts,
  clock: () => Date,
  result: DeliverResult,
): Promise<number> {
  let handled = 0;
  for (; handled < o.batchSize; handled++) {
    const now = clock();
    const nowIso = now.toISOString();
    let failedEvent: repo.EventRecord | undefined;
    try {
      const found = await database.db.transaction().execute(async (tx) => {
        const [event] = await repo.lockDueEvents(tx, database.kind, nowIso, 1);
        if (!event) return false;
        failedEvent = event;
        await expandOne(tx, event, now, o);
        await repo.markEventExpanded(tx, event.id, nowIso);
        return true;
      });
      if (!found) break;
      result.expanded++;
    } catch (err) {
      // The event's transaction rolled back; retry it later, give up after maxAttempts.
      if (!failedEvent) throw err;
      const attempts = failedEvent.attempts + 1;
      const gaveUp = attempts >= o.maxAttempts;
      const next = new Date(now.getTime() + backoffMs(attempts, o.baseBackoffMs, o.maxBackoffMs));
      await repo.markEventRetry(
        database.db,
        failedEvent.id,
        attempts,
        gaveUp ? 'failed' : 'pending',
        next.toISOString(),
        errorText(err),
      );
      if (gaveUp) result.failed++;
      else result.retrying++;
    }
  }
  return handled;
}

async function expandOne(
  tx: Parameters<typeof repo.insertInboxRows>[0],
  event: repo.EventRecord,
  now: Date,
  o: Opts,
) {
  const nowIso = now.toISOString();
  const wanted = parse<unknown[]>(event.recipients, []).filter(
    (r): r is number => Number.isInteger(r) && (r as number) > 0,
  );
  // Only active accounts of the event's own unit: never anyone else, never an anonymous person.
  const recipients = await repo.activeAccountsOf(tx, event.unit_id, wanted);
  await repo.insertInboxRows(
    tx,
    recipients.map((accountId) => ({
      unitId: event.unit_id,
      accountId,
      eventId: event.id,
      now: nowIso,
    })),
  );

  const deliveries: repo.NewDelivery[] = [];
  const mailPossible =
    !!o.smtpUrl || (recipients.length > 0 && (await repo.smtpConfigured(tx, event.unit_id)));
  if (mailPossible) {
    const digestAt = nextDigestAt(now, o.digestHour).toISOString();
    for (const p of await repo.preferencesOf(tx, recipients)) {
      if (!p.email || p.email_mode === 'off') continue;
      if (!emailWanted(event.type, parse<Record<string, boolean>>(p.email_kinds, {}))) continue;
      const digest = p.email_mode === 'digest';
      deliveries.push({
        unitId: event.unit_id,
        eventId: event.id,
        channel: digest ? 'digest' : 'email',
        accountId: p.account_id,
        webhookId: 0,
        dueAt: digest ? digestAt : nowIso,
        now: nowIso,
      });
    }
  }
  for (const w of await repo.activeWebhooksOf(tx, event.unit_id)) {
    const types = parse<string[]>(w.event_types, []);
    if (!types.includes(event.type) && !types.includes('*')) continue;
    deliveries.push({
      unitId: event.unit_id,
      eventId: event.id,
      channel: 'webhook',
      accountId: 0,
      webhookId: w.id,
      dueAt: nowIso,
      now: nowIso,
    });
  }
  await repo.insertDeliveries(tx, deliveries);
}

async function transportFor(
  database: Database,
  unitId: number,
  o: Opts,
  cache: Map<number, MailTransport | null>,
): Promise<MailTransport | null> {
  if (cache.has(unitId)) return cache.get(unitId)!;
  const s = await repo.getSmtp(database.db, unitId);
  let t: MailTransport | null = null;
  if (s && s.enabled === 1) {
    t = smtpTransport({
      host: s.host,
      port: s.port,
      secure: s.secure === 1,
      username: s.username,
      password: s.password,
      fromAddress: s.from_address,
    });
  } else if (o.smtpUrl) {
    t = smtpTransport({ url: o.smtpUrl, from: o.smtpFrom ?? 'lianxin@localhost' });
  }
  cache.set(unitId, t);
  return t;
}

function messageId(deliveryId: number | string, o: Opts) {
  let host = 'lianxin.local';
  try {
    if (o.publicUrl) host = new URL(o.publicUrl).hostname || host;
  } catch {
    // keep the default
  }
  return `<lianxin-${deliveryId}@${host}>`;
}

/** Record the outcome of one attempt (a claim already counted it in `attempts`). */
async function settle(
  database: Database,
  rows: repo.DeliveryRecord[],
  outcome: { ok: true } | { ok: false; error: string; final?: boolean },
  o: Opts,
  clock: () => Date,
  result: DeliverResult,
) {
  const now = clock();
  const ids = rows.map((r) => r.id);
  if (outcome.ok) {
    await repo.markDeliveriesSent(database.db, ids, now.toISOString());
    return;
  }
  const attempts = Math.max(...rows.map((r) => r.attempts));
  const gaveUp = outcome.final || attempts >= o.maxAttempts;
  const next = new Date(now.getTime() + backoffMs(attempts, o.baseBackoffMs, o.maxBackoffMs));
  await repo.markDeliveryRetry(
    database.db,
    ids,
    gaveUp ? 'failed' : 'pending',
    next.toISOString(),
    outcome.error,
  );
  if (gaveUp) result.failed += rows.length;
  else result.retrying += rows.length;
}

async function sendDue(
  database: Database,
  o: Opts,
  clock: () => Date,
  result: DeliverResult,
  transports: Map<number, MailTransport | null>,
): Promise<number> {
  const now = clock();
  const claimed = await repo.claimDeliveries(
    database,
    ['email', 'webhook'],
    now.toISOString(),
    new Date(now.getTime() + o.leaseMs).toISOString(),
    o.batchSize,
  );
  if (claimed.length === 0) return 0;
  const events = new Map(
    (
      await repo.eventsByIds(
        database.db,
        claimed.map((d) => d.event_id),
      )
    ).map((e) => [e.id, e]),
  );
  const emails = await repo.emailsOf(
    database.db,
    claimed.filter((d) => d.channel === 'email').map((d) => d.account_id),
  );
  const hooks = new Map(
    (
      await repo.webhooksByIds(
        database.db,
        claimed.filter((d) => d.channel === 'webhook').map((d) => d.webhook_id),
      )
    ).map((w) => [w.id, w]),
  );

  await eachLimited(claimed, o.concurrency, async (d) => {
    const event = events.get(d.event_id)!;
    const msg = renderNotification(event.type, parse(event.data, {}), 'zh-CN');
    try {
      if (d.channel === 'email') {
        const to = emails.get(d.account_id);
        if (!to) {
          await settle(
            database,
            [d],
            { ok: false, error: 'no e-mail address', final: true },
            o,
            clock,
            result,
          );
          return;
        }
        const t = await transportFor(database, d.unit_id, o, transports);
        if (!t) throw new Error('SMTP not configured');
        await sendMail(t, {
          to,
          subject: msg.title,
          text: `${msg.body}\n\n${o.publicUrl ?? ''}/inbox`,
          messageId: messageId(d.id, o),
        });
        result.emailed++;
      } else {
        const w = hooks.get(d.webhook_id);
        if (!w || w.active !== 1) {
          await settle(
            database,
            [d],
            { ok: false, error: 'robot removed or disabled', final: true },
            o,
            clock,
            result,
          );
          return;
        }
        await postRobot(w, { title: msg.title, text: msg.body }, o.webhookTimeoutMs);
        result.posted++;
      }
      await settle(database, [d], { ok: true }, o, clock, result);
    } catch (err) {
      await settle(database, [d], { ok: false, error: errorText(err) }, o, clock, result);
    }
  });
  return claimed.length;
}

async function sendDigests(
  database: Database,
  o: Opts,
  clock: () => Date,
  result: DeliverResult,
  transports: Map<number, MailTransport | null>,
): Promise<number> {
  const now = clock();
  const claimed = await repo.claimDeliveries(
    database,
    ['digest'],
    now.toISOString(),
    new Date(now.getTime() + o.leaseMs).toISOString(),
    o.batchSize * 5,
  );
  if (claimed.length === 0) return 0;
  const events = new Map(
    (
      await repo.eventsByIds(
        database.db,
        claimed.map((d) => d.event_id),
      )
    ).map((e) => [e.id, e]),
  );
  const emails = await repo.emailsOf(
    database.db,
    claimed.map((d) => d.account_id),
  );
  const byAccount = new Map<number, repo.DeliveryRecord[]>();
  for (const d of claimed) {
    const list = byAccount.get(d.account_id) ?? [];
    list.push(d);
    byAccount.set(d.account_id, list);
  }
  await eachLimited([...byAccount.entries()], o.concurrency, async ([accountId, rows]) => {
    const to = emails.get(accountId);
    if (!to) {
      await settle(
        database,
        rows,
        { ok: false, error: 'no e-mail address', final: true },
        o,
        clock,
        result,
      );
      return;
    }
    try {
      const t = await transportFor(database, rows[0]!.unit_id, o, transports);
      if (!t) throw new Error('SMTP not configured');
      const lines = rows.map((d) => {
        const e = events.get(d.event_id)!;
        const m = renderNotification(e.type, parse(e.data, {}), 'zh-CN');
        return `· ${m.title}\n  ${m.body.replace(/\n/g, '\n  ')}`;
      });
      await sendMail(t, {
        to,
        subject: translate('zh-CN', 'notifications.digest.subject', { count: rows.length }),
        text: `${lines.join('\n\n')}\n\n${o.publicUrl ?? ''}/inbox`,
        messageId: messageId(`digest-${rows[0]!.id}-${rows.length}`, o),
      });
      result.digests++;
      await settle(database, rows, { ok: true }, o, clock, result);
    } catch (err) {
      await settle(database, rows, { ok: false, error: errorText(err) }, o, clock, result);
    }
  });
  return claimed.length;
}
