import type { Database } from '../../db/database.js';
import type { Actor } from '../actor.js';
import { canSee, parseVisibility, readerKeys, type Reader } from './policy.js';
import * as repo from './repository.js';
import { parseQuery, type ParsedQuery } from './text.js';

export const PAGE_SIZE_DEFAULT = 20;

export interface SearchOptions {
  kinds?: string[];
  page?: number;
  pageSize?: number;
}

export interface SearchResult {
  query: ParsedQuery;
  hits: repo.HitRow[];
  /** Visible matches of the selected kinds (all kinds when none is selected). */
  total: number;
  /** Visible matches by kind, whatever the kind filter: the filter's choices and counts. */
  kinds: Array<{ kind: string; count: number }>;
  page: number;
  pageSize: number;
}

export async function readerOf(database: Database, actor: Actor): Promise<Reader> {
  return {
    accountId: actor.accountId,
    roles: actor.roles,
    departmentIds: await repo.departmentWithAncestors(
      database.db,
      actor.unitId,
      actor.departmentId,
    ),
  };
}

/**
 * Search the actor's unit. Permissions filter inside the database query (grant keys), so
 * hidden documents change neither the page nor any count; `canSee` checks each hit again.
 */
export async function search(
  database: Database,
  actor: Actor,
  text: string,
  opts: SearchOptions = {},
): Promise<SearchResult> {
  const query = parseQuery(text);
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? PAGE_SIZE_DEFAULT;
  const empty = { query, hits: [], total: 0, kinds: [], page, pageSize };
  if (!query.terms.length) return empty;
  const reader = await readerOf(database, actor);
  const args: repo.SearchArgs = {
    unitId: actor.unitId,
    terms: query.terms,
    readerKeys: readerKeys(reader),
    kinds: opts.kinds?.length ? [...new Set(opts.kinds)] : undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const kinds = await repo.countByKind(database.db, database.kind, args);
  const total = kinds
    .filter((k) => !args.kinds || args.kinds.includes(k.kind))
    .reduce((n, k) => n + k.count, 0);
  if (total === 0) return { ...empty, kinds };
  const rows = await repo.searchPage(database.db, database.kind, args);
  const hits = rows.filter((r) => canSee(reader, parseVisibility(r.visibility)));
  return { query, hits, total, kinds, page, pageSize };
}
