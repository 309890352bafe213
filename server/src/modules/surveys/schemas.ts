import { z } from 'zod';
import { CONTENT_ROLES } from '@lianxin/common';
import { answersSchema, questionSchema } from './questions.js';

/** Request and response shapes of the builder and answering routes (docs/surveys-api.md). */

export const audienceSchema = z
  .object({
    /** Departments (their sub-departments included); empty: the whole unit (office) or the head's department. */
    departmentIds: z.array(z.number().int().positive()).max(200),
    /** Roles; empty: every content role. */
    roles: z.array(z.enum(CONTENT_ROLES)).max(CONTENT_ROLES.length),
  })
  .strict();

/** An ISO 8601 instant with its offset (e.g. 2026-12-01T08:00:00+08:00 or …Z). */
const instant = z.iso.datetime({ offset: true });

export const surveyInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(5000).default(''),
    anonymous: z.boolean(),
    audience: audienceSchema,
    opensAt: instant.nullable().default(null),
    closesAt: instant.nullable().default(null),
    // At most 100 (MAX_QUESTIONS) — checked by the builder with its own code.
    questions: z.array(questionSchema).max(500),
  })
  .strict();
export type SurveyInput = z.infer<typeof surveyInput>;

export const listQuery = z.object({ scope: z.enum(['mine', 'manage']).default('mine') });

export const answersBody = z.object({ answers: answersSchema }).strict();

const status = z.enum(['draft', 'open', 'closed']);

export const surveySummarySchema = z.object({
  id: z.number(),
  title: z.string(),
  status,
  anonymous: z.boolean(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  responseCount: z.number(),
  /** People in the audience snapshot (0 before opening). */
  invited: z.number(),
  /** Whether I have answered. */
  answered: z.boolean(),
  ownerDepartment: z.string().nullable(),
});

/** A question as shown to one person: `optionOrder` (original indexes, display order) when randomized. */
export const questionViewSchema = questionSchema.extend({
  optionOrder: z.array(z.number()).optional(),
});

export const surveyViewSchema = surveySummarySchema.extend({
  description: z.string(),
  audience: audienceSchema.extend({ departmentNames: z.array(z.string()) }),
  locked: z.boolean(),
  questions: z.array(questionViewSchema),
  draft: answersSchema.nullable(),
  abilities: z.object({
    edit: z.boolean(),
    open: z.boolean(),
    close: z.boolean(),
    answer: z.boolean(),
    viewResults: z.boolean(),
    remind: z.boolean(),
  }),
});
export type SurveyView = z.infer<typeof surveyViewSchema>;
export type SurveySummary = z.infer<typeof surveySummarySchema>;

export const surveyResponse = z.object({ survey: surveyViewSchema });
export const listResponse = z.object({ items: z.array(surveySummarySchema) });
export const draftResponse = z.object({ savedAt: z.string() });
export const remindResponse = z.object({ reminded: z.number() });
