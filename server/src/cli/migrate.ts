import { loadConfig } from '../config.js';
import { MIGRATIONS, migrateToLatest } from '../db/migrate.js';
import { describeTarget, openForCli, runCli } from './shared.js';

/** `npm run migrate`: bring the configured database to the latest schema. */
runCli(async () => {
  const config = loadConfig();
  const database = openForCli(config);
  try {
    process.stdout.write(`Migrating ${describeTarget(config)}\n`);
    const applied = await migrateToLatest(database);
    for (const name of applied) process.stdout.write(`  applied ${name}\n`);
    process.stdout.write(
      applied.length
        ? `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}; the schema is at ${MIGRATIONS.at(-1)?.name}.\n`
        : `Already up to date (${MIGRATIONS.length} migrations).\n`,
    );
  } finally {
    await database.close();
  }
});
