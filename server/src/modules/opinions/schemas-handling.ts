import { z } from 'zod';
import { dbId } from '../../core/http.js';
import { followedSchema } from './schemas-staff.js';
import { attachmentSchema } from '../../core/files/schemas.js';
import { HANDLING_ACTIONS, OPINION_STATUSES } from './policy.js';
import { OPINION_KINDS } from './schemas-staff.js';

/** Request and response shapes of the handling routes (office and departments). */

const text = (max: number) => z.string().trim().min(1).max(max);

export const opinionIdParam = z.object({ id: z.string().regex(/^[0-9A-Za-z]{22}$/) });

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const inboxQuery = z
  .object({
    status: z.enum(OPINION_STATUSES).optional(),
    kind: z.enum(OPINION_KINDS).optional(),
    departmentId: dbId.optional(),
    late: flag.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const notAcceptBody = z.object({ reason: text(2000), suggestedChannel: text(200) }).strict();

export const dispatchBody = z
  .object({
    leadDepartmentId: z.number().int().positive(),
    coDepartmentIds: z.array(z.number().int().positive()).max(20).optional(),
  })
  .strict();

export const reasonBody = z.object({ reason: text(2000) }).strict();
export const bodyText = z.object({ body: text(5000) }).strict();

export const extensionBody = z
  .object({ days: z.number().int().min(1).max(60), reason: text(500) })
  .strict();

export const extensionDecisionBody = z
  .object({ approve: z.boolean(), reason: z.string().trim().max(500).nullish() })
  .strict();

export const mergeBody = z.object({ intoId: z.string().regex(/^[0-9A-Za-z]{22}$/) }).strict();

export const publishBody = z
  .object({ publicTitle: text(100), publicContent: text(5000), publicReply: text(5000) })
  .strict();

const department = z.object({ id: z.number(), name: z.string() });

export const inboxItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  category: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  anonymous: z.boolean(),
  leadDepartment: department.nullable(),
  targetDepartment: department.nullable(),
  bounceCount: z.number(),
  submittedOn: z.string(),
  acceptedOn: z.string().nullable(),
  repliedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  replyDue: z.string().nullable(),
  late: z.boolean(),
  abilities: z.record(z.string(), z.boolean()),
});

export const inboxResponse = z.object({
  items: z.array(inboxItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

const timelineEvent = z.object({
  type: z.string(),
  author: z.string(),
  authorName: z.string().nullable(),
  department: department.nullable(),
  body: z.string().nullable(),
  visibleToSubmitter: z.boolean(),
  on: z.string(),
  at: z.string().nullable(),
});

export const handlerViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  category: z.string().nullable(),
  title: z.string(),
  content: z.string(),
  status: z.string(),
  anonymous: z.boolean(),
  /** Named items only; never for an anonymous one, never on the wall. */
  submitterName: z.string().nullable(),
  viewer: z.enum(['handler', 'submitter']),
  targetDepartment: department.nullable(),
  leadDepartment: department.nullable(),
  departments: z.array(
    z.object({
      department,
      role: z.string(),
      status: z.string(),
      dispatchedOn: z.string(),
      signedOn: z.string().nullable(),
      bounceReason: z.string().nullable(),
    }),
  ),
  consentPublish: z.boolean(),
  notAcceptedReason: z.string().nullable(),
  suggestedChannel: z.string().nullable(),
  redoUsed: z.boolean(),
  bounceCount: z.number(),
  satisfaction: z.string().nullable(),
  solved: z.string().nullable(),
  ratingComment: z.string().nullable(),
  closeReason: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  published: z.boolean(),
  publicTitle: z.string().nullable(),
  publicContent: z.string().nullable(),
  publicReply: z.string().nullable(),
  meTooCount: z.number(),
  submittedOn: z.string(),
  acceptedOn: z.string().nullable(),
  repliedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  deadlines: z.array(
    z.object({
      step: z.string(),
      dueDate: z.string(),
      late: z.boolean(),
      extensionStatus: z.string().nullable(),
      extensionDays: z.number().nullable(),
      extensionReason: z.string().nullable(),
    }),
  ),
  timeline: z.array(timelineEvent),
  attachments: z.array(attachmentSchema),
  /** Once merged: the thread the submitter follows (the target's replies). */
  followed: followedSchema.nullable(),
  abilities: z.object(
    Object.fromEntries(HANDLING_ACTIONS.map((a) => [a, z.boolean()])) as Record<
      (typeof HANDLING_ACTIONS)[number],
      z.ZodBoolean
    >,
  ),
});

export const handlerViewResponse = z.object({ opinion: handlerViewSchema });
