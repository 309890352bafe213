import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type DbKind = 'sqlite' | 'postgres';

export interface Database {
  kind: DbKind;
  db: Kysely<DB>;
  /** The raw better-sqlite3 handle (SQLite only): backups and benchmarks. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export type Tx = Transaction<DB>;
export type Queryable = Kysely<DB> | Tx;

// Timestamps leave PostgreSQL as ISO strings, the same shape SQLite stores, so that
// repositories and presenters see one type on both databases.
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz
pg.types.setTypeParser(20, (v) => Number(v)); // int8 (count(*)) as number

export function openSqlite(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  // FULL: a commit acknowledged to a user survives power loss (quality.md). NORMAL would
  // lose the last commits on power failure, though never corrupt the file.
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    kind: 'sqlite',
    db,
    sqlite: handle,
    async close() {
      await db.destroy();
    },
  };
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server (restart) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async close() {
      await db.destroy();
    },
  };
}

export function openDatabase(opts: { databaseUrl?: string; sqlitePath: string }): Database {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    return openPostgres(opts.databaseUrl);
  }
  return openSqlite(opts.sqlitePath);
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Case-insensitive LIKE on both databases. */
export function ilike(kind: DbKind) {
  return kind === 'postgres' ? ('ilike' as const) : ('like' as const);
}

export async function ping(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}

/** `column` contains `text`, case-insensitively, with the user's % and _ taken literally. */
export function containsText(kind: DbKind, column: string, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} ${sql.raw(ilike(kind))} ${pattern} escape '\\'`;
}
