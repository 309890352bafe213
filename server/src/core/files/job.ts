import type { Job } from '../jobs.js';
import { purgeUnattached, sweepUnusedBlobs } from './commands.js';
import { filesConfig } from './config.js';

/**
 * Hourly: forget uploads nobody attached within 7 days (store less), then remove stored bytes
 * no file row uses. Both steps are idempotent, so two server processes running it at once
 * (on one PostgreSQL and one shared files folder) do no harm.
 */
export const filesJob: Job = {
  name: 'files-cleanup',
  everyMs: 60 * 60 * 1000,
  async run({ database, config, log }) {
    const purged = await purgeUnattached(database, 7);
    const swept = await sweepUnusedBlobs(database, filesConfig(config.dataDir));
    if (purged.attachments || purged.files || swept) {
      log.info({ ...purged, blobs: swept }, 'unattached uploads purged');
    }
  },
};
