import { z } from 'zod';

const abilities = z.record(z.string(), z.boolean());

export const notificationSchema = z.object({
  id: z.number(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }).nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  abilities,
});

export const inboxQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    unreadOnly: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const inboxResponse = z.object({
  items: z.array(notificationSchema),
  total: z.number(),
  unread: z.number(),
  abilities,
});

export const EMAIL_MODES = ['off', 'instant', 'digest'] as const;

const email = z.string().trim().toLowerCase().max(254).email();

/** An event type: `<area>.<what>`, letters, digits, `_ . -`. */
export const eventType = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9_.-]+$/i);

export const preferencesSchema = z.object({
  email: z.string().nullable(),
  emailMode: z.enum(EMAIL_MODES),
  kinds: z.array(z.object({ type: z.string(), label: z.string(), email: z.boolean() })),
  abilities,
});

export const preferencesBody = z
  .object({
    email: email.nullable(),
    emailMode: z.enum(EMAIL_MODES),
    kinds: z
      .record(eventType, z.boolean())
      .refine((r) => Object.keys(r).length <= 200, 'too many kinds')
      .optional(),
  })
  .strict();

const host = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/i, 'host name or IP address');

export const smtpSchema = z.object({
  host: z.string(),
  port: z.number(),
  secure: z.boolean(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  fromAddress: z.string(),
  enabled: z.boolean(),
  updatedAt: z.string(),
});

export const smtpBody = z
  .object({
    host,
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    username: z.string().trim().max(255).nullable().optional(),
    /** Omitted or empty: keep the stored password. */
    password: z.string().max(255).optional(),
    clearPassword: z.boolean().optional(),
    fromAddress: email,
    enabled: z.boolean(),
  })
  .strict();

export const smtpTestBody = z.object({ to: email }).strict();

export const PROVIDERS = ['wecom', 'dingtalk'] as const;

const webhookUrl = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username;
    } catch {
      return false;
    }
  }, 'http(s) URL');

export const webhookSchema = z.object({
  id: z.number(),
  name: z.string(),
  provider: z.enum(PROVIDERS),
  /** The address without its query (which holds the robot's key). */
  urlHint: z.string(),
  hasSecret: z.boolean(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities,
});

const eventTypes = z.array(z.union([eventType, z.literal('*')])).max(100);

export const webhookCreateBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    provider: z.enum(PROVIDERS),
    url: webhookUrl,
    secret: z.string().trim().max(255).nullable().optional(),
    eventTypes,
    active: z.boolean().optional(),
  })
  .strict();

export const webhookUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    provider: z.enum(PROVIDERS).optional(),
    url: webhookUrl.optional(),
    /** Omitted: keep; null: remove; a string: replace. */
    secret: z.string().trim().max(255).nullable().optional(),
    eventTypes: eventTypes.optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const failureSchema = z.object({
  id: z.number(),
  channel: z.string(),
  webhookName: z.string().nullable(),
  type: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  abilities,
});

export const channelsResponse = z.object({
  smtp: smtpSchema.nullable(),
  envSmtp: z.boolean(),
  webhooks: z.array(webhookSchema),
  counts: z.object({ pending: z.number(), sent: z.number(), failed: z.number() }),
  failures: z.array(failureSchema),
  kinds: z.array(z.object({ type: z.string(), label: z.string() })),
  abilities,
});
