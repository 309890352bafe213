import { z } from 'zod';
import { ROLES } from '@lianxin/common';
import { nowIso, type DbKind, type Queryable } from '../../db/database.js';
import { AppError } from '../errors.js';
import { grantKeys, type Visibility } from './policy.js';
import * as repo from './repository.js';
import { documentTokens, MAX_BODY_CHARS, MAX_TITLE_CHARS } from './text.js';

/**
 * How modules feed the index. Both functions run inside the module's own command, on its
 * transaction (`runCommand(ctx, async (tx, audit) => { …; await indexDocument(tx, kind, …) })`):
 * the index changes with the record or not at all, and the module's audit entry covers it (the
 * index is derived data, so it writes no entry of its own).
 */

export interface IndexInput {
  unitId: number;
  /** The module's record kind, e.g. 'opinion', 'notice' (lower case, 1–40 of a-z 0-9 _). */
  recordKind: string;
  recordId: string | number;
  title: string;
  /** Plain text (no HTML); only the first 20,000 characters are kept. */
  text: string;
  visibility: Visibility;
  /** Where the web app shows the record, an in-app path such as '/opinions/12'. */
  link?: string | null;
}

export const recordKindSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

const inputSchema = z.object({
  unitId: z.number().int().positive(),
  recordKind: recordKindSchema,
  recordId: z.union([z.number().int(), z.string().min(1).max(64)]),
  title: z.string(),
  text: z.string(),
  visibility: z
    .object({
      unit: z.boolean().optional(),
      roles: z.array(z.enum(ROLES)).max(20).optional(),
      departments: z.array(z.number().int().positive()).max(200).optional(),
      accounts: z.array(z.number().int().positive()).max(1000).optional(),
    })
    .strict(),
  link: z
    .string()
    .max(300)
    .regex(/^\/(?![/\\])[^\s]*$/)
    .nullish(),
});

function keyOf(input: { unitId: number; recordKind: string; recordId: string | number }) {
  return { unitId: input.unitId, recordKind: input.recordKind, recordId: String(input.recordId) };
}

function prepare(input: IndexInput): repo.DocumentRow {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('SEARCH_DOCUMENT_INVALID', {
      fields: parsed.error.issues.map((i) => i.path.join('.')),
    });
  }
  const d = parsed.data;
  const title = Array.from(d.title.trim()).slice(0, MAX_TITLE_CHARS).join('');
  const body = Array.from(d.text).slice(0, MAX_BODY_CHARS).join('');
  const v = d.visibility;
  const visibility: Visibility = {
    ...(v.unit ? { unit: true } : {}),
    ...(v.roles?.length ? { roles: [...new Set(v.roles)] } : {}),
    ...(v.departments?.length ? { departments: [...new Set(v.departments)] } : {}),
    ...(v.accounts?.length ? { accounts: [...new Set(v.accounts)] } : {}),
  };
  return {
    ...keyOf(d),
    title,
    body,
    link: d.link ?? null,
    visibility: JSON.stringify(visibility),
    titleTokens: documentTokens(title),
    bodyTokens: documentTokens(body),
    grantKeys: grantKeys(visibility),
    now: nowIso(),
  };
}

/** Add or replace the document of one record. A bad input is the caller's bug: a 400 code. */
export async function indexDocument(tx: Queryable, kind: DbKind, input: IndexInput) {
  const [id] = await indexDocuments(tx, kind, [input]);
  return id!;
}

/**
 * Add or replace many documents (a module re-indexing its records), in batches of 500. All are
 * checked before anything is written; one bad input refuses the whole call.
 */
export async function indexDocuments(tx: Queryable, _kind: DbKind, inputs: IndexInput[]) {
  const rows = inputs.map(prepare);
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.unitId}\u0000${r.recordKind}\u0000${r.recordId}`;
    if (seen.has(key)) throw new AppError('SEARCH_DOCUMENT_INVALID', { duplicate: r.recordId });
    seen.add(key);
  }
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    ids.push(...(await repo.upsertDocuments(tx, rows.slice(i, i + 500))));
  }
  return ids;
}

/** Take a record out of the index (deleted, withdrawn). True when it was there. */
export async function removeDocument(
  tx: Queryable,
  _kind: DbKind,
  key: { unitId: number; recordKind: string; recordId: string | number },
): Promise<boolean> {
  return repo.deleteDocument(tx, keyOf(key));
}
