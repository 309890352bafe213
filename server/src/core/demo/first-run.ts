import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { generatePassword } from '../auth/passwords.js';
import { issueSetupToken } from '../setup/commands.js';
import * as org from '../org/repository.js';
import { demoLogins, seedDemo } from './seed.js';

/**
 * On an empty database: seed the demo unit and return the logins to print, or (with
 * LIANXIN_DEMO=0) return a one-time link that creates the first system administrator.
 */
export async function firstRun(
  database: Database,
  config: Config,
  moduleDemos: Array<(database: Database, unitId: number) => Promise<void>> = [],
): Promise<string | null> {
  if ((await org.unitCount(database.db)) > 0) {
    const logins = await demoLogins(database);
    return logins.length
      ? '示范医院 demo: `npm run demo:logins` lists the logins; the password was printed on first run (or is LIANXIN_DEMO_PASSWORD).'
      : null;
  }
  if (!config.demo) {
    const token = await issueSetupToken(database);
    return [
      '首次运行 / First run: open this one-time link to create the first system administrator:',
      `  ${config.publicUrl}/setup?token=${token}`,
    ].join('\n');
  }
  const password = config.demoPassword ?? generatePassword(14);
  const unitId = await seedDemo(database, password);
  // Each mechanism adds its own sample records (notices, surveys, …).
  for (const seed of moduleDemos) await seed(database, unitId);
  const logins = await demoLogins(database);
  const width = Math.max(...logins.map((l) => l.role.length));
  return [
    '示范医院 demo unit created. One login per role (password below):',
    ...logins.map(
      (l) =>
        `  ${l.role.padEnd(width)}  ${l.username.padEnd(10)}  ${l.name}${l.department ? `  ${l.department}` : ''}`,
    ),
    `  password: ${password}${config.demoPassword ? ' (from LIANXIN_DEMO_PASSWORD)' : ' (generated; shown only now)'}`,
  ].join('\n');
}
