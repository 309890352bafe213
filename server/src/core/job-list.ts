import type { Job } from './jobs.js';
import { outboxJob } from './notifications/job.js';
import { deadlineJob } from './deadlines/job.js';
import { filesJob } from './files/job.js';

/** Every background job of the core, started by main.ts (off with LIANXIN_JOBS=0). */
export const CORE_JOBS: Job[] = [outboxJob, deadlineJob, filesJob];
