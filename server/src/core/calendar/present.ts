import type { Actor } from '../actor.js';
import { calendarPolicy } from './policy.js';
import type { DayKind } from './working-days.js';
import { weekday } from './working-days.js';

/** Presenters: calendar rows in, whitelisted responses out. */

export function presentDay(row: {
  date: string;
  statutory_kind: DayKind | null;
  statutory_name: string | null;
  override_kind: DayKind | null;
  override_reason: string | null;
}) {
  const wd = weekday(row.date);
  const plain = wd === 0 || wd === 6 ? ('weekend' as const) : ('weekday' as const);
  return {
    date: row.date,
    kind: (row.override_kind ?? row.statutory_kind)!,
    name: row.statutory_name,
    source: row.override_kind ? ('office' as const) : ('statutory' as const),
    reason: row.override_reason,
    defaultKind: row.statutory_kind ?? plain,
  };
}

export function calendarAbilities(actor: Actor) {
  return { edit: calendarPolicy.edit(actor) };
}
