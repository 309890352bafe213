import { z } from 'zod';
import { dbId } from '../../core/http.js';
import { FINDINGS, ITEM_ACTIONS, ITEM_STATUSES, NOTICE_STATUSES, NOTICE_TYPES } from './policy.js';

/**
 * Request and response shapes (docs/notices-api.md). Lengths and formats the commands check
 * themselves (so that they answer with a NOTICE_* code) are only bounded loosely here.
 */

/** Text of a request: no NUL characters (PostgreSQL cannot store them). */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'NUL characters are not allowed');

const attachmentIds = z.array(z.string().min(1).max(64)).max(20);

export const noticeInput = z.object({
  type: text(20),
  title: text(1000),
  body: text(100_000),
  items: z.array(z.object({ name: text(1000), detail: text(10_000) })).max(1000),
  scope: z.object({
    wholeUnit: z.boolean(),
    departmentIds: z.array(z.number().int().positive()).max(200),
  }),
  periodDays: z.number().int().min(-1000).max(1000).optional(),
  attachmentIds: attachmentIds.default([]),
});
export type NoticeInput = z.infer<typeof noticeInput>;

export const reviewBody = z.object({
  approve: z.boolean(),
  comment: text(2000).optional(),
  publishAt: text(40).nullish(),
});

export const correctionBody = z.object({
  reason: text(2000),
  title: text(1000),
  body: text(100_000),
  items: z
    .array(
      z.object({
        id: z.number().int().positive().optional(),
        name: text(1000),
        detail: text(10_000),
      }),
    )
    .max(1000),
  attachmentIds: attachmentIds.default([]),
});
export type CorrectionInput = z.infer<typeof correctionBody>;

export const objectionBody = z.object({
  itemId: z.number().int().positive(),
  reasons: text(10_000),
  anonymous: z.boolean().default(false),
  attachmentIds: attachmentIds.default([]),
});
export type ObjectionInput = z.infer<typeof objectionBody>;

export const findingBody = z.object({
  finding: z.enum(FINDINGS),
  explanation: text(5000).trim().min(1),
  itemAction: z.enum(ITEM_ACTIONS),
  correction: z.object({ name: text(1000), detail: text(10_000) }).optional(),
});
export type FindingInput = z.infer<typeof findingBody>;

export const closeBody = z.object({ note: text(2000).optional() }).default({});

export const receiptBody = z.object({ receiptCode: text(64) });

export const listQuery = z.object({
  status: z.enum(NOTICE_STATUSES).optional(),
  type: z.enum(NOTICE_TYPES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: text(100).trim().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const exportQuery = z.object({
  type: z.enum(NOTICE_TYPES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const noticeIdParam = z.object({ id: dbId });
export const versionParam = z.object({
  id: dbId,
  version: dbId,
});
export const objectionIdParam = z.object({ id: z.string().regex(/^[0-9A-Za-z]{22}$/) });

// ---- responses ----

const noticeType = z.enum(NOTICE_TYPES);
const attachment = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  sha256: z.string(),
  url: z.string(),
});
const item = z.object({
  id: z.number(),
  seq: z.number(),
  name: z.string(),
  detail: z.string(),
  status: z.enum(ITEM_STATUSES),
  note: z.string().nullable(),
});

export const typeInfoSchema = z.object({
  type: noticeType,
  periodDays: z.number(),
  anonymousObjections: z.boolean(),
  sensitive: z.boolean(),
});

export const listItemSchema = z.object({
  id: z.number(),
  type: noticeType,
  title: z.string(),
  status: z.enum(NOTICE_STATUSES),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  publishAt: z.string().nullable(),
  version: z.number(),
  unread: z.boolean(),
  inPeriod: z.boolean(),
  objectionsOpen: z.number(),
  result: z.enum(['no_objection', 'objections_handled']).nullable(),
});

export const noticeViewSchema = listItemSchema.extend({
  body: z.string(),
  sensitive: z.boolean(),
  anonymousObjections: z.boolean(),
  scope: z.object({
    wholeUnit: z.boolean(),
    departmentIds: z.array(z.number()),
    departmentNames: z.array(z.string()),
  }),
  periodDays: z.number(),
  items: z.array(item),
  attachments: z.array(attachment),
  fingerprint: z.string().nullable(),
  versions: z.array(
    z.object({
      version: z.number(),
      reason: z.string().nullable(),
      publishedAt: z.string(),
      fingerprint: z.string(),
    }),
  ),
  resultNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  review: z
    .object({
      submittedBy: z.string().nullable(),
      reviewedBy: z.string().nullable(),
      comment: z.string().nullable(),
    })
    .nullable(),
  reads: z.object({ read: z.number(), inScope: z.number() }).nullable(),
  abilities: z.object({
    edit: z.boolean(),
    submitReview: z.boolean(),
    review: z.boolean(),
    correct: z.boolean(),
    close: z.boolean(),
    object: z.boolean(),
    viewObjections: z.boolean(),
    viewReads: z.boolean(),
  }),
});

export const noticeResponse = z.object({ notice: noticeViewSchema });

export const versionSchema = z.object({
  version: z.number(),
  title: z.string(),
  body: z.string(),
  items: z.array(item),
  attachments: z.array(attachment),
  periodStartsOn: z.string(),
  periodEndsOn: z.string(),
  reason: z.string().nullable(),
  publishedAt: z.string(),
  fingerprint: z.string(),
  canonical: z.string().nullable(),
});

export const verifySchema = z.object({
  ok: z.boolean(),
  versions: z.array(
    z.object({
      version: z.number(),
      stored: z.string(),
      recomputed: z.string(),
      audited: z.string().nullable(),
      ok: z.boolean(),
    }),
  ),
});

export const readsSchema = z.object({
  read: z.number(),
  inScope: z.number(),
  departments: z.array(
    z.object({ departmentId: z.number(), name: z.string(), read: z.number(), inScope: z.number() }),
  ),
  readers: z.array(z.object({ name: z.string(), department: z.string(), readAt: z.string() })),
});

export const objectionSchema = z.object({
  id: z.string(),
  noticeId: z.number(),
  noticeTitle: z.string(),
  itemId: z.number(),
  itemName: z.string(),
  reasons: z.string(),
  anonymous: z.boolean(),
  objector: z.string().nullable(),
  submittedOn: z.string(),
  attachments: z.array(attachment),
  status: z.enum(['open', 'found']),
  finding: z.enum(FINDINGS).nullable(),
  explanation: z.string().nullable(),
  foundOn: z.string().nullable(),
  dueOn: z.string().nullable(),
});
