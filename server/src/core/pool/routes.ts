import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../plugins/session.js';
import { AppError } from '../errors.js';
import { dbId, errors, idParam, okSchema, typed, type RoutePlugin } from '../http.js';
import { addManualEntry, assessEntry, POOL_STATUSES, setWeights } from './commands.js';
import { poolPolicy } from './policy.js';
import { presentEntry } from './present.js';
import * as repo from './repository.js';

const level = z.number().int().min(1).max(5);
const weight = z.number().min(0).max(3);
const weightsSchema = z
  .object({
    peopleAffected: weight,
    meToo: weight,
    repeats: weight,
    urgency: weight,
    feasibility: weight,
  })
  .strict();

const entrySchema = z.object({
  id: z.number(),
  source: z.object({ kind: z.string(), id: z.string() }),
  title: z.string(),
  category: z.string().nullable(),
  departmentId: z.number().nullable(),
  departmentPath: z.string().nullable(),
  peopleAffected: z.number(),
  meToo: z.number(),
  repeats: z.number(),
  urgency: z.number(),
  feasibility: z.number(),
  status: z.string(),
  openedOn: z.string(),
  updatedAt: z.string(),
  score: z.object({
    concern: z.number(),
    urgencyFactor: z.number(),
    feasibilityFactor: z.number(),
    score: z.number(),
  }),
  abilities: z.record(z.string(), z.boolean()),
});

/** The issue pool (问题清单): the office works it, leaders read it. */
export const poolRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const ctx = (req: FastifyRequest) => ({ database, actor: requireActor(req) });
  const allow = (ok: boolean) => {
    if (!ok) throw new AppError('FORBIDDEN');
  };

  app.get(
    '/pool',
    {
      schema: {
        tags: ['issue pool'],
        summary: 'Every open matter from every channel, ranked',
        querystring: z
          .object({
            status: z
              .string()
              .regex(/^[a-z_]+(,[a-z_]+)*$/)
              .max(80)
              .optional(),
            departmentId: dbId.optional(),
            sourceKind: z
              .string()
              .regex(/^[a-z_]+$/)
              .max(40)
              .optional(),
            q: z.string().trim().max(50).optional(),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(entrySchema),
            total: z.number(),
            weights: weightsSchema,
            sourceKinds: z.array(z.string()),
            abilities: z.object({ add: z.boolean(), setWeights: z.boolean() }),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(poolPolicy.view(actor));
      const q = req.query;
      const status = q.status
        ?.split(',')
        .filter((s) => (POOL_STATUSES as readonly string[]).includes(s));
      const weights = await repo.getWeights(database.db, actor.unitId);
      const { items, total } = await repo.listEntries(database.db, database.kind, {
        unitId: actor.unitId,
        status,
        departmentId: q.departmentId,
        sourceKind: q.sourceKind,
        q: q.q || undefined,
        page: q.page,
        pageSize: q.pageSize,
      });
      return {
        items: items.map((e) => presentEntry(actor, weights, e)),
        total,
        weights,
        sourceKinds: await repo.sourceKinds(database.db, actor.unitId),
        abilities: { add: poolPolicy.manage(actor), setWeights: poolPolicy.manage(actor) },
      };
    },
  );

  app.post(
    '/pool',
    {
      schema: {
        tags: ['issue pool'],
        summary: 'The office records a matter raised outside the channels (a forum, a visit)',
        body: z
          .object({
            title: z.string().trim().min(2).max(200),
            category: z.string().trim().max(50).nullable().optional(),
            departmentId: z.number().int().positive().nullable().optional(),
            peopleAffected: z.number().int().min(1).max(100000),
            urgency: level,
            feasibility: level,
          })
          .strict(),
        response: { 200: z.object({ entry: entrySchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(poolPolicy.manage(actor));
      const id = await addManualEntry(ctx(req), req.body);
      return { entry: await one(actor.unitId, id, req) };
    },
  );

  app.patch(
    '/pool/:id',
    {
      schema: {
        tags: ['issue pool'],
        summary: 'Assess a matter: urgency, feasibility, status',
        params: idParam,
        body: z
          .object({
            urgency: level.optional(),
            feasibility: level.optional(),
            status: z.enum(POOL_STATUSES).optional(),
          })
          .strict(),
        response: { 200: z.object({ entry: entrySchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(poolPolicy.manage(actor));
      await assessEntry(ctx(req), req.params.id, req.body);
      return { entry: await one(actor.unitId, req.params.id, req) };
    },
  );

  app.put(
    '/pool/weights',
    {
      schema: {
        tags: ['issue pool'],
        summary: "The unit's ranking weights; every matter is re-scored",
        body: weightsSchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      allow(poolPolicy.manage(requireActor(req)));
      await setWeights(ctx(req), req.body);
      return { ok: true as const };
    },
  );

  async function one(unitId: number, id: number, req: FastifyRequest) {
    const entry = await repo.getEntry(database.db, unitId, id);
    if (!entry) throw new AppError('POOL_ENTRY_NOT_FOUND', undefined, 404);
    return presentEntry(requireActor(req), await repo.getWeights(database.db, unitId), entry);
  }
};
