#!/usr/bin/env node
/**
 * `npm test` — the whole suite.
 *
 * 1. Finds PostgreSQL: DATABASE_URL_TEST, else a server answering on 127.0.0.1:5432 (user
 *    postgres, trust), else a throwaway cluster started with the local initdb (deleted at the
 *    end, also on failure and signals), else none.
 * 2. Finds Chromium: CHROMIUM_PATH, else /usr/bin/chromium.
 * 3. Runs the unit/route/command suites (`vitest run`) with LIANXIN_TEST_PG_URL, builds the web
 *    app, then runs the browser suites (`vitest run --config vitest.e2e.config.ts`) with
 *    LIANXIN_E2E_CHROMIUM.
 * 4. Prints what ran and what was SKIPPED (and why), then `N passed, N failed, N skipped`.
 *
 * Exit status is non-zero when any suite failed, the web build failed, or — with
 * LIANXIN_REQUIRE_ALL=1 (set by .ci/run) — PostgreSQL or Chromium was missing or their suites
 * did not actually run.
 *
 * Switches for testing this script itself:
 *   LIANXIN_TEST_SKIP_LOCAL_PG=1  do not probe 127.0.0.1:5432 (forces the initdb fallback)
 *   LIANXIN_TEST_NO_INITDB=1      behave as if there were no initdb
 *   LIANXIN_TEST_PG_BIN=DIR       where initdb and pg_ctl live (default: newest
 *                                 /usr/lib/postgresql/N/bin, else the PATH)
 *   LIANXIN_TEST_PG_PORT=N        first port tried for the throwaway cluster (default 55432)
 * Arguments after `npm test --` are passed to both vitest runs (with --passWithNoTests).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, 'test-results');
const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const REQUIRE_ALL = process.env.LIANXIN_REQUIRE_ALL === '1';
const EXTRA_ARGS = process.argv.slice(2);
const started = Date.now();

const LINE = '='.repeat(78);
const out = (s = '') => process.stdout.write(`${s}\n`);

// ---------------------------------------------------------------- cleanup and signals

const cleanups = [];
let child = null;
let cleanedUp = false;

/** Synchronous, so it also runs from the 'exit' handler. */
function cleanupAll() {
  if (cleanedUp) return;
  cleanedUp = true;
  while (cleanups.length) {
    try {
      cleanups.pop()();
    } catch (err) {
      process.stderr.write(`cleanup failed: ${err?.message ?? err}\n`);
    }
  }
}

process.on('exit', cleanupAll);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => {
    process.stderr.write(`\nnpm test: ${signal} — stopping the suite and cleaning up\n`);
    if (child && child.exitCode === null) {
      try {
        child.kill(signal);
      } catch {
        /* already gone */
      }
    }
    cleanupAll();
    process.exit(code);
  });
}
process.on('uncaughtException', (err) => {
  process.stderr.write(`npm test: ${err?.stack ?? err}\n`);
  cleanupAll();
  process.exit(1);
});

// ---------------------------------------------------------------- helpers

/** A URL safe to print: the password replaced by ***. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

async function tryConnect(connectionString, timeoutMs = 3000) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    const r = await client.query('select version() as v');
    return { ok: true, version: String(r.rows[0].v).split(' ').slice(0, 2).join(' ') };
  } catch (err) {
    return { ok: false, error: err?.message || String(err?.code ?? err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function portInUse(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const done = (v) => {
      sock.destroy();
      resolve(v);
    };
    sock.setTimeout(1000, () => done(true));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

function fmtDuration(ms) {
  const s = Math.round(ms / 100) / 10;
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, cmd))) return path.join(dir, cmd);
  }
  return null;
}

function findPgBin() {
  if (process.env.LIANXIN_TEST_NO_INITDB === '1') return null;
  const candidates = [];
  if (process.env.LIANXIN_TEST_PG_BIN) candidates.push(process.env.LIANXIN_TEST_PG_BIN);
  try {
    const versions = fs
      .readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {
    /* no Debian layout */
  }
  const onPath = which('initdb');
  if (onPath) candidates.push(path.dirname(onPath));
  return (
    candidates.find(
      (dir) => isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'pg_ctl')),
    ) ?? null
  );
}

// ---------------------------------------------------------------- PostgreSQL discovery

