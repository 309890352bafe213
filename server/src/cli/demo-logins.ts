import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { demoLogins } from '../core/demo/seed.js';

/** `npm run -s demo:logins [-- --json]`: one demo login per role. */
const config = loadConfig();
const database = openDatabase(config);
try {
  await migrateToLatest(database);
  const logins = await demoLogins(database);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(logins)}\n`);
  } else if (!logins.length) {
    process.stdout.write('No demo unit here (started with LIANXIN_DEMO=0, or not started yet).\n');
  } else {
    for (const l of logins) {
      process.stdout.write(`${l.role}\t${l.username}\t${l.name}\t${l.department ?? ''}\n`);
    }
  }
} finally {
  await database.close();
}
