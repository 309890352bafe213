import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../plugins/session.js';
import { AppError } from '../errors.js';
import { errors, typed, type RoutePlugin } from '../http.js';
import * as commands from './commands.js';
import { calendarPolicy } from './policy.js';
import { calendarAbilities, presentDay } from './present.js';
import * as repo from './repository.js';
import * as s from './schemas.js';
import { loadCalendar } from './service.js';
import { addWorkingDays, dayIndex, isWorkingDay, todayInShanghai } from './working-days.js';

function allow(ok: boolean) {
  if (!ok) throw new AppError('FORBIDDEN');
}

export const calendarRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const ctx = (req: FastifyRequest) => ({ database, actor: requireActor(req) });

  app.get(
    '/calendar',
    {
      schema: {
        tags: ['calendar'],
        querystring: s.yearQuery,
        response: { 200: s.calendarYearSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(calendarPolicy.read(actor));
      const cal = await loadCalendar(database, actor.unitId);
      const year = req.query.year;
      const years = await repo.seededYears(database.db, actor.unitId);
      const seeded = years.find((y) => y.year === year);
      if (!seeded) throw new AppError('CALENDAR_YEAR_NOT_SEEDED', { year, years: cal.years });
      const rows = await repo.listDays(database.db, actor.unitId, `${year}-01-01`, `${year}-12-31`);
      return {
        year,
        statutoryPublished: seeded.statutory === 1,
        days: rows.map(presentDay),
        years: years.map((y) => y.year),
        today: todayInShanghai(),
        abilities: calendarAbilities(actor),
      };
    },
  );

  app.post(
    '/calendar/changes',
    {
      schema: {
        tags: ['calendar'],
        body: s.changeBody,
        response: { 200: z.object({ ok: z.literal(true), days: z.number() }), ...errors },
      },
    },
    async (req) => {
      allow(calendarPolicy.edit(requireActor(req)));
      const { days } = await commands.changeCalendar(ctx(req), req.body.changes);
      return { ok: true as const, days };
    },
  );

  /** Working-day arithmetic for screens that show a due date before it is saved. */
  app.get(
    '/calendar/add',
    {
      schema: {
        tags: ['calendar'],
        querystring: s.addQuery,
        response: {
          200: z.object({
            date: z.string(),
            from: z.string(),
            days: z.number(),
            working: z.boolean(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(calendarPolicy.read(actor));
      const { date, days } = req.query;
      const i = dayIndex(date);
      // Leave room for the walk itself at both ends of the supported range.
      if (i < 400 || i > 36_400) throw new AppError('CALENDAR_DATE_INVALID', { date });
      const cal = await loadCalendar(database, actor.unitId);
      return {
        from: date,
        days,
        date: addWorkingDays(cal, date, days),
        working: isWorkingDay(cal, date),
      };
    },
  );
};
