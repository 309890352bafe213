import type { FastifyRequest } from 'fastify';
import { CONTENT_ROLES } from '@lianxin/common';
import { hasRole, type Actor } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import { filesConfig } from '../../core/files/config.js';
import { errors, errorSchema, typed, type RoutePlugin } from '../../core/http.js';
import { requireActor } from '../../plugins/session.js';
import * as commands from './commands.js';
import { consultationPolicy } from './policy.js';
import * as s from './schemas.js';

/** Staff who may be asked: a person with a content role (the menu's commentConsultations). */
export const mayComment = (a: Actor) => a.personId !== null && hasRole(a, ...CONTENT_ROLES);
const mayRead = (a: Actor) => mayComment(a) || consultationPolicy.create(a);

function allow(ok: boolean) {
  if (!ok) throw new AppError('FORBIDDEN');
}

/** Every route of the consultations module, under /api (docs/consultations-design.md). */
export const consultationsRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const files = filesConfig(app.deps.config.dataDir);
  const actorFor = (req: FastifyRequest, ok: (a: Actor) => boolean) => {
    const actor = requireActor(req);
    allow(ok(actor));
    return actor;
  };
  const tags = ['consultations'];

  app.get(
    '/consultations',
    {
      schema: {
        tags,
        summary: 'Open consultations to comment on, my comments, published reports, my drafts',
        response: { 200: s.listResponse, ...errors },
      },
    },
    async (req) => commands.list(database.db, actorFor(req, mayRead)),
  );

  app.post(
    '/consultations/preview',
    {
      schema: {
        tags,
        summary: 'Split a pasted draft into sections without saving anything',
        body: s.previewBody,
        response: { 200: s.previewResponse, ...errors },
      },
    },
    async (req) => {
      actorFor(req, consultationPolicy.create);
      return commands.preview(req.body.text);
    },
  );

  app.post(
    '/consultations/docx-text',
    {
      schema: {
        tags,
        summary:
          "The text and split of an uploaded .docx (the caller's own upload, POST /api/files)",
        body: s.docxBody,
        response: { 200: s.docxResponse, ...errors, 415: errorSchema },
      },
    },
    async (req) => {
      const actor = actorFor(req, consultationPolicy.create);
      return commands.readDocx(database, files, actor, req.body.attachmentId);
    },
  );

  app.post(
    '/consultations',
    {
      schema: {
        tags,
        summary: 'Publish a draft for comment (split into sections as previewed)',
        body: s.createBody,
        response: { 200: s.consultationResponse, ...errors },
      },
    },
    async (req) => {
      const actor = actorFor(req, consultationPolicy.create);
      const id = await commands.create({ database, actor }, req.body);
      return { consultation: await commands.view(database.db, actor, id) };
    },
  );

  app.get(
    '/consultations/:id',
    {
      schema: {
        tags,
        summary:
          'The draft with its sections, counts, my stance and comments (all, to its drafters)',
        params: s.idParams,
        response: { 200: s.consultationResponse, ...errors },
      },
    },
    async (req) => {
      const actor = actorFor(req, mayRead);
      return { consultation: await commands.view(database.db, actor, req.params.id) };
    },
  );

  app.get(
    '/consultations/:id/report',
    {
      schema: {
        tags,
        summary: 'The adoption report (意见采纳情况): counts and answers per section, no names',
        params: s.idParams,
        response: { 200: s.reportResponse, ...errors },
      },
    },
    async (req) => {
      const actor = actorFor(req, mayRead);
      return { report: await commands.report(database.db, actor, req.params.id) };
    },
  );

  app.post(
    '/consultations/:id/sections/:sectionId/stance',
    {
      schema: {
        tags,
        summary: 'Agree or disagree with a section (null withdraws); changeable while open',
        params: s.sectionParams,
        body: s.stanceBody,
        response: { 200: s.consultationResponse, ...errors },
      },
    },
    async (req) => {
      const actor = actorFor(req, mayComment);
      const { id, sectionId } = req.params;
      await commands.setStance({ database, actor }, id, sectionId, req.body.stance);
      return { consultation: await commands.view(database.db, actor, id) };
    },
  );

  app.post(
    '/consultations/:id/sections/:sectionId/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a section (named: the drafting side sees who wrote it)',
        params: s.sectionParams,
        body: s.commentBody,
        response: { 200: s.consultationResponse, ...errors },
      },
    },
    async (req) => {
      const actor = actorFor(req, mayComment);
      const { id, sectionId } = req.params;
      await commands.comment({ database, actor }, id, sectionId, req.body.body);
      return { consultation: await commands.view(database.db, actor, id) };
    },
  );

  app.post(
    '/consultations/:id/comments/:commentId/answer',
    {
      schema: {
        tags,
        summary: 'Answer a comment: adopted, partly adopted (reason) or not adopted (reason)',
        params: s.commentParams,
        body: s.answerBody,
        response: { 200: s.consultationResponse, ...errors },
      },
    },
    async (req) => {
      const actor = actorFor(req, consultationPolicy.create);
      const { id, commentId } = req.params;
      await commands.answer({ database, actor }, id, commentId, req.body);
      return { consultation: await commands.view(database.db, actor, id) };
    },
  );

  app.post(
    '/consultations/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the consultation before (or after) its last day',
        params: s.idParams,
        response: { 200: s.consultationResponse, ...errors },
      },
    },
    async (req) => {
      const actor = actorFor(req, consultationPolicy.create);
      await commands.close({ database, actor }, req.params.id);
      return { consultation: await commands.view(database.db, actor, req.params.id) };
    },
  );

  app.post(
    '/consultations/:id/report',
    {
      schema: {
        tags,
        summary: 'Publish the adoption report (every comment answered, consultation closed)',
        params: s.idParams,
        response: { 200: s.reportResponse, ...errors },
      },
    },
    async (req) => {
      const actor = actorFor(req, consultationPolicy.create);
      await commands.publishReport({ database, actor }, req.params.id);
      return { report: await commands.report(database.db, actor, req.params.id) };
    },
  );
};
