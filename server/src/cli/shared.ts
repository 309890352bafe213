import fs from 'node:fs';
import { isPostgresUrl, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';

/** The database a CLI works on, named without its password. */
export function describeTarget(config: Pick<Config, 'databaseUrl' | 'sqlitePath'>): string {
  if (isPostgresUrl(config.databaseUrl)) {
    const u = new URL(config.databaseUrl);
    const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default database)';
    return `PostgreSQL ${u.hostname || 'localhost'}:${u.port || 5432}/${db}`;
  }
  return `SQLite ${config.sqlitePath}`;
}

/**
 * Open the configured database. With `mustExist`, a missing SQLite file is an error rather
 * than a new empty database (verifying or backing up nothing must not look like success).
 */
export function openForCli(config: Config, opts: { mustExist?: boolean } = {}): Database {
  if (opts.mustExist && !isPostgresUrl(config.databaseUrl) && !fs.existsSync(config.sqlitePath)) {
    throw new CliError(
      `No database at ${config.sqlitePath} (set LIANXIN_DATA_DIR, LIANXIN_SQLITE_PATH or DATABASE_URL)`,
    );
  }
  return openDatabase(config);
}

/** An expected failure: printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Run a CLI's main, print errors plainly and set the exit code. */
export function runCli(main: () => Promise<number | void>) {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (err: unknown) => {
      if (err instanceof CliError) {
        process.stderr.write(`error: ${err.message}\n`);
        process.exitCode = err.exitCode;
      } else {
        process.stderr.write(
          `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
        );
        process.exitCode = 1;
      }
    },
  );
}
