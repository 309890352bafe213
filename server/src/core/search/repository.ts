import { sql } from 'kysely';
import type { DbKind, Queryable } from '../../db/database.js';
import { fts5Match } from './text.js';

/** The only code that touches the search tables. */

export interface DocumentRow {
  unitId: number;
  recordKind: string;
  recordId: string;
  title: string;
  body: string;
  link: string | null;
  visibility: string;
  titleTokens: string;
  bodyTokens: string;
  /** Visibility keys from the pure policy (`unit`, `role_office`, …), not yet unit-scoped. */
  grantKeys: string[];
  now: string;
}

const KEY = /^[a-z0-9_]+$/;

/** A policy key scoped to its unit, as stored and matched: `u1_role_office`. */
function scoped(unitId: number, keys: readonly string[]): string[] {
  return keys.map((k) => {
    if (!KEY.test(k)) throw new Error(`search: bad grant key ${k}`);
    return `u${unitId}_${k}`;
  });
}

/**
 * Insert or replace documents: one statement for the whole batch (callers keep batches to a few
 * hundred rows, well under both databases' parameter limits).
 */
export async function upsertDocuments(db: Queryable, docs: DocumentRow[]): Promise<number[]> {
  if (!docs.length) return [];
  const rows = await db
    .insertInto('search_documents')
    .values(
      docs.map((d) => ({
        unit_id: d.unitId,
        record_kind: d.recordKind,
        record_id: d.recordId,
        title: d.title,
        body: d.body,
        link: d.link,
        visibility: d.visibility,
        title_tokens: d.titleTokens,
        body_tokens: d.bodyTokens,
        grant_tokens: scoped(d.unitId, d.grantKeys).join(' '),
        updated_at: d.now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['unit_id', 'record_kind', 'record_id']).doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        body: eb.ref('excluded.body'),
        link: eb.ref('excluded.link'),
        visibility: eb.ref('excluded.visibility'),
        title_tokens: eb.ref('excluded.title_tokens'),
        body_tokens: eb.ref('excluded.body_tokens'),
        grant_tokens: eb.ref('excluded.grant_tokens'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning(['id', 'unit_id', 'record_kind', 'record_id'])
    .execute();
  const key = (u: number, k: string, r: string) => `${u}\u0000${k}\u0000${r}`;
  const idOf = new Map(rows.map((r) => [key(r.unit_id, r.record_kind, r.record_id), r.id]));
  return docs.map((d) => idOf.get(key(d.unitId, d.recordKind, d.recordId))!);
}

export async function deleteDocument(
  db: Queryable,
  k: { unitId: number; recordKind: string; recordId: string },
): Promise<boolean> {
  const res = await db
    .deleteFrom('search_documents')
    .where('unit_id', '=', k.unitId)
    .where('record_kind', '=', k.recordKind)
    .where('record_id', '=', k.recordId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function getDocument(
  db: Queryable,
  k: { unitId: number; recordKind: string; recordId: string },
) {
  return db
    .selectFrom('search_documents')
    .selectAll()
    .where('unit_id', '=', k.unitId)
    .where('record_kind', '=', k.recordKind)
    .where('record_id', '=', k.recordId)
    .executeTakeFirst();
}

/** A department and every department above it (the reader's department memberships). */
export async function departmentWithAncestors(
  db: Queryable,
  unitId: number,
  departmentId: number | null,
): Promise<number[]> {
  if (departmentId === null) return [];
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'parent_id'])
    .where('unit_id', '=', unitId)
    .execute();
  const parent = new Map(rows.map((r) => [r.id, r.parent_id]));
  const out: number[] = [];
  let at: number | null | undefined = departmentId;
  while (at !== null && at !== undefined && parent.has(at) && !out.includes(at)) {
    out.push(at);
    at = parent.get(at);
  }
  return out;
}

export interface SearchArgs {
  unitId: number;
  terms: string[];
  /** The reader's policy keys (`readerKeys`), not yet unit-scoped. */
  readerKeys: string[];
  kinds?: string[];
  limit: number;
  offset: number;
}

export interface HitRow {
  id: number;
  record_kind: string;
  record_id: string;
  title: string;
  body: string;
  link: string | null;
  visibility: string;
  updated_at: string;
  score: number;
}

/*
 * Every query below matches the reader's keys inside the index lookup itself, so ranking,
 * paging and every count only ever see documents the reader may see. User words only ever
 * reach the database as quoted strings (FTS5) or through plainto_tsquery (PostgreSQL).
 */

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** FTS5: the words in title or body, one of the reader's keys, optionally one of the kinds. */
function fts5Expression(args: SearchArgs, kinds: readonly string[] | undefined): string {
  const keys = scoped(args.unitId, args.readerKeys).map(quote).join(' OR ');
  let expr = `{title_tokens body_tokens} : (${fts5Match(args.terms)}) AND grant_tokens : (${keys})`;
  if (kinds?.length) expr += ` AND record_kind : (${kinds.map(quote).join(' OR ')})`;
  return expr;
}

/** PostgreSQL: the reader's keys as a tsquery of exact lexemes, ORed. */
function pgKeys(args: SearchArgs): string {
  return scoped(args.unitId, args.readerKeys)
    .map((k) => `'${k}'`)
    .join(' | ');
}

function pgWhere(args: SearchArgs, kinds: readonly string[] | undefined) {
  return sql`d.unit_id = ${args.unitId}
    and d.vector @@ plainto_tsquery('simple', ${args.terms.join(' ')})
    and d.grant_vector @@ cast(${pgKeys(args)} as tsquery)
    ${kinds?.length ? sql`and d.record_kind in (${sql.join([...kinds])})` : sql``}`;
}

const COLUMNS = sql`d.id, d.record_kind, d.record_id, d.title, d.body, d.link, d.visibility,
  d.updated_at`;

/** One page of visible matches, best first (title words weigh more than body words). */
export async function searchPage(db: Queryable, kind: DbKind, args: SearchArgs) {
  if (kind === 'sqlite') {
    // Rank and page inside the index, then read only the page's rows.
    const { rows } = await sql<HitRow>`
      select ${COLUMNS}, m.score from (
        select rowid as id, -bm25(search_fts, 4.0, 1.0, 0.0, 0.0) as score from search_fts
        where search_fts match ${fts5Expression(args, args.kinds)}
        order by score desc, rowid desc
        limit ${args.limit} offset ${args.offset}
      ) m join search_documents d on d.id = m.id
      where d.unit_id = ${args.unitId}
      order by m.score desc, d.id desc`.execute(db);
    return rows;
  }
  const { rows } = await sql<HitRow>`
    select ${COLUMNS},
      ts_rank(d.vector, plainto_tsquery('simple', ${args.terms.join(' ')})) as score
    from search_documents d
    where ${pgWhere(args, args.kinds)}
    order by score desc, d.id desc
    limit ${args.limit} offset ${args.offset}`.execute(db);
  return rows;
}

/** Visible matches per record kind (the kind filter's counts; their sum is the total). */
export async function countByKind(
  db: Queryable,
  kind: DbKind,
  args: SearchArgs,
): Promise<Array<{ kind: string; count: number }>> {
  if (kind === 'sqlite') {
    // Count inside the index, kind by kind: never a read of the documents themselves.
    const kinds = await db
      .selectFrom('search_documents')
      .select('record_kind')
      .distinct()
      .where('unit_id', '=', args.unitId)
      .orderBy('record_kind')
      .execute();
    const out: Array<{ kind: string; count: number }> = [];
    for (const { record_kind } of kinds) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from search_fts
        where search_fts match ${fts5Expression(args, [record_kind])}`.execute(db);
      const n = Number(rows[0]?.n ?? 0);
      if (n > 0) out.push({ kind: record_kind, count: n });
    }
    return out;
  }
  const { rows } = await sql<{ record_kind: string; n: number }>`
    select d.record_kind, count(*) as n from search_documents d
    where ${pgWhere(args, undefined)}
    group by d.record_kind
    order by d.record_kind`.execute(db);
  return rows.map((r) => ({ kind: r.record_kind, count: Number(r.n) }));
}
