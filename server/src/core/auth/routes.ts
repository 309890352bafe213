import { z } from 'zod';
import { ROLES } from '@lianxin/common';
import { errors, okSchema, typed, type RoutePlugin } from '../http.js';
import { clearSessionCookie, requireActor, setSessionCookie } from '../../plugins/session.js';
import { AppError } from '../errors.js';
import { allShellAbilities } from '../shell.js';
import * as commands from './commands.js';
import { deviceLabel } from './device.js';
import * as repo from './repository.js';

const meSchema = z.object({
  accountId: z.number(),
  username: z.string(),
  name: z.string(),
  unit: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  person: z
    .object({
      id: z.number(),
      staffNo: z.string(),
      departmentId: z.number(),
      departmentPath: z.string(),
      position: z.string().nullable(),
    })
    .nullable(),
  roles: z.array(z.enum(ROLES)),
  isDemo: z.boolean(),
  mustChangePassword: z.boolean(),
  abilities: z.record(z.string(), z.boolean()),
});

const sessionSchema = z.object({
  id: z.string(),
  device: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});

export const authRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database, config } = app.deps;
  const limits = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  };

  async function me(req: Parameters<typeof requireActor>[0]) {
    const actor = requireActor(req);
    const account = await repo.getAccount(database.db, actor.accountId);
    const unit = await database.db
      .selectFrom('units')
      .select(['id', 'code', 'name'])
      .where('id', '=', actor.unitId)
      .executeTakeFirstOrThrow();
    const person = actor.personId
      ? await database.db
          .selectFrom('people')
          .innerJoin('departments', 'departments.id', 'people.department_id')
          .select([
            'people.id',
            'people.staff_no',
            'people.department_id',
            'people.position',
            'departments.path',
          ])
          .where('people.id', '=', actor.personId)
          .executeTakeFirst()
      : undefined;
    return {
      accountId: actor.accountId,
      username: actor.username,
      name: actor.name,
      unit,
      person: person
        ? {
            id: person.id,
            staffNo: person.staff_no,
            departmentId: person.department_id,
            departmentPath: person.path,
            position: person.position,
          }
        : null,
      roles: [...actor.roles],
      isDemo: account?.is_demo === 1,
      mustChangePassword: req.passwordChangeRequired,
      abilities: allShellAbilities(actor),
    };
  }

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Password login; sets the session cookie',
        body: z
          .object({
            username: z.string().trim().min(1).max(64),
            password: z.string().min(1).max(256),
            unit: z.string().trim().min(1).max(64).optional(),
          })
          .strict(),
        response: { 200: z.object({ me: meSchema }), ...errors },
      },
    },
    async (req, reply) => {
      const result = await commands.login(
        database,
        { ...req.body, device: deviceLabel(req.headers['user-agent']) },
        limits,
      );
      setSessionCookie(reply, config, result.token, result.expiresAt);
      const actor = await repo.loadActor(database.db, result.accountId, result.sessionId);
      if (!actor) throw new AppError('AUTH_FAILED');
      req.passwordChangeRequired = commands.mustChangePassword(actor.account, actor.roles);
      const { account: _a, ...plainActor } = actor;
      req.actor = plainActor;
      return { me: await me(req) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true, duringPasswordChange: true },
      schema: { tags: ['auth'], response: { 200: okSchema, ...errors } },
    },
    async (req, reply) => {
      if (req.actor) await commands.logout({ database, actor: req.actor });
      clearSessionCookie(reply, config);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { duringPasswordChange: true },
      schema: { tags: ['auth'], response: { 200: z.object({ me: meSchema }), ...errors } },
    },
    async (req) => ({ me: await me(req) }),
  );

  app.post(
    '/auth/change-password',
    {
      config: { duringPasswordChange: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: z
          .object({
            currentPassword: z.string().min(1).max(256),
            newPassword: z.string().min(1).max(256),
          })
          .strict(),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await commands.changePassword({ database, actor: requireActor(req) }, req.body);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/sessions',
    {
      config: { duringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: "The signed-in person's live sessions",
        response: { 200: z.object({ items: z.array(sessionSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const rows = await repo.listLiveSessions(
        database.db,
        actor.accountId,
        new Date().toISOString(),
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          device: r.device,
          createdAt: r.created_at,
          lastSeenAt: r.last_seen_at,
          expiresAt: r.expires_at,
          current: r.id === actor.sessionId,
        })),
      };
    },
  );

  app.post(
    '/auth/sessions/:id/end',
    {
      config: { duringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'End one of my sessions',
        params: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      await commands.endOwnSession({ database, actor }, req.params.id);
      if (req.params.id === actor.sessionId) clearSessionCookie(reply, config);
      return { ok: true as const };
    },
  );
};
