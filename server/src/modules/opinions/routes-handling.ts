import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { requireActor } from '../../plugins/session.js';
import { hasRole, type Actor } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import { errors, typed, type RoutePlugin } from '../../core/http.js';
import * as org from '../../core/org/repository.js';
import * as commands from './commands-handling.js';
import { opinionPolicy } from './policy.js';
import { handlerView, inbox } from './present-handling.js';
import * as s from './schemas-handling.js';

/** Routes for the office's and departments' handling: accept, dispatch, sign, bounce, ask, reply, extend, merge, publish. */
export const opinionHandlingRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const ctx = (req: FastifyRequest) => ({ database, actor: requireActor(req) });
  const handler = (a: Actor) => opinionPolicy.handleAll(a) || opinionPolicy.handleForDepartment(a);
  const tags = ['opinions'];

  app.get(
    '/opinions/inbox',
    { schema: { tags, querystring: s.inboxQuery, response: { 200: s.inboxResponse, ...errors } } },
    async (req) => {
      const actor = requireActor(req);
      if (!handler(actor)) throw new AppError('FORBIDDEN');
      let scope: number[] | undefined;
      if (!hasRole(actor, 'office'))
        scope =
          actor.departmentId === null
            ? []
            : await org.subtreeIds(database.db, actor.unitId, actor.departmentId);
      return inbox(database.db, actor, scope, req.query);
    },
  );

  app.get(
    '/opinions/:id',
    {
      schema: {
        tags,
        params: s.opinionIdParam,
        response: { 200: s.handlerViewResponse, ...errors },
      },
    },
    async (req) => ({
      opinion: await handlerView(database.db, requireActor(req), req.params.id),
    }),
  );

  /** One action route: handlers only (403 otherwise), the command, then the fresh view. */
  function action<B extends z.ZodTypeAny | undefined>(
    path: string,
    body: B,
    run: (
      c: ReturnType<typeof ctx>,
      id: string,
      body: B extends z.ZodTypeAny ? z.infer<B> : undefined,
    ) => Promise<unknown>,
  ) {
    app.post(
      `/opinions/:id/${path}`,
      {
        schema: {
          tags,
          params: s.opinionIdParam,
          ...(body ? { body } : {}),
          response: { 200: s.handlerViewResponse, ...errors },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        if (!handler(actor)) throw new AppError('FORBIDDEN');
        const { id } = req.params as { id: string };
        await run(ctx(req), id, req.body as never);
        return { opinion: await handlerView(database.db, actor, id) };
      },
    );
  }

  action('accept', undefined, (c, id) => commands.accept(c, id));
  action('not-accept', s.notAcceptBody, (c, id, b) => commands.notAccept(c, id, b));
  action('dispatch', s.dispatchBody, (c, id, b) => commands.dispatch(c, id, b));
  action('sign', undefined, (c, id) => commands.sign(c, id));
  action('bounce', s.reasonBody, (c, id, b) => commands.bounce(c, id, b));
  action('ask', s.bodyText, (c, id, b) => commands.ask(c, id, b));
  action('reply', s.bodyText, (c, id, b) => commands.reply(c, id, b));
  action('extension', s.extensionBody, (c, id, b) => commands.requestExtension(c, id, b));
  action('extension/decision', s.extensionDecisionBody, (c, id, b) =>
    commands.decideExtension(c, id, b),
  );
  action('merge', s.mergeBody, (c, id, b) => commands.merge(c, id, b));
  action('publish', s.publishBody, (c, id, b) => commands.publish(c, id, b));
};
