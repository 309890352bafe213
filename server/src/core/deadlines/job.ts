import type { Job } from '../jobs.js';

/** Each working day: the reminder the day after a deadline, escalation 5 working days later. */
export const deadlineJob: Job = {
  name: 'deadlines',
  everyMs: 10 * 60 * 1000,
  async run() {},
};
