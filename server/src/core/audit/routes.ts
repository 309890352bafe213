import { z } from 'zod';
import { requireActor } from '../../plugins/session.js';
import { AppError } from '../errors.js';
import { errors, typed, type RoutePlugin } from '../http.js';
import { orgPolicy } from '../org/policy.js';
import { distinctActions, searchAudit, verifyChains } from './repository.js';
import { shanghaiDayStart } from './dates.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const entrySchema = z.object({
  id: z.number(),
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  detail: z.unknown(),
});

/** The audit administrator's window on the trail: search and verify. Nothing here writes. */
export const auditRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;

  const auditor = (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    if (!orgPolicy.readAudit(actor)) throw new AppError('FORBIDDEN');
    return actor;
  };

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: z
          .object({
            actor: z.string().trim().max(50).optional(),
            action: z.string().trim().max(80).optional(),
            from: date.optional(),
            to: date.optional(),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(entrySchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = auditor(req);
      const q = req.query;
      const { items, total } = await searchAudit(database, {
        unitId: actor.unitId,
        actor: q.actor || undefined,
        action: q.action || undefined,
        from: q.from ? shanghaiDayStart(q.from) : undefined,
        to: q.to ? shanghaiDayStart(q.to, 1) : undefined,
        page: q.page,
        pageSize: q.pageSize,
      });
      return {
        total,
        items: items.map((e) => ({
          id: e.id,
          seq: e.seq,
          at: e.at,
          actor: e.actor_label,
          action: e.action,
          targetType: e.target_type,
          targetId: e.target_id,
          detail: JSON.parse(e.detail) as unknown,
        })),
      };
    },
  );

  app.get(
    '/audit/actions',
    {
      schema: {
        tags: ['audit'],
        response: { 200: z.object({ items: z.array(z.string()) }), ...errors },
      },
    },
    async (req) => ({ items: await distinctActions(database.db, auditor(req).unitId) }),
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: "Recompute the unit's hash chain and report the first broken link",
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            breaks: z.array(
              z.object({ unitId: z.number(), seq: z.number(), id: z.number(), reason: z.string() }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = auditor(req);
      const result = await verifyChains(database, undefined, actor.unitId);
      return { ok: result.breaks.length === 0, ...result };
    },
  );
};
