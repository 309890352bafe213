import type { Job } from '../../core/jobs.js';
import { closeNotRated } from './commands-staff.js';

/** Background jobs for submitting, tracking with a receipt, answering, rating, the public wall. */
export const staffJobs: Job[] = [
  {
    // Items replied to and not rated within 7 working days close as 'not_rated' (idempotent).
    name: 'opinions.close-not-rated',
    everyMs: 10 * 60_000,
    async run({ database }) {
      await closeNotRated(database);
    },
  },
];
