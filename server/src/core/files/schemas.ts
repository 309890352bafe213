import { z } from 'zod';

export const attachmentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

export const attachmentParams = z.object({ id: attachmentIdSchema });

export const recordParams = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9_.-]{0,39}$/),
  recordId: z.string().min(1).max(64),
});

export const attachmentSchema = z.object({
  id: attachmentIdSchema,
  name: z.string(),
  size: z.number().int(),
  mime: z.string(),
  sha256: z.string(),
  abilities: z.object({ download: z.boolean(), preview: z.boolean() }),
});

/** Multipart fields besides the file; unknown fields are ignored. */
export const uploadFieldsSchema = z.object({
  anonymous: z.enum(['true', 'false']).default('false'),
});
