import fs from 'node:fs';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../../plugins/session.js';
import type { Actor } from '../actor.js';
import { AppError } from '../errors.js';
import { errors, errorSchema, typed, type RoutePlugin } from '../http.js';
import * as commands from './commands.js';
import { filesConfig } from './config.js';
import { contentDisposition } from './names.js';
import { filesPolicy } from './policy.js';
import { presentAttachment } from './present.js';
import { mayReadRecord } from './registry.js';
import * as repo from './repository.js';
import { attachmentParams, attachmentSchema, recordParams, uploadFieldsSchema } from './schemas.js';
import { PREVIEWABLE } from './sniff.js';
import { blobPath } from './store.js';

/** Attachments: upload, download and preview, each behind the policy of the owning record. */
export const fileRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const config = filesConfig(app.deps.config.dataDir);

  app.post(
    '/files',
    {
      schema: {
        tags: ['files'],
        summary: 'Upload one file (checked by content, image metadata removed); not yet attached',
        description:
          'multipart/form-data: `file`, and optionally `anonymous` (`true`|`false`): an anonymous ' +
          'upload stores no account and only the day, and nobody can open it until it is attached.',
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ attachment: attachmentSchema }),
          ...errors,
          413: errorSchema,
          415: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!filesPolicy.upload(actor)) throw new AppError('FORBIDDEN');
      const upload = await readUpload(req, config.maxBytes);
      const row = await commands.uploadAttachment({ database, actor }, config, upload);
      reply.code(201);
      return { attachment: presentAttachment(row) };
    },
  );

  app.get(
    '/files/records/:kind/:recordId',
    {
      schema: {
        tags: ['files'],
        summary: "A record's attachments, if the record's policy lets the caller see it",
        params: recordParams,
        response: { 200: z.object({ items: z.array(attachmentSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { kind, recordId } = req.params;
      if (!(await mayReadRecord(actor, kind, recordId, database.db))) {
        throw new AppError('ATTACHMENT_NOT_FOUND', undefined, 404);
      }
      const rows = await repo.listRecordAttachments(database.db, actor.unitId, kind, recordId);
      return { items: rows.map(presentAttachment) };
    },
  );

  const fileResponse = { 200: z.unknown().describe('the file'), ...errors, 415: errorSchema };

  app.get(
    '/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Download an attachment',
        params: attachmentParams,
        response: fileResponse,
      },
    },
    async (req, reply) => serve(req, reply, req.params.id, 'attachment'),
  );

  app.get(
    '/files/:id/preview',
    {
      schema: {
        tags: ['files'],
        summary: 'Show an image or a PDF inline (other types: 415)',
        params: attachmentParams,
        response: fileResponse,
      },
    },
    async (req, reply) => serve(req, reply, req.params.id, 'inline'),
  );

  async function readable(actor: Actor, id: string) {
    const row = await repo.getAttachment(database.db, actor.unitId, id);
    if (!row) return null;
    if (row.record_kind === null || row.record_id === null) {
      return filesPolicy.readUnattached(actor, row) ? row : null;
    }
    return (await mayReadRecord(actor, row.record_kind, row.record_id, database.db)) ? row : null;
  }

  async function serve(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    disposition: 'attachment' | 'inline',
  ) {
    const actor = requireActor(req);
    // Missing and forbidden look the same: an id tells nothing about someone else's file.
    const row = await readable(actor, id);
    if (!row) throw new AppError('ATTACHMENT_NOT_FOUND', undefined, 404);
    if (disposition === 'inline' && !PREVIEWABLE.has(row.mime)) {
      throw new AppError('FILE_TYPE_NOT_ALLOWED', undefined, 415);
    }
    const file = blobPath(config.root, row.sha256);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat) {
      req.log.error({ attachment: row.id }, 'attachment bytes missing from the store');
      throw new AppError('ATTACHMENT_NOT_FOUND', undefined, 404);
    }
    return reply
      .type(row.mime === 'text/plain' ? 'text/plain; charset=utf-8' : row.mime)
      .header('content-length', stat.size)
      .header('content-disposition', contentDisposition(disposition, row.name))
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-security-policy',
        // Nothing in a served file may run or load anything; a preview may sit in our own frame.
        `default-src 'none'; frame-ancestors ${disposition === 'inline' ? "'self'" : "'none'"}`,
      )
      .header('cache-control', 'private, no-cache')
      .send(fs.createReadStream(file));
  }
};

/**
 * The file and the `anonymous` field from a multipart body, in either order. Anything wrong
 * with the body is the client's: 4xx with a stable code, never a 500.
 */
async function readUpload(req: FastifyRequest, maxBytes: number): Promise<commands.Upload> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname !== 'file') {
          throw new AppError('VALIDATION_FAILED', [
            { path: `body.${part.fieldname}`, message: 'one file, in the field "file"' },
          ]);
        }
        file = { name: part.filename || 'file', bytes };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; statusCode?: number };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('FILE_TOO_LARGE', { maxBytes }, 413);
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) throw err;
    throw new AppError('BAD_REQUEST');
  }
  if (!file) throw new AppError('VALIDATION_FAILED', [{ path: 'body.file', message: 'required' }]);
  const parsed = uploadFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })),
    );
  }
  return { ...file, anonymous: parsed.data.anonymous === 'true' };
}
