import { z } from 'zod';
import { requireActor } from '../../plugins/session.js';
import { AppError } from '../../core/errors.js';
import { errors, typed, type RoutePlugin } from '../../core/http.js';
import { todayInShanghai } from '../../core/calendar/working-days.js';
import { opinionPolicy } from './policy.js';
import { opinionFigures } from './statistics.js';
import { figuresWorkbook, XLSX_TYPE } from './export-figures.js';

const ratioSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().nullable(),
});
const figuresSchema = z.object({
  departmentId: z.number().int().nullable(),
  submitted: z.number().int(),
  acceptance: ratioSchema,
  onTimeSigning: ratioSchema,
  onTimeReply: ratioSchema,
  satisfaction: ratioSchema,
  solved: ratioSchema,
  redo: ratioSchema,
  bounce: ratioSchema,
  replied: z.number().int(),
  avgHandlingDays: z.number().nullable(),
});
export const figuresResponse = z.object({
  month: z.string(),
  departments: z.array(figuresSchema.extend({ departmentName: z.string().nullable() })),
  total: figuresSchema,
});
/** Strings, checked by hand so a bad month answers OPINION_FIGURES_MONTH_INVALID. */
const monthQuery = z.object({
  year: z.string().max(10).optional(),
  month: z.string().max(10).optional(),
});

/** 'YYYY-MM' from ?year=&month= (default: this month in Asia/Shanghai). */
export function monthParam(q: { year?: string; month?: string }): string {
  const today = todayInShanghai();
  const y = q.year ?? today.slice(0, 4);
  const m = q.month ?? (q.year === undefined ? today.slice(5, 7) : '');
  if (!/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m))
    throw new AppError('OPINION_FIGURES_MONTH_INVALID');
  const year = Number(y);
  const month = Number(m);
  if (year < 2000 || year > 2100 || month < 1 || month > 12) {
    throw new AppError('OPINION_FIGURES_MONTH_INVALID');
  }
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Routes for the figures per department and month, their dashboard and export. */
export const opinionFiguresRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;

  app.get(
    '/opinions/figures',
    {
      schema: {
        tags: ['opinions'],
        summary: 'Handling figures per department for a month (office, leaders, supervisors)',
        querystring: monthQuery,
        response: { 200: figuresResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!opinionPolicy.viewFigures(actor)) throw new AppError('FORBIDDEN');
      return opinionFigures(database, actor.unitId, monthParam(req.query));
    },
  );

  app.get(
    '/opinions/figures.xlsx',
    {
      schema: {
        tags: ['opinions'],
        summary: 'The same figures as an .xlsx file',
        querystring: monthQuery,
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe('the .xlsx file'), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!opinionPolicy.viewFigures(actor)) throw new AppError('FORBIDDEN');
      const month = monthParam(req.query);
      const file = await figuresWorkbook(
        await opinionFigures(database, actor.unitId, month),
        req.locale,
      );
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="opinion-figures-${month}.xlsx"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
};
