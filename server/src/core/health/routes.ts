import { z } from 'zod';
import { ping } from '../../db/database.js';
import { typed, type RoutePlugin } from '../http.js';

export const healthRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  app.get(
    '/health',
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ['operations'],
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']) }),
          503: z.object({ status: z.literal('unavailable'), db: z.enum(['sqlite', 'postgres']) }),
        },
      },
    },
    async (_req, reply) => {
      const { database } = app.deps;
      try {
        await ping(database);
        return { status: 'ok' as const, db: database.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, db: database.kind });
      }
    },
  );
};
