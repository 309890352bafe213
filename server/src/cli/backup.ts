import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import cliProgress from 'cli-progress';
import { isPostgresUrl, loadConfig } from '../config.js';
import { CliError, describeTarget, openForCli, runCli } from './shared.js';

const USAGE = `usage: npm run backup -- FILE [--force]

SQLite: an online backup of the live database into FILE (the server may keep running).
        An existing FILE is refused unless --force is given.
PostgreSQL: prints the pg_dump command to use (see docs/operations.md).`;

/** Pages copied per step: large enough that a busy server rarely forces a restart. */
const PAGES_PER_STEP = 2000;

function parseArgs(argv: string[]) {
  let file: string | undefined;
  let force = false;
  for (const a of argv) {
    if (a === '--force' || a === '-f') force = true;
    else if (a === '--help' || a === '-h') return { help: true as const };
    else if (a.startsWith('-')) throw new CliError(`unknown option ${a}\n${USAGE}`, 2);
    else if (file) throw new CliError(`one FILE only\n${USAGE}`, 2);
    else file = a;
  }
  return { file, force, help: false as const };
}

/** Shell-quote a word for a printed command. */
const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function postgresHint(databaseUrl: string, file: string | undefined) {
  const u = new URL(databaseUrl);
  const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres';
  const user = decodeURIComponent(u.username) || 'postgres';
  const out = file ?? `lianxin-${db}-${new Date().toISOString().slice(0, 10)}.dump`;
  const conn = `--host=${q(u.hostname || 'localhost')} --port=${u.port || 5432} --username=${q(user)}`;
  process.stdout.write(
    [
      `This installation uses ${describeTarget({ databaseUrl, sqlitePath: '' })}.`,
      'Back it up with pg_dump (a consistent snapshot; the server may keep running):',
      '',
      `  pg_dump --format=custom ${conn} --file=${q(out)} ${q(db)}`,
      '',
      'Restore it (replacing what the target database holds) with:',
      '',
      `  pg_restore --clean --if-exists --no-owner ${conn} --dbname=${q(db)} ${q(out)}`,
      '',
      `The password is not printed: give it through PGPASSWORD or ~/.pgpass.`,
      'After a restore, `npm run audit:verify` must answer OK (docs/operations.md).',
      '',
    ].join('\n'),
  );
}

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  if (isPostgresUrl(config.databaseUrl)) {
    postgresHint(config.databaseUrl, args.file);
    return 0;
  }
  if (!args.file) throw new CliError(`FILE is missing\n${USAGE}`, 2);

  const target = path.resolve(args.file);
  if (target === path.resolve(config.sqlitePath)) {
    throw new CliError('the backup file cannot be the live database itself');
  }
  if (fs.existsSync(target) && !args.force) {
    throw new CliError(`${target} exists; refusing to overwrite it (use --force)`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });

  const database = openForCli(config, { mustExist: true });
  // Written beside the target and renamed at the end: a failed backup never leaves a
  // half-written file under the name of a good one.
  const partial = `${target}.partial-${process.pid}`;
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: 'backing up [{bar}] {percentage}% | {value}/{total} pages',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const t0 = Date.now();
  try {
    process.stderr.write(`Backing up ${describeTarget(config)} to ${target}\n`);
    let started = false;
    const result = await database.sqlite!.backup(partial, {
      progress({ totalPages, remainingPages }) {
        if (bar) {
          if (!started) bar.start(totalPages, 0);
          started = true;
          bar.setTotal(totalPages);
          bar.update(totalPages - remainingPages);
        }
        return PAGES_PER_STEP;
      },
    });
    if (started) {
      bar?.update(result.totalPages);
      bar?.stop();
    }

    const copy = new SQLite(partial, { readonly: true, fileMustExist: true });
    let check: string;
    try {
      check = String(copy.pragma('integrity_check', { simple: true }));
    } finally {
      copy.close();
    }
    if (check !== 'ok') throw new CliError(`the backup failed its integrity check: ${check}`);

    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(partial, target);
    const mb = (fs.statSync(target).size / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `Backed up ${result.totalPages} pages (${mb} MB) to ${target} in ${((Date.now() - t0) / 1000).toFixed(1)} s; integrity_check ok\n` +
        `Check it with: LIANXIN_SQLITE_PATH=${q(target)} npm run audit:verify\n`,
    );
    return 0;
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      fs.rmSync(partial + suffix, { force: true });
    await database.close();
  }
});
