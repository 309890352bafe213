import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';

export interface JobContext {
  database: Database;
  config: Config;
  log: FastifyBaseLogger;
}

/** Background work the server does on its own: delivering the outbox, daily deadline checks. */
export interface Job {
  name: string;
  /** How often to run; a run never overlaps the previous one of the same job. */
  everyMs: number;
  run(ctx: JobContext): Promise<void>;
}

/**
 * Runs each job on its interval until stopped. A failing run is logged and retried at the next
 * tick; `stop()` waits for runs in progress, so shutdown never cuts a delivery in half.
 */
export function startJobs(jobs: Job[], ctx: JobContext) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const p = job
        .run(ctx)
        .catch((err: unknown) => ctx.log.error({ err, job: job.name }, 'job failed'))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    timers.push(setInterval(tick, job.everyMs));
    setImmediate(tick);
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.all([...running]);
    },
  };
}
