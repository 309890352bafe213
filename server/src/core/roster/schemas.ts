import { z } from 'zod';
import { ERROR_CODES, IMPORT_ROW_PROBLEMS } from '@lianxin/common';

export const rowProblemSchema = z.object({
  row: z.number().int(),
  column: z.string().optional(),
  code: z.enum(IMPORT_ROW_PROBLEMS),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** docs/api-contract.md "Roster import": RosterImport. */
export const rosterImportSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  dryRun: z.boolean(),
  deactivateMissing: z.boolean(),
  status: z.enum(['running', 'succeeded', 'rejected', 'failed']),
  totalRows: z.number(),
  processedRows: z.number(),
  created: z.number(),
  updated: z.number(),
  deactivated: z.number(),
  departmentsCreated: z.number(),
  problems: z.array(rowProblemSchema),
  errorCode: z.enum(ERROR_CODES).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export type RosterImport = z.infer<typeof rosterImportSchema>;

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

/** The text fields of the upload (multipart fields arrive as strings, before or after the file). */
export const uploadFieldsSchema = z.object({ dryRun: flag, deactivateMissing: flag }).strict();
