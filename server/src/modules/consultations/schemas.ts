import { z } from 'zod';
import { dbId } from '../../core/http.js';

/** Request and response shapes of the consultations routes (docs/consultations-design.md). */

export const MAX_TEXT = 100_000;
export const MAX_TITLE = 200;
export const MAX_COMMENT = 2000;
export const MAX_REASON = 2000;

export const ANSWERS = ['adopted', 'partly', 'not_adopted'] as const;
export const STANCES = ['agree', 'disagree'] as const;
export const PHASES = ['upcoming', 'open', 'ended', 'closed', 'reported'] as const;
export const SECTION_KINDS = ['preamble', 'article', 'chapter', 'heading', 'whole'] as const;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const idParams = z.object({ id: dbId });
export const sectionParams = z.object({ id: dbId, sectionId: dbId });
export const commentParams = z.object({ id: dbId, commentId: dbId });

export const previewBody = z.object({ text: z.string().max(MAX_TEXT * 2) }).strict();
export const docxBody = z
  .object({ attachmentId: z.string().regex(/^[A-Za-z0-9_-]{22}$/) })
  .strict();

export const createBody = z
  .object({
    title: z.string().max(MAX_TITLE * 2),
    draftingDepartmentId: dbId,
    text: z.string().max(MAX_TEXT * 2),
    attachmentId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{22}$/)
      .optional(),
    audience: z.enum(['unit', 'departments']),
    departmentIds: z.array(dbId).max(200).default([]),
    opensOn: date,
    closesOn: date,
  })
  .strict();
export type CreateInput = z.infer<typeof createBody>;

export const stanceBody = z.object({ stance: z.enum(STANCES).nullable() }).strict();
export const commentBody = z.object({ body: z.string().max(MAX_COMMENT * 2) }).strict();
export const answerBody = z
  .object({
    answer: z.enum(ANSWERS),
    reason: z
      .string()
      .max(MAX_REASON * 2)
      .optional(),
  })
  .strict();

// ---- responses ----

const countsSchema = z.object({
  agree: z.number(),
  disagree: z.number(),
  comments: z.number(),
  adopted: z.number(),
  partly: z.number(),
  notAdopted: z.number(),
  unanswered: z.number(),
});

export const splitSectionSchema = z.object({
  kind: z.enum(SECTION_KINDS),
  label: z.string(),
  chapter: z.string(),
  text: z.string(),
});
export const previewResponse = z.object({ sections: z.array(splitSectionSchema) });
export const docxResponse = z.object({ text: z.string(), sections: z.array(splitSectionSchema) });

export const commentSchema = z.object({
  id: z.number(),
  sectionId: z.number(),
  body: z.string(),
  createdAt: z.string(),
  answer: z.enum(ANSWERS).nullable(),
  answerReason: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** The drafting side only: who wrote it (comments are named). */
  authorName: z.string().optional(),
  authorDepartment: z.string().nullable().optional(),
  mine: z.boolean(),
});

export const sectionSchema = splitSectionSchema.extend({
  id: z.number(),
  seq: z.number(),
  counts: countsSchema,
  myStance: z.enum(STANCES).nullable(),
  /** The viewer's own comments; for the drafting side every comment. */
  comments: z.array(commentSchema),
});

const abilitiesSchema = z.object({
  comment: z.boolean(),
  answer: z.boolean(),
  close: z.boolean(),
  publishReport: z.boolean(),
  readReport: z.boolean(),
  previewReport: z.boolean(),
});

const departmentRef = z.object({ id: z.number(), name: z.string() });

export const summarySchema = z.object({
  id: z.number(),
  title: z.string(),
  draftingDepartment: departmentRef,
  status: z.enum(['open', 'closed', 'reported']),
  phase: z.enum(PHASES),
  opensOn: z.string(),
  closesOn: z.string(),
  totals: countsSchema,
});

export const consultationSchema = summarySchema.extend({
  audience: z.enum(['unit', 'departments']),
  audienceDepartments: z.array(departmentRef),
  source: z.enum(['text', 'docx']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  sections: z.array(sectionSchema),
  viewer: z.object({ manages: z.boolean(), inAudience: z.boolean() }),
  abilities: abilitiesSchema,
});
export const consultationResponse = z.object({ consultation: consultationSchema });

export const myCommentSchema = commentSchema.extend({
  consultationId: z.number(),
  consultationTitle: z.string(),
  sectionKind: z.enum(SECTION_KINDS),
  sectionLabel: z.string(),
});

export const listResponse = z.object({
  open: z.array(summarySchema),
  mine: z.array(myCommentSchema),
  reports: z.array(summarySchema),
  managed: z.array(summarySchema),
});

export const reportSchema = z.object({
  id: z.number(),
  title: z.string(),
  draftingDepartment: departmentRef,
  opensOn: z.string(),
  closesOn: z.string(),
  reportedAt: z.string().nullable(),
  published: z.boolean(),
  totals: countsSchema,
  sections: z.array(
    splitSectionSchema.extend({
      id: z.number(),
      seq: z.number(),
      counts: countsSchema,
      /** No names: the text of each comment and its answer. */
      items: z.array(
        z.object({
          body: z.string(),
          answer: z.enum(ANSWERS).nullable(),
          answerReason: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export const reportResponse = z.object({ report: reportSchema });
