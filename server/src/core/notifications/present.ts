import type { Locale } from '@lianxin/common';
import type { Selectable } from 'kysely';
import type {
  NotificationPreferenceTable,
  NotificationSmtpTable,
  NotificationWebhookTable,
} from '../../db/schema.js';
import {
  emailWanted,
  kindLabel,
  notificationLink,
  registeredKinds,
  renderNotification,
} from './kinds.js';

function parse<T>(text: string, fallback: T): T {
  try {
    return (JSON.parse(text) as T) ?? fallback;
  } catch {
    return fallback;
  }
}

export function presentNotification(
  row: {
    id: number;
    created_at: string;
    read_at: string | null;
    type: string;
    subject_type: string | null;
    subject_id: string | null;
    data: string;
  },
  locale: Locale,
) {
  const data = parse<Record<string, unknown>>(row.data, {});
  const subject =
    row.subject_type && row.subject_id != null
      ? { type: row.subject_type, id: row.subject_id }
      : null;
  const { title, body } = renderNotification(row.type, data, locale);
  return {
    id: row.id,
    type: row.type,
    title,
    body,
    subject,
    link: notificationLink(row.type, subject, data),
    createdAt: row.created_at,
    readAt: row.read_at,
    abilities: { markRead: row.read_at === null },
  };
}

export function presentPreferences(row: NotificationPreferenceTable | undefined, locale: Locale) {
  const overrides = parse<Record<string, boolean>>(row?.email_kinds ?? '{}', {});
  return {
    email: row?.email ?? null,
    emailMode: (row?.email_mode ?? 'off') as 'off' | 'instant' | 'digest',
    kinds: registeredKinds().map(([type]) => ({
      type,
      label: kindLabel(type, locale),
      email: emailWanted(type, overrides),
    })),
    abilities: { update: true },
  };
}

/** Never the password: only whether one is stored. */
export function presentSmtp(row: NotificationSmtpTable | undefined) {
  if (!row) return null;
  return {
    host: row.host,
    port: row.port,
    secure: row.secure === 1,
    username: row.username,
    hasPassword: !!row.password,
    fromAddress: row.from_address,
    enabled: row.enabled === 1,
    updatedAt: row.updated_at,
  };
}

/** The robot's key sits in the URL's query (WeCom `key`, DingTalk `access_token`): not shown. */
export function urlHint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '';
  }
}

export function presentWebhook(row: Selectable<NotificationWebhookTable>) {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider as 'wecom' | 'dingtalk',
    urlHint: urlHint(row.url),
    hasSecret: !!row.secret,
    eventTypes: parse<string[]>(row.event_types, []),
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: { update: true, delete: true, test: true },
  };
}

export function presentFailure(row: {
  id: number;
  channel: string;
  webhook_name: string | null;
  type: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
}) {
  return {
    id: row.id,
    channel: row.channel,
    webhookName: row.webhook_name,
    type: row.type,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    abilities: { retry: true },
  };
}
