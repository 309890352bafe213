import path from 'node:path';

/**
 * Every setting the server reads from the environment, with its default.
 * The README's configuration table is this list; keep them in step.
 */
export interface Config {
  port: number;
  host: string;
  /** `postgres://…` selects PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  dataDir: string;
  /** `0` starts empty and prints a one-time set-up link instead of seeding the demo unit. */
  demo: boolean;
  demoPassword: string | undefined;
  /** Public origin used in printed links and for the same-origin check. */
  publicUrl: string;
  /** Set cookies `Secure` (behind TLS). Defaults to on when publicUrl is https. */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  logLevel: string;
  bodyLimitBytes: number;
  importMaxBytes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Run background jobs (outbox delivery, deadline reminders) in this process. */
  jobs: boolean;
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`Invalid number in environment: ${value}`);
  return Math.floor(n);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.LIANXIN_DATA_DIR ?? './data');
  const port = int(env.PORT, 3000);
  const publicUrl = (env.LIANXIN_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: path.resolve(env.LIANXIN_SQLITE_PATH ?? path.join(dataDir, 'lianxin.db')),
    dataDir,
    demo: env.LIANXIN_DEMO !== '0',
    demoPassword: env.LIANXIN_DEMO_PASSWORD || undefined,
    publicUrl,
    secureCookies: env.LIANXIN_SECURE_COOKIES
      ? env.LIANXIN_SECURE_COOKIES === '1'
      : publicUrl.startsWith('https://'),
    trustProxy: env.LIANXIN_TRUST_PROXY === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimitBytes: int(env.LIANXIN_BODY_LIMIT_BYTES, 1024 * 1024),
    importMaxBytes: int(env.LIANXIN_IMPORT_MAX_BYTES, 20 * 1024 * 1024),
    sessionIdleMinutes: int(env.LIANXIN_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int(env.LIANXIN_SESSION_ABSOLUTE_HOURS, 12),
    jobs: env.LIANXIN_JOBS !== '0',
  };
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}