async function startThrowawayCluster(bin) {
  const isRoot = process.getuid?.() === 0;
  let owner = null;
  if (isRoot) {
    const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    const u = id('-u');
    const g = id('-g');
    if (u.status !== 0 || !which('runuser')) {
      return {
        ok: false,
        why: 'initdb found, but running as root without a "postgres" user and runuser to run it',
      };
    }
    owner = { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
  }

  let port = Number(process.env.LIANXIN_TEST_PG_PORT || 55432);
  for (let i = 0; i < 20 && (await portInUse(port)); i++) port++;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-pg-'));
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'log');
  const asOwner = (cmd, args, opts = {}) =>
    isRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', ...opts })
      : spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  const pgCtl = path.join(bin, 'pg_ctl');

  let running = false;
  cleanups.push(() => {
    if (running) {
      const r = asOwner(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop'], {
        timeout: 40_000,
      });
      if (r.status !== 0 && !/not running|No such file/i.test(`${r.stderr}${r.stdout}`)) {
        process.stderr.write(`pg_ctl stop: ${r.stderr || r.stdout}\n`);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  out(`npm test: starting a throwaway PostgreSQL cluster (${bin}) on port ${port} in ${dir}`);
  const init = asOwner(
    path.join(bin, 'initdb'),
    [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ],
    { timeout: 120_000 },
  );
  if (init.status !== 0) {
    return { ok: false, why: `initdb failed: ${(init.stderr || init.stdout || '').trim()}` };
  }
  // A throwaway cluster: durability settings off for speed (nothing here outlives the run).
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const start = asOwner(
    pgCtl,
    ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start'],
    {
      timeout: 90_000,
    },
  );
  running = true; // even a failed start may have left a postmaster behind: always try to stop
  if (start.status !== 0) {
    let log = '';
    try {
      log = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      /* no log */
    }
    return {
      ok: false,
      why: `pg_ctl start failed: ${(start.stderr || start.stdout).trim()}\n${log}`,
    };
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const probe = await tryConnect(url, 10_000);
  if (!probe.ok)
    return { ok: false, why: `throwaway cluster started but refuses connections: ${probe.error}` };
  return {
    ok: true,
    url,
    source: `throwaway cluster from ${bin}/initdb on port ${port}`,
    version: probe.version,
  };
}

async function discoverPostgres() {
  const tried = [];
  if (process.env.DATABASE_URL_TEST) {
    const url = process.env.DATABASE_URL_TEST;
    const probe = await tryConnect(url);
    if (probe.ok) return { ok: true, url, source: 'DATABASE_URL_TEST', version: probe.version };
    // An explicit choice that does not work is an error, not a reason to pick another server.
    return {
      ok: false,
      fatal: true,
      why: `DATABASE_URL_TEST (${redact(url)}) does not answer: ${probe.error}`,
    };
  }
  tried.push('no DATABASE_URL_TEST');

  if (process.env.LIANXIN_TEST_SKIP_LOCAL_PG === '1') {
    tried.push('127.0.0.1:5432 not probed (LIANXIN_TEST_SKIP_LOCAL_PG=1)');
  } else {
    const url = 'postgres://postgres@127.0.0.1:5432/postgres';
    const probe = await tryConnect(url);
    if (probe.ok)
      return { ok: true, url, source: 'server on 127.0.0.1:5432', version: probe.version };
    tried.push(`nothing usable on 127.0.0.1:5432 (${probe.error})`);
  }

  const bin = findPgBin();
  if (!bin) {
    tried.push(
      process.env.LIANXIN_TEST_NO_INITDB === '1'
        ? 'initdb ignored (LIANXIN_TEST_NO_INITDB=1)'
        : 'no initdb (install postgresql)',
    );
    return { ok: false, why: tried.join(', ') };
  }
  const cluster = await startThrowawayCluster(bin);
  if (cluster.ok) return cluster;
  tried.push(cluster.why);
  return { ok: false, why: tried.join(', ') };
}

// ---------------------------------------------------------------- Chromium discovery

function discoverChromium() {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const how = process.env.CHROMIUM_PATH ? 'CHROMIUM_PATH' : 'default path';
  if (!isExecutable(candidate)) {
    return {
      ok: false,
      why: `no executable Chromium at ${candidate} (${how}; apt-get install chromium fonts-wqy-microhei, or set CHROMIUM_PATH)`,
    };
  }
  const v = spawnSync(candidate, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const version = (v.stdout || '').trim().split('\n').pop();
  if (v.status !== 0 || !version) {
    return {
      ok: false,
      why: `${candidate} does not start: ${(v.stderr || v.error?.message || '').trim()}`,
    };
  }
  return { ok: true, path: candidate, version };
}

function cjkFontPresent() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (r.error) return null; // no fontconfig tools: unknown
  return r.status === 0 && r.stdout.trim().length > 0;
}

// ---------------------------------------------------------------- running vitest

function run(cmd, args, env) {
  return new Promise((resolve) => {
    child = spawn(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', (err) => {
      process.stderr.write(`npm test: could not start ${cmd}: ${err.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      child = null;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

async function vitest(label, configArgs, env) {
  const jsonFile = path.join(RESULTS, `vitest-${label}.json`);
  fs.rmSync(jsonFile, { force: true });
  const args = [
    VITEST,
    'run',
    ...configArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${jsonFile}`,
    ...(EXTRA_ARGS.length ? ['--passWithNoTests', ...EXTRA_ARGS] : []),
  ];
  out(`\n${LINE}\n npm test: ${label} suites — vitest ${args.slice(1).join(' ')}\n${LINE}`);
  const t0 = Date.now();
  const code = await run(process.execPath, args, env);
  const ms = Date.now() - t0;
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  } catch {
    /* vitest crashed before writing its report */
  }
  const tests = (report?.testResults ?? []).flatMap((f) => f.assertionResults ?? []);
  let failed = report?.numFailedTests ?? 0;
  // A file that failed to load has no failed test but fails the run: count it once.
  if (code !== 0 && failed === 0) failed = Math.max(1, report?.numFailedTestSuites ?? 0);
  return {
    label,
    code,
    ms,
    report: !!report,
    passed: report?.numPassedTests ?? 0,
    failed,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
    tests,
    failedFiles: (report?.testResults ?? [])
      .filter((f) => f.status === 'failed')
      .map((f) => path.relative(ROOT, f.name)),
  };
}

const passedMatching = (result, marker) =>
  result
    ? result.tests.filter((t) => t.status === 'passed' && t.fullName.includes(marker)).length
    : 0;

/** Skipped tests grouped by their outermost suite name, so every skip is named. */
function skippedByName(results) {
  const groups = new Map();
  for (const r of results) {
    for (const t of r.tests) {
      if (t.status !== 'skipped' && t.status !== 'pending' && t.status !== 'todo') continue;
      const key = t.ancestorTitles?.[0] || t.fullName;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
  }
  return [...groups.entries()];
}

// ---------------------------------------------------------------- main

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  if (!fs.existsSync(VITEST)) {
    out('npm test: node_modules/vitest is missing — run `npm ci` first');
    process.exit(1);
  }

  const pg = await discoverPostgres();
  const chromium = discoverChromium();
  const font = chromium.ok ? cjkFontPresent() : null;
  const webConfig = path.join(ROOT, 'web', 'vite.config.ts');
  const hasWeb = fs.existsSync(webConfig);

  const skips = [];
  const problems = [];
  if (!pg.ok) skips.push(`SKIPPED: PostgreSQL suites — ${pg.why}`);
  if (pg.fatal) problems.push(`DATABASE_URL_TEST given but unusable`);
  if (!chromium.ok) skips.push(`SKIPPED: browser (e2e) suites — ${chromium.why}`);
  if (!hasWeb) skips.push('SKIPPED: web build — web/vite.config.ts not found');
  if (font === false) {
    skips.push(
      'WARNING: no CJK font (fc-list :lang=zh is empty) — Chinese renders as boxes in screenshots; apt-get install fonts-wqy-microhei',
    );
  }

  out(LINE);
  out(' 连心 Lianxin — npm test');
  out(
    `   PostgreSQL : ${pg.ok ? `${redact(pg.url)}  (${pg.source}; ${pg.version})` : 'NOT FOUND'}`,
  );
  out(`   Chromium   : ${chromium.ok ? `${chromium.path}  (${chromium.version})` : 'NOT FOUND'}`);
  out(`   SQLite     : always (a fresh file per suite)`);
  out(`   required   : ${REQUIRE_ALL ? 'all (LIANXIN_REQUIRE_ALL=1)' : 'what is found'}`);
  for (const s of skips) out(` !!! ${s}`);
  out(LINE);

  if (pg.fatal) {
    out(`npm test: ${pg.why}`);
    process.exit(1);
  }

  const baseEnv = { ...process.env };
  delete baseEnv.LIANXIN_TEST_PG_URL;
  delete baseEnv.LIANXIN_E2E_CHROMIUM;

  const unit = await vitest('unit', [], {
    ...baseEnv,
    ...(pg.ok ? { LIANXIN_TEST_PG_URL: pg.url } : {}),
  });

  let build = { ran: false, ok: true, ms: 0 };
  if (hasWeb) {
    out(`\n${LINE}\n npm test: building the web app (npm run build:web)\n${LINE}`);
    const t0 = Date.now();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const code = await run(npm, ['run', '-s', 'build:web'], baseEnv);
    build = { ran: true, ok: code === 0, ms: Date.now() - t0 };
    if (!build.ok) problems.push('web build failed (npm run build:web)');
  } else if (REQUIRE_ALL) {
    problems.push('web build skipped: web/vite.config.ts not found');
  }

  const e2e = await vitest('e2e', ['--config', 'vitest.e2e.config.ts'], {
    ...baseEnv,
    ...(chromium.ok ? { LIANXIN_E2E_CHROMIUM: chromium.path } : {}),
  });

  const results = [unit, e2e];
  const pgRan = passedMatching(unit, '[postgres]');
  const browserRan = passedMatching(e2e, '[chromium]');
  for (const r of results) {
    if (r.code !== 0) problems.push(`${r.label} suites failed (vitest exit ${r.code})`);
    if (!r.report) problems.push(`${r.label} suites wrote no JSON report`);
  }
  if (REQUIRE_ALL) {
    if (!pg.ok) problems.push('PostgreSQL required (LIANXIN_REQUIRE_ALL=1) but not found');
    else if (pgRan === 0) problems.push('PostgreSQL found but no [postgres] test passed');
    if (!chromium.ok) problems.push('Chromium required (LIANXIN_REQUIRE_ALL=1) but not found');
    else if (browserRan === 0) problems.push('Chromium found but no [chromium] test passed');
  }

  const totals = results.reduce(
    (a, r) => ({
      passed: a.passed + r.passed,
      failed: a.failed + r.failed,
      skipped: a.skipped + r.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  const ok = problems.length === 0;

  const summary = {
    ok,
    durationMs: Date.now() - started,
    postgres: pg.ok
      ? { found: true, source: pg.source, url: redact(pg.url), testsPassed: pgRan }
      : { found: false, why: pg.why, testsPassed: 0 },
    chromium: chromium.ok
      ? { found: true, path: chromium.path, version: chromium.version, testsPassed: browserRan }
      : { found: false, why: chromium.why, testsPassed: 0 },
    webBuild: build,
    runs: results.map(({ tests: _t, ...r }) => r),
    totals,
    problems,
  };
  fs.writeFileSync(path.join(RESULTS, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

  const status = (r) => (r.code === 0 ? 'PASSED' : 'FAILED');
  out(`\n${LINE}`);
  out(
    ` 连心 Lianxin — npm test ${ok ? 'PASSED' : 'FAILED'} in ${fmtDuration(Date.now() - started)}`,
  );
  out(
    `   unit/route/command : ${status(unit)}  ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped (${fmtDuration(unit.ms)})`,
  );
  out(
    `     PostgreSQL       : ${pg.ok ? `${pgRan} [postgres] tests passed on ${redact(pg.url)} (${pg.source})` : 'NOT RUN'}`,
  );
  out(
    `   web build          : ${build.ran ? `${build.ok ? 'OK' : 'FAILED'} (${fmtDuration(build.ms)})` : 'NOT RUN'}`,
  );
  out(
    `   e2e (browser)      : ${status(e2e)}  ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped (${fmtDuration(e2e.ms)})`,
  );
  out(
    `     Chromium         : ${chromium.ok ? `${browserRan} [chromium] tests passed in ${chromium.path}` : 'NOT RUN'}`,
  );
  for (const s of skips) out(` !!! ${s}`);
  const skipped = skippedByName(results);
  if (skipped.length) {
    out(' !!! SKIPPED tests, by suite:');
    for (const [name, n] of skipped) out(`       - ${name} (${n} test${n === 1 ? '' : 's'})`);
  }
  for (const r of results) for (const f of r.failedFiles) out(` XXX FAILED file: ${f}`);
  for (const p of problems) out(` XXX ${p}`);
  out(LINE);
  out(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);

  cleanupAll();
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`npm test: ${err?.stack ?? err}\n`);
  cleanupAll();
  process.exit(1);
});
