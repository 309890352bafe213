import type { Job } from '../jobs.js';
import { deliverOutbox } from './deliver.js';
import { smtpFromEnv } from './env.js';

/**
 * Delivers the outbox: in-app inbox, email, group robots, with retries; daily digests at 18:00
 * Asia/Shanghai. SMTP fallback from the environment: LIANXIN_SMTP_URL (e.g.
 * `smtp://user:pass@mail.example.cn:587`) and LIANXIN_SMTP_FROM.
 */
export const outboxJob: Job = {
  name: 'outbox',
  everyMs: 2000,
  async run({ database, config }) {
    await deliverOutbox(database, { publicUrl: config.publicUrl, ...smtpFromEnv() });
  },
};
