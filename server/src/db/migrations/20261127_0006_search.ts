import { sql } from 'kysely';
import { types, withId, type LianxinMigration } from './helpers.js';

/**
 * The Chinese full-text search index: one row per indexed record, keyed by unit, record kind and
 * record id, holding the display text, its jieba tokens, and who may see it twice over: as JSON
 * (`visibility`, read back by the pure policy) and as unit-scoped keys (`grant_tokens`, e.g.
 * `u1_unit u1_role_office u1_dept_12 u1_account_42`) that the index itself filters on, so the
 * reader's permissions apply before ranking, paging and counting, without a join.
 *
 * SQLite: an external-content FTS5 table over the token columns, the record kind and the grant
 * keys, kept in step by triggers; `_` is a token character so every key is one token, and
 * queries restrict each part to its column (`{title_tokens body_tokens}: (…) AND grant_tokens:
 * (…)`), so no text can ever pose as a grant. PostgreSQL: a generated `tsvector` of the text
 * (`to_tsvector('simple', …)`, title weighted 'A') with a GIN index, queried with
 * `plainto_tsquery('simple', …)`; and a generated `tsvector` of the grant keys built with
 * `array_to_tsvector` (exact lexemes, no parser), matched against the reader's keys.
 */
export const search: LianxinMigration = {
  name: '20261127_0006_search',
  async up({ db, kind }) {
    const t = types(kind);

    await withId(db.schema.createTable('search_documents'), kind)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('record_kind', 'varchar(40)', (c) =>
        c.notNull().check(sql`length(record_kind) between 1 and 40`),
      )
      .addColumn('record_id', 'varchar(64)', (c) =>
        c.notNull().check(sql`length(record_id) between 1 and 64`),
      )
      .addColumn('title', 'varchar(500)', (c) => c.notNull().check(sql`length(title) <= 500`))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('link', 'varchar(300)', (c) => c.check(sql`link is null or link like '/%'`))
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('title_tokens', 'text', (c) => c.notNull())
      .addColumn('body_tokens', 'text', (c) => c.notNull())
      .addColumn('grant_tokens', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('search_documents_record_unique', [
        'unit_id',
        'record_kind',
        'record_id',
      ])
      .execute();
    await db.schema
      .createIndex('search_documents_unit_kind')
      .on('search_documents')
      .columns(['unit_id', 'record_kind'])
      .execute();

    if (kind === 'sqlite') {
      await sql`create virtual table search_fts using fts5(
        title_tokens, body_tokens, record_kind, grant_tokens,
        content='search_documents', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
      )`.execute(db);
      const cols = sql.raw('title_tokens, body_tokens, record_kind, grant_tokens');
      const vals = (row: 'new' | 'old') =>
        sql.raw(`${row}.title_tokens, ${row}.body_tokens, ${row}.record_kind, ${row}.grant_tokens`);
      await sql`create trigger search_documents_ai after insert on search_documents begin
        insert into search_fts(rowid, ${cols}) values (new.id, ${vals('new')});
      end`.execute(db);
      await sql`create trigger search_documents_ad after delete on search_documents begin
        insert into search_fts(search_fts, rowid, ${cols}) values ('delete', old.id, ${vals('old')});
      end`.execute(db);
      await sql`create trigger search_documents_au after update on search_documents begin
        insert into search_fts(search_fts, rowid, ${cols}) values ('delete', old.id, ${vals('old')});
        insert into search_fts(rowid, ${cols}) values (new.id, ${vals('new')});
      end`.execute(db);
    } else {
      await sql`alter table search_documents add column vector tsvector
        generated always as (
          setweight(to_tsvector('simple', title_tokens), 'A')
          || to_tsvector('simple', body_tokens)
        ) stored`.execute(db);
      await sql`alter table search_documents add column grant_vector tsvector
        generated always as (array_to_tsvector(string_to_array(grant_tokens, ' '))) stored`.execute(
        db,
      );
      await sql`create index search_documents_vector on search_documents using gin (vector)`.execute(
        db,
      );
    }
  },
};
