import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openDatabase, type Database } from '../server/src/db/database.js';
import { scratchPgDatabase } from '../test/pg.js';
import { describe } from 'vitest';

/**
 * The e2e harness: a real server process (`node --import tsx server/src/main.ts`) on a free
 * port with its own data directory, and Debian's Chromium driven by playwright-core.
 *
 * The web app is not built here: `npm test` runs `npm run build:web` before the e2e suites
 * (for `npm run test:e2e` alone, build it yourself first).
 */

export const ROOT = path.resolve(import.meta.dirname, '..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
/** Set by scripts/test.mjs when Chromium was found. */
export const CHROMIUM = process.env.LIANXIN_E2E_CHROMIUM || undefined;
/** Optional: an admin URL of a PostgreSQL server; each server started gets a fresh database. */
export const E2E_DATABASE_URL = process.env.LIANXIN_E2E_DATABASE_URL || undefined;
/** The demo password every e2e server is started with. */
export const E2E_DEMO_PASSWORD = 'Lx-E2e-Demo-2026!';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone-sized viewport: the platform is used on phones first. */
export const PHONE = { width: 360, height: 740 } as const;

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** The database the server uses: 'sqlite' or the redacted PostgreSQL URL. */
  database: string;
  /** The environment the server runs with (to point CLIs at the same data). */
  env: NodeJS.ProcessEnv;
  /** Everything the process wrote to stdout and stderr so far. */
  logs(): string;
  /** SIGTERM, then SIGKILL after 10 s; removes the data dir (and the PostgreSQL database). */
  stop(): Promise<void>;
  /** SIGKILL now, keeping the data dir (for restart tests); `stop()` still cleans up. */
  kill(): Promise<void>;
  process: ChildProcess;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

function redact(url: string) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Start the real server on a free port with a fresh data directory, and wait until
 * /api/health answers 200. `env` adds to (or overrides) the server's environment.
 */
export async function startServer(
  opts: { env?: Record<string, string | undefined>; timeoutMs?: number; postgres?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'));
  const usePg = opts.postgres ?? !!E2E_DATABASE_URL;
  if (usePg && !E2E_DATABASE_URL) throw new Error('postgres: true needs LIANXIN_E2E_DATABASE_URL');
  const pgDb = usePg ? await scratchPgDatabase(E2E_DATABASE_URL!, 'lianxin_e2e') : null;
  const url = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LIANXIN_DATA_DIR: dataDir,
    LIANXIN_PUBLIC_URL: url,
    LIANXIN_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
    DATABASE_URL: pgDb?.url ?? '',
    FORCE_COLOR: '0',
  };
  // Settings of the test runner itself are not the server's business.
  delete env.LIANXIN_SQLITE_PATH;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  let output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.once('exit', () => running.delete(proc));

  let stopped = false;
  const server: RunningServer = {
    url,
    port,
    dataDir,
    database: pgDb ? redact(pgDb.url) : 'sqlite',
    env,
    process: proc,
    logs: () => output,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      await pgDb?.drop();
    },
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      await server.stop();
      throw new Error(
        `server exited (${proc.exitCode ?? proc.signalCode}) before answering:\n${output}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return server;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(
        `server did not answer /api/health within ${opts.timeoutMs ?? 60_000} ms:\n${output}`,
      );
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Debian's Chromium through playwright-core. `launch` gives every browser a fresh, temporary
 * user-data dir that is deleted on close.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('LIANXIN_E2E_CHROMIUM is not set');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/** A fresh context (own cookies) with a phone viewport and Chinese locale. */
export async function newPhonePage(
  browser: Browser,
  opts: { baseURL?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: opts.baseURL,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  return { context, page, errors };
}

/** A screenshot under test-results/ (created on demand); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * A suite that needs Chromium. Its name carries `[chromium]` (scripts/test.mjs counts these to
 * prove the browser suites ran); without Chromium it is skipped with the reason in its name.
 */
export function describeBrowser(name: string, fn: () => void) {
  if (CHROMIUM) {
    describe(`${name} [chromium]`, fn);
  } else {
    console.warn(`SKIPPED browser suite "${name}": LIANXIN_E2E_CHROMIUM is not set (no Chromium)`);
    describe.skip(`${name} [chromium] — SKIPPED: no Chromium (LIANXIN_E2E_CHROMIUM not set)`, fn);
  }
}

/** Sign in through the login page, as a person would, and wait for the shell. */
export async function signIn(
  page: Page,
  server: RunningServer,
  username: string,
  password = E2E_DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').waitFor({ state: 'visible', timeout: 20_000 });
}

/** The server's own database, opened beside it (to feed what no page can create yet). */
export function openServerDatabase(server: RunningServer): Database {
  return openDatabase({
    databaseUrl: server.env.DATABASE_URL || undefined,
    sqlitePath: path.join(server.dataDir, 'lianxin.db'),
  });
}

/**
 * Wait until the server's outbox has expanded every event into inbox rows (the demo's own events
 * included: the sample survey and notices notify their audiences on first run), so a test that
 * counts notifications or compares table dumps starts from a still state.
 */
export async function outboxSettled(server: RunningServer, timeoutMs = 30_000): Promise<void> {
  const database = openServerDatabase(server);
  try {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const { n } = await database.db
        .selectFrom('notification_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'pending')
        .executeTakeFirstOrThrow();
      if (Number(n) === 0) return;
      if (Date.now() > end) throw new Error(`outbox: ${n} events still pending`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await database.close();
  }
}

/** The printed demo logins, read the way a script reads them (`demo:logins --json`). */
export function demoLogins(
  server: RunningServer,
): Array<{ role: string; username: string; name: string; department: string | null }> {
  return JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', 'server/src/cli/demo-logins.ts', '--json'], {
      env: server.env,
      cwd: ROOT,
      encoding: 'utf8',
    }),
  );
}
