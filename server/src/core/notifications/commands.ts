import { runCommand, type CommandContext } from '../command.js';
import { AppError } from '../errors.js';
import { notificationKind } from './kinds.js';
import * as repo from './repository.js';

const now = () => new Date().toISOString();

// ---- inbox ----

export async function markNotificationRead(ctx: CommandContext, id: number) {
  return runCommand(ctx, async (tx, audit) => {
    const row = await repo.getOwnNotification(tx, ctx.actor.accountId, id);
    if (!row) throw new AppError('NOTIFICATION_NOT_FOUND', undefined, 404);
    if (row.read_at) return;
    await repo.markRead(tx, ctx.actor.accountId, [id], now());
    await audit('notification.read', { type: 'notification', id });
  });
}

export async function markAllRead(ctx: CommandContext) {
  return runCommand(ctx, async (tx, audit) => {
    const count = await repo.markRead(tx, ctx.actor.accountId, 'all', now());
    if (count > 0) await audit('notification.read_all', null, { count });
    return count;
  });
}

// ---- preferences ----

export async function updatePreferences(
  ctx: CommandContext,
  input: {
    email: string | null;
    emailMode: 'off' | 'instant' | 'digest';
    kinds?: Record<string, boolean>;
  },
) {
  const unknown = Object.keys(input.kinds ?? {}).filter((k) => !notificationKind(k));
  if (unknown.length) throw new AppError('NOTIFICATION_KIND_UNKNOWN', { kinds: unknown });
  if (input.emailMode !== 'off' && !input.email) throw new AppError('NOTIFICATION_EMAIL_REQUIRED');
  return runCommand(ctx, async (tx, audit) => {
    const current = await repo.getPreferences(tx, ctx.actor.accountId);
    let kinds: Record<string, boolean> = {};
    try {
      kinds = JSON.parse(current?.email_kinds ?? '{}') as Record<string, boolean>;
    } catch {
      kinds = {};
    }
    await repo.upsertPreferences(tx, {
      accountId: ctx.actor.accountId,
      unitId: ctx.actor.unitId,
      email: input.email,
      emailMode: input.emailMode,
      emailKinds: { ...kinds, ...(input.kinds ?? {}) },
      now: now(),
    });
    // Store less: the audit entry says an address is set, not which.
    await audit(
      'notification.preferences_updated',
      { type: 'account', id: ctx.actor.accountId },
      { emailMode: input.emailMode, hasEmail: !!input.email, kinds: input.kinds ?? {} },
    );
  });
}

// ---- channels ----

export async function saveSmtp(
  ctx: CommandContext,
  input: {
    host: string;
    port: number;
    secure: boolean;
    username?: string | null;
    password?: string;
    clearPassword?: boolean;
    fromAddress: string;
    enabled: boolean;
  },
) {
  return runCommand(ctx, async (tx, audit) => {
    const current = await repo.getSmtp(tx, ctx.actor.unitId);
    const password = input.clearPassword
      ? null
      : input.password
        ? input.password
        : (current?.password ?? null);
    await repo.upsertSmtp(tx, ctx.actor.unitId, {
      host: input.host,
      port: input.port,
      secure: input.secure ? 1 : 0,
      username: input.username || null,
      password,
      from_address: input.fromAddress,
      enabled: input.enabled ? 1 : 0,
      updated_at: now(),
    });
    await audit(
      'notification.smtp_saved',
      { type: 'unit', id: ctx.actor.unitId },
      {
        host: input.host,
        port: input.port,
        secure: input.secure,
        enabled: input.enabled,
        passwordChanged: !!input.clearPassword || !!input.password,
      },
    );
  });
}

export async function removeSmtp(ctx: CommandContext) {
  return runCommand(ctx, async (tx, audit) => {
    const n = await repo.deleteSmtp(tx, ctx.actor.unitId);
    if (n === 0) throw new AppError('SMTP_NOT_CONFIGURED', undefined, 404);
    await audit('notification.smtp_removed', { type: 'unit', id: ctx.actor.unitId });
  });
}

export async function createWebhook(
  ctx: CommandContext,
  input: {
    name: string;
    provider: 'wecom' | 'dingtalk';
    url: string;
    secret?: string | null;
    eventTypes: string[];
    active?: boolean;
  },
) {
  return runCommand(ctx, async (tx, audit) => {
    const at = now();
    const id = await repo.insertWebhook(tx, {
      unit_id: ctx.actor.unitId,
      name: input.name,
      provider: input.provider,
      url: input.url,
      secret: input.secret || null,
      event_types: JSON.stringify([...new Set(input.eventTypes)]),
      active: input.active === false ? 0 : 1,
      created_at: at,
      updated_at: at,
    });
    // The URL and secret hold the robot's credentials: not in the audit trail.
    await audit(
      'notification.webhook_created',
      { type: 'webhook', id },
      { name: input.name, provider: input.provider, eventTypes: input.eventTypes },
    );
    return id;
  });
}

export async function updateWebhook(
  ctx: CommandContext,
  id: number,
  input: {
    name?: string;
    provider?: 'wecom' | 'dingtalk';
    url?: string;
    secret?: string | null;
    eventTypes?: string[];
    active?: boolean;
  },
) {
  return runCommand(ctx, async (tx, audit) => {
    const current = await repo.getWebhook(tx, ctx.actor.unitId, id);
    if (!current) throw new AppError('WEBHOOK_NOT_FOUND', undefined, 404);
    await repo.updateWebhook(tx, ctx.actor.unitId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.provider !== undefined ? { provider: input.provider } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.secret !== undefined ? { secret: input.secret || null } : {}),
      ...(input.eventTypes !== undefined
        ? { event_types: JSON.stringify([...new Set(input.eventTypes)]) }
        : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: now(),
    });
    await audit(
      'notification.webhook_updated',
      { type: 'webhook', id },
      {
        name: input.name,
        provider: input.provider,
        eventTypes: input.eventTypes,
        active: input.active,
        urlChanged: input.url !== undefined,
        secretChanged: input.secret !== undefined,
      },
    );
  });
}

export async function deleteWebhook(ctx: CommandContext, id: number) {
  return runCommand(ctx, async (tx, audit) => {
    const current = await repo.getWebhook(tx, ctx.actor.unitId, id);
    if (!current) throw new AppError('WEBHOOK_NOT_FOUND', undefined, 404);
    await repo.deleteWebhook(tx, ctx.actor.unitId, id);
    await audit('notification.webhook_deleted', { type: 'webhook', id }, { name: current.name });
  });
}

/** Put a failed delivery back in the queue, with a fresh count of attempts. */
export async function retryDelivery(ctx: CommandContext, id: number) {
  return runCommand(ctx, async (tx, audit) => {
    const d = await repo.getDelivery(tx, ctx.actor.unitId, id);
    if (!d || d.state !== 'failed') throw new AppError('DELIVERY_NOT_FOUND', undefined, 404);
    await repo.requeueDelivery(tx, id, now());
    await audit('notification.delivery_retried', { type: 'delivery', id }, { channel: d.channel });
  });
}
