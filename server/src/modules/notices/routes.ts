import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { todayInShanghai } from '../../core/calendar/working-days.js';
import { AppError } from '../../core/errors.js';
import { errors, typed, type RoutePlugin } from '../../core/http.js';
import { requireActor } from '../../plugins/session.js';
import * as commands from './commands.js';
import * as objections from './commands-objections.js';
import * as verify from './verify.js';
import * as views from './views.js';
import { archiveWorkbook, noticeWorkbook, XLSX_TYPE } from './export.js';
import { NOTICE_TYPES, noticePolicy } from './policy.js';
import { presentListItem } from './present.js';
import * as repo from './repository.js';
import * as s from './schemas.js';

function allow(ok: boolean) {
  if (!ok) throw new AppError('FORBIDDEN');
}

const PAGE_SIZE = 20;
const tags = ['notices'];

/** Guessing receipt codes: 10 tries a minute per address. */
const trackLimit = {
  max: 10,
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => `notice-track:${req.ip}`,
};

/** Every route of the notices module, under /api (docs/notices-api.md). */
export const noticesRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const db = database.db;
  const ctx = (req: FastifyRequest) => ({ database, actor: requireActor(req) });
  const reader = (req: FastifyRequest) => {
    const actor = requireActor(req);
    allow(noticePolicy.read(actor) || noticePolicy.manage(actor));
    return actor;
  };
  const office = (req: FastifyRequest) => {
    const c = ctx(req);
    allow(noticePolicy.manage(c.actor));
    return c;
  };
  const noticeOut = { 200: s.noticeResponse, ...errors };

  app.get(
    '/notices/types',
    {
      schema: {
        tags,
        summary: 'Notice types with their period, objection and privacy settings',
        response: { 200: z.object({ types: z.array(s.typeInfoSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = reader(req);
      const settings = await views.unitNoticeSettings(db, actor.unitId);
      return { types: NOTICE_TYPES.map((t) => settings.types[t]) };
    },
  );

  app.get(
    '/notices',
    {
      schema: {
        tags,
        summary: 'Notices: in scope (published and closed) for staff, all for the office',
        querystring: s.listQuery,
        response: {
          200: z.object({ items: z.array(s.listItemSchema), total: z.number() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = reader(req);
      const manage = noticePolicy.manage(actor);
      let scope: number[] | null = null;
      if (!manage) {
        scope = views.ancestorIds(await repo.unitDepartments(db, actor.unitId), actor.departmentId);
      }
      const all = ['draft', 'in_review', 'scheduled', 'published', 'closed'];
      const visible = manage ? all : ['published', 'closed'];
      const statuses = req.query.status ? visible.filter((x) => x === req.query.status) : visible;
      const { rows, total } = await repo.listNotices(db, database.kind, {
        unitId: actor.unitId,
        scopeDepartmentIds: scope,
        statuses,
        type: req.query.type,
        year: req.query.year,
        q: req.query.q || undefined,
        page: req.query.page,
        pageSize: PAGE_SIZE,
      });
      const ids = rows.map((r) => r.id);
      const [read, open] = await Promise.all([
        repo.readNoticeIds(db, actor.accountId, ids),
        repo.openObjectionCounts(db, ids),
      ]);
      const today = todayInShanghai();
      return {
        items: rows.map((r) =>
          presentListItem(r, {
            unread: (r.status === 'published' || r.status === 'closed') && !read.has(r.id),
            today,
            openObjections: open.get(r.id) ?? 0,
          }),
        ),
        total,
      };
    },
  );

  app.get(
    '/notices/unread-count',
    {
      schema: {
        tags,
        summary: 'How many published notices in my scope I have not read (the badge)',
        response: { 200: z.object({ count: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(noticePolicy.read(actor));
      const scope = views.ancestorIds(
        await repo.unitDepartments(db, actor.unitId),
        actor.departmentId,
      );
      const { rows } = await repo.listNotices(db, database.kind, {
        unitId: actor.unitId,
        scopeDepartmentIds: scope,
        statuses: ['published'],
        page: 1,
        pageSize: 1000,
      });
      const read = await repo.readNoticeIds(
        db,
        actor.accountId,
        rows.map((r) => r.id),
      );
      return { count: rows.filter((r) => !read.has(r.id)).length };
    },
  );

  app.post(
    '/notices',
    {
      schema: { tags, summary: 'Create a draft notice', body: s.noticeInput, response: noticeOut },
    },
    async (req) => {
      const c = office(req);
      const id = await commands.createNotice(c, req.body);
      return { notice: await views.noticeView(database, c.actor, id) };
    },
  );

  app.put(
    '/notices/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft (a published notice is immutable: NOTICE_IMMUTABLE)',
        params: s.noticeIdParam,
        body: s.noticeInput,
        response: noticeOut,
      },
    },
    async (req) => {
      const c = office(req);
      await commands.updateDraft(c, req.params.id, req.body);
      return { notice: await views.noticeView(database, c.actor, req.params.id) };
    },
  );

  app.post(
    '/notices/:id/submit-review',
    {
      schema: {
        tags,
        summary: 'Submit a draft for review by another office member',
        params: s.noticeIdParam,
        response: noticeOut,
      },
    },
    async (req) => {
      const c = office(req);
      await commands.submitForReview(c, req.params.id);
      return { notice: await views.noticeView(database, c.actor, req.params.id) };
    },
  );

  app.post(
    '/notices/:id/review',
    {
      schema: {
        tags,
        summary: 'Approve (publish now or at publishAt) or send back a notice in review',
        params: s.noticeIdParam,
        body: s.reviewBody,
        response: noticeOut,
      },
    },
    async (req) => {
      const c = office(req);
      await commands.review(c, req.params.id, req.body);
      return { notice: await views.noticeView(database, c.actor, req.params.id) };
    },
  );

  app.post(
    '/notices/:id/corrections',
    {
      schema: {
        tags,
        summary: 'Publish a correction: a new version with its reason',
        params: s.noticeIdParam,
        body: s.correctionBody,
        response: noticeOut,
      },
    },
    async (req) => {
      const c = office(req);
      await commands.correctNotice(c, req.params.id, req.body);
      return { notice: await views.noticeView(database, c.actor, req.params.id) };
    },
  );

  app.get(
    '/notices/:id',
    {
      schema: {
        tags,
        summary: 'One notice (a read by someone in scope is counted once)',
        params: s.noticeIdParam,
        response: noticeOut,
      },
    },
    async (req) => {
      const actor = reader(req);
      const { notice, inScope } = await views.visibleNotice(db, actor, req.params.id);
      await views.countRead(database, actor, notice, inScope);
      return { notice: await views.noticeView(database, actor, req.params.id) };
    },
  );

  app.get(
    '/notices/:id/versions/:version',
    {
      schema: {
        tags,
        summary: 'One published version with its canonical text and fingerprint',
        params: s.versionParam,
        response: { 200: z.object({ version: s.versionSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = reader(req);
      return {
        version: await views.versionView(database, actor, req.params.id, req.params.version),
      };
    },
  );

  app.get(
    '/notices/:id/verify',
    {
      schema: {
        tags,
        summary: 'Recompute every version fingerprint from the stored rows and compare',
        params: s.noticeIdParam,
        response: { 200: s.verifySchema, ...errors },
      },
    },
    async (req) => {
      const actor = reader(req);
      await views.visibleNotice(db, actor, req.params.id);
      return verify.verifyVersions(db, req.params.id);
    },
  );

  app.get(
    '/notices/:id/reads',
    {
      schema: {
        tags,
        summary: 'Who has read the notice, per department (office only)',
        params: s.noticeIdParam,
        response: { 200: s.readsSchema, ...errors },
      },
    },
    async (req) => {
      const c = office(req);
      const { notice, scopeIds, deps } = await views.visibleNotice(db, c.actor, req.params.id);
      return views.readFigures(database, notice, scopeIds, deps);
    },
  );

  app.post(
    '/notices/:id/objections',
    {
      // No request log line: an anonymous objection must leave no trace of its time.
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'Object to one item during the period (Idempotency-Key header for retries)',
        params: s.noticeIdParam,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: s.objectionBody,
        response: {
          200: z.object({ objection: s.objectionSchema, receiptCode: z.string().optional() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = reader(req);
      return objections.submitObjection(
        { database, actor },
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
      );
    },
  );

  app.get(
    '/notices/:id/objections',
    {
      schema: {
        tags,
        summary: 'The objections to a notice (office)',
        params: s.noticeIdParam,
        response: { 200: z.object({ items: z.array(s.objectionSchema) }), ...errors },
      },
    },
    async (req) => {
      const c = office(req);
      return { items: await views.listNoticeObjections(database, c.actor, req.params.id) };
    },
  );

  app.get(
    '/notices/objections/mine',
    {
      schema: {
        tags,
        summary: 'My named objections and their findings',
        response: { 200: z.object({ items: z.array(s.objectionSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(noticePolicy.read(actor));
      return { items: await views.listMyObjections(database, actor) };
    },
  );

  app.post(
    '/notices/objections/track',
    {
      config: { public: true, rateLimit: trackLimit },
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'Follow an anonymous objection with its receipt code',
        body: s.receiptBody,
        response: { 200: z.object({ objection: s.objectionSchema }), ...errors },
      },
    },
    async (req) => ({ objection: await objections.findByReceipt(database, req.body.receiptCode) }),
  );

  app.post(
    '/notices/objections/:id/finding',
    {
      schema: {
        tags,
        summary: 'Record the finding on an objection (upheld items are withdrawn or corrected)',
        params: s.objectionIdParam,
        body: s.findingBody,
        response: { 200: z.object({ objection: s.objectionSchema }), ...errors },
      },
    },
    async (req) => {
      const c = office(req);
      return { objection: await objections.recordFinding(c, req.params.id, req.body) };
    },
  );

  app.post(
    '/notices/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a notice after its period, once every objection has a finding',
        params: s.noticeIdParam,
        body: s.closeBody,
        response: noticeOut,
      },
    },
    async (req) => {
      const c = office(req);
      await commands.closeNotice(c, req.params.id, req.body?.note);
      return { notice: await views.noticeView(database, c.actor, req.params.id) };
    },
  );

  app.get(
    '/notices/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The archive (published and closed notices) as .xlsx',
        querystring: s.exportQuery,
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe('the .xlsx file'), ...errors },
      },
    },
    async (req, reply) => {
      const c = office(req);
      const file = await archiveWorkbook(database, c.actor, req.query, req.locale);
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="notices-${req.query.year ?? 'all'}.xlsx"`,
        )
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  app.get(
    '/notices/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: 'One notice with its items, objections and findings as .xlsx',
        params: s.noticeIdParam,
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe('the .xlsx file'), ...errors },
      },
    },
    async (req, reply) => {
      const c = office(req);
      const { notice } = await views.visibleNotice(db, c.actor, req.params.id);
      const file = await noticeWorkbook(database, notice, req.locale);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="notice-${notice.id}.xlsx"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
};
