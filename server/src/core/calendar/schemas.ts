import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const calendarDaySchema = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  /** The statutory name (春节) or null. */
  name: z.string().nullable(),
  source: z.enum(['statutory', 'office']),
  /** The office's reason when it changed the day. */
  reason: z.string().nullable(),
  /** What the day is without the office's change. */
  defaultKind: z.enum(['holiday', 'workday', 'weekday', 'weekend']),
});

export const calendarYearSchema = z.object({
  year: z.number(),
  /** Whether the package carried the State Council's arrangement for the year when seeded. */
  statutoryPublished: z.boolean(),
  /** Days that differ from Monday–Friday work (weekends are implied). */
  days: z.array(calendarDaySchema),
  years: z.array(z.number()),
  today: z.string(),
  abilities: z.object({ edit: z.boolean() }),
});

export const changeBody = z.object({
  changes: z
    .array(
      z.object({
        from: date,
        to: date,
        kind: z.enum(['holiday', 'workday', 'default']),
        reason: z.string().max(200).nullish(),
      }),
    )
    .min(1)
    .max(20),
});

export const addQuery = z.object({
  date,
  days: z.coerce.number().int().min(-366).max(366),
});
