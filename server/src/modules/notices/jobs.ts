import type { Job } from '../../core/jobs.js';
import { publishScheduled } from './commands.js';
import { registerAnonymousObjections } from './commands-objections.js';

/** Background jobs of public notices. */
export const noticeJobs: Job[] = [
  {
    // Scheduled publishing: a notice approved for a later time goes out on the first tick after.
    name: 'notices.publish_scheduled',
    everyMs: 60 * 1000,
    async run({ database, log }) {
      const n = await publishScheduled(database);
      if (n) log.info({ published: n }, 'scheduled notices published');
    },
  },
  {
    // Anonymous objections of earlier days enter the issue pool with their finding deadline.
    name: 'notices.objection_intake',
    everyMs: 10 * 60 * 1000,
    async run({ database, log }) {
      const n = await registerAnonymousObjections(database);
      if (n) log.info({ registered: n }, 'anonymous objections registered');
    },
  },
];
