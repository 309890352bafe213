import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** A route module: a Fastify plugin typed for zod schemas. */
export type RoutePlugin = FastifyPluginAsync;
export type ZodApp = FastifyInstance & ReturnType<FastifyInstance['withTypeProvider']>;

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** The error body every route may answer with. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** Standard error responses, to spread into a route's `response`. */
export const errors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  429: errorSchema,
};

/** A database id in a path or query: a positive 32-bit integer (PostgreSQL's `integer`). */
export const dbId = z.coerce.number().int().positive().max(2_147_483_647);

export const idParam = z.object({ id: dbId });

export const okSchema = z.object({ ok: z.literal(true) });
