import { translate, type Locale } from '@lianxin/common';

export type NotificationChannel = 'inbox' | 'email';

/** How a kind of domain event reads as a notification. Modules register theirs at import. */
export interface NotificationKind {
  title(data: Record<string, unknown>, locale: Locale): string;
  body(data: Record<string, unknown>, locale: Locale): string;
  /** Channels on unless the person says otherwise. The inbox is always on. */
  defaultChannels: NotificationChannel[];
  /** The kind's name on the preferences page; defaults to the event type. */
  label?(locale: Locale): string;
  /** Where the inbox entry leads in the web app (a path such as `/opinions/12`), if anywhere. */
  link?(subject: { type: string; id: string } | null, data: Record<string, unknown>): string | null;
}

const KINDS = new Map<string, NotificationKind>();

export function registerNotificationKind(type: string, kind: NotificationKind): void {
  KINDS.set(type, kind);
}

export function notificationKind(type: string): NotificationKind | undefined {
  return KINDS.get(type);
}

export function registeredKinds(): Array<[string, NotificationKind]> {
  return [...KINDS.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Unknown types still reach people: a generic message naming the event type. */
const GENERIC: NotificationKind = {
  title: (_d, locale) => translate(locale, 'notifications.generic.title'),
  body: (_d, locale) => translate(locale, 'notifications.generic.body'),
  defaultChannels: ['inbox'],
};

export interface RenderedNotification {
  title: string;
  body: string;
}

/** Title and body of an event in a language; a kind that throws falls back to the generic text. */
export function renderNotification(
  type: string,
  data: Record<string, unknown>,
  locale: Locale,
): RenderedNotification {
  const kind = KINDS.get(type) ?? GENERIC;
  try {
    return { title: kind.title(data, locale), body: kind.body(data, locale) };
  } catch {
    return { title: GENERIC.title(data, locale), body: GENERIC.body(data, locale) };
  }
}

/** A kind's in-app link; a relative path only (never an outside address). */
export function notificationLink(
  type: string,
  subject: { type: string; id: string } | null,
  data: Record<string, unknown>,
): string | null {
  try {
    const link = KINDS.get(type)?.link?.(subject, data) ?? null;
    return link && /^\/(?!\/)/.test(link) ? link : null;
  } catch {
    return null;
  }
}

export function kindLabel(type: string, locale: Locale): string {
  return KINDS.get(type)?.label?.(locale) ?? type;
}

/** Whether a person gets e-mail for a kind: their override, else the kind's default. */
export function emailWanted(type: string, overrides: Record<string, boolean>): boolean {
  if (type in overrides) return overrides[type] === true;
  return (KINDS.get(type) ?? GENERIC).defaultChannels.includes('email');
}
