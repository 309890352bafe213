import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../plugins/session.js';
import { AppError } from '../errors.js';
import { errors, errorSchema, idParam, typed, type RoutePlugin } from '../http.js';
import { orgPolicy } from '../org/policy.js';
import * as commands from './commands.js';
import { presentImport } from './present.js';
import { liveProgress } from './progress.js';
import * as repo from './repository.js';
import { rosterImportSchema, uploadFieldsSchema } from './schemas.js';
import { rosterTemplate, XLSX_TYPE } from './template.js';

/** docs/api-contract.md "Roster import". Office and system administrator only. */
export const rosterRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  // Imports still running when the server shuts down are let finish (they take seconds), so a
  // graceful stop neither rolls one back nor leaves its row `running`.
  const running = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });

  function importer(req: FastifyRequest) {
    const actor = requireActor(req);
    if (!orgPolicy.importRoster(actor)) throw new AppError('FORBIDDEN');
    return actor;
  }

  app.post(
    '/roster/imports',
    {
      schema: {
        tags: ['roster'],
        summary:
          'Upload a roster (.xlsx or .csv) to import; runs in the background, poll GET for progress',
        description:
          'multipart/form-data: `file`, and the fields `dryRun` and `deactivateMissing` (`true`|`false`, ' +
          'default false), before or after the file.',
        consumes: ['multipart/form-data'],
        response: {
          202: z.object({ import: rosterImportSchema }),
          ...errors,
          413: errorSchema,
          415: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const actor = importer(req);
      const upload = await readUpload(req);
      const ctx = { database, actor };
      const id = await commands.beginRosterImport(ctx, upload);
      const row = await repo.getImport(database.db, actor.unitId, id);
      if (!row) throw new AppError('IMPORT_NOT_FOUND');
      // Not awaited: the client polls GET /roster/imports/:id. Failures are recorded on the row.
      const work = commands
        .runRosterImport(ctx, id, upload)
        .catch((err: unknown) => {
          app.log.error({ err, importId: id }, 'roster import failed');
        })
        .finally(() => running.delete(work));
      running.add(work);
      reply.code(202);
      return { import: presentImport(row) };
    },
  );

  app.get(
    '/roster/imports/:id',
    {
      schema: {
        tags: ['roster'],
        summary: 'One import, with its progress while it runs',
        params: idParam,
        response: { 200: z.object({ import: rosterImportSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = importer(req);
      const row = await repo.getImport(database.db, actor.unitId, req.params.id);
      if (!row) throw new AppError('IMPORT_NOT_FOUND');
      return { import: presentImport(row, liveProgress(database, row.id)) };
    },
  );

  app.get(
    '/roster/imports',
    {
      schema: {
        tags: ['roster'],
        summary: "The unit's latest 50 imports",
        response: { 200: z.object({ items: z.array(rosterImportSchema) }), ...errors },
      },
    },
    async (req) => {
      const actor = importer(req);
      const rows = await repo.listImports(database.db, actor.unitId, 50);
      return { items: rows.map((r) => presentImport(r, liveProgress(database, r.id))) };
    },
  );

  app.get(
    '/roster/template.xlsx',
    {
      schema: {
        tags: ['roster'],
        summary: 'A roster template with the Chinese headers and two example rows',
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe('the .xlsx file'), ...errors },
      },
    },
    async (req, reply) => {
      importer(req);
      const file = await rosterTemplate();
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent('花名册模板.xlsx')}`,
        )
        .send(file);
    },
  );
};

/**
 * The file and the two flags from a multipart body, in whatever order the client sent them.
 * Anything wrong with the body is the client's: 4xx with a stable code, never a 500.
 */
async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const fields: Record<string, string> = {};
  let file: { fileName: string; buffer: Buffer } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname !== 'file' || file) {
          throw new AppError('VALIDATION_FAILED', [
            { path: `body.${part.fieldname}`, message: 'one file, in the field "file"' },
          ]);
        }
        file = { fileName: part.filename || 'roster', buffer };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; statusCode?: number };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('IMPORT_FILE_TOO_LARGE');
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) throw err;
    // busboy's "Unexpected end of form", a malformed part header and the like.
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
  return { ...file, ...parsed.data };
}
