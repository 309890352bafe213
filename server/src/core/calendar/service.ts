import type { Database, Queryable, Tx } from '../../db/database.js';
import { systemActor } from '../actor.js';
import { runCommand, type AuditWriter } from '../command.js';
import * as repo from './repository.js';
import { statutoryDays } from './statutory.js';
import {
  buildCalendar,
  todayInShanghai,
  yearOf,
  type DayKind,
  type WorkingCalendar,
} from './working-days.js';

/**
 * Loading a unit's calendar: seeded lazily (current and next year in Asia/Shanghai) the first
 * time it is needed, then cached per database and unit. An edit in this process drops the cache
 * at once; another process sees it within CACHE_MS.
 */
export const CACHE_MS = 60_000;

interface Entry {
  cal: WorkingCalendar;
  at: number;
}
const caches = new WeakMap<object, Map<number, Entry>>();

function cacheOf(database: Database) {
  let m = caches.get(database.db);
  if (!m) caches.set(database.db, (m = new Map()));
  return m;
}

export function invalidateCalendar(database: Database, unitId: number) {
  cacheOf(database).delete(unitId);
}

/** The years a unit's calendar must cover on a given day: this year and the next. */
export function requiredYears(today: string = todayInShanghai()): [number, number] {
  const y = yearOf(today);
  return [y, y + 1];
}

/** Resolve a stored row to the kind that applies: the office's override, else the statutory one. */
export function effectiveKind(row: {
  statutory_kind: DayKind | null;
  override_kind: DayKind | null;
}): DayKind {
  return (row.override_kind ?? row.statutory_kind)!;
}

/**
 * Seed the missing years inside the caller's transaction. Another process seeding at the same
 * time is harmless: the year row is claimed with ON CONFLICT DO NOTHING, so only one inserts days.
 */
export async function seedMissingYears(
  tx: Queryable,
  unitId: number,
  audit: AuditWriter,
  years: number[],
): Promise<number[]> {
  const have = new Set((await repo.seededYears(tx, unitId)).map((r) => r.year));
  const seeded: number[] = [];
  const now = new Date().toISOString();
  for (const year of years) {
    if (have.has(year)) continue;
    const days = statutoryDays(year);
    if (!(await repo.insertYear(tx, { unitId, year, statutory: days.length > 0, now }))) continue;
    await repo.insertStatutoryDays(tx, unitId, days, now);
    await audit(
      'calendar.seeded',
      { type: 'calendar', id: year },
      {
        year,
        statutoryDays: days.length,
        statutoryPublished: days.length > 0,
      },
    );
    seeded.push(year);
  }
  return seeded;
}

async function readCalendar(db: Queryable, unitId: number): Promise<WorkingCalendar> {
  const years = (await repo.seededYears(db, unitId)).map((r) => r.year);
  const rows = await repo.listDays(db, unitId);
  // Years not seeded for the unit (past years, far future) follow the package's data as is.
  const seeded = new Set(years);
  const defaults: Array<{ date: string; kind: DayKind }> = [];
  const minYear = Math.min(...years, yearOf(todayInShanghai())) - 3;
  for (let y = minYear; y <= yearOf(todayInShanghai()) + 2; y++) {
    if (!seeded.has(y)) defaults.push(...statutoryDays(y));
  }
  return buildCalendar(unitId, years, [
    ...defaults,
    ...rows.map((r) => ({ date: r.date, kind: effectiveKind(r) })),
  ]);
}

function fresh(database: Database, unitId: number): WorkingCalendar | null {
  const e = cacheOf(database).get(unitId);
  return e && Date.now() - e.at < CACHE_MS ? e.cal : null;
}

function remember(database: Database, unitId: number, cal: WorkingCalendar) {
  cacheOf(database).set(unitId, { cal, at: Date.now() });
  return cal;
}

function covers(cal: WorkingCalendar, today: string) {
  return requiredYears(today).every((y) => cal.years.includes(y));
}

/** A unit's calendar, outside a transaction (seeding it, with an audit entry, when needed). */
export async function loadCalendar(database: Database, unitId: number): Promise<WorkingCalendar> {
  const today = todayInShanghai();
  const cached = fresh(database, unitId);
  if (cached && covers(cached, today)) return cached;
  let cal = await readCalendar(database.db, unitId);
  if (!covers(cal, today)) {
    await runCommand({ database, actor: systemActor(unitId) }, (tx, audit) =>
      seedMissingYears(tx, unitId, audit, requiredYears(today)),
    );
    cal = await readCalendar(database.db, unitId);
  }
  return remember(database, unitId, cal);
}

/** A unit's calendar inside a command's transaction (other modules' commands use this). */
export async function calendarInTx(
  database: Database,
  tx: Tx,
  unitId: number,
  audit: AuditWriter,
): Promise<WorkingCalendar> {
  const today = todayInShanghai();
  const cached = fresh(database, unitId);
  if (cached && covers(cached, today)) return cached;
  await seedMissingYears(tx, unitId, audit, requiredYears(today));
  // Not cached: the transaction may still roll back.
  return readCalendar(tx, unitId);
}
