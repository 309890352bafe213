import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../plugins/session.js';
import type { Actor } from '../actor.js';
import { AppError } from '../errors.js';
import { errors, idParam, typed, type RoutePlugin } from '../http.js';
import { loadCalendar } from '../calendar/service.js';
import { addWorkingDays, todayInShanghai } from '../calendar/working-days.js';
import * as commands from './commands.js';
import { deadlinePolicy } from './policy.js';
import { presentDeadline } from './present.js';
import * as repo from './repository.js';
import * as s from './schemas.js';
import './kinds.js';

function allow(ok: boolean) {
  if (!ok) throw new AppError('FORBIDDEN');
}

const within = (path: string, root: string | null) =>
  root !== null && (path === root || path.startsWith(`${root}/`));

export const deadlineRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const ctx = (req: FastifyRequest) => ({ database, actor: requireActor(req) });

  async function actorDepartmentPath(actor: Actor) {
    return actor.departmentId === null
      ? null
      : repo.departmentPath(database.db, actor.unitId, actor.departmentId);
  }

  app.get(
    '/deadlines/board',
    {
      schema: {
        tags: ['supervision'],
        querystring: s.boardQuery,
        response: { 200: s.boardSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(deadlinePolicy.viewBoard(actor));
      const { within: days, departmentId, state } = req.query;
      const cal = await loadCalendar(database, actor.unitId);
      const today = todayInShanghai();
      const rows = await repo.boardRows(
        database.db,
        actor.unitId,
        addWorkingDays(cal, today, days),
      );
      let root: string | null = null;
      if (departmentId !== undefined) {
        root = await repo.departmentPath(database.db, actor.unitId, departmentId);
        if (root === null) throw new AppError('DEPARTMENT_NOT_FOUND');
      }
      const own = await actorDepartmentPath(actor);
      const items = rows
        .filter((r) => root === null || within(r.department_path, root))
        .map((r) => presentDeadline(actor, cal, today, days, r, within(r.department_path, own)))
        .filter((i) => i.state !== 'ok' && (state === 'all' || i.state === state));
      const groups = new Map<number, z.infer<typeof s.boardSchema>['groups'][number]>();
      for (const i of items) {
        let g = groups.get(i.departmentId);
        if (!g) {
          g = {
            departmentId: i.departmentId,
            departmentPath: i.departmentPath,
            late: 0,
            near: 0,
            items: [],
          };
          groups.set(i.departmentId, g);
        }
        g.items.push(i);
        if (i.state === 'late') g.late++;
        else g.near++;
      }
      const list = [...groups.values()].sort(
        (a, b) =>
          b.late - a.late || b.near - a.near || a.departmentPath.localeCompare(b.departmentPath),
      );
      return {
        today,
        within: days,
        groups: list,
        totals: {
          late: list.reduce((n, g) => n + g.late, 0),
          near: list.reduce((n, g) => n + g.near, 0),
        },
      };
    },
  );

  app.post(
    '/deadlines/:id/extension',
    {
      schema: {
        tags: ['supervision'],
        params: idParam,
        body: s.extensionRequestBody,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(deadlinePolicy.requestExtension(actor));
      const d = await repo.getDeadline(database.db, actor.unitId, req.params.id);
      if (!d) throw new AppError('DEADLINE_NOT_FOUND', undefined, 404);
      const path = await repo.departmentPath(database.db, actor.unitId, d.department_id);
      const inDept = path !== null && within(path, await actorDepartmentPath(actor));
      // A head outside the owner department: the record does not exist for them.
      if (!deadlinePolicy.requestExtension(actor, { inActorsDepartment: inDept }))
        throw new AppError('DEADLINE_NOT_FOUND', undefined, 404);
      await commands.requestExtensionCommand(ctx(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/deadlines/:id/extension/decision',
    {
      schema: {
        tags: ['supervision'],
        params: idParam,
        body: s.extensionDecisionBody,
        response: { 200: z.object({ ok: z.literal(true), dueDate: z.string() }), ...errors },
      },
    },
    async (req) => {
      allow(deadlinePolicy.decideExtension(requireActor(req)));
      const { dueDate } = await commands.decideExtensionCommand(ctx(req), req.params.id, req.body);
      return { ok: true as const, dueDate };
    },
  );
};
