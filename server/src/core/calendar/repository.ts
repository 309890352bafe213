import type { Queryable } from '../../db/database.js';
import type { DayKind } from './working-days.js';

/** The only code that touches the calendar tables. */

export async function seededYears(db: Queryable, unitId: number) {
  return db
    .selectFrom('calendar_years')
    .select(['year', 'statutory', 'seeded_at'])
    .where('unit_id', '=', unitId)
    .orderBy('year')
    .execute();
}

/** Claim a year for seeding; false when it is already seeded (by us or another process). */
export async function insertYear(
  db: Queryable,
  y: { unitId: number; year: number; statutory: boolean; now: string },
) {
  const row = await db
    .insertInto('calendar_years')
    .values({ unit_id: y.unitId, year: y.year, statutory: y.statutory ? 1 : 0, seeded_at: y.now })
    .onConflict((oc) => oc.columns(['unit_id', 'year']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function insertStatutoryDays(
  db: Queryable,
  unitId: number,
  days: Array<{ date: string; kind: DayKind; name: string }>,
  now: string,
) {
  if (days.length === 0) return;
  await db
    .insertInto('calendar_days')
    .values(
      days.map((d) => ({
        unit_id: unitId,
        date: d.date,
        statutory_kind: d.kind,
        statutory_name: d.name,
        override_kind: null,
        override_reason: null,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['unit_id', 'date']).doNothing())
    .execute();
}

export async function listDays(db: Queryable, unitId: number, from?: string, to?: string) {
  let q = db
    .selectFrom('calendar_days')
    .select(['date', 'statutory_kind', 'statutory_name', 'override_kind', 'override_reason'])
    .where('unit_id', '=', unitId);
  if (from) q = q.where('date', '>=', from);
  if (to) q = q.where('date', '<=', to);
  return q.orderBy('date').execute();
}

export async function daysInRange(db: Queryable, unitId: number, from: string, to: string) {
  return listDays(db, unitId, from, to);
}

/** Set the office's kind for a date (creating the row when the date had no statutory entry). */
export async function setOverride(
  db: Queryable,
  unitId: number,
  date: string,
  kind: DayKind,
  reason: string,
  now: string,
) {
  await db
    .insertInto('calendar_days')
    .values({
      unit_id: unitId,
      date,
      statutory_kind: null,
      statutory_name: null,
      override_kind: kind,
      override_reason: reason,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'date']).doUpdateSet({
        override_kind: kind,
        override_reason: reason,
        updated_at: now,
      }),
    )
    .execute();
}

/** Back to the statutory / weekday default: drop the override, and the row if nothing is left. */
export async function clearOverride(db: Queryable, unitId: number, date: string, now: string) {
  await db
    .deleteFrom('calendar_days')
    .where('unit_id', '=', unitId)
    .where('date', '=', date)
    .where('statutory_kind', 'is', null)
    .execute();
  await db
    .updateTable('calendar_days')
    .set({ override_kind: null, override_reason: null, updated_at: now })
    .where('unit_id', '=', unitId)
    .where('date', '=', date)
    .where('override_kind', 'is not', null)
    .execute();
}
