import type { Job } from '../../core/jobs.js';

/** Background jobs for the figures per department and month, their dashboard and export. */
export const figuresJobs: Job[] = [];
