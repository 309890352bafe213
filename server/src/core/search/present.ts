import type { z } from 'zod';
import type { HitRow } from './repository.js';
import type { hitSchema } from './schemas.js';
import { highlight } from './snippet.js';

const SNIPPET_CHARS = 120;

/** A hit as readers see it: display text with match ranges; never visibility or tokens. */
export function presentHit(row: HitRow, terms: readonly string[]): z.infer<typeof hitSchema> {
  const title = highlight(row.title, terms, 500);
  const snippet = highlight(row.body, terms, SNIPPET_CHARS);
  return {
    recordKind: row.record_kind,
    recordId: row.record_id,
    title: title.text,
    titleRanges: title.ranges,
    snippet: snippet.text,
    snippetRanges: snippet.ranges,
    link: row.link,
    updatedAt: row.updated_at,
    abilities: { open: row.link !== null },
  };
}
