import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { firstRun } from './core/demo/first-run.js';
import { startJobs } from './core/jobs.js';
import { CORE_JOBS } from './core/job-list.js';
import { MODULES } from './modules/index.js';

/** `npm start`: migrate, seed on first run, serve, and shut down gracefully. */
async function main() {
  const config = loadConfig();
  const database = openDatabase(config);
  await migrateToLatest(database);
  const app = await buildApp({ config, database });
  const banner = await firstRun(
    database,
    config,
    MODULES.flatMap((m) => (m.seedDemo ? [m.seedDemo] : [])),
  );
  const jobs = config.jobs
    ? startJobs([...CORE_JOBS, ...MODULES.flatMap((m) => m.jobs ?? [])], {
        database,
        config,
        log: app.log,
      })
    : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close(); // stops accepting, lets in-flight requests finish
      await jobs?.stop(); // lets a delivery or a deadline run in progress finish
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (banner) process.stdout.write(`\n${banner}\n`);
  process.stdout.write(`\n连心 Lianxin is serving ${config.publicUrl} (${database.kind})\n\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
