import { z } from 'zod';
import { recordKindSchema } from './commands.js';

/**
 * `q` longer than 200 characters is cut (the answer says `truncated: true`); the 20,000 cap
 * here only bounds the work before that. A q of punctuation or spaces finds nothing (200, empty).
 */
export const searchQuery = z.object({
  q: z
    .string()
    .max(20_000)
    .default('')
    .describe(
      'Words to find, simplified or traditional. Cut to its first 200 characters (query.truncated); punctuation and spaces alone find nothing.',
    ),
  /** Comma-separated record kinds; none: every kind. */
  kinds: z
    .string()
    .max(500)
    .describe('Comma-separated record kinds, e.g. opinion,notice; none: every kind')
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(recordKindSchema).max(20)),
  page: z.coerce.number().int().min(1).max(50).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

const ranges = z.array(z.tuple([z.number().int(), z.number().int()]));

export const hitSchema = z.object({
  recordKind: z.string(),
  recordId: z.string(),
  title: z.string(),
  titleRanges: ranges,
  snippet: z.string(),
  snippetRanges: ranges,
  link: z.string().nullable(),
  updatedAt: z.string(),
  abilities: z.object({ open: z.boolean() }),
});

export const searchResponse = z.object({
  query: z.object({ text: z.string(), truncated: z.boolean(), terms: z.array(z.string()) }),
  items: z.array(hitSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  kinds: z.array(z.object({ kind: z.string(), count: z.number().int() })),
});
