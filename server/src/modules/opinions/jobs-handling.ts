import type { Job } from '../../core/jobs.js';

/** Background jobs for the office's and departments' handling: accept, dispatch, sign, bounce, ask, reply, extend, merge, publish. */
export const handlingJobs: Job[] = [];
