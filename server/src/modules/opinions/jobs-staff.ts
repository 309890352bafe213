import type { Job } from '../../core/jobs.js';

/** Background jobs for submitting, tracking with a receipt, answering, rating, the public wall. */
export const staffJobs: Job[] = [];
