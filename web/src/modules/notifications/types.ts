export interface NotificationItem {
  id: number;
  type: string;
  title: string;
  body: string;
  subject: { type: string; id: string } | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
  abilities: { markRead?: boolean };
}

export interface InboxPage {
  items: NotificationItem[];
  total: number;
  unread: number;
}

export type EmailMode = 'off' | 'instant' | 'digest';

export interface Preferences {
  email: string | null;
  emailMode: EmailMode;
  kinds: Array<{ type: string; label: string; email: boolean }>;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  hasPassword: boolean;
  fromAddress: string;
  enabled: boolean;
  updatedAt: string;
}

export type Provider = 'wecom' | 'dingtalk';

export interface Webhook {
  id: number;
  name: string;
  provider: Provider;
  urlHint: string;
  hasSecret: boolean;
  eventTypes: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryFailure {
  id: number;
  channel: 'email' | 'digest' | 'webhook';
  webhookName: string | null;
  type: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export interface Channels {
  smtp: SmtpSettings | null;
  envSmtp: boolean;
  webhooks: Webhook[];
  counts: { pending: number; sent: number; failed: number };
  failures: DeliveryFailure[];
  kinds: Array<{ type: string; label: string }>;
}

export const UNREAD_KEY = ['notifications', 'unread'] as const;
export const INBOX_KEY = ['notifications', 'inbox'] as const;
