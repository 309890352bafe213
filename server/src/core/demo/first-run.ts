import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';

/** On an empty database: seed the demo unit, or print the one-time set-up link. */
export async function firstRun(_database: Database, _config: Config): Promise<string | null> {
  return null;
}
