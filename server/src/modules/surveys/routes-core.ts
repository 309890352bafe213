import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../plugins/session.js';
import { errors, idParam, okSchema, typed, type RoutePlugin } from '../../core/http.js';
import * as commands from './commands.js';
import * as s from './schemas.js';

/** Survey routes: builder, answering, reminders (docs/surveys-api.md). Thin: commands do the work. */
export const surveyCoreRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const ctx = (req: FastifyRequest) => ({ database, actor: requireActor(req) });
  const view = (req: FastifyRequest, id: number) =>
    commands.surveyView(database.db, requireActor(req), id);
  const tags = ['surveys'];

  app.get(
    '/surveys',
    {
      schema: {
        tags,
        summary: 'Surveys to answer (scope=mine) or to manage (scope=manage)',
        querystring: s.listQuery,
        response: { 200: s.listResponse, ...errors },
      },
    },
    async (req) => ({
      items: await commands.listSurveys(database.db, requireActor(req), req.query.scope),
    }),
  );

  app.post(
    '/surveys',
    {
      schema: {
        tags,
        summary: 'Create a draft survey (office; a department head for their department)',
        body: s.surveyInput,
        response: { 200: s.surveyResponse, ...errors },
      },
    },
    async (req) => {
      const id = await commands.createSurvey(ctx(req), req.body);
      return { survey: await view(req, id) };
    },
  );

  app.get(
    '/surveys/:id',
    {
      schema: {
        tags,
        summary: 'One survey: to answer (my option order, my draft) or to manage',
        params: idParam,
        response: { 200: s.surveyResponse, ...errors },
      },
    },
    async (req) => ({ survey: await view(req, req.params.id) }),
  );

  app.put(
    '/surveys/:id',
    {
      schema: {
        tags,
        summary: 'Edit a survey (questions lock once anyone has answered)',
        params: idParam,
        body: s.surveyInput,
        response: { 200: s.surveyResponse, ...errors },
      },
    },
    async (req) => {
      await commands.updateSurvey(ctx(req), req.params.id, req.body);
      return { survey: await view(req, req.params.id) };
    },
  );

  for (const action of ['open', 'close'] as const) {
    app.post(
      `/surveys/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'open'
              ? 'Open a draft now (fixes the audience snapshot)'
              : 'Close an open survey now',
          params: idParam,
          response: { 200: s.surveyResponse, ...errors },
        },
      },
      async (req) => {
        if (action === 'open') await commands.openSurvey(ctx(req), req.params.id);
        else await commands.closeSurvey(ctx(req), req.params.id);
        return { survey: await view(req, req.params.id) };
      },
    );
  }

  app.post(
    '/surveys/:id/remind',
    {
      schema: {
        tags,
        summary: 'Remind those who have not answered (at most once a day each)',
        params: idParam,
        response: { 200: s.remindResponse, ...errors },
      },
    },
    async (req) => ({ reminded: await commands.remindSurvey(ctx(req), req.params.id) }),
  );

  app.put(
    '/surveys/:id/draft',
    {
      // No request log line: answering leaves no trace of its time.
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'Save my answers to continue later (not checked for required answers)',
        params: idParam,
        body: s.answersBody,
        response: { 200: s.draftResponse, ...errors },
      },
    },
    async (req) => commands.saveDraft(ctx(req), req.params.id, req.body.answers),
  );

  app.post(
    '/surveys/:id/responses',
    {
      // No request log line at a submission: an anonymous answer leaves no trace of its time.
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'Submit my answers, once (Idempotency-Key header for retries)',
        params: idParam,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: s.answersBody,
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) =>
      commands.submitResponse(
        ctx(req),
        req.params.id,
        req.body.answers,
        req.headers['idempotency-key'],
      ),
  );
};
