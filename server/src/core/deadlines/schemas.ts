import { z } from 'zod';
import { dbId } from '../http.js';

export const boardQuery = z.object({
  /** "Near" means due within this many working days (today included). */
  within: z.coerce.number().int().min(0).max(30).default(3),
  departmentId: dbId.optional(),
  state: z.enum(['all', 'late', 'near']).default('all'),
});

export const deadlineSchema = z.object({
  id: z.number(),
  subjectType: z.string(),
  subjectId: z.string(),
  step: z.string(),
  title: z.string(),
  departmentId: z.number(),
  departmentPath: z.string(),
  leaderName: z.string().nullable(),
  startDate: z.string(),
  workingDays: z.number(),
  dueDate: z.string(),
  originalDueDate: z.string(),
  status: z.enum(['open', 'done', 'cancelled']),
  state: z.enum(['late', 'near', 'ok']),
  /** Working days late (state late) or left (state near / ok). */
  workingDaysLate: z.number(),
  workingDaysLeft: z.number(),
  reminderSentOn: z.string().nullable(),
  escalatedOn: z.string().nullable(),
  extension: z
    .object({
      status: z.enum(['requested', 'approved', 'refused']),
      days: z.number(),
      maxDays: z.number(),
      reason: z.string(),
      requestedAt: z.string().nullable(),
      decidedAt: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  extensionMaxDays: z.number(),
  abilities: z.object({ requestExtension: z.boolean(), decideExtension: z.boolean() }),
});

export const boardSchema = z.object({
  today: z.string(),
  within: z.number(),
  groups: z.array(
    z.object({
      departmentId: z.number(),
      departmentPath: z.string(),
      late: z.number(),
      near: z.number(),
      items: z.array(deadlineSchema),
    }),
  ),
  totals: z.object({ late: z.number(), near: z.number() }),
});

export const extensionRequestBody = z.object({
  days: z.number().int().min(1).max(60),
  reason: z.string().trim().min(1).max(500),
});

export const extensionDecisionBody = z.object({
  approve: z.boolean(),
  note: z.string().max(500).nullish(),
});
