import { runCommand, type CommandContext } from '../command.js';
import { AppError } from '../errors.js';
import * as repo from './repository.js';
import { invalidateCalendar, requiredYears, seedMissingYears } from './service.js';
import { addDays, dayIndex, todayInShanghai, yearOf, type DayKind } from './working-days.js';

export interface CalendarChange {
  from: string;
  to: string;
  /** 'default' puts the days back to the statutory arrangement (or plain weekday / weekend). */
  kind: DayKind | 'default';
  reason?: string | null;
}

/** The longest range one change may cover (a holiday week with its weekends fits easily). */
export const MAX_RANGE_DAYS = 31;

function validate(changes: CalendarChange[], seeded: Set<number>) {
  const ranges = changes.map((c) => {
    for (const d of [c.from, c.to]) {
      if (dayIndex(d) < 0) throw new AppError('CALENDAR_DATE_INVALID', { date: d });
    }
    const from = dayIndex(c.from);
    const to = dayIndex(c.to);
    if (to < from) throw new AppError('CALENDAR_RANGE_INVALID', { from: c.from, to: c.to });
    if (to - from + 1 > MAX_RANGE_DAYS)
      throw new AppError('CALENDAR_RANGE_TOO_LONG', { max: MAX_RANGE_DAYS });
    for (const d of [c.from, c.to]) {
      if (!seeded.has(yearOf(d)))
        throw new AppError('CALENDAR_YEAR_NOT_SEEDED', { year: yearOf(d) });
    }
    const reason = c.reason?.trim() ?? '';
    if (c.kind !== 'default' && !reason) throw new AppError('CALENDAR_REASON_REQUIRED');
    return { ...c, reason, fromIndex: from, toIndex: to };
  });
  const sorted = [...ranges].sort((a, b) => a.fromIndex - b.fromIndex);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.fromIndex <= sorted[i - 1]!.toIndex) {
      throw new AppError('CALENDAR_RANGES_OVERLAP', {
        first: { from: sorted[i - 1]!.from, to: sorted[i - 1]!.to },
        second: { from: sorted[i]!.from, to: sorted[i]!.to },
      });
    }
  }
  return ranges;
}

/** The office marks dates as holidays or working days, or resets them; one audit entry a change. */
export async function changeCalendar(ctx: CommandContext, changes: CalendarChange[]) {
  const unitId = ctx.actor.unitId;
  const result = await runCommand(ctx, async (tx, audit) => {
    await seedMissingYears(tx, unitId, audit, requiredYears(todayInShanghai()));
    const seeded = new Set((await repo.seededYears(tx, unitId)).map((r) => r.year));
    const ranges = validate(changes, seeded);
    const now = new Date().toISOString();
    let days = 0;
    for (const r of ranges) {
      for (let d = r.from; ; d = addDays(d, 1)) {
        if (r.kind === 'default') await repo.clearOverride(tx, unitId, d, now);
        else await repo.setOverride(tx, unitId, d, r.kind, r.reason, now);
        days++;
        if (d === r.to) break;
      }
      await audit(
        'calendar.changed',
        { type: 'calendar', id: r.from === r.to ? r.from : `${r.from}..${r.to}` },
        { from: r.from, to: r.to, kind: r.kind, reason: r.reason || null },
      );
    }
    return { days };
  });
  invalidateCalendar(ctx.database, unitId);
  return result;
}
