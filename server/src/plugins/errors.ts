import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { translate, type ErrorCode } from '@lianxin/common';
import { AppError } from '../core/errors.js';
import { isUniqueViolation } from '../db/errors.js';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_REQ_FILE_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_FILES_LIMIT: 'BODY_TOO_LARGE',
  FST_PARTS_LIMIT: 'BODY_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * One error shape for the whole API: `{ error: { code, message, details? } }`, the message in
 * the request's language. Bad input is always a 4xx; a 500 is logged and says nothing inside.
 */
export function registerErrorHandling(app: FastifyInstance, opts: { spa: boolean }) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const locale = req.locale;
    const send = (status: number, code: ErrorCode, details?: unknown) =>
      reply.status(status).send({
        error: {
          code,
          message: translate(locale, `error.${code}`),
          ...(details ? { details } : {}),
        },
      });

    if (err instanceof AppError) return send(err.status, err.code, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`.replace(
          /\.$/,
          '',
        ),
        message: v.message,
      }));
      return send(400, 'VALIDATION_FAILED', details);
    }
    // Two requests racing for the same unique value: the loser gets a conflict, not a 500.
    if (isUniqueViolation(err)) return send(409, 'CONFLICT');
    if (err.statusCode === 429) return send(429, 'RATE_LIMITED');
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return send(err.statusCode && err.statusCode < 500 ? err.statusCode : 400, mapped);
    if (err instanceof SyntaxError) return send(400, 'MALFORMED_JSON');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode, 'BAD_REQUEST');
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, 'INTERNAL');
  });

  app.setNotFoundHandler((req, reply) => {
    // The single-page app answers every other GET with its index.html.
    // A missing file (an old asset after a deploy) is a 404, not the page in its place.
    const path = req.url.split('?')[0]!;
    const isFile = path.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(path);
    if (opts.spa && req.method === 'GET' && !path.startsWith('/api/') && !isFile) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({
      error: { code: 'NOT_FOUND', message: translate(req.locale, 'error.NOT_FOUND') },
    });
  });
}
