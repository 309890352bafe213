import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../plugins/session.js';
import { AppError } from '../../core/errors.js';
import { errors, typed, type RoutePlugin } from '../../core/http.js';
import * as commands from './commands-staff.js';
import { opinionPolicy } from './policy.js';
import { presentMineItem, presentWallItem } from './present.js';
import * as repo from './repository.js';
import * as s from './schemas-staff.js';

function allow(ok: boolean) {
  if (!ok) throw new AppError('FORBIDDEN');
}

/** Guessing receipt codes: 10 tries a minute per address, in memory (the session is ignored). */
const trackLimit = {
  max: 10,
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => `opinion-track:${req.ip}`,
};

const trackedResponse = { 200: z.object({ opinion: s.opinionViewSchema }), ...errors };

/** Routes for submitting, tracking with a receipt, answering, rating, the public wall. */
export const opinionStaffRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const ctx = (req: FastifyRequest) => ({ database, actor: requireActor(req) });

  app.post(
    '/opinions',
    {
      // No request log line at a submission: an anonymous one must leave no trace of its time.
      logLevel: 'warn',
      schema: {
        tags: ['opinions'],
        summary: 'Submit an opinion, named or anonymous (Idempotency-Key header for retries)',
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: s.submitBody,
        response: { 200: s.submitResponse, ...errors },
      },
    },
    async (req) => {
      const c = ctx(req);
      allow(opinionPolicy.submit(c.actor));
      return commands.submitOpinion(c, req.body, req.headers['idempotency-key']);
    },
  );

  app.get(
    '/opinions/mine',
    {
      schema: {
        tags: ['opinions'],
        summary: 'My named opinions (anonymous ones are never listed)',
        response: { 200: z.object({ items: z.array(s.mineItemSchema) }), ...errors },
      },
    },
    async (req) => {
      const c = ctx(req);
      allow(opinionPolicy.submit(c.actor));
      const [rows, names] = await Promise.all([
        commands.listMine(c),
        repo.departmentNames(database.db, c.actor.unitId),
      ]);
      return { items: rows.map((r) => presentMineItem(r, names)) };
    },
  );

  app.post(
    '/opinions/track',
    {
      config: { public: true, rateLimit: trackLimit },
      logLevel: 'warn',
      schema: {
        tags: ['opinions'],
        summary: 'Follow an anonymous opinion with its receipt code',
        body: s.receiptBody,
        response: trackedResponse,
      },
    },
    async (req) => {
      const row = await commands.findByReceipt(database, req.body.receiptCode);
      return { opinion: await commands.submitterView(database.db, row) };
    },
  );

  app.post(
    '/opinions/track/answer',
    {
      config: { public: true, rateLimit: trackLimit },
      logLevel: 'warn',
      schema: {
        tags: ['opinions'],
        summary: "Answer the handler's question on an anonymous opinion",
        body: s.trackAnswerBody,
        response: trackedResponse,
      },
    },
    async (req) => {
      const row = await commands.findByReceipt(database, req.body.receiptCode);
      await commands.answerQuestion(
        commands.anonymousContext(database, row.unit_id),
        row.id,
        req.body.body,
        { anonymous: true },
      );
      const after = await repo.getOpinion(database.db, row.unit_id, row.id);
      return { opinion: await commands.submitterView(database.db, after!) };
    },
  );

  app.post(
    '/opinions/track/rate',
    {
      config: { public: true, rateLimit: trackLimit },
      logLevel: 'warn',
      schema: {
        tags: ['opinions'],
        summary: 'Rate the reply to an anonymous opinion',
        body: s.trackRateBody,
        response: trackedResponse,
      },
    },
    async (req) => {
      const { receiptCode, ...rating } = req.body;
      const row = await commands.findByReceipt(database, receiptCode);
      await commands.rateOpinion(commands.anonymousContext(database, row.unit_id), row.id, rating, {
        anonymous: true,
      });
      const after = await repo.getOpinion(database.db, row.unit_id, row.id);
      return { opinion: await commands.submitterView(database.db, after!) };
    },
  );

  app.get(
    '/opinions/wall',
    {
      schema: {
        tags: ['opinions'],
        summary: 'Published opinions with their replies, names removed',
        querystring: s.wallQuery,
        response: {
          200: z.object({ items: z.array(s.wallItemSchema), total: z.number() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const c = ctx(req);
      allow(opinionPolicy.submit(c.actor));
      const { items, total } = await repo.listWall(database.db, database.kind, c.actor.unitId, {
        q: req.query.q,
        page: req.query.page,
      });
      const mine = await repo.meTooOf(
        database.db,
        c.actor.accountId,
        items.map((i) => i.id),
      );
      return {
        items: items.map((i) => presentWallItem(i, { mine: mine.has(i.id), may: true })),
        total,
      };
    },
  );

  app.post(
    '/opinions/:id/me-too',
    {
      schema: {
        tags: ['opinions'],
        summary: '"Me too" on a published opinion (once per person)',
        params: s.opinionIdParam,
        response: { 200: z.object({ item: s.wallItemSchema }), ...errors },
      },
    },
    async (req) => {
      const c = ctx(req);
      allow(opinionPolicy.submit(c.actor));
      return { item: await commands.meToo(c, req.params.id) };
    },
  );

  app.post(
    '/opinions/:id/answer',
    {
      schema: {
        tags: ['opinions'],
        summary: "Answer the handler's question on my named opinion",
        params: s.opinionIdParam,
        body: s.answerBody,
        response: trackedResponse,
      },
    },
    async (req) => {
      const c = ctx(req);
      allow(opinionPolicy.submit(c.actor));
      await commands.ownOpinion(database.db, c.actor.unitId, c.actor.accountId, req.params.id);
      await commands.answerQuestion(c, req.params.id, req.body.body, { anonymous: false });
      const after = await repo.getOpinion(database.db, c.actor.unitId, req.params.id);
      return { opinion: await commands.submitterView(database.db, after!) };
    },
  );

  app.post(
    '/opinions/:id/rate',
    {
      schema: {
        tags: ['opinions'],
        summary: 'Rate the reply to my named opinion',
        params: s.opinionIdParam,
        body: s.rateBody,
        response: trackedResponse,
      },
    },
    async (req) => {
      const c = ctx(req);
      allow(opinionPolicy.submit(c.actor));
      await commands.ownOpinion(database.db, c.actor.unitId, c.actor.accountId, req.params.id);
      await commands.rateOpinion(c, req.params.id, req.body, { anonymous: false });
      const after = await repo.getOpinion(database.db, c.actor.unitId, req.params.id);
      return { opinion: await commands.submitterView(database.db, after!) };
    },
  );
};
