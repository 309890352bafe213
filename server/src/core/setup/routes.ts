import { z } from 'zod';
import { errors, okSchema, typed, type RoutePlugin } from '../http.js';
import { completeSetup, setupNeeded } from './commands.js';

export const setupRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;

  app.get(
    '/setup/status',
    {
      config: { public: true },
      schema: { tags: ['setup'], response: { 200: z.object({ needed: z.boolean() }) } },
    },
    async () => ({ needed: await setupNeeded(database) }),
  );

  app.post(
    '/setup',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['setup'],
        summary: 'Create the unit and its first system administrator (one-time link)',
        body: z
          .object({
            token: z.string().min(10).max(100),
            unitName: z.string().trim().min(1).max(200),
            unitCode: z
              .string()
              .trim()
              .min(1)
              .max(64)
              .regex(/^[a-z0-9-]+$/),
            username: z
              .string()
              .trim()
              .min(3)
              .max(64)
              .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/),
            name: z.string().trim().min(1).max(50),
            password: z.string().min(1).max(256),
          })
          .strict(),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await completeSetup(database, req.body);
      return { ok: true as const };
    },
  );
};
