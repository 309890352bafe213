import { z } from 'zod';

/**
 * Request and response shapes of the submitter's routes. Text limits are checked by the
 * commands (with their own error codes), so that a 50,000-character text gets
 * OPINION_CONTENT_TOO_LONG rather than a generic validation failure.
 */

export const OPINION_KINDS = ['opinion', 'suggestion', 'request', 'complaint', 'enquiry'] as const;
export const SATISFACTIONS = ['satisfied', 'basically', 'dissatisfied'] as const;
export const SOLVED = ['solved', 'partly', 'not_solved'] as const;

const longText = z.string().max(200_000);

export const submitBody = z
  .object({
    kind: z.string().max(40),
    title: longText,
    content: longText,
    anonymous: z.boolean(),
    category: z.string().trim().max(50).nullish(),
    targetDepartmentId: z.number().int().positive().nullish(),
    consentPublish: z.boolean().optional(),
    attachmentIds: z.array(z.string().min(1).max(64)).max(20).optional(),
  })
  .strict();
export type SubmitInput = z.infer<typeof submitBody>;

export const receiptBody = z.object({ receiptCode: z.string().max(200) }).strict();
export const answerBody = z.object({ body: longText }).strict();
export const trackAnswerBody = z
  .object({ receiptCode: z.string().max(200), body: longText })
  .strict();

const rating = {
  satisfaction: z.enum(SATISFACTIONS),
  solved: z.enum(SOLVED),
  comment: z.string().max(2000).nullish(),
};
export const rateBody = z.object(rating).strict();
export const trackRateBody = z.object({ receiptCode: z.string().max(200), ...rating }).strict();
export type RatingInput = z.infer<typeof rateBody>;

export const opinionIdParam = z.object({ id: z.string().regex(/^[0-9A-Za-z]{22}$/) });
export const wallQuery = z.object({
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const timelineEvent = z.object({
  id: z.number(),
  type: z.string(),
  author: z.string(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  body: z.string().nullable(),
  on: z.string(),
});

const opinionFields = {
  id: z.string(),
  kind: z.string(),
  category: z.string().nullable(),
  title: z.string(),
  content: z.string(),
  anonymous: z.boolean(),
  targetDepartmentId: z.number().nullable(),
  targetDepartmentName: z.string().nullable(),
  consentPublish: z.boolean(),
  status: z.string(),
  closeReason: z.string().nullable(),
  notAcceptedReason: z.string().nullable(),
  suggestedChannel: z.string().nullable(),
  redoUsed: z.boolean(),
  satisfaction: z.string().nullable(),
  solved: z.string().nullable(),
  ratingComment: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  published: z.boolean(),
  submittedOn: z.string(),
  acceptedOn: z.string().nullable(),
  repliedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
};
const submitterAbilities = z.object({ answer: z.boolean(), rate: z.boolean() });

/** A merged item's submitter follows the item it was merged into: its answers, by date. */
export const followedSchema = z.object({
  opinionId: z.string(),
  status: z.string(),
  events: z.array(
    z.object({
      type: z.string(),
      author: z.string(),
      body: z.string().nullable(),
      on: z.string(),
    }),
  ),
});

export const opinionViewSchema = z.object({
  ...opinionFields,
  timeline: z.array(timelineEvent),
  followed: followedSchema.nullable(),
  abilities: submitterAbilities,
});
export const mineItemSchema = z.object({ ...opinionFields, abilities: submitterAbilities });

export const submitResponse = z.object({
  opinion: opinionViewSchema,
  receiptCode: z.string().optional(),
});

export const wallItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  content: z.string(),
  reply: z.string(),
  meTooCount: z.number(),
  repliedOn: z.string().nullable(),
  meTooByMe: z.boolean(),
  abilities: z.object({ meToo: z.boolean() }),
});
