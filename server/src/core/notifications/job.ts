import type { Job } from '../jobs.js';

/** Delivers the outbox: in-app inbox, email, group robots, with retries. */
export const outboxJob: Job = {
  name: 'outbox',
  everyMs: 2000,
  async run() {},
};
